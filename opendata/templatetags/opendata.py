"""{{ "per_page"|code }}: a technical token, untranslated, inside translated text.

URLs, parameter names, JSON keys and header names stay in English in every
language, and read left to right inside an Arabic or Urdu sentence: the
element says so (`lang="en" dir="ltr"`; an element with `dir` is isolated
from the text around it, so neither is reordered).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def code(value):
    """The value, escaped, as <code lang="en" dir="ltr">."""
    return format_html('<code lang="en" dir="ltr">{}</code>', value)
