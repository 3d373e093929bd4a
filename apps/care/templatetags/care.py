"""Care links on pages of other apps, without those apps depending on this one."""

from django import template

from apps.care import selectors
from apps.care.choices import CareStatus

register = template.Library()


@register.inclusion_tag("care/_admit_link.html", takes_context=True)
def admit_link(context, report):
    """Offer a Child Care Institution to admit a found child who is not in care yet and may
    come to it."""
    user = context["request"].user
    offer = (
        selectors.may_admit(user, report)
        and not report.care_stays.filter(status=CareStatus.IN_CARE).exists()
    )
    return {"report": report, "offer": offer}
