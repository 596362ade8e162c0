"""Public pages: what the workshops are, the request form and its thank-you page.

The form's flow (rate limit, honeypot, checks, submit, thanks) is the shared
one of ``core.submissions.views``.
"""

from django.conf import settings
from django.views.generic import TemplateView

from core.submissions.views import SubmissionFormView, SubmissionThanksView

from .forms import WorkshopRequestForm
from .models import AcsProgram, WorkshopRequest, WorkshopTopic
from .services import KIND


class WorkshopIndexView(TemplateView):
    template_name = "workshops/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topics"] = WorkshopTopic.objects.active()
        context["programs"] = AcsProgram.objects.active()
        context["min_lead_days"] = settings.WORKSHOP_MIN_LEAD_DAYS
        return context


class RequestWorkshopView(SubmissionFormView):
    kind = KIND
    form_class = WorkshopRequestForm
    template_name = "workshops/request_form.html"
    rate_limited_template = "workshops/rate_limited.html"
    refused_template = "workshops/request_refused.html"
    thanks_url = "workshops:thanks"


class ThanksView(SubmissionThanksView):
    model = WorkshopRequest
    template_name = "workshops/thanks.html"
