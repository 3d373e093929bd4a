"""The options of every `<select>`, written in Python (templates/django/forms/widgets/select.html).

Django's own select template includes two more templates for every option; with the States/UTs
and the languages of India a search or filing form has 80 to 200 options, and including those
templates cost a search page more time than its queries (docs/scaling.md)."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def select_options(widget: dict) -> str:
    """The widget's options as Django's select_option.html writes them, grouped the same way."""
    return format_html_join(
        "", "{}", ((_group(name, options),) for name, options, _index in widget["optgroups"])
    )


def _group(name: str, options: list[dict]) -> str:
    rendered = format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
    )
    if name:
        return format_html('\n  <optgroup label="{}">{}\n  </optgroup>', name, rendered)
    return rendered
