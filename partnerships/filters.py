"""Keyword search and filters for the public lists (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import LanguageFilter, QuickSelect, SearchFilterSet

from .models import (
    Borough,
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    Language,
    ServiceMode,
)


class ListingFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        # Group the 59 districts by borough in the drop-down; validation still
        # goes through the field's queryset.
        groups: dict[str, list] = {}
        for item in district.queryset:
            groups.setdefault(item.get_borough_display(), []).append((item.code, str(item)))
        district.widget.choices = [("", district.empty_label), *groups.items()]

    def clean(self):
        cleaned_data = super().clean()
        borough, district = cleaned_data.get("borough"), cleaned_data.get("district")
        if borough and district and district.borough != borough:
            self.add_error(
                "district",
                _("%(district)s is not in %(borough)s. Choose a district in that borough.")
                % {"district": district.code, "borough": Borough(borough).label},
            )
        return cleaned_data


class ListingFilterSet(SearchFilterSet):
    borough = django_filters.ChoiceFilter(
        label=_("Borough"), choices=Borough.choices, empty_label=_("All boroughs")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Community district"),
        field_name="community_districts",
        to_field_name="code",
        queryset=CommunityDistrict.objects.all(),
        empty_label=_("All community districts"),
        widget=QuickSelect,
    )
    language = LanguageFilter(queryset=Language.objects.all())


class PartnershipFilterSet(ListingFilterSet):
    search_fields = ("name", "neighborhoods", "lead_organization__name")

    class Meta:
        model = CommunityPartnership
        form = ListingFilterForm
        fields = ["q", "borough", "district", "language"]


class CenterFilterSet(ListingFilterSet):
    service_mode = django_filters.ChoiceFilter(
        label=_("Service mode"), choices=ServiceMode.choices, empty_label=_("Any service mode")
    )
    search_fields = ("name", "neighborhood", "operator__name")

    class Meta:
        model = FamilyEnrichmentCenter
        form = ListingFilterForm
        fields = ["q", "borough", "district", "service_mode", "language"]
