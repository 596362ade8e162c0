"""The API's rate limit: requests per client per period, before the page cache answers.

A cached answer costs little, but a client that pages through everything
again and again still costs every other reader: the limit counts every request
under /api/, served from the cache or not, so it sits before the page cache
middleware. The count is a fixed window in Django's cache (Redis in
production, shared by every process), keyed by a keyed hash of the client's
address (config/clientip.py: the same address the other limits use). Every
API answer says where the client stands (RateLimit-Limit, RateLimit-Remaining,
RateLimit-Reset); past the limit the answer is 429 with Retry-After and a JSON
body. Without a cache the limit is not checked and nobody is refused: the
outage is logged at most once a minute.

It also gives every API answer its CORS headers (`api.CORS`) on the way out:
the page cache answers a matching ETag with a bare 304 that keeps none of the
view's headers, and a browser app that revalidates needs them there too.
"""

import json
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.crypto import salted_hmac

from config.clientip import client_ip
from core.submissions.ratelimit import ThrottledWarning, count_in_window
from pagecache import safe

from . import api

PREFIX = "/api/"

unchecked = ThrottledWarning(
    "API rate limit not checked: cache unavailable (requests are answered)",
    every=safe.WARN_EVERY,
)


class ApiRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX) or request.method == "OPTIONS":
            return self.get_response(request)
        limit = settings.OPEN_DATA_API_RATE_LIMIT
        period = settings.OPEN_DATA_API_RATE_LIMIT_PERIOD
        now = int(time.time())
        window = now // period
        reset = period - now % period
        address = client_ip(request)
        digest = salted_hmac("opendata.rate-limit", address, algorithm="sha256").hexdigest()
        key = f"opendata:requests:{digest}:{window}"

        used = safe.attempt("counting an API request", lambda: count_in_window(key, period), None)
        if used is None:
            unchecked()
            return api.with_cors(self.get_response(request))
        if used > limit:
            body = {
                "error": "rate_limited",
                "message": (
                    f"Too many requests: at most {limit} every {period} seconds. "
                    f"Try again in {reset} seconds."
                ),
            }
            response = HttpResponse(json.dumps(body), status=429, content_type="application/json")
            response["Retry-After"] = str(reset)
        else:
            response = self.get_response(request)
        # Here, not only in the views: the page cache's 304 keeps none of the view's headers.
        api.with_cors(response)
        response["RateLimit-Limit"] = str(limit)
        response["RateLimit-Remaining"] = str(max(limit - used, 0))
        response["RateLimit-Reset"] = str(reset)
        return response
