"""A database that is briefly unreachable gets a "back in a moment" page, not an error.

While PostgreSQL restarts or fails over (a few seconds), a page that needs it
cannot be built. That is not a bug in the site: answer 503 with Retry-After,
which browsers, crawlers and monitors read as "try again shortly", and log one
line instead of a traceback for every request. Pages residents read without
cookies are mostly served from the cache meanwhile and never get here.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable (%s): answered 503", type(exception).__name__)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
