"""A form field for several photos at once, with every problem explained in the user's language."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.images import (
    MAX_PHOTO_BYTES,
    CleanPhoto,
    PhotoProblem,
    UnusablePhotoError,
    clean_photo,
)

PROBLEM_MESSAGES = {
    PhotoProblem.TOO_LARGE: _("%(name)s is too large: a photo may be at most 8 MB."),
    PhotoProblem.TOO_MANY_PIXELS: _(
        "%(name)s has too many pixels: a photo may be at most %(megapixels)d megapixels. "
        "Send a smaller copy."
    ),
    PhotoProblem.NOT_AN_IMAGE: _("%(name)s is not a photo. Choose a JPEG, PNG or WebP picture."),
    PhotoProblem.WRONG_FORMAT: _("%(name)s is not a JPEG, PNG or WebP picture."),
    PhotoProblem.CORRUPT: _("%(name)s is damaged and cannot be opened. Try another copy."),
}


def cleaned_upload(upload) -> CleanPhoto:
    """One uploaded photo, cleaned; a ValidationError naming the file says what is wrong."""
    try:
        if upload.size > MAX_PHOTO_BYTES:
            raise UnusablePhotoError(PhotoProblem.TOO_LARGE)
        return clean_photo(upload.read())
    except UnusablePhotoError as rejection:
        raise forms.ValidationError(
            PROBLEM_MESSAGES[rejection.problem],
            code=rejection.problem.value,
            params={"name": upload.name, "megapixels": rejection.max_pixels // 1_000_000},
        ) from rejection


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Cleans to a list of (original name, CleanPhoto). A record holds at most `max_photos`;
    a form editing a record sets `existing_count` to the photos it already has."""

    widget = MultiplePhotoInput

    def __init__(self, *, max_photos: int, **kwargs):
        self.max_photos = max_photos
        self.existing_count = 0
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if self.required and not uploads:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        self._check_count(len(uploads))
        photos, errors = [], []
        for upload in uploads:
            try:
                photos.append((upload.name, cleaned_upload(upload)))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return photos

    def _check_count(self, count: int) -> None:
        allowed = max(self.max_photos - self.existing_count, 0)
        if count > allowed:
            raise forms.ValidationError(
                ngettext(
                    "You can add at most %(count)d more photo.",
                    "You can add at most %(count)d more photos.",
                    allowed,
                )
                % {"count": allowed},
                code="too_many",
            )
