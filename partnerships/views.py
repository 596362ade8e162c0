"""Public pages: anonymous, server-rendered, published listings only."""

from django.views.generic import DetailView

from core.views import FilteredListView

from .filters import CenterFilterSet, PartnershipFilterSet
from .models import CommunityPartnership, FamilyEnrichmentCenter


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
        # Its meetings come from the meetings app's {% partnership_meetings %} tag.
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
