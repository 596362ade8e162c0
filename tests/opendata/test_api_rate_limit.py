"""Each client may ask the API so many times a period; then 429 and when to come back."""

import datetime
import logging

import pytest
import time_machine

from opendata import middleware
from pagecache import safe
from tests.factories import make_partnership

from .conftest import get

pytestmark = pytest.mark.django_db

LIMIT = 5
# 20 seconds into a minute: every request of a test falls in the same window.
MOMENT = datetime.datetime(2026, 11, 23, 17, 0, 20, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.OPEN_DATA_API_RATE_LIMIT = LIMIT
    settings.OPEN_DATA_API_RATE_LIMIT_PERIOD = 60
    safe.breaker.reset()
    middleware.unchecked.reset()
    with time_machine.travel(MOMENT, tick=False):
        yield
    safe.breaker.reset()
    middleware.unchecked.reset()


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership")


def test_the_limit_counts_down_then_refuses_with_a_429(partnership):
    remaining = []
    for _ in range(LIMIT):
        response = get("services")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == str(LIMIT)
        assert response["RateLimit-Reset"] == "40"
        remaining.append(int(response["RateLimit-Remaining"]))
    assert remaining == [4, 3, 2, 1, 0]
    refused = get("services")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert refused["RateLimit-Remaining"] == "0"
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["error"] == "rate_limited"
    assert "40 seconds" in refused.json()["message"]
    assert get(f"services/{partnership.uuid}").status_code == 429  # every endpoint


def test_answers_from_the_cache_count_too(partnership):
    assert get("services")["X-Page-Cache"] == "miss"
    for _ in range(LIMIT - 1):
        response = get("services")
        assert response["X-Page-Cache"] == "hit"
    assert get("services").status_code == 429
    first = get("services", REMOTE_ADDR="10.0.0.9")
    assert (
        get("services", REMOTE_ADDR="10.0.0.9", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )


def test_the_next_period_starts_afresh(partnership):
    for _ in range(LIMIT + 1):
        get("services")
    assert get("services").status_code == 429
    with time_machine.travel(MOMENT + datetime.timedelta(seconds=40), tick=False):
        response = get("services")
        assert response.status_code == 200
        assert response["RateLimit-Remaining"] == str(LIMIT - 1)
        assert response["RateLimit-Reset"] == "60"


def test_another_client_is_not_limited(partnership):
    for _ in range(LIMIT + 1):
        get("services", REMOTE_ADDR="192.0.2.1")
    assert get("services", REMOTE_ADDR="192.0.2.1").status_code == 429
    other = get("services", REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 200
    assert other["RateLimit-Remaining"] == str(LIMIT - 1)


def test_site_pages_and_preflights_are_not_counted(partnership, client):
    for _ in range(LIMIT + 2):
        assert client.get("/partnerships/").status_code == 200
        assert client.options("/api/hsds/services").status_code == 204
    response = get("services")
    assert response["RateLimit-Remaining"] == str(LIMIT - 1)
    assert "RateLimit-Limit" not in client.get("/partnerships/")


def test_with_the_cache_unreachable_nobody_is_refused_and_it_is_logged_once(
    partnership, settings, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    caplog.set_level(logging.WARNING)
    for _ in range(LIMIT * 2):
        safe.breaker.open_until = 0  # try the cache on every request, as after a pause
        response = get("services")
        assert response.status_code == 200
        assert "RateLimit-Remaining" not in response
        assert response["Access-Control-Allow-Origin"] == "*"
    warnings = [r for r in caplog.records if "API rate limit not checked" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
