from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from apps.core.admin import VersionedAdmin
from apps.directory.models import (
    District,
    NodalOfficer,
    RailwayRoute,
    RailwayRouteStop,
    State,
    Unit,
)


@admin.register(State)
class StateAdmin(TranslationAdmin):
    list_display = ["name", "lgd_code", "kind"]
    search_fields = ["name_en", "name_hi", "name_bn", "lgd_code"]
    list_filter = ["kind"]
    autocomplete_fields = ["neighbours"]


@admin.register(District)
class DistrictAdmin(TranslationAdmin):
    list_display = ["name", "lgd_code", "state", "retired_on"]
    list_filter = ["state", ("retired_on", admin.EmptyFieldListFilter)]
    search_fields = ["name_en", "name_hi", "name_bn", "lgd_code"]
    list_select_related = ["state"]
    autocomplete_fields = ["neighbours"]


class RailwayRouteStopInline(admin.TabularInline):
    model = RailwayRouteStop
    autocomplete_fields = ["district"]
    extra = 1


@admin.register(RailwayRoute)
class RailwayRouteAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [RailwayRouteStopInline]


class NodalOfficerInline(admin.TabularInline):
    model = NodalOfficer
    extra = 0


@admin.register(Unit)
class UnitAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "unit_type", "district", "state", "phone", "is_active"]
    list_filter = ["unit_type", "is_active", "state"]
    search_fields = ["name", "address", "pin_code", "cctns_code", "district__name_en"]
    autocomplete_fields = ["state", "district"]
    list_select_related = ["state", "district"]
    inlines = [NodalOfficerInline]


@admin.register(NodalOfficer)
class NodalOfficerAdmin(admin.ModelAdmin):
    list_display = ["name", "designation", "scope", "unit", "phone"]
    list_filter = ["scope", "unit__state"]
    search_fields = ["name", "designation", "unit__name"]
    autocomplete_fields = ["unit"]
