"""The public form and its thank-you page, for any kind of submission.

An app's view sets the kind, the form and the templates; the flow is the
same for all: a form post only, the rate limit, the honeypot, the form's own
checks, then ``services.submit`` and a redirect to the thank-you page, which
shows the reference and nothing the person typed.
"""

import math

from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from . import ratelimit, services
from .kinds import SubmissionKind

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


# Never cached: the form sets the CSRF cookie, and an error page holds what was typed.
@method_decorator(never_cache, name="dispatch")
class SubmissionFormView(View):
    kind: SubmissionKind
    form_class: type
    template_name: str
    rate_limited_template: str
    refused_template: str
    # The URL name of the thank-you page, given the reference.
    thanks_url: str
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs) -> dict:
        return {
            "retention_years": round(self.kind.model.retention_days() / 365),
            "mailbox": settings.OCEP_MAILBOX,
            **kwargs,
        }

    def render_form(self, form):
        return render(self.request, self.template_name, self.get_context_data(form=form))

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form_class())

    def post(self, request, *args, **kwargs):
        kind = self.kind
        if request.content_type not in FORM_CONTENT_TYPES:
            kind.logger.warning(
                "%s refused: not a form post (%r)", kind.label, request.content_type[:60]
            )
            raise BadRequest("Not a form post.")
        if ratelimit.rate_limit_reached(kind, request):
            kind.logger.warning("%s refused: rate limit reached", kind.label)
            seconds_left = ratelimit.seconds_left(kind)
            context = {"mailbox": settings.OCEP_MAILBOX, "minutes": math.ceil(seconds_left / 60)}
            response = render(request, self.rate_limited_template, context, status=429)
            response["Retry-After"] = str(seconds_left)
            return response

        form = self.form_class(request.POST)
        if form.is_spam:
            ratelimit.count_submission(kind, request)
            kind.logger.warning("%s refused: honeypot field filled in", kind.label)
            return render(
                request, self.refused_template, {"mailbox": settings.OCEP_MAILBOX}, status=400
            )
        if not form.is_valid():
            kind.logger.info(
                "%s: form returned with errors in: %s", kind.label, ", ".join(sorted(form.errors))
            )
            return self.render_form(form)

        submission = services.submit(
            kind, data=form.submission_data(), language=get_language() or settings.LANGUAGE_CODE
        )
        ratelimit.count_submission(kind, request)
        return redirect(self.thanks_url, reference=submission.reference)


class SubmissionThanksView(TemplateView):
    """The reference, looked up so that an unknown one is a 404; nothing else about it."""

    model: type

    def get_context_data(self, **kwargs):
        submission = get_object_or_404(
            self.model.objects.only("reference"), reference=kwargs["reference"]
        )
        return {
            **super().get_context_data(**kwargs),
            "reference": submission.reference,
            "mailbox": settings.OCEP_MAILBOX,
        }
