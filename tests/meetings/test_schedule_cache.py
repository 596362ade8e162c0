"""Meeting pages and feeds from the schedule cache: one change recomputes one series.

Series are cached in groups by primary key (schedule_cache.GROUPS); the few
series here each sit in a group of their own, so `schedule_cache.computed`
counts exactly the series computed again. The clock moves a minute before
each edit, as it does between two real saves: a series' cache key is made of
its rows' `updated` times.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from meetings import feeds, occurrences, schedule_cache
from meetings.filters import DEFAULT_DAYS
from meetings.models import Epoch, MeetingSeries, MeetingSeriesQuerySet
from pagecache import safe
from pagecache.versions import invalidate as invalidate_pages
from tests.factories import make_change, make_partnership, make_series, noon_in_new_york
from tests.meetings.test_feeds import schedules  # noqa: F401 - a fixture
from tests.meetings.test_views import listed, meeting_items
from tests.pages import text

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
MEETINGS = "/meetings/"
CALENDAR = "/meetings/calendar/2026/12/"
FEED = "/meetings/feeds/all.ics"


@pytest.fixture
def clock():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False) as traveller:
        yield traveller


def later(clock):
    clock.shift(datetime.timedelta(minutes=1))


@pytest.fixture
def six_series(clock):
    """Six partnerships meeting on the second Tuesday (Dec. 8), 6 to 8 PM."""
    return [
        make_series(
            partnership=make_partnership(name=f"Partnership {i}", slug=f"partnership-{i}"),
            slug=f"series-{i}",
        )
        for i in range(6)
    ]


def computed():
    return dict(schedule_cache.computed)


def recomputed_since(before) -> dict:
    return {kind: count - before[kind] for kind, count in schedule_cache.computed.items()}


def december_8(response) -> dict[str, str]:
    return {i["name"]: i["text"] for i in meeting_items(response) if i["date"] == D(2026, 12, 8)}


def warm_everything(client):
    for url in (MEETINGS, CALENDAR, FEED, "/"):
        assert client.get(url).status_code == 200


def test_pages_and_feed_are_computed_once_then_read_from_the_cache(client, six_series):
    before = computed()
    warm_everything(client)
    assert recomputed_since(before) == {"meetings": 6, "feeds": 6}
    before = computed()
    warm_everything(client)
    client.get(MEETINGS, {"borough": "bronx"})  # a filtered page reads the same entries
    assert recomputed_since(before) == {"meetings": 0, "feeds": 0}


def test_an_edited_series_shows_at_once_and_only_it_is_computed_again(client, clock, six_series):
    warm_everything(client)
    edited = six_series[2]
    later(clock)
    edited.start_time, edited.end_time = T(17), T(19)
    edited.save()

    before = computed()
    listed = december_8(client.get(MEETINGS))
    assert "5:00–7:00 PM" in listed["Partnership 2"]
    assert "6:00–8:00 PM" in listed["Partnership 3"]
    assert "Partnership 2 · 5:00–7:00 PM" in text(client.get(CALENDAR))
    assert "DTSTART;TZID=America/New_York:20260113T170000" in client.get(FEED).text
    assert recomputed_since(before) == {"meetings": 1, "feeds": 1}


def test_a_process_reads_again_only_the_entries_of_the_group_that_changed(
    client, clock, six_series, monkeypatch
):
    """Each process keeps the entries it decoded: unpickling all of them was most of a page."""
    warm_everything(client)
    read = []
    get_many = safe.get_many
    monkeypatch.setattr(safe, "get_many", lambda keys: read.extend(keys) or get_many(keys))
    client.get(MEETINGS, {"page": 1})  # another query string: the page cache misses
    assert [key for key in read if ":month:" in key] == []

    later(clock)
    six_series[2].save()
    client.get(MEETINGS, {"page": 1})
    groups = {key.split(":")[4] for key in read if ":month:" in key}
    assert groups == {str(six_series[2].pk % schedule_cache.GROUPS)}


def test_a_process_reads_again_only_the_stamp_rows_of_the_group_that_changed(
    client, clock, six_series, monkeypatch
):
    """Reading every series' stamp row on every page built was a third of the list's time."""
    warm_everything(client)
    read = []
    stamps = MeetingSeriesQuerySet.stamps

    def spy(queryset, groups=1, among=None):
        read.append(among)
        return stamps(queryset, groups, among)

    monkeypatch.setattr(MeetingSeriesQuerySet, "stamps", spy)
    later(clock)
    six_series[2].save()
    assert client.get(MEETINGS).status_code == 200
    assert read == [[six_series[2].pk % schedule_cache.GROUPS]]
    assert client.get(CALENDAR).status_code == 200  # nothing changed since: the rows kept serve
    assert read == [[six_series[2].pk % schedule_cache.GROUPS]]


def test_a_series_saved_by_a_clock_behind_the_last_save_still_shows_at_once(
    client, clock, six_series, monkeypatch
):
    """Two web machines' clocks differ a little: an edit stamped before the group's latest
    save, as one from the machine running behind is, changes the group's stamp all the same."""
    monkeypatch.setattr(schedule_cache, "GROUPS", 1)  # all six in one group
    warm_everything(client)
    later(clock)
    six_series[0].save()
    assert client.get(CALENDAR).status_code == 200
    clock.shift(datetime.timedelta(seconds=-30))
    edited = six_series[3]
    edited.start_time, edited.end_time = T(17), T(19)
    edited.save()
    assert edited.updated < MeetingSeries.objects.get(pk=six_series[0].pk).updated
    assert "5:00–7:00 PM" in december_8(client.get(MEETINGS))["Partnership 3"]
    assert "Partnership 3 · 5:00–7:00 PM" in text(client.get(CALENDAR))


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 23, 17, 0, 0, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2026, 11, 23, 17, 0, 0, tzinfo=datetime.UTC),
        datetime.datetime(2026, 11, 23, 17, 0, 0, 1, tzinfo=datetime.UTC),
        datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
    ],
)
def test_the_database_counts_the_exact_microseconds_of_a_time(moment):
    series = make_series()
    MeetingSeries.objects.filter(pk=series.pk).update(updated=moment)
    found = MeetingSeries.objects.filter(pk=series.pk).values_list(Epoch("updated"), flat=True)
    assert found.get() == (moment - schedule_cache.EPOCH) // datetime.timedelta(microseconds=1)


def test_decoded_entries_are_bounded_and_the_least_recently_used_go_first():
    decoded = schedule_cache.Decoded(size=2)
    decoded.set_many({"a": "A", "b": "B"})
    decoded.get_many(["a"])
    decoded.set_many({"c": "C"})
    assert decoded.get_many(["a", "b", "c"]) == {"a": "A", "c": "C"}


def test_a_cancelled_date_shows_at_once_and_only_its_series_is_computed_again(
    client, clock, six_series
):
    warm_everything(client)
    later(clock)
    change = make_change(six_series[4], D(2026, 12, 8), "cancelled", note="Holiday")

    before = computed()
    listed = december_8(client.get(MEETINGS))
    assert "Cancelled · Holiday" in listed["Partnership 4"]
    assert "Cancelled" not in listed["Partnership 5"]
    assert "Cancelled: Partnership 4" in text(client.get(CALENDAR))
    assert "EXDATE;TZID=America/New_York:20261208T180000" in client.get(FEED).text
    assert recomputed_since(before) == {"meetings": 1, "feeds": 1}

    # Deleting the change restores the meeting (the count of changes went down), as
    # cached before the change: nothing is computed.
    change.delete()
    before = computed()
    assert "Cancelled" not in december_8(client.get(MEETINGS))["Partnership 4"]
    assert "EXDATE" not in client.get(FEED).text
    assert recomputed_since(before) == {"meetings": 0, "feeds": 0}


def test_deleting_an_older_change_shows_at_once(client, clock, six_series):
    # The latest change is as it was: only the number of changes tells the deletion.
    cancelled = make_change(six_series[4], D(2026, 12, 8), "cancelled")
    later(clock)
    make_change(six_series[4], D(2027, 1, 12), "cancelled")
    warm_everything(client)
    assert "Cancelled" in december_8(client.get(MEETINGS))["Partnership 4"]
    cancelled.delete()
    assert "Cancelled" not in december_8(client.get(MEETINGS))["Partnership 4"]
    assert "20261208T180000" not in client.get(FEED).text


def test_an_edited_change_shows_at_once(client, clock, six_series):
    change = make_change(six_series[1], D(2026, 12, 8), "moved", new_date=D(2026, 12, 10))
    warm_everything(client)
    later(clock)
    change.new_date = D(2026, 12, 11)
    change.save()

    before = computed()
    response = client.get(MEETINGS)
    moved = [i for i in meeting_items(response) if i["name"] == "Partnership 1"][0]
    assert moved["date"] == D(2026, 12, 11)
    assert "Moved from Dec. 8, 2026" in moved["text"]
    assert recomputed_since(before)["meetings"] == 1


def test_a_renamed_partnership_shows_at_once_without_computing_its_meetings_again(
    client, clock, six_series
):
    warm_everything(client)
    later(clock)
    partnership = six_series[0].partnership
    partnership.name = "Renamed Community Partnership"
    partnership.save()

    before = computed()
    assert "Renamed Community Partnership" in december_8(client.get(MEETINGS))
    assert "Renamed Community Partnership" in text(client.get(CALENDAR))
    assert "SUMMARY:Renamed Community Partnership: Monthly partnership meeting" in (
        client.get(FEED).text
    )
    # Meetings do not depend on the name; the feed's text does.
    assert recomputed_since(before) == {"meetings": 0, "feeds": 1}


def test_an_unpublished_series_leaves_the_pages_and_feed_at_once(client, clock, six_series):
    warm_everything(client)
    # As the admin's "unpublish" action does: update() sends no signal, so it invalidates.
    MeetingSeries.objects.filter(pk=six_series[3].pk).update(is_published=False)
    invalidate_pages()
    assert "Partnership 3" not in december_8(client.get(MEETINGS))
    assert "Partnership 3" not in text(client.get(CALENDAR))
    assert "Partnership 3" not in client.get(FEED).text


@pytest.mark.usefixtures("clock", "schedules")
@pytest.mark.parametrize("language", ["en", "es"])
def test_feeds_are_byte_for_byte_the_calendar_built_whole(client, language):
    prefix = "" if language == "en" else "/es"
    published = MeetingSeries.objects.published()
    for url, series in [
        (FEED, published),
        ("/meetings/feeds/borough/queens.ics", published.for_borough("queens")),
        ("/partnerships/highbridge/meetings.ics", published.filter(partnership__slug="highbridge")),
    ]:
        cold = client.get(prefix + url)
        warm = client.get(prefix + url)
        name = cold.text.split("X-WR-CALNAME:", 1)[1].split("\r\n", 1)[0]
        with translation.override(language):
            whole = feeds.build_calendar(
                series.with_details(),
                name=name,
                absolute=lambda path: "http://testserver" + path,
            )
        assert cold.content == whole, url
        assert warm.content == whole, url


def test_series_in_one_group_are_computed_again_together(client, clock, six_series, monkeypatch):
    monkeypatch.setattr(schedule_cache, "GROUPS", 2)  # series 0, 2, 4 and 1, 3, 5
    warm_everything(client)
    later(clock)
    six_series[2].save()
    before = computed()
    client.get(MEETINGS)
    assert recomputed_since(before)["meetings"] == 3


def test_every_page_of_the_list_is_the_same_slice_of_the_list_computed_whole(
    client, clock, monkeypatch, settings
):
    """Merged from many groups' blocks, only as far as each page reads: no meeting
    is lost, repeated or out of order, on the first page, in the middle or at the end."""
    monkeypatch.setattr(schedule_cache, "GROUPS", 3)
    settings.LISTINGS_PER_PAGE = 7
    for i in range(8):  # weekly, every series on its own weekday and time
        make_series(
            partnership=make_partnership(name=f"Partnership {i}", slug=f"partnership-{i}"),
            freq="WEEKLY",
            byday=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][i % 7],
            start_time=T(9 + i % 3),
            end_time=T(11 + i % 3),
        )
    whole = [
        (o.date, o.series.partnership.name)
        for o in occurrences.upcoming(
            MeetingSeries.objects.published().for_listing(), days=DEFAULT_DAYS
        )
    ]
    pages = -(-len(whole) // 7)
    assert pages > 3
    shown = []
    for page in range(1, pages + 1):
        response = client.get(MEETINGS, {"page": page})
        assert listed(response) == whole[(page - 1) * 7 : page * 7], page
        shown += listed(response)
    assert shown == whole


REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
}


@pytest.mark.usefixtures("clock", "schedules")
def test_with_redis_down_every_meeting_page_and_feed_answers_in_full(client, caplog):
    expected = {url: client.get(url).content for url in PAGES}
    with override_settings(CACHES=REDIS_DOWN):
        safe.breaker.reset()
        try:
            for url in PAGES:
                response = client.get(url)
                assert response.status_code == 200, url
                assert response.content == expected[url], url
        finally:
            safe.breaker.reset()
    assert "Cache unavailable" in caplog.text
    cache.clear()


PAGES = [
    "/",
    MEETINGS,
    "/meetings/?borough=bronx",
    "/meetings/?start=2027-03-01&end=2027-04-30",
    CALENDAR,
    "/meetings/calendar/2027/3/",
    "/meetings/highbridge-monthly/2027-03-09/",
    "/meetings/highbridge-monthly/2027-03-09/event.ics",
    "/partnerships/elmhurst/",
    FEED,
    "/meetings/feeds/borough/queens.ics",
    "/partnerships/highbridge/meetings.ics",
]


# -- When a page stops being true ---------------------------------------------------


@pytest.fixture
def tonight(clock):
    """A meeting from 6 to 8 PM today, and the usual second Tuesdays of another series."""
    partnership = make_partnership(name="Elmhurst", slug="elmhurst", borough="queens")
    make_series(partnership=partnership, slug="elmhurst-monday", byday="4MO")  # Nov. 23
    make_series(partnership=make_partnership(name="Highbridge", slug="highbridge"))
    return datetime.datetime(2026, 11, 23, 20, tzinfo=noon_in_new_york(2026, 11, 23).tzinfo)


def expires_at(response):
    """The view's own hint (the page cache, when it answers, runs no view: see tests/pagecache)."""
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    return getattr(response.wsgi_request, "page_expires_at", None)


def test_lists_of_upcoming_meetings_expire_when_the_first_listed_meeting_ends(
    client, clock, tonight, settings
):
    settings.PAGE_CACHE_ENABLED = False
    for url in ("/", MEETINGS, "/partnerships/elmhurst/", "/es/meetings/"):
        assert expires_at(client.get(url)) == tonight, url
    # During the meeting it is still listed, and the page still expires when it ends.
    clock.move_to(tonight - datetime.timedelta(hours=1))
    assert expires_at(client.get(MEETINGS)) == tonight
    # Once it ended, the next one to end is Highbridge's, on Dec. 8.
    clock.move_to(tonight + datetime.timedelta(minutes=1))
    assert expires_at(client.get(MEETINGS)) == tonight.replace(day=8, month=12)


def test_chosen_dates_and_the_calendar_do_not_expire_before_midnight(client, tonight):
    assert expires_at(client.get(MEETINGS, {"start": "2026-12-01"})) is None
    assert expires_at(client.get("/meetings/calendar/2026/11/")) is None


def test_a_meeting_page_expires_when_the_meeting_ends_and_a_past_one_never(client, tonight):
    assert expires_at(client.get("/meetings/elmhurst-monday/2026-11-23/")) == tonight
    assert expires_at(client.get("/meetings/elmhurst-monday/2026-10-26/")) is None
