"""Public pages: what the workshops are, the request form and its thank-you page."""

import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from config.clientip import client_ip
from pagecache import safe

from .forms import WorkshopRequestForm
from .models import AcsProgram, WorkshopRequest, WorkshopTopic
from .services import workshop_request_submit

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class WorkshopIndexView(TemplateView):
    template_name = "workshops/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topics"] = WorkshopTopic.objects.active()
        context["programs"] = AcsProgram.objects.active()
        context["min_lead_days"] = settings.WORKSHOP_MIN_LEAD_DAYS
        return context


def rate_limit_key(request) -> str:
    """A cache key for the client's address in the current period.

    The address is stored only as a keyed hash. The period is part of the key
    (a fixed window), so the count starts again each period whatever the
    cache backend does with expiry times.
    """
    address = client_ip(request)
    digest = salted_hmac("workshops.rate-limit", address, algorithm="sha256").hexdigest()
    window = int(time.time()) // settings.WORKSHOP_RATE_LIMIT_PERIOD
    return f"workshops:submissions:{digest}:{window}"


class _ThrottledWarning:
    """Log one message at most once per ``every`` seconds in this process."""

    def __init__(self, message: str, every: float):
        self.message = message
        self.every = every
        self.lock = threading.Lock()
        self.last = float("-inf")

    def __call__(self) -> None:
        now = time.monotonic()
        with self.lock:
            if now - self.last < self.every:
                return
            self.last = now
        logger.warning(self.message)

    def reset(self) -> None:
        with self.lock:
            self.last = float("-inf")


# The rate limit fails open: a cache outage must not turn residents away, and
# during an outage every request would say the same thing.
rate_limit_unchecked = _ThrottledWarning(
    "Workshop request rate limit not checked: cache unavailable (requests are accepted)",
    every=safe.WARN_EVERY,
)


def rate_limit_reached(request) -> bool:
    """True once this client has sent WORKSHOP_RATE_LIMIT requests in the current period.

    The count lives in Django's cache (Redis when REDIS_URL is set, so every
    worker shares it). Only requests that were accepted, or refused as spam,
    count: a person correcting mistakes in the form is never locked out.
    Without a cache there is no count, and nobody is refused.
    """
    key = rate_limit_key(request)
    count = safe.attempt("checking the workshop rate limit", lambda: cache.get(key, 0), None)
    if count is None:
        rate_limit_unchecked()
        return False
    return count >= settings.WORKSHOP_RATE_LIMIT


def count_submission(request) -> None:
    key = rate_limit_key(request)
    period = settings.WORKSHOP_RATE_LIMIT_PERIOD

    def count() -> bool:
        cache.add(key, 0, timeout=period)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=period)
        return True

    if not safe.attempt("counting a workshop submission", count, False):
        rate_limit_unchecked()


def render_form(request, form):
    context = {
        "form": form,
        "retention_years": round(settings.WORKSHOP_REQUEST_RETENTION_DAYS / 365),
    }
    return render(request, "workshops/request_form.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_workshop(request):
    if request.method != "POST":
        return render_form(request, WorkshopRequestForm())

    if request.content_type not in FORM_CONTENT_TYPES:
        logger.warning("Workshop request refused: not a form post (%r)", request.content_type[:60])
        raise BadRequest("Not a form post.")
    if rate_limit_reached(request):
        logger.warning("Workshop request refused: rate limit reached")
        period = settings.WORKSHOP_RATE_LIMIT_PERIOD
        seconds_left = period - int(time.time()) % period
        context = {"mailbox": settings.OCEP_MAILBOX, "minutes": math.ceil(seconds_left / 60)}
        response = render(request, "workshops/rate_limited.html", context, status=429)
        response["Retry-After"] = str(seconds_left)
        return response

    form = WorkshopRequestForm(request.POST)
    if form.is_spam:
        count_submission(request)
        logger.warning("Workshop request refused: honeypot field filled in")
        return render(
            request,
            "workshops/request_refused.html",
            {"mailbox": settings.OCEP_MAILBOX},
            status=400,
        )
    if not form.is_valid():
        logger.info(
            "Workshop request form returned with errors in: %s", ", ".join(sorted(form.errors))
        )
        return render_form(request, form)

    workshop_request = workshop_request_submit(
        data=form.submission_data(), language=get_language() or settings.LANGUAGE_CODE
    )
    count_submission(request)
    return redirect("workshops:thanks", reference=workshop_request.reference)


def thanks(request, reference: str):
    workshop_request = get_object_or_404(
        WorkshopRequest.objects.only("reference"), reference=reference
    )
    return render(
        request,
        "workshops/thanks.html",
        {"reference": workshop_request.reference, "mailbox": settings.OCEP_MAILBOX},
    )
