"""The shared cache, used so that its failure costs speed, never a page.

Redis can restart, fill up or drop off the network. Every use of the cache on
a resident's path goes through ``attempt()``: an error is logged (at most once
a minute per process, never once a request) and the caller gets its default,
so the page is built from the database instead. After an error the cache is
left alone for ``RETRY_AFTER`` seconds, so a Redis that hangs costs one
timeout every few seconds, not one per request.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Seconds between two warnings about the same outage.
WARN_EVERY = 60.0
# Seconds to go without the cache after it failed, before trying it again.
RETRY_AFTER = 2.0


class _Breaker:
    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.last_warning = float("-inf")
        self.failures = 0

    def reset(self) -> None:
        with self.lock:
            self.open_until = 0.0
            self.last_warning = float("-inf")
            self.failures = 0


breaker = _Breaker()


def available() -> bool:
    """False for a short while after the cache failed."""
    return time.monotonic() >= breaker.open_until


def failed(error: BaseException, doing: str) -> None:
    """Record a cache failure; log it unless one was logged in the last minute."""
    now = time.monotonic()
    with breaker.lock:
        breaker.open_until = now + RETRY_AFTER
        breaker.failures += 1
        if now - breaker.last_warning < WARN_EVERY:
            return
        breaker.last_warning = now
        failures, breaker.failures = breaker.failures, 0
    logger.warning(
        "Cache unavailable (%s while %s; %d failure(s) since the last warning): serving without it",
        type(error).__name__,
        doing,
        failures,
    )


def attempt(doing: str, operation: Callable[[], T], default: T) -> T:
    """``operation()``, or ``default`` when the cache is failing or was a moment ago."""
    if not available():
        return default
    try:
        return operation()
    except Exception as error:  # noqa: BLE001 - any cache failure means "no cache", never a 500
        failed(error, doing)
        return default


def get_many(keys: list[str]) -> dict:
    return attempt("reading", lambda: cache.get_many(keys), {})


def set_many(values: dict, timeout: float) -> None:
    if values:
        attempt("writing", lambda: cache.set_many(values, timeout), None)
