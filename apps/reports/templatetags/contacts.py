"""Whom to call about a report's child, with a phone: `{% report_contact report as contact %}`
(officials' pages) or `{% report_contact report public=True as contact %}` (the public's)."""

from django import template

from apps.reports.selectors import contact_for

register = template.Library()


@register.simple_tag
def report_contact(report, public=False):
    return contact_for(report, public=public)
