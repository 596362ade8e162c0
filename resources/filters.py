"""Search and filters for the resources list (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import LanguageFilter, QuickSelect, every_word_in
from partnerships.models import CommunityPartnership, Language

from .models import Audience, Resource, Topic


class ResourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
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

    def search(self, queryset, name, value):
        return queryset.filter(every_word_in(self.search_fields, value))

    def filter_queryset(self, queryset):
        # Filtering across many-to-many relations can repeat a row.
        return super().filter_queryset(queryset).distinct()
