from django import template

from resources.views import partnership_resources as resources_of

register = template.Library()


@register.inclusion_tag("resources/includes/partnership_resources.html", takes_context=True)
def partnership_resources(context, partnership):
    """{% partnership_resources object %}: the resources section of a partnership's page.

    Here rather than in the partnership view, so that partnerships imports
    no other app. Nothing is shown when the partnership has none.
    """
    return {
        "resources": resources_of(partnership),
        "partnership": partnership,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
