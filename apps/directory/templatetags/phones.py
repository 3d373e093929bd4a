"""The phone a public page gives for a unit: `{% public_phone unit %}`, always a number."""

from django import template

from apps.directory.selectors import public_phone_for

register = template.Library()


@register.inclusion_tag("includes/phone.html")
def public_phone(unit):
    return {"phone": public_phone_for(unit)}
