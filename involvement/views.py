"""The Get involved page: each way to take part, and the interest form under them.

The form's flow (rate limit, honeypot, checks, submit, thanks) is the shared
one of ``core.submissions.views``. The page is never cached: it holds the form
and sets the CSRF cookie.
"""

from core.submissions.views import SubmissionFormView, SubmissionThanksView

from .forms import InterestForm
from .models import MAX_MESSAGE_LENGTH, InterestSubmission
from .services import KIND


class InvolvementView(SubmissionFormView):
    kind = KIND
    form_class = InterestForm
    template_name = "involvement/index.html"
    rate_limited_template = "involvement/rate_limited.html"
    refused_template = "involvement/refused.html"
    thanks_url = "involvement:thanks"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(max_message_length=MAX_MESSAGE_LENGTH, **kwargs)


class ThanksView(SubmissionThanksView):
    model = InterestSubmission
    template_name = "involvement/thanks.html"
