"""Model fields shared by several apps."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as checkboxes rather than comma-separated text."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.base_field.choices,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            required=not self.blank,
            help_text=self.help_text,
        )
