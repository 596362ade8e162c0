"""{{ "per_page"|code }}: a technical token, untranslated, inside translated text.

URLs, parameter names, JSON keys and header names stay in English in every
language, and read left to right inside an Arabic or Urdu sentence: the
element says so (`lang="en" dir="ltr"`; an element with `dir` is isolated
from the text around it, so neither is reordered).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def code(value):
    """The value, escaped, as <code lang="en" dir="ltr">.

    A long name may wrap after an underscore or a slash (<wbr>), on a phone,
    rather than in the middle of a word.
    """
    text = str(value)
    # Not after a leading slash: "/services" stays whole.
    text = text[:1] + text[1:].replace("_", "_\0").replace("/", "/\0")
    parts = format_html_join(mark_safe("<wbr>"), "{}", ((part,) for part in text.split("\0")))
    return format_html('<code lang="en" dir="ltr">{}</code>', parts)


@register.filter
def codes(values):
    """Several technical tokens, each as `code` makes it, separated by commas."""
    return format_html_join(", ", "{}", ((code(value),) for value in values))
