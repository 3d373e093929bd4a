"""The three kinds of bulk upload."""

from django.utils.translation import gettext_lazy

MISSING, FOUND, CARE = "missing", "found", "care"
KIND_CHOICES = [
    (MISSING, gettext_lazy("Missing children")),
    (FOUND, gettext_lazy("Found children")),
    (CARE, gettext_lazy("Children in care")),
]
