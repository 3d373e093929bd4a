from django import template
from django.utils.translation import get_language_info

from trackchild.languages import portal_language_choices

register = template.Library()


@register.simple_tag
def portal_languages():
    """The offered languages in which every page of the portal reads (get_language_info()
    dicts); the others are offered on Khoya-Paya only."""
    return [get_language_info(code) for code, _name in portal_language_choices()]
