from django import forms
from django.utils.translation import gettext_lazy as _

from apps.matching.models import CandidateKind, CandidateStatus


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are these not the same child?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), choices=CandidateStatus.choices, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *CandidateKind.choices], required=False
    )
