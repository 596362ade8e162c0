"""Public pages: anonymous, server-rendered, published listings only."""

from django.db.models import Count
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from core.views import FilteredListView
from meetings import feeds, occurrences, schedule_cache
from meetings.models import MeetingSeries
from pagecache import hints

from .filters import CenterFilterSet, PartnershipFilterSet
from .models import Borough, CommunityPartnership, FamilyEnrichmentCenter


def expire_when_one_ends(request, listed) -> None:
    """The next few meetings change when the first listed one ends.

    A meeting not listed starts later than all of these; if it ends first, the
    few listed stay the same.
    """
    if listed:
        hints.expire_at(request, min(occurrence.end for occurrence in listed))


HOME_MEETING_DAYS = 31
HOME_MEETING_COUNT = 5
NEXT_MEETING_COUNT = 3


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnerships = dict(
            CommunityPartnership.objects.published()
            .values_list("borough")
            .annotate(n=Count("pk"))
            .order_by()
        )
        centers = dict(
            FamilyEnrichmentCenter.objects.published()
            .values_list("borough")
            .annotate(n=Count("pk"))
            .order_by()
        )
        context["boroughs"] = [
            {
                "value": value,
                "label": label,
                "partnerships": partnerships.get(value, 0),
                "centers": centers.get(value, 0),
            }
            for value, label in Borough.choices
        ]
        context["partnership_total"] = sum(partnerships.values())
        context["center_total"] = sum(centers.values())
        upcoming = schedule_cache.upcoming(days=HOME_MEETING_DAYS)
        context["next_meetings"] = upcoming[:HOME_MEETING_COUNT]
        expire_when_one_ends(self.request, context["next_meetings"])
        context["sample_schedule"] = any(o.series.is_sample_data for o in context["next_meetings"])
        return context


class AboutView(TemplateView):
    template_name = "pages/about.html"


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
