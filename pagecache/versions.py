"""One number that says which cached pages are still true.

Every cached page is stored with the content version current when its view
started. A save or delete of anything residents see sets a new version (after
the transaction commits), so every page cached before it is ignored from the
next request on, in every process, while unrelated keys (rate-limit counters,
sessions) stay. Stale entries are never read again and expire on their own.

The version is a random 64-bit number rather than a counter: a version key
evicted or lost with a Redis restart is recreated with a value no old page
carries (and a clock frozen in a test cannot repeat it).
"""

import hashlib
import logging
import os
import secrets
import threading
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import safe

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"


def new_version() -> int:
    return secrets.randbits(63)


class _Pending:
    """A new version that could not be written (the cache was down): write it when back."""

    def __init__(self):
        self.lock = threading.Lock()
        self.flag = False


pending = _Pending()


def write_new_version() -> bool:
    written = safe.attempt(
        "invalidating pages",
        lambda: cache.set(VERSION_KEY, new_version(), timeout=None) or True,
        False,
    )
    with pending.lock:
        # If the cache is down, its pages are too; but one that comes back with
        # its data (a network cut, not a restart) must not serve them.
        pending.flag = not written
    return written


def invalidate() -> None:
    """Every cached page is out of date, now and again once the transaction commits.

    The first new version serves whoever reads inside this transaction. The
    second, after the commit, closes the race in which another request read
    the old rows before the commit and then cached them under the first one.
    """
    write_new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(write_new_version, robust=True)


def write_pending() -> bool:
    """Write a version that an earlier failure left unwritten; False while still failing."""
    return not pending.flag or write_new_version()


def create() -> int | None:
    """A version for a cache that has none (new, flushed or restarted)."""
    fresh = new_version()
    if safe.attempt("creating the version", lambda: cache.add(VERSION_KEY, fresh, None), False):
        return fresh
    return safe.attempt("reading the version", lambda: cache.get(VERSION_KEY), None)


@memoize
def release() -> str:
    """Which code, templates, translations and static files built a page.

    A deploy changes page markup (and the hashed names of static files) without
    saving a row: pages cached by the previous release must not be served by
    this one. RELEASE_ID (a commit hash, say) names the release when the
    platform provides one; otherwise the source files are hashed once per process.
    """
    named = os.environ.get("RELEASE_ID", "").strip()
    if named:
        return named[:64]
    digest = hashlib.sha256()
    base = settings.BASE_DIR
    skip = {".venv", ".git", "node_modules", "staticfiles", "__pycache__", "tests", "benchmarks"}
    suffixes = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".png", ".ico", ".json"}
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if os.path.splitext(name)[1] in suffixes:
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, base).encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    return digest.hexdigest()[:16]
