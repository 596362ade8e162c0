"""How many submissions a client may send: a count per address, per kind, per period.

The count lives in Django's cache (Redis when REDIS_URL is set, so every
worker shares it). Only submissions that were accepted, or refused as spam,
count: a person correcting mistakes in a form is never locked out. The limit
fails open: a cache outage must not turn residents away.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from config.clientip import client_ip
from pagecache import safe

from .kinds import SubmissionKind

logger = logging.getLogger(__name__)


def rate_limit_key(kind: SubmissionKind, request) -> str:
    """A cache key for the client's address in the current period.

    The address is stored only as a keyed hash. The period is part of the key
    (a fixed window), so the count starts again each period whatever the
    cache backend does with expiry times.
    """
    address = client_ip(request)
    digest = salted_hmac(f"{kind.name}.rate-limit", address, algorithm="sha256").hexdigest()
    window = int(time.time()) // kind.setting("RATE_LIMIT_PERIOD")
    return f"{kind.name}:submissions:{digest}:{window}"


def seconds_left(kind: SubmissionKind) -> int:
    """Until the current period ends and the count starts again."""
    period = kind.setting("RATE_LIMIT_PERIOD")
    return period - int(time.time()) % period


class ThrottledWarning:
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


# During an outage every submission of every form would say the same thing.
rate_limit_unchecked = ThrottledWarning(
    "Submission rate limit not checked: cache unavailable (submissions are accepted)",
    every=safe.WARN_EVERY,
)


def rate_limit_reached(kind: SubmissionKind, request) -> bool:
    """True once this client has sent <PREFIX>_RATE_LIMIT submissions in the current period.

    Without a cache there is no count, and nobody is refused.
    """
    key = rate_limit_key(kind, request)
    count = safe.attempt(f"checking the {kind.name} rate limit", lambda: cache.get(key, 0), None)
    if count is None:
        rate_limit_unchecked()
        return False
    return count >= kind.setting("RATE_LIMIT")


def count_in_window(key: str, period: int) -> int:
    """One more at `key`, a count the cache keeps `period` seconds: the new count.

    Raises what the cache raises; callers wrap it in `pagecache.safe.attempt`.
    """
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=period)
        return 1


def count_submission(kind: SubmissionKind, request) -> None:
    key = rate_limit_key(kind, request)
    period = kind.setting("RATE_LIMIT_PERIOD")
    counted = safe.attempt(
        f"counting a {kind.name} submission", lambda: count_in_window(key, period), None
    )
    if counted is None:
        rate_limit_unchecked()
