"""Calendar feeds, read back by an independent reader, give exactly the site's meetings."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import time_machine
from icalendar import Calendar

from meetings import occurrences
from meetings.models import MeetingSeries
from tests.factories import make_change, make_partnership, make_series, noon_in_new_york

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
NEW_YORK = ZoneInfo("America/New_York")
TODAY = datetime.date(2026, 11, 23)
HORIZON = datetime.date(2028, 11, 23)  # 24 months ahead
D = datetime.date
T = datetime.time


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


@pytest.fixture
def schedules():
    """Series of every shape, with cancellations, moves and extras, in two boroughs."""
    bronx = make_partnership(name="Highbridge", slug="highbridge", borough="bronx")
    queens = make_partnership(name="Elmhurst", slug="elmhurst", borough="queens")
    second_tuesday = make_series(partnership=bronx, slug="highbridge-monthly", byday="2TU")
    make_change(second_tuesday, D(2026, 12, 8), "cancelled", note="Holiday")
    make_change(second_tuesday, D(2027, 3, 9), "moved", new_date=D(2027, 3, 16))
    make_change(
        second_tuesday,
        D(2027, 4, 13),
        "moved",
        new_start_time=T(17),
        new_end_time=T(18, 30),
        new_venue_name="Library",
        new_street_address="2 Library Lane",
    )
    make_change(second_tuesday, D(2027, 5, 20), "extra", note="Budget forum")
    # The very first date cancelled: the EXDATE falls on DTSTART itself.
    last_friday = make_series(
        partnership=queens,
        slug="elmhurst-monthly",
        byday="-1FR",
        valid_from=D(2026, 11, 24),
        attending_type="hybrid",
        join_url="https://example.org/join",
        start_time=T(10),
        end_time=T(12),
    )
    make_change(last_friday, D(2026, 11, 27), "cancelled")
    make_change(last_friday, D(2027, 1, 29), "moved", new_date=D(2027, 2, 1))  # next month
    make_series(
        partnership=queens,
        slug="elmhurst-fortnightly",
        title="Youth committee",
        freq="WEEKLY",
        interval=2,
        byday="WE",
        valid_from=D(2026, 11, 26),  # a Thursday: the first Wednesday is a week later
        until=D(2027, 6, 30),
        start_time=T(16),
        end_time=T(17),
    )
    make_series(
        partnership=bronx,
        slug="highbridge-last-day",
        title="Parents' circle",
        byday="",
        bymonthday=-1,
        interval=2,
        start_time=T(9, 30),
        end_time=T(11),
        attending_type="virtual",
        dial_in="(212) 555-0100",
    )
    make_change(MeetingSeries.objects.get(slug="highbridge-last-day"), D(2027, 2, 28), "cancelled")
    make_series(partnership=bronx, slug="hidden", byday="1MO", is_published=False)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def feed_meetings(calendar) -> set:
    found = set()
    for event in recurring_ical_events.of(calendar).between(TODAY, HORIZON):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        # Times are New York wall-clock times, not floating or shifted to UTC.
        assert str(start.tzinfo) == "America/New_York"
        found.add((str(event["summary"]), start.astimezone(datetime.UTC), end))
    return found


def site_meetings(series) -> set:
    return {
        (
            f"{o.series.partnership.name}: {o.series.title}",
            o.start.astimezone(datetime.UTC),
            o.end,
        )
        for o in occurrences.expand(series.for_listing(), TODAY, HORIZON)
        if not o.is_cancelled
    }


@pytest.mark.parametrize(
    ("url", "series"),
    [
        ("/meetings/feeds/all.ics", lambda: MeetingSeries.objects.published()),
        (
            "/meetings/feeds/borough/queens.ics",
            lambda: MeetingSeries.objects.published().for_borough("queens"),
        ),
        (
            "/partnerships/highbridge/meetings.ics",
            lambda: MeetingSeries.objects.published().filter(partnership__slug="highbridge"),
        ),
    ],
)
def test_feed_read_back_gives_exactly_the_sites_meetings_for_24_months(
    client, schedules, url, series
):
    expected = site_meetings(series())
    assert len(expected) > 20
    assert feed_meetings(read_feed(client, url)) == expected


def test_cancelled_and_moved_dates_are_exdate_and_recurrence_id(client, schedules):
    calendar = read_feed(client, "/partnerships/highbridge/meetings.ics")
    monthly = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["summary"]).endswith("Monthly partnership meeting")
    ]
    main = next(e for e in monthly if "RRULE" in e)
    assert main["rrule"]["FREQ"] == ["MONTHLY"] and main["rrule"]["BYDAY"] == ["2TU"]
    exdates = [d.dt for d in main["exdate"].dts]
    assert exdates == [datetime.datetime(2026, 12, 8, 18, tzinfo=NEW_YORK)]
    overrides = sorted(
        (e.decoded("recurrence-id"), e.decoded("dtstart")) for e in monthly if "RECURRENCE-ID" in e
    )
    assert overrides == [
        (
            datetime.datetime(2027, 3, 9, 18, tzinfo=NEW_YORK),
            datetime.datetime(2027, 3, 16, 18, tzinfo=NEW_YORK),
        ),
        (
            datetime.datetime(2027, 4, 13, 18, tzinfo=NEW_YORK),
            datetime.datetime(2027, 4, 13, 17, tzinfo=NEW_YORK),
        ),
    ]
    # Overrides share the series' UID; the extra meeting has its own.
    assert {str(e["uid"]) for e in monthly if "RECURRENCE-ID" in e} == {str(main["uid"])}
    assert [str(e["location"]) for e in monthly if "RECURRENCE-ID" in e][1].startswith("Library")
    assert "Budget forum" in str(
        next(e for e in monthly if "extra" in str(e["uid"]))["description"]
    )


def test_feed_has_a_new_york_vtimezone_and_filled_in_events(client, schedules):
    calendar = read_feed(client, "/meetings/feeds/all.ics")
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(calendar["x-wr-calname"]) == "NYC Community Partnership meetings"
    for event in calendar.walk("VEVENT"):
        assert str(event["location"])
        assert "Details: http://testserver/partnerships/" in str(event["description"])
        assert str(event["url"]).startswith("http://testserver/")
    hybrid = next(e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Elmhurst"))
    assert "Join online: https://example.org/join" in str(hybrid["description"])


def test_unpublished_series_are_not_in_any_feed(client, schedules):
    body = client.get("/meetings/feeds/all.ics").content.decode()
    series = MeetingSeries.objects.get(slug="hidden")
    assert f"meeting-series-{series.pk}@" not in body


def test_uids_stay_the_same_when_staff_rename_a_series(client, schedules):
    def uids():
        calendar = read_feed(client, "/meetings/feeds/all.ics")
        return sorted(str(e["uid"]) for e in calendar.walk("VEVENT"))

    before = uids()
    MeetingSeries.objects.filter(slug="highbridge-monthly").update(
        slug="highbridge-meeting", title="Highbridge general meeting"
    )
    assert uids() == before


def test_until_is_written_in_utc(client, schedules):
    calendar = read_feed(client, "/meetings/feeds/borough/queens.ics")
    weekly = next(e for e in calendar.walk("VEVENT") if "Youth committee" in str(e["summary"]))
    assert weekly["rrule"]["UNTIL"] == [datetime.datetime(2027, 6, 30, 20, tzinfo=datetime.UTC)]
    assert weekly["rrule"]["INTERVAL"] == [2]


def test_single_meeting_ics_is_one_event_at_new_york_time(client, schedules):
    calendar = read_feed(client, "/meetings/highbridge-monthly/2027-01-12/event.ics")
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2027, 1, 12, 18, tzinfo=NEW_YORK)
    assert event.decoded("dtend") == datetime.datetime(2027, 1, 12, 20, tzinfo=NEW_YORK)
    assert "RRULE" not in event
    assert str(event["url"]) == "http://testserver/meetings/highbridge-monthly/2027-01-12/"
    moved = read_feed(client, "/meetings/highbridge-monthly/2027-03-09/event.ics")
    assert moved.walk("VEVENT")[0].decoded("dtstart").date() == D(2027, 3, 16)
    cancelled = read_feed(client, "/meetings/highbridge-monthly/2026-12-08/event.ics")
    assert str(cancelled.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_feed_in_spanish_describes_the_rule_in_spanish(client, schedules):
    body = client.get("/es/partnerships/highbridge/meetings.ics").content.decode()
    assert "martes" in body
    assert "18:00–20:00" in body


def test_the_feeds_own_vtimezone_gives_new_york_offsets(client, schedules):
    """Outlook and dateutil-based readers use the feed's VTIMEZONE, not their own zone data."""
    from io import StringIO

    from dateutil.tz import tzical

    calendar = read_feed(client, "/meetings/feeds/all.ics")
    (vtimezone,) = calendar.walk("VTIMEZONE")
    # Yearly rules, as Google and Outlook write them: some readers (vobject) misread a
    # VTIMEZONE made of long RDATE lists and put summer meetings an hour late.
    observances = vtimezone.walk("DAYLIGHT") + vtimezone.walk("STANDARD")
    assert len(observances) == 2
    assert all("RRULE" in o and "RDATE" not in o for o in observances)
    new_york = tzical(StringIO(vtimezone.to_ical().decode())).get("America/New_York")

    def offset(*moment):
        return new_york.utcoffset(datetime.datetime(*moment)).total_seconds() / 3600  # noqa: DTZ001

    assert offset(2027, 1, 12, 18) == -5
    assert offset(2027, 4, 13, 18) == -4  # after clocks go forward on March 14, 2027
    assert offset(2027, 3, 13, 18) == -5
    assert offset(2027, 11, 6, 18) == -4  # before they go back on November 7, 2027
    assert offset(2027, 11, 8, 18) == -5
