from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.admin import VersionedAdmin


@admin.register(User)
class OfficialAdmin(VersionedAdmin, UserAdmin):
    list_display = ["username", "get_full_name", "unit", "role_list", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "unit__unit_type", "unit__state"]
    search_fields = ["username", "first_name", "last_name", "email", "mobile", "unit__name"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Unit and roles"), {"fields": ("unit", "roles", "designation", "mobile")}),
        (_("Preferences"), {"fields": ("preferred_language",)}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Unit and roles"), {"fields": ("first_name", "last_name", "email", "unit", "roles")}),
    )

    @admin.display(description=_("roles"))
    def role_list(self, user):
        return ", ".join(user.get_role_labels())

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may change who holds power, and never by editing their own account.
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and (obj.pk == request.user.pk or not request.user.is_superuser):
            readonly += ["unit", "roles", "is_staff", "is_superuser", "groups", "user_permissions"]
        return readonly
