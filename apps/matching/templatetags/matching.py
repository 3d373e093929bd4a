from django import template

from apps.matching import selectors

register = template.Library()


@register.inclusion_tag("matching/_report_candidates.html")
def match_candidates(report):
    """The pairs a report takes part in, shown on its page."""
    return {"report": report, "candidates": selectors.candidates_of_report(report)}
