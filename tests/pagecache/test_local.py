"""Each process keeps copies of the pages it served and trusts them only while the version holds."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from pagecache import middleware, versions
from pagecache.local import LocalCopies
from tests.factories import make_partnership, noon_in_new_york

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


def drop_shared_pages():
    """Every stored page, gone from the shared cache; the version stays."""
    version = cache.get(versions.VERSION_KEY)
    cache.clear()
    cache.set(versions.VERSION_KEY, version, None)


def test_a_process_serves_its_copy_while_the_version_holds(partnership):
    process = Client()  # one handler, one middleware: one process's copies
    process.get("/partnerships/")
    process.get("/partnerships/")  # a hit: this process keeps a copy
    drop_shared_pages()
    again = process.get("/partnerships/")
    assert again["X-Page-Cache"] == "hit"
    assert "Highbridge" in again.content.decode()


def test_a_change_saved_anywhere_is_seen_on_the_next_request(partnership):
    process = Client()
    process.get("/partnerships/")
    process.get("/partnerships/")
    partnership.name = "Renamed Partnership"
    partnership.save()  # as if in another process: it only changes the shared version
    response = process.get("/partnerships/")
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed Partnership" in response.content.decode()


def test_no_copy_is_served_when_the_cache_cannot_vouch_for_it(partnership, settings):
    process = Client()
    process.get("/partnerships/")
    process.get("/partnerships/")
    settings.CACHES = {
        "default": {"BACKEND": "pagecache.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    assert process.get("/partnerships/")["X-Page-Cache"] == "off"


def test_a_copy_expires_at_midnight_like_the_page_it_copies():
    new_york = noon_in_new_york(2026, 11, 23).tzinfo
    process = Client()
    with time_machine.travel(datetime.datetime(2026, 11, 29, 23, 59, tzinfo=new_york), tick=False):
        process.get("/meetings/calendar/2026/11/")
        assert process.get("/meetings/calendar/2026/11/")["X-Page-Cache"] == "hit"
    with time_machine.travel(datetime.datetime(2026, 11, 30, 0, 1, tzinfo=new_york), tick=False):
        assert process.get("/meetings/calendar/2026/11/")["X-Page-Cache"] == "miss"


def test_copies_are_off_when_their_budget_is_zero(partnership, settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    process = Client()
    process.get("/partnerships/")
    process.get("/partnerships/")
    drop_shared_pages()
    assert process.get("/partnerships/")["X-Page-Cache"] == "miss"


def entry(size: int) -> dict:
    return {"content": b"x" * size, "version": 1, "expires": 0.0}


def test_copies_stay_within_their_bytes_dropping_the_least_recently_served():
    copies = LocalCopies(max_bytes=250)
    copies.put("a", entry(100))
    copies.put("b", entry(100))
    copies.get("a")  # served again: "b" is now the oldest
    copies.put("c", entry(100))
    assert copies.get("b") is None
    assert copies.get("a") is not None and copies.get("c") is not None
    assert copies.bytes == 200 <= copies.max_bytes


def test_a_page_bigger_than_the_budget_is_not_kept():
    copies = LocalCopies(max_bytes=50)
    copies.put("big", entry(51))
    assert copies.get("big") is None
    assert copies.bytes == 0


def test_a_replaced_copy_counts_once():
    copies = LocalCopies(max_bytes=1000)
    copies.put("a", entry(300))
    copies.put("a", entry(200))
    assert copies.bytes == 200


def test_the_middleware_reads_its_budget_from_settings(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 1234
    assert middleware.PageCacheMiddleware(lambda request: None).copies.max_bytes == 1234
