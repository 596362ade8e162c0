"""{{ value|ltr }}: text that reads left to right whatever the page's direction.

Phone numbers, e-mail and web addresses, times, reference numbers and postal
codes are written left to right in every language. Inside a right-to-left
page (Arabic, Urdu) the bidirectional algorithm would otherwise reorder their
punctuation: "(212) 676-9421" shows as "9421-676 (212)" and "6:00–8:00 PM" as
"PM 8:00–6:00". A <bdi dir="ltr"> isolates the value in both directions, so
neither it nor the sentence around it is reordered. In left-to-right pages it
changes nothing a reader sees.

A core helper: it imports no app of ours (tests/test_layering.py).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def ltr(value):
    """The value, escaped, in a left-to-right isolate; nothing at all for an empty value."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
