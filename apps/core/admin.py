"""Admin pieces shared by several apps."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.versions import (
    CONFLICT_MESSAGE,
    HIDDEN_FIELDS,
    VERSION_FIELD,
    VersionedForm,
    hidden_field,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records kept as evidence or computed by the portal: read in admin, never changed there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionedAdmin:
    """A ModelAdmin mixin: a change form saved after someone else's save of the record is
    refused with the list of what they changed, and keeps what the user typed. The admin saves
    in one transaction, so the row locked in the form's check stays locked until saved."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Without declared fieldsets the admin lists the form's fields, these two among them.
        if obj is None or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": HIDDEN_FIELDS, "classes": ["hidden"]})]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            # Declared on the form class, so the admin accepts them in its fieldsets.
            kwargs["form"] = type(self.form)(
                self.form.__name__,
                (_AdminVersionCheck, self.form),
                {name: hidden_field(name) for name in HIDDEN_FIELDS},
            )
        return super().get_form(request, obj, **kwargs)


class _AdminVersionCheck(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        try:
            with transaction.atomic():
                current = (
                    type(self.instance)._base_manager.select_for_update().get(pk=self.instance.pk)
                )
        except type(self.instance).DoesNotExist:
            return cleaned
        if current.version != self.posted_version():
            changes = self.changes_since_loaded(current)
            self.refresh_version(current)
            raise ValidationError(
                [str(CONFLICT_MESSAGE)]
                + [
                    _("%(field)s: now “%(saved)s”, when you opened the form “%(loaded)s”.")
                    % {"field": change["label"], **change}
                    for change in changes
                ]
            )
        return cleaned
