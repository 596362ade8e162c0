"""Public pages for anonymous readers, served from the shared cache and never stale.

A request is served from the cache when it is a GET or HEAD that carries no
cookie and no credentials, for any path but the admin, static files and the
health checks. Its response is stored when the view answered 200, set no
cookie (a page with a form token sets the CSRF cookie, so it never is) and did
not ask for private, no-cache or no-store. Signed-in staff always carry a
session cookie, so they always see pages built for them.

The key covers the method-independent path and query string, the language
(from the URL prefix, exactly as LocaleMiddleware decides it for the
i18n_patterns URLs), the scheme and host (pages carry absolute links) and the
release. The version and the page are read in one round trip; an entry stored
under an older version, or past its expiry, is a miss. Entries expire at the
next local midnight (pages say "today" and list what is upcoming) or earlier
when a view says its page stops being true sooner (``hints.expire_at``).

Every public response gets an ETag (a hash of its bytes) and a Last-Modified
(when those bytes were first served), and a request that still matches either
gets 304 Not Modified: a calendar app polling an unchanged feed gets 304 even
right after an unrelated edit re-rendered it. ``Cache-Control`` lets a CDN
keep the page for PAGE_CACHE_CDN_SECONDS at most (browsers revalidate).

Each page is stored gzipped as well, and browsers that accept gzip get those
bytes (with their own ETag): compressed once, served many times. Each process
also keeps copies of the pages it served (``local``), so a hit usually reads
only the version from the shared cache.

The middleware sits before sessions, locale, CSRF and authentication, so a hit
skips them all. With the cache unreachable, pages are built as if there were
no cache (see ``safe``).
"""

import datetime
import gzip
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import safe, versions
from .local import LocalCopies

KEY_PREFIX = "pagecache:page:"
# No entry lives longer than this, whatever its page says.
LONGEST = 24 * 3600
# Query strings longer than this are served, but not stored.
LONGEST_QUERY = 512
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
# Pages smaller than this are sent as they are: compressing saves nothing.
SMALLEST_TO_COMPRESS = 512
# As Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def next_local_midnight(now: datetime.datetime) -> datetime.datetime:
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        tomorrow, datetime.time(), tzinfo=timezone.get_current_timezone()
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cdn_seconds = getattr(settings, "PAGE_CACHE_CDN_SECONDS", 60)
        self.skip_prefixes = tuple(
            getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", ["/admin/"]) + [settings.STATIC_URL]
        )
        self.copies = LocalCopies(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0))

    # Which requests and responses -------------------------------------------------

    def is_candidate(self, request) -> bool:
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and not request.META.get("HTTP_COOKIE")
            and not request.META.get("HTTP_AUTHORIZATION")
            and not request.path.startswith(self.skip_prefixes)
        )

    @staticmethod
    def is_public(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in UNCACHEABLE_CONTROL)
        )

    def key(self, request) -> str:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        identity = "\n".join(
            [
                versions.release(),
                language,
                request.scheme,
                request.get_host(),
                request.get_full_path(),
            ]
        )
        return KEY_PREFIX + hashlib.sha256(identity.encode()).hexdigest()

    # The request --------------------------------------------------------------------

    def __call__(self, request):
        if not self.is_candidate(request):
            return self.get_response(request)
        key = self.key(request)
        now = time.time()
        copy = self.copies.get(key) if self.copies.max_bytes else None
        if copy is not None:
            version = self.read_version()
            if version == copy["version"] and copy["expires"] > now:
                return self.hit(request, copy, now)
            self.copies.discard(key)
        version, entry = self.read(key)
        fresh = entry is not None and version is not None and entry["version"] == version
        if fresh and entry["expires"] > now:
            if self.copies.max_bytes:
                self.copies.put(key, entry)
            return self.hit(request, entry, now)
        response = self.get_response(request)
        if not self.is_public(response):
            return response
        entry = self.store(request, response, key, version, previous=entry)
        response["X-Page-Cache"] = "miss" if version is not None else "off"
        return self.conditional(request, self.encode(request, response, entry), entry)

    def hit(self, request, entry: dict, now: float):
        response = self.from_entry(entry, now)
        response["X-Page-Cache"] = "hit"
        return self.conditional(request, self.encode(request, response, entry), entry)

    def read_version(self) -> int | None:
        """The content version alone, or None when the cache cannot say."""
        if not versions.write_pending():
            return None
        return safe.attempt("reading", lambda: cache.get(versions.VERSION_KEY), None)

    def read(self, key: str) -> tuple[int | None, dict | None]:
        """The content version and this page's entry, in one round trip."""
        if not versions.write_pending():
            return None, None
        found = safe.attempt("reading", lambda: cache.get_many([versions.VERSION_KEY, key]), None)
        if found is None:
            return None, None
        version = found.get(versions.VERSION_KEY)
        if version is None:
            version = versions.create()
        return version, found.get(key)

    def store(self, request, response, key, version, previous) -> dict:
        """Give the response its validators and caching headers; keep it while true."""
        now = time.time()
        expires = next_local_midnight(timezone.now()).timestamp()
        hint = getattr(request, "page_expires_at", None)
        if hint is not None:
            expires = min(expires, hint.timestamp())
        expires = min(expires, now + LONGEST)

        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        if previous is not None and previous["etag"] == etag:
            last_modified = previous["last_modified"]  # the same bytes as before the change
        else:
            last_modified = int(now)
        response.headers.setdefault("ETag", etag)
        response.headers.setdefault("Last-Modified", http_date(last_modified))
        own_control = not response.has_header("Cache-Control")
        if own_control:
            self.set_cache_control(response, expires - now)
        compressed = self.compress(response)
        if compressed is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
        entry = {
            "version": version,
            "expires": expires,
            "etag": response["ETag"],
            "last_modified": last_modified,
            "own_control": own_control,
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in ("cache-control", "x-page-cache")
            ]
            + ([] if own_control else [("Cache-Control", response["Cache-Control"])]),
            "content": response.content,
            "gzip": compressed,
        }
        seconds = int(expires - now)
        if (
            version is not None
            and seconds > 0
            and len(request.META.get("QUERY_STRING", "")) <= LONGEST_QUERY
        ):
            safe.attempt("writing", lambda: cache.set(key, entry, seconds), None)
        return entry

    def set_cache_control(self, response, seconds_left: float) -> None:
        # Browsers ask again each time (and get a 304 when nothing changed);
        # a CDN may answer for a short while, never past the page's expiry.
        shared = max(0, min(self.cdn_seconds, int(seconds_left)))
        # Written whole: only set where the view set no Cache-Control of its own.
        response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"

    def from_entry(self, entry: dict, now: float) -> HttpResponse:
        response = HttpResponse(entry["content"], headers=entry["headers"])
        if entry["own_control"]:
            self.set_cache_control(response, entry["expires"] - now)
        return response

    # Compression ---------------------------------------------------------------------

    @staticmethod
    def compress(response) -> bytes | None:
        """The page gzipped once, when it is stored, for every browser that accepts it.

        Only public pages get here: none holds a form token or anything else
        secret, so compression cannot leak one (BREACH).
        """
        if len(response.content) < SMALLEST_TO_COMPRESS or response.has_header("Content-Encoding"):
            return None
        compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
        return compressed if len(compressed) < len(response.content) else None

    @staticmethod
    def encode(request, response, entry: dict):
        """Send the stored gzip bytes to a client that accepts them, with their own ETag."""
        compressed = entry.get("gzip")
        if compressed is None or not ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        ):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "gzip"
        # Other bytes, another tag (an ETag names one representation).
        response["ETag"] = entry["etag"][:-1] + '-gzip"'
        return response

    @staticmethod
    def conditional(request, response, entry):
        if not ("HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META):
            return response
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=entry["last_modified"],
            response=response,
        )
