"""No lost updates: a record edited in a form is saved only if nobody saved it since the form was
loaded; otherwise the editor is shown what changed meanwhile and keeps what they typed.

A versioned model counts its saves in `version`. A form made with `VersionedForm` carries the
version it was loaded at and a signed copy of the values it showed; saving its instance compares
the version under a row lock and raises `EditConflictError` when someone else saved first.
Writes that do not come from a form (API, bulk uploads, other services) are not checked but
still count, so a form loaded before them is refused too.
"""

import json

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERSION_FIELD = "loaded_version"
VALUES_FIELD = "loaded_values"
HIDDEN_FIELDS = (VERSION_FIELD, VALUES_FIELD)
_SALT = "apps.core.versions"


class EditConflictError(Exception):
    """Someone saved the record after the form was loaded; `current` is the record as saved."""

    def __init__(self, current):
        super().__init__(f"{current!r} was saved by someone else")
        self.current = current


class Versioned(models.Model):
    # db_default too: the demo and benchmark loaders insert rows in bulk with SQL.
    version = models.PositiveIntegerField(
        gettext_lazy("version"), default=1, db_default=1, editable=False
    )

    # Saves of only these fields are not edits anyone could lose (a sign-in's time, say).
    UNVERSIONED_FIELDS: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (
            update_fields is not None and set(update_fields) <= self.UNVERSIONED_FIELDS
        ):
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        with transaction.atomic(using=kwargs.get("using")):
            self._take_next_version()
            return super().save(*args, **kwargs)

    def _take_next_version(self) -> None:
        """Lock the row, check it is still the version the editor loaded, and take the next."""
        saved = type(self)._base_manager.select_for_update().filter(pk=self.pk)
        current = saved.values_list("version", flat=True).first()
        if current is None:
            return
        expected = getattr(self, "expected_version", None)
        if expected is not None and expected != current:
            raise EditConflictError(saved.get())
        self.version = current + 1
        # The check guards the one save the form was loaded for, not later saves of this object.
        self.expected_version = None


def hidden_field(name: str) -> forms.Field:
    field_class = forms.IntegerField if name == VERSION_FIELD else forms.CharField
    return field_class(widget=forms.HiddenInput, required=False)


def expect_version(instance, version: int | None) -> None:
    """Have the next save of `instance` refused unless the record is still at `version`."""
    instance.expected_version = version


class VersionedForm:
    """A mixin for a model form that edits a versioned record: it carries the version and the
    values it was loaded with, and its instance's next save is checked against that version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.loaded_version()
        if version is None:
            return
        for name in HIDDEN_FIELDS:
            self.fields[name] = hidden_field(name)
        self.initial[VERSION_FIELD] = version
        # Callable, so it is taken when the form is shown, after subclasses add their fields.
        self.initial[VALUES_FIELD] = lambda: signing.dumps(
            _values_shown(self), salt=_SALT, compress=True
        )

    def loaded_version(self) -> int | None:
        """The version this form edits, or None when it makes a new record (nothing to lose)."""
        return self.instance.version if self.instance.pk else None

    def _post_clean(self):
        super()._post_clean()
        if VERSION_FIELD in self.fields:
            expect_version(self.instance, self.posted_version())

    def posted_version(self) -> int:
        # A form posted without its version is stale or forged: -1 matches no record.
        version = self.cleaned_data.get(VERSION_FIELD)
        return -1 if version is None else version

    def changes_since_loaded(self, current) -> list[dict]:
        """Field by field, what `current` (the record as someone else saved it) holds against
        what this form showed when it was loaded."""
        now = type(self)(instance=current, **self.extra_arguments())
        try:
            loaded = signing.loads(self.data.get(VALUES_FIELD, ""), salt=_SALT)
        except signing.BadSignature:
            loaded = {}
        changes = []
        for name, value in _values_shown(now).items():
            if name not in loaded or loaded[name] == value:
                continue
            field = now.fields[name]
            changes.append(
                {
                    "label": field.label or name,
                    "saved": _display(field, value),
                    "loaded": _display(field, loaded[name]),
                }
            )
        return changes

    def extra_arguments(self) -> dict:
        """Keyword arguments, besides the instance, this form class needs to be built."""
        return {}

    def refresh_version(self, current) -> None:
        """Keep what the user typed but load it onto `current`, so that sending it again
        saves over the change the user has now seen."""
        now = type(self)(instance=current, **self.extra_arguments())
        self.data = self.data.copy()
        for name in HIDDEN_FIELDS:
            self.data[name] = now.get_initial_for_field(now.fields[name], name)


def _values_shown(form) -> dict:
    values = {}
    for name, field in form.fields.items():
        if name in HIDDEN_FIELDS or field.disabled or isinstance(field, forms.FileField):
            continue
        value = json.loads(
            json.dumps(field.prepare_value(form[name].initial), cls=DjangoJSONEncoder)
        )
        # A multiple choice is a set: the order a save happened to store it in is no change.
        values[name] = sorted(value, key=str) if isinstance(value, list) else value
    return values


def _display(field, value) -> str:
    if value in (None, "", []):
        return "—"
    values = value if isinstance(value, list) else [value]
    if isinstance(field, forms.ModelChoiceField):
        return ", ".join(str(choice) for choice in field.queryset.filter(pk__in=values))
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if hasattr(field, "choices"):
        labels = dict(_flat_choices(field.choices))
        return ", ".join(str(labels.get(str(item), item)) for item in values)
    return ", ".join(str(item) for item in values)


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield str(key), label


CONFLICT_MESSAGE = gettext_lazy(
    "Not saved: someone else saved this record after you opened the form. Their changes are "
    "listed below and the form now shows your entries; check them and save again."
)


def render_conflict(request, template: str, context: dict, *, form, conflict: EditConflictError):
    """The form page again, refused with 409: what changed meanwhile and what the user typed."""
    changes = form.changes_since_loaded(conflict.current)
    form.refresh_version(conflict.current)
    messages.error(request, CONFLICT_MESSAGE)
    return render(
        request, template, context | {"form": form, "conflict_changes": changes}, status=409
    )
