"""Every response carries the security headers, whoever answered it.

Pages, feeds, the admin, error pages, static files from WhiteNoise, health
checks, redirects, 304s and page-cache hits: what a browser enforces and what
a scanner such as Mozilla Observatory grades. Requests are made over HTTPS
(``secure=True``) so Strict-Transport-Security is sent, as in production.
"""

import re

import pytest
from django.test import Client

from tests.factories import make_partnership

pytestmark = pytest.mark.django_db

HEADERS = {
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}
FEATURES_REFUSED = {"camera", "microphone", "geolocation", "payment", "usb"}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def assert_security_headers(response):
    sent = {name: response.headers.get(name) for name in HEADERS}
    assert sent == HEADERS, response.request["PATH_INFO"]
    policy = directives(response.headers["Content-Security-Policy"])
    # Nothing loads unless named, scripts and styles only from the site's own
    # files: no inline code, no eval, no other host; no page may frame it.
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    refused = dict(
        re.fullmatch(r"([a-z-]+)=(.*)", item.strip()).groups()
        for item in response.headers["Permissions-Policy"].split(",")
    )
    assert {feature for feature, allow in refused.items() if allow == "()"} >= FEATURES_REFUSED


def test_a_public_page_carries_every_header(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_spanish_page_and_a_listing_carry_every_header(client):
    make_partnership(slug="highbridge")
    for path in ("/es/", "/partnerships/highbridge/", "/workshops/request/"):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_a_calendar_feed_carries_every_header(client):
    response = client.get("/meetings/feeds/all.ics", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert_security_headers(response)


def test_the_admin_sign_in_page_carries_the_same_strict_policy(client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_pages_for_signed_in_staff_carry_the_same_strict_policy(staff_client):
    for path in ("/admin/", "/admin/meetings/meetingseries/", "/admin/meetings/meetingseries/add/"):
        response = staff_client.get(path, secure=True)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_error_pages_carry_every_header(client, settings):
    not_found = client.get("/no-such-page/", secure=True)
    assert not_found.status_code == 404
    bad_host = client.get("/", secure=True, headers={"Host": "attacker.example"})
    assert bad_host.status_code == 400
    forbidden_client = Client(enforce_csrf_checks=True)
    forbidden = forbidden_client.post("/workshops/request/", {}, secure=True)
    assert forbidden.status_code == 403
    for response in (not_found, bad_host, forbidden):
        assert_security_headers(response)


def test_the_500_page_carries_every_header(client, settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client.raise_request_exception = False
    response = client.get("/broken/", secure=True)
    assert response.status_code == 500
    assert_security_headers(response)


def test_static_files_from_whitenoise_carry_every_header(client):
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert_security_headers(response)


def test_health_checks_carry_every_header(client):
    for path in ("/healthz", "/readyz"):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_a_page_cache_hit_and_a_304_carry_every_header():
    make_partnership(slug="highbridge")
    visitor = Client()
    first = visitor.get("/partnerships/highbridge/", secure=True)
    hit = visitor.get("/partnerships/highbridge/", secure=True)
    assert (first["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    not_modified = visitor.get(
        "/partnerships/highbridge/", secure=True, headers={"If-None-Match": first["ETag"]}
    )
    assert not_modified.status_code == 304
    for response in (hit, not_modified):
        assert_security_headers(response)


def test_redirects_carry_every_header(client, settings):
    added_slash = client.get("/partnerships", secure=True)
    assert added_slash.status_code == 301
    assert_security_headers(added_slash)
    # Django's own redirect of plain HTTP to HTTPS, answered before any view.
    settings.SECURE_SSL_REDIRECT = True
    to_https = Client().get("/partnerships/")
    assert to_https.status_code == 301
    assert to_https["Location"] == "https://testserver/partnerships/"
    assert to_https.headers["Content-Security-Policy"]
    assert to_https.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_plain_http_gets_no_strict_transport_security(client):
    # Browsers ignore it there, and it would tie a mistyped host to HTTPS.
    response = client.get("/")
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["Content-Security-Policy"]


def test_hsts_preload_is_added_only_when_the_setting_asks(client, settings):
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
