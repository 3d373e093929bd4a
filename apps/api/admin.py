"""Administrators create, rotate and revoke API keys here; a key is shown once, on a page of its
own, and never stored."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from apps.api import services
from apps.api.forms import ApiClientForm
from apps.api.models import ApiCall, ApiClient
from apps.core.admin import ReadOnlyAdmin


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = [
        "name",
        "state",
        "district",
        "unit",
        "key_prefix",
        "key_issued_at",
        "revoked_at",
    ]
    list_filter = ["state", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_prefix"]
    autocomplete_fields = ["state", "district", "unit"]
    readonly_fields = ["key_prefix", "key_issued_at", "revoked_at", "created_at"]
    actions = ["rotate_keys", "revoke_keys"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        client, key = services.create_client(
            name=obj.name,
            state=obj.state,
            district=obj.district,
            scopes=obj.scopes,
            unit=obj.unit,
            calls_per_minute=obj.calls_per_minute,
        )
        obj.pk = client.pk
        request._issued_keys = [(client, key)]

    def response_add(self, request, obj, post_url_continue=None):
        return self._show_keys(request, request._issued_keys)

    @admin.action(description=_("Issue new keys (the old ones stop working at once)"))
    def rotate_keys(self, request, queryset):
        issued = [(client, services.rotate_key(client=client)) for client in queryset]
        return self._show_keys(request, issued)

    @admin.action(description=_("Revoke the keys"))
    def revoke_keys(self, request, queryset):
        for client in queryset:
            services.revoke(client=client)
        self.message_user(request, _("The keys are revoked."))

    def _show_keys(self, request, issued):
        context = {
            **self.admin_site.each_context(request),
            "title": _("API keys issued"),
            "issued": issued,
            "opts": self.model._meta,
        }
        # Admin pages are never cached, so the key stays out of every cache.
        return TemplateResponse(request, "api/keys_issued.html", context)


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    list_display = ["at", "client", "method", "path", "status", "duration_ms", "ip_address"]
    list_filter = ["status", "method", "client"]
    date_hierarchy = "at"
    list_select_related = ["client"]
