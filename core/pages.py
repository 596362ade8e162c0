"""Site-wide pages: the home page, which draws on every app, the about page and the
pages that explain the programs.

Nothing imports this module but core's URLs: it sits above every app.
"""

from django.db.models import Count, Prefetch
from django.views.generic import TemplateView

from meetings import schedule_cache
from meetings.views import expire_when_one_ends
from partnerships.models import (
    Borough,
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
)

HOME_MEETING_DAYS = 31
HOME_MEETING_COUNT = 5


class HomeView(TemplateView):
    template_name = "core/home.html"

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
    template_name = "core/about.html"


def district_coverage() -> dict:
    """Every community district by borough, each with the published partnerships covering it.

    Two queries however many districts and partnerships: the districts, then
    the published partnerships linked to them (name and slug are all a link
    needs). Unpublished partnerships cover nothing: residents could not open them.
    """
    districts = CommunityDistrict.objects.prefetch_related(
        Prefetch(
            "communitypartnership_set",
            queryset=CommunityPartnership.objects.published().only("name", "slug"),
            to_attr="partnerships",
        )
    )
    by_borough = {value: [] for value in Borough.values}
    for district in districts:
        by_borough[district.borough].append(district)
    boroughs = [
        {
            "label": label,
            "districts": by_borough[value],
            "covered": sum(1 for d in by_borough[value] if d.partnerships),
        }
        for value, label in Borough.choices
    ]
    every_district = [d for borough in boroughs for d in borough["districts"]]
    return {
        "boroughs": boroughs,
        "district_total": len(every_district),
        "covered_total": sum(borough["covered"] for borough in boroughs),
        "partnership_total": len({p.pk for d in every_district for p in d.partnerships}),
    }


class InitiativeView(TemplateView):
    """The Community Partnership Initiative: its mission, its tasks and where it reaches."""

    template_name = "core/initiative.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(coverage=district_coverage(), **kwargs)


class ApproachView(TemplateView):
    """The Community Partnerships for Protecting Children approach the partnerships follow."""

    template_name = "core/approach.html"


class ParentsAsPartnersView(TemplateView):
    """Parents as Partners: what it offers and how to reach it, printable as a handout.

    There is deliberately no form here: case information is private and goes
    by phone or through the caseworker, never through a public website.
    """

    template_name = "core/parents_as_partners.html"
