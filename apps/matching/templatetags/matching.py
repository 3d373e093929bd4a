from django import template
from django.utils.translation import gettext_lazy as _

from apps.matching import evidence_text, selectors
from apps.matching.tasks import process_report
from apps.outbox.selectors import is_waiting
from apps.reports.choices import Status

register = template.Library()

NAMES_WITHHELD = _("Names are shown only to officials who may see both full records.")
EVIDENCE_LABELS = {
    "name": _("Name"),
    "sex": _("Sex"),
    "age": _("Age"),
    "dates": _("Dates"),
    "birth": _("Date of birth"),
    "place": _("Place"),
    "home": _("Home, as the child told it"),
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
def evidence_detail(item: dict, show_names: bool = True) -> str:
    """One stored piece of evidence's detail in the reader's language; without the parents'
    names for a reader who may not see both full records."""
    if not show_names and item.get("key") == "parents":
        return str(NAMES_WITHHELD)
    return evidence_text.evidence_detail(item)


@register.inclusion_tag("matching/_report_candidates.html", takes_context=True)
def match_candidates(context, report):
    """The pairs a report takes part in that the reader may open, shown on its page, the
    proposed duplicates first with their evidence; and whether matching has yet to run on the
    report's last change (just after filing, the filer is told to look again in a moment)."""
    user = context["request"].user
    pairs = selectors.candidates_of_report(user, report)
    return {
        "report": report,
        "candidates": pairs,
        "duplicates": selectors.possible_duplicates(user, pairs, report),
        "looking": report.status == Status.OPEN and is_waiting(process_report, report.pk),
    }
