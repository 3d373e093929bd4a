"""Care links on pages of other apps, without those apps depending on this one."""

from django import template

from apps.care import selectors
from apps.care.choices import CareStatus
from apps.reports.choices import ReportKind

register = template.Library()


@register.inclusion_tag("care/_admit_link.html", takes_context=True)
def admit_link(context, report):
    """Offer a Child Care Institution to admit a found child who is not in care yet."""
    user = context["request"].user
    offer = (
        report.kind == ReportKind.FOUND
        and selectors.can_admit(user)
        and not report.care_stays.filter(status=CareStatus.IN_CARE).exists()
    )
    return {"report": report, "offer": offer}
