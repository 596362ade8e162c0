"""Public pages: anonymous, server-rendered, published listings only."""

from django.urls import reverse
from django.views.generic import DetailView

from core.views import FilteredListView
from meetings import feeds, occurrences
from meetings.models import MeetingSeries
from meetings.views import expire_when_one_ends

from .filters import CenterFilterSet, PartnershipFilterSet
from .models import CommunityPartnership, FamilyEnrichmentCenter

NEXT_MEETING_COUNT = 3


class PartnershipListView(FilteredListView):
    filterset_class = PartnershipFilterSet
    queryset = (
        CommunityPartnership.objects.published()
        .select_related("lead_organization")
        .prefetch_related("languages")
    )


class PartnershipDetailView(DetailView):
    def get_queryset(self):
        return (
            CommunityPartnership.objects.published()
            .select_related("lead_organization")
            .prefetch_related("languages", "community_districts")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        districts = self.object.community_districts.all()
        context["nearby_centers"] = (
            FamilyEnrichmentCenter.objects.published()
            .filter(community_districts__in=[d.pk for d in districts])
            .select_related("operator")
            .distinct()
        )
        series = list(MeetingSeries.objects.published().for_partnership(self.object).for_listing())
        context["meeting_series"] = series
        context["sample_schedule"] = any(s.is_sample_data for s in series)
        context["next_meetings"] = occurrences.upcoming(series, days=occurrences.LOOKAHEAD_DAYS)[
            :NEXT_MEETING_COUNT
        ]
        expire_when_one_ends(self.request, context["next_meetings"])
        if series:
            context["subscribe"] = feeds.subscribe_links(
                self.request, reverse("meetings:partnership_feed", args=[self.object.slug])
            )
        return context


class CenterListView(FilteredListView):
    filterset_class = CenterFilterSet
    queryset = (
        FamilyEnrichmentCenter.objects.published()
        .select_related("operator")
        .prefetch_related("languages")
    )


class CenterDetailView(DetailView):
    def get_queryset(self):
        return (
            FamilyEnrichmentCenter.objects.published()
            .select_related("operator")
            .prefetch_related("languages", "community_districts")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        districts = self.object.community_districts.all()
        context["nearby_partnerships"] = (
            CommunityPartnership.objects.published()
            .filter(community_districts__in=[d.pk for d in districts])
            .distinct()
        )
        return context
