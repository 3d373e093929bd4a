from django import template

from apps.alerts.selectors import latest_digest_of

register = template.Library()


@register.simple_tag
def latest_digest(district):
    """The digest last sent to the district's DM and SP, for a page already allowed to show the
    district's figures."""
    return latest_digest_of(district)
