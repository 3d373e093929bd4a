from django import forms
from django.utils.translation import gettext_lazy as _


class AccessLogFilterForm(forms.Form):
    username = forms.CharField(label=_("Official's username"), required=False, max_length=150)
    record = forms.CharField(label=_("Record"), required=False, max_length=200)
