from django import template
from django.utils.translation import get_language_info

from apps.citizens.selectors import languages_for_visitor

register = template.Library()


@register.simple_tag(takes_context=True)
def visitor_languages(context):
    """(the chosen State/UT's languages, the others), each as get_language_info() dicts."""
    first, others = languages_for_visitor(context["request"].GET.get("state"))
    return [get_language_info(code) for code in first], [get_language_info(c) for c in others]
