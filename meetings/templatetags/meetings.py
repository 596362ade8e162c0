from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from meetings.views import partnership_meetings_context

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


@register.inclusion_tag("meetings/includes/partnership_meetings.html", takes_context=True)
def partnership_meetings(context, partnership):
    """{% partnership_meetings object %}: the meetings section of a partnership's page.

    A page-cache hint that the page expires when its first listed meeting
    ends is set while rendering, before the page cache stores the response.
    """
    return partnership_meetings_context(context["request"], partnership)
