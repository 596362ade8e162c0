"""The client's address, from the one place that knows how many proxies stand in front.

Behind proxies, REMOTE_ADDR is the nearest proxy's address. Each trusted
proxy appends the address it received the request from to X-Forwarded-For,
so with N trusted proxies the client is the N-th entry from the right; any
entries further left were written by the client and prove nothing.
DJANGO_TRUSTED_PROXIES (default 0) is N. Used by the workshop rate limit and
by the sign-in lockout alike, so neither can be dodged with a forged header.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address as the trusted proxies saw it ("" when none can be trusted)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through them all.
        return remote
    return _valid(forwarded[-proxies]) or remote
