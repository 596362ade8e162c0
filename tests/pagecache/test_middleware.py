"""What a visitor, a calendar app and a CDN see of the page cache."""

import datetime
import logging
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from pagecache import safe, versions
from tests.factories import make_partnership, make_series, noon_in_new_york

pytestmark = pytest.mark.django_db

NEW_YORK = noon_in_new_york(2026, 11, 23).tzinfo


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


def test_a_second_visit_is_served_from_the_cache_without_touching_the_database(partnership):
    visitor = Client()
    first = visitor.get("/partnerships/highbridge/")
    with CaptureQueriesContext(connection) as queries:
        second = visitor.get("/partnerships/highbridge/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_public_pages_carry_validators_and_let_a_cdn_keep_them_briefly(partnership, settings):
    settings.PAGE_CACHE_CDN_SECONDS = 60
    for response in (Client().get("/partnerships/"), Client().get("/partnerships/")):
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
        assert response["Last-Modified"].endswith("GMT")
        control = set(response["Cache-Control"].split(", "))
        assert control == {"public", "max-age=0", "s-maxage=60"}


def test_an_unchanged_page_answers_304_to_its_etag_or_date(partnership):
    first = Client().get("/partnerships/")
    by_etag = Client().get("/partnerships/", headers={"If-None-Match": first["ETag"]})
    by_date = Client().get("/partnerships/", headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def test_a_changed_page_answers_200_to_an_old_etag(partnership):
    first = Client().get("/partnerships/")
    partnership.name = "Renamed"
    partnership.save()
    response = Client().get("/partnerships/", headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert "Renamed" in response.content.decode()
    assert response["ETag"] != first["ETag"]


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_a_feed_unchanged_by_an_edit_elsewhere_still_answers_304(partnership):
    """Calendar apps poll; an edit to another listing must not make them download again."""
    make_series(partnership=partnership)
    feed = "/partnerships/highbridge/meetings.ics"
    first = Client().get(feed)
    make_partnership(name="Another Partnership")  # a new version: every page is re-rendered
    again = Client().get(
        feed,
        headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]},
    )
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]


def test_visitors_with_cookies_get_pages_built_for_them(partnership):
    visitor = Client()
    visitor.cookies["sessionid"] = "anything"
    visitor.get("/partnerships/")
    response = visitor.get("/partnerships/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_signed_in_staff_never_get_or_fill_the_cache(staff_client, partnership):
    staff_client.get("/partnerships/")
    response = staff_client.get("/partnerships/")
    assert "X-Page-Cache" not in response
    anonymous = Client().get("/partnerships/")
    assert anonymous["X-Page-Cache"] == "miss"


def test_a_page_with_a_form_token_is_never_cached():
    visitor = Client()
    for _ in range(2):
        response = visitor.get("/workshops/request/")
        visitor.cookies.clear()
        assert "X-Page-Cache" not in response
        assert "csrftoken" in response.cookies
        assert "public" not in response["Cache-Control"]


def test_the_admin_and_health_checks_are_never_cached():
    for path in ("/admin/login/", "/admin/login/"):
        response = Client().get(path)
        assert "X-Page-Cache" not in response


def test_each_language_has_its_own_copy_and_accept_language_does_not_mix_them(partnership):
    Client().get("/partnerships/")
    spanish = Client().get("/es/partnerships/", headers={"Accept-Language": "en"})
    english = Client().get("/partnerships/", headers={"Accept-Language": "es"})
    assert spanish["Content-Language"] == "es"
    assert english["Content-Language"] == "en"
    assert english["X-Page-Cache"] == "hit"
    assert '<html lang="en" dir="ltr">' in english.content.decode()


def test_a_new_release_does_not_serve_the_previous_releases_pages(partnership, monkeypatch):
    Client().get("/partnerships/")
    monkeypatch.setenv("RELEASE_ID", "next-release")
    versions.release.cache_clear()
    try:
        assert Client().get("/partnerships/")["X-Page-Cache"] == "miss"
    finally:
        monkeypatch.delenv("RELEASE_ID")
        versions.release.cache_clear()


def test_an_odd_host_gets_400_not_500():
    visitor = Client(raise_request_exception=False)
    assert visitor.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_a_very_long_query_string_is_answered_but_not_stored(partnership):
    path = "/partnerships/?q=" + "x" * 600
    Client().get(path)
    assert Client().get(path)["X-Page-Cache"] == "miss"


def in_new_york(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=NEW_YORK)


def test_pages_expire_at_the_next_local_midnight():
    calendar = "/meetings/calendar/2026/11/"
    today_cell = re.compile(r'aria-current="date"[^>]*>\s*(?:<[^>]+>\s*)*(\d+)')
    with time_machine.travel(in_new_york(2026, 11, 29, 23, 59, 30), tick=False):
        Client().get(calendar)
        before = Client().get(calendar)
        assert before["X-Page-Cache"] == "hit"
        assert today_cell.search(before.content.decode()).group(1) == "29"
        assert set(before["Cache-Control"].split(", ")) == {"public", "max-age=0", "s-maxage=30"}
    with time_machine.travel(in_new_york(2026, 11, 30, 0, 0, 30), tick=False):
        after = Client().get(calendar)
        assert after["X-Page-Cache"] == "miss"
        assert today_cell.search(after.content.decode()).group(1) == "30"


def test_cache_down_every_page_answers_and_the_outage_is_logged_once(partnership, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    caplog.set_level(logging.WARNING, logger="pagecache.safe")
    for _ in range(3):
        for path in ("/", "/partnerships/", "/partnerships/highbridge/", "/es/about/"):
            safe.breaker.open_until = 0  # try the cache on every request, as after a pause
            response = Client().get(path)
            assert response.status_code == 200, path
            assert response["X-Page-Cache"] == "off"
    warnings = [r for r in caplog.records if r.name == "pagecache.safe"]
    assert len(warnings) == 1
    assert "ConnectionError" in warnings[0].getMessage()


def test_validators_still_work_with_the_cache_down(partnership, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    first = Client().get("/partnerships/")
    again = Client().get("/partnerships/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_an_edit_made_while_the_cache_was_unreachable_is_not_hidden_when_it_returns(
    partnership, monkeypatch
):
    """A network cut, not a restart: the cache comes back holding pages older than the edit."""
    Client().get("/partnerships/")

    def unreachable(*args, **kwargs):
        raise ConnectionError("network cut")

    monkeypatch.setattr(versions.cache, "set", unreachable)
    partnership.name = "Renamed while the cache was away"
    partnership.save()
    assert versions.pending.flag
    monkeypatch.undo()
    safe.breaker.reset()
    response = Client().get("/partnerships/")
    assert "Renamed while the cache was away" in response.content.decode()
    assert not versions.pending.flag


def test_if_modified_since_in_the_future_of_a_new_page_is_honoured(partnership):
    """A date later than the page's own means the client has it: 304."""
    Client().get("/partnerships/")
    response = Client().get(
        "/partnerships/",
        headers={"If-Modified-Since": http_date(in_new_york(2100, 1, 1).timestamp())},
    )
    assert response.status_code == 304


def test_a_list_of_upcoming_meetings_is_rebuilt_when_its_first_meeting_ends():
    """Not only at midnight: a meeting that has ended leaves the list at once."""
    with time_machine.travel(in_new_york(2026, 11, 23, 19, 0), tick=False):
        partnership = make_partnership(name="Elmhurst", slug="elmhurst", borough="queens")
        make_series(partnership=partnership, slug="elmhurst-monday", byday="4MO")  # 6-8 PM
        Client().get("/meetings/")
        during = Client().get("/meetings/")
        assert during["X-Page-Cache"] == "hit"
        assert "/meetings/elmhurst-monday/2026-11-23/" in during.content.decode()
    with time_machine.travel(in_new_york(2026, 11, 23, 20, 0, 30), tick=False):
        after = Client().get("/meetings/")
        assert after["X-Page-Cache"] == "miss"
        assert "/meetings/elmhurst-monday/2026-11-23/" not in after.content.decode()
