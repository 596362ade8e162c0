import pytest
from django.test import RequestFactory

from config.clientip import client_ip


def request(remote="10.0.0.9", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.7")) == "10.0.0.9"


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # A client that forges the header only adds entries on the left.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Fewer hops than proxies, or rubbish where the address should be: the proxy's.
        (2, "203.0.113.7", "10.0.0.9"),
        (1, "not-an-address", "10.0.0.9"),
        (1, "", "10.0.0.9"),
    ],
)
def test_with_trusted_proxies_the_client_is_counted_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_the_workshop_rate_limit_counts_the_client_behind_the_proxy(client, settings):
    """Behind a load balancer every request comes from its address: count clients instead."""
    from core.submissions.ratelimit import rate_limit_key
    from workshops.services import KIND

    settings.TRUSTED_PROXY_COUNT = 1
    first = rate_limit_key(KIND, request(forwarded="203.0.113.7"))
    second = rate_limit_key(KIND, request(forwarded="203.0.113.8"))
    assert first != second
    assert rate_limit_key(KIND, request(remote="10.0.0.10", forwarded="203.0.113.7")) == first
