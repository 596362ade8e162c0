from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: str):
    """Wrap already-serialized JSON in a JSON-LD element (data, not a script a browser runs)."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(JSON_ESCAPES)),  # noqa: S308 (escaped above)
    )
