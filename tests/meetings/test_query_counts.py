"""Meeting pages and feeds run a fixed number of queries, whether 5 or 50 series."""

import datetime

import pytest
import time_machine

from tests.factories import (
    make_change,
    make_event,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.pages import queries_for
from tests.partnerships.test_query_counts import ALL_LANGUAGES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


def make_schedules(n):
    """n partnerships, each with a series that has a cancellation and a move."""
    for i in range(n):
        partnership = make_partnership(slug=f"partnership-{i:03d}", borough="queens")
        series = make_series(
            partnership=partnership, slug=f"series-{i:03d}", languages=ALL_LANGUAGES
        )
        make_change(series, datetime.date(2026, 12, 8), "cancelled")
        make_change(
            series, datetime.date(2027, 1, 12), "moved", new_date=datetime.date(2027, 1, 14)
        )


def make_events(n):
    """n events on different days in December and January, every third one cancelled."""
    for i in range(n):
        partnership = make_partnership(slug=f"host-{i:03d}", borough="queens")
        day = datetime.date(2026, 12, 1) + datetime.timedelta(days=i % 60)
        event = make_event(partnership=partnership, slug=f"event-{i:03d}", valid_from=day)
        if i % 3 == 0:
            make_change(event, day, "cancelled")


# Every page reads the series' stamps in two queries (a fingerprint of each group of series,
# their changes counted) and takes their computed meetings (or calendar entries) from the
# cache; with the cache empty, it also reads the rows of every series to compute: the series
# and their changes (and for feeds their languages). The first page a process builds after
# series changed also reads the stamp rows of the groups that changed.
COMPUTE_QUERIES = 2
FEED_COMPUTE_QUERIES = 3
STAMP_ROWS = 1

# the stamps (two), the rows of the meetings shown (series with partnership, their changes),
# their languages, and the filter form's partnership and language choices
LIST_QUERIES = 7
# the same, plus one lookup for each model-choice filter in use (partnership, language)
FILTERED_LIST_QUERIES = 9
# A filtered list or feed also reads the keys of the series it lists.
LISTED_KEYS = 1
# the stamps (two): the calendar draws every meeting from them
CALENDAR_QUERIES = 2
# the series, their changes and their languages
OCCURRENCE_QUERIES = 3
# the stamps (two), the series' languages, and the language names
FEED_QUERIES = 4
# the partnership, then the same
PARTNERSHIP_FEED_QUERIES = 5


@pytest.mark.parametrize("rows", [5, 50])
def test_meeting_list_query_count_is_fixed(client, rows):
    make_schedules(rows)
    assert queries_for(client, "/meetings/") == LIST_QUERIES + COMPUTE_QUERIES + STAMP_ROWS
    assert queries_for(client, "/meetings/") == LIST_QUERIES
    params = {
        "borough": "queens",
        "partnership": "partnership-001",
        "attending": "in_person",
        "language": "zh",
        "start": "2026-12-01",
        "end": "2027-02-28",
    }
    # February was not computed yet: the default list ends in January.
    assert (
        queries_for(client, "/meetings/", params)
        == FILTERED_LIST_QUERIES + LISTED_KEYS + COMPUTE_QUERIES
    )
    assert queries_for(client, "/meetings/", params) == FILTERED_LIST_QUERIES + LISTED_KEYS
    assert queries_for(client, "/meetings/", {"page": "2"}) == LIST_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_calendar_query_count_is_fixed(client, rows):
    make_schedules(rows)
    calendar = "/meetings/calendar/2027/1/"
    assert queries_for(client, calendar) == CALENDAR_QUERIES + COMPUTE_QUERIES + STAMP_ROWS
    assert queries_for(client, calendar) == CALENDAR_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_occurrence_page_query_count_is_fixed(client, rows):
    make_schedules(rows)
    assert queries_for(client, "/meetings/series-001/2026-12-08/") == OCCURRENCE_QUERIES
    assert queries_for(client, "/meetings/series-001/2027-01-12/") == OCCURRENCE_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_feed_query_counts_are_fixed(client, rows):
    make_schedules(rows)
    feed = "/meetings/feeds/all.ics"
    assert queries_for(client, feed) == FEED_QUERIES + FEED_COMPUTE_QUERIES + STAMP_ROWS
    assert queries_for(client, feed) == FEED_QUERIES
    assert queries_for(client, "/meetings/feeds/borough/queens.ics") == FEED_QUERIES + LISTED_KEYS
    feed = "/partnerships/partnership-001/meetings.ics"
    assert queries_for(client, feed) == PARTNERSHIP_FEED_QUERIES + LISTED_KEYS
    assert queries_for(client, "/meetings/series-001/2027-01-12/event.ics") == OCCURRENCE_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_pages_with_events_keep_their_query_counts(client, rows):
    make_schedules(rows)
    make_events(rows)
    assert queries_for(client, "/meetings/") == LIST_QUERIES + COMPUTE_QUERIES + STAMP_ROWS
    assert queries_for(client, "/meetings/") == LIST_QUERIES
    for kind in ("event", "meeting"):
        assert queries_for(client, "/meetings/", {"kind": kind}) == LIST_QUERIES + LISTED_KEYS
    calendar = "/meetings/calendar/2026/12/"
    assert queries_for(client, calendar) == CALENDAR_QUERIES
    assert queries_for(client, "/meetings/event-001/2026-12-02/") == OCCURRENCE_QUERIES
    assert queries_for(client, "/meetings/event-000/2026-12-01/") == OCCURRENCE_QUERIES
    assert queries_for(client, "/meetings/event-001/2026-12-02/event.ics") == OCCURRENCE_QUERIES
    feed = "/meetings/feeds/all.ics"
    assert queries_for(client, feed) == FEED_QUERIES + FEED_COMPUTE_QUERIES
    assert queries_for(client, feed) == FEED_QUERIES
    partnership_feed = "/partnerships/host-001/meetings.ics"
    assert queries_for(client, partnership_feed) == PARTNERSHIP_FEED_QUERIES + LISTED_KEYS


def test_a_partnership_page_costs_the_same_with_5_or_50_events(client):
    partnership = make_partnership(slug="busy", borough="queens")
    make_series(partnership=partnership, slug="busy-monthly", languages=ALL_LANGUAGES)

    def add_events(first, last):
        for i in range(first, last):
            day = datetime.date(2026, 12, 1) + datetime.timedelta(days=i)
            make_event(partnership=partnership, slug=f"busy-event-{i:03d}", valid_from=day)

    add_events(0, 5)
    with_five = queries_for(client, "/partnerships/busy/")
    add_events(5, 50)
    assert queries_for(client, "/partnerships/busy/") == with_five
