"""Search and filters for the resources list (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import LanguageFilter, QuickSelect, SearchFilterSet
from partnerships.models import CommunityPartnership, Language

from .models import Audience, Resource, Topic


class ResourceFilterSet(SearchFilterSet):
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, empty_label=_("All topics")
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"), choices=Audience.choices, empty_label=_("Everyone")
    )
    language = LanguageFilter(queryset=Language.objects.all())
    # Only the partnerships that have a resource to show are offered.
    partnership = django_filters.ModelChoiceFilter(
        label=_("Community Partnership"),
        field_name="partnerships",
        to_field_name="slug",
        queryset=CommunityPartnership.objects.published()
        .filter(resources__is_published=True)
        .distinct(),
        empty_label=_("All partnerships"),
        widget=QuickSelect,
    )

    search_fields = ("title", "description", "publisher")

    class Meta:
        model = Resource
        fields = ["q", "topic", "audience", "language", "partnership"]
