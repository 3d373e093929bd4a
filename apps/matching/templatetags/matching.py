from django import template
from django.utils.translation import gettext_lazy as _

from apps.matching import evidence_text, selectors

register = template.Library()

EVIDENCE_LABELS = {
    "name": _("Name"),
    "sex": _("Sex"),
    "age": _("Age"),
    "dates": _("Dates"),
    "place": _("Place"),
    "height": _("Height"),
    "parents": _("Parents' names"),
    "languages": _("Languages"),
    "marks": _("Identification marks"),
    "complexion": _("Complexion"),
    "face": _("Face"),
}


@register.filter
def evidence_label(key: str) -> str:
    return EVIDENCE_LABELS.get(key, key)


@register.filter
def evidence_detail(item: dict) -> str:
    """One stored piece of evidence's detail in the reader's language."""
    return evidence_text.evidence_detail(item)


@register.inclusion_tag("matching/_report_candidates.html")
def match_candidates(report):
    """The pairs a report takes part in, shown on its page."""
    return {"report": report, "candidates": selectors.candidates_of_report(report)}
