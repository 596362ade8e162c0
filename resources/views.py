"""The public resources list: published resources only, anonymous and cached."""

from core.views import FilteredListView

from .filters import ResourceFilterSet
from .models import Resource


class ResourceListView(FilteredListView):
    filterset_class = ResourceFilterSet
    queryset = Resource.objects.published().prefetch_related("languages")


def partnership_resources(partnership):
    """The published resources a partnership's page lists, with their languages."""
    return (
        Resource.objects.published().filter(partnerships=partnership).prefetch_related("languages")
    )
