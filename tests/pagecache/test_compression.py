"""Browsers that accept gzip get each public page compressed once, when it was stored."""

import gzip

import pytest
from django.test import Client

from tests.factories import make_partnership

pytestmark = pytest.mark.django_db

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


def test_a_browser_that_accepts_gzip_gets_the_same_page_in_fewer_bytes(partnership):
    first = Client().get("/partnerships/", headers=BROWSER)  # rendered, stored and compressed
    again = Client().get("/partnerships/", headers=BROWSER)
    plain = Client().get("/partnerships/")
    for response, served in ((first, "miss"), (again, "hit")):
        assert response["X-Page-Cache"] == served
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 2
    assert "Highbridge" in plain.content.decode()


def test_both_forms_say_they_vary_by_accept_encoding_and_carry_their_own_etag(partnership):
    plain = Client().get("/partnerships/")
    compressed = Client().get("/partnerships/", headers=BROWSER)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in compressed["Vary"]
    assert compressed["ETag"] != plain["ETag"]


def test_each_form_answers_304_to_its_own_etag_only(partnership):
    plain = Client().get("/partnerships/")
    compressed = Client().get("/partnerships/", headers=BROWSER)
    again = Client().get("/partnerships/", headers={**BROWSER, "If-None-Match": compressed["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == compressed["ETag"]
    # A client that no longer accepts gzip holds bytes it cannot use as they are.
    other = Client().get("/partnerships/", headers={"If-None-Match": compressed["ETag"]})
    assert other.status_code == 200
    assert other.content == plain.content


def test_pages_with_a_form_token_are_never_compressed():
    """Compression next to a secret and what a visitor typed can leak the secret (BREACH)."""
    response = Client().get("/workshops/request/", headers=BROWSER)
    assert "Content-Encoding" not in response
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_the_compressed_page_is_served_with_the_cache_down_too(partnership, settings):
    settings.CACHES = {
        "default": {"BACKEND": "pagecache.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = Client().get("/partnerships/", headers=BROWSER)
    assert response["X-Page-Cache"] == "off"
    assert "Highbridge" in gzip.decompress(response.content).decode()
