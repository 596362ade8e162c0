"""{{ object|localized:"description" }}: staff's text in the reader's language, or in English.

The value is a string that knows its language (`.lang`) and whether it is the
English standing in for a missing translation (`.fallback`):

    {% with text=object|localized:"description" %}
      <div lang="{{ text.lang }}">{{ text|linebreaks }}</div>
      {% if text.fallback %}{% include "includes/untranslated_note.html" %}{% endif %}
    {% endwith %}

A core helper: it imports no app of ours (tests/test_layering.py).
"""

from django import template

from core.translated import localized as localized_text

register = template.Library()


@register.filter
def localized(obj, field: str):
    if obj is None:
        return ""
    return localized_text(obj, field)
