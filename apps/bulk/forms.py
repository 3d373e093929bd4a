from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("Filled template (XLSX or CSV)"),
        help_text=_("At most 10 MB and 5,000 rows."),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
