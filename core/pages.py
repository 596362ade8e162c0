"""Site-wide pages: the home page, which draws on every app, and the about page.

Nothing imports this module but core's URLs: it sits above every app.
"""

from django.db.models import Count
from django.views.generic import TemplateView

from meetings import schedule_cache
from meetings.views import expire_when_one_ends
from partnerships.models import Borough, CommunityPartnership, FamilyEnrichmentCenter

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
