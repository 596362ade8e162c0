"""One-time events beside the monthly meetings: a series that does not repeat.

Today is Monday 2026-11-23 (noon in New York) throughout. The factory's event
is a resource fair on Saturday 2026-12-12, 11 AM to 3 PM, in person; the
factory's meetings are on the second Tuesday (Dec. 8, Jan. 12).
"""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from icalendar import Calendar

from meetings import occurrences
from meetings.models import MeetingChange, MeetingSeries
from tests.factories import (
    make_change,
    make_event,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.pages import h1s, plain, section, text, title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

D = datetime.date
T = datetime.time
NEW_YORK = ZoneInfo("America/New_York")
FAIR_DAY = D(2026, 12, 12)
FAIR_PAGE = "/meetings/fair/2026-12-12/"


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False) as traveller:
        yield traveller


@pytest.fixture
def highbridge():
    return make_partnership(name="Highbridge", slug="highbridge", borough="bronx")


@pytest.fixture
def fair(highbridge):
    return make_event(partnership=highbridge, slug="fair", languages=("en", "es"))


def event_items(response) -> list[str]:
    """The visible text of each event in a list of meetings."""
    return [
        plain(block)
        for block in re.findall(
            r'<li class="meeting meeting--event[^"]*">(.*?)</li>',
            response.content.decode(),
            flags=re.S,
        )
    ]


def json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def vevents(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def fair_vevents(response) -> list:
    return [e for e in vevents(response) if "Resource fair" in str(e["summary"])]


# The rule -------------------------------------------------------------------------


def test_an_event_takes_place_once_on_its_date(fair):
    found = occurrences.expand(MeetingSeries.objects.for_listing(), D(2026, 1, 1), D(2027, 12, 31))
    assert [(o.date, o.start.time(), o.end.time()) for o in found] == [(FAIR_DAY, T(11), T(15))]
    assert fair.is_event
    assert fair.schedule_in_words == "One-time event on Dec. 12, 2026, 11:00 AM–3:00 PM"
    assert occurrences.next_after(fair, FAIR_DAY) is None


def test_events_and_meetings_are_told_apart(fair):
    meeting = make_series(partnership=fair.partnership)
    assert list(MeetingSeries.objects.events()) == [fair]
    assert list(MeetingSeries.objects.meetings()) == [meeting]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"description": ""}, "description", "Describe the event in a few sentences"),
        ({"until": D(2026, 12, 31)}, "until", "A one-time event has no last date"),
        ({"byday": "2SA"}, "byday", "A one-time event does not repeat"),
        ({"interval": 2}, "interval", "A one-time event does not repeat"),
    ],
)
def test_an_event_needs_a_description_and_no_rule(fair, fields, field, message):
    for name, value in fields.items():
        setattr(fair, name, value)
    with pytest.raises(ValidationError) as raised:
        fair.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


@pytest.mark.parametrize(
    "fields", [{"description": ""}, {"until": D(2026, 12, 31)}, {"bymonthday": 12}]
)
def test_the_database_refuses_an_event_without_description_or_with_a_rule(highbridge, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(partnership=highbridge, **fields)


def test_an_event_has_no_extra_dates(fair):
    change = MeetingChange(series=fair, original_date=D(2026, 12, 19), kind="extra")
    with pytest.raises(ValidationError) as raised:
        change.full_clean()
    assert "A one-time event has no extra dates" in str(raised.value)


# The list and its filter ------------------------------------------------------------


def test_events_are_listed_beside_meetings_labelled_as_events(client, fair):
    make_series(partnership=make_partnership(name="Elmhurst"))
    response = client.get("/meetings/")
    page = text(response)
    assert "3 results" in page  # Dec. 8 and Jan. 12, and the fair
    [item] = event_items(response)
    assert item.startswith("Saturday, Dec. 12, 2026 11:00 AM–3:00 PM Event Resource fair")
    assert "Highbridge" in item
    assert "Local programs for food, housing and child care" in item
    assert "English" in item and "Spanish" in item
    assert "Wheelchair access not confirmed" in item


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("event", ["Resource fair"]), ("meeting", ["Elmhurst", "Elmhurst"]), ("", None)],
)
def test_the_list_filters_by_kind(client, fair, kind, shown):
    make_series(partnership=make_partnership(name="Elmhurst"))
    response = client.get("/meetings/", {"kind": kind})
    assert response.status_code == 200
    names = [
        plain(name)
        for name in re.findall(
            r'class="meeting__title"><a href="[^"]+">(.*?)<span class="visually',
            response.content.decode(),
            flags=re.S,
        )
    ]
    assert names == (shown or ["Elmhurst", "Resource fair", "Elmhurst"])
    if kind:
        assert "Meetings or events" in plain(
            section(response, r'<ul class="active-filters.*?</ul>')
        )


def test_an_unknown_kind_says_so_and_lists_nothing(client, fair):
    response = client.get("/meetings/", {"kind": "party"})
    assert response.status_code == 200
    assert title(response).startswith("Error:")
    summary = plain(section(response, r'<div class="error-summary".*?</div>'))
    assert "Meetings or events: Select a valid choice." in summary
    assert event_items(response) == []


def test_a_cancelled_event_is_listed_as_cancelled(client, fair):
    make_change(fair, FAIR_DAY, "cancelled", note="Rain")
    [item] = event_items(client.get("/meetings/", {"kind": "event"}))
    assert "Cancelled · Rain" in item


def test_a_past_event_leaves_the_list(client, frozen, fair):
    frozen.move_to(datetime.datetime(2026, 12, 12, 15, 1, tzinfo=NEW_YORK))
    assert event_items(client.get("/meetings/")) == []


# The month calendar -----------------------------------------------------------------


def test_the_month_calendar_shows_the_event_with_its_title_and_label(client, fair):
    make_series(partnership=fair.partnership)
    html = client.get("/meetings/calendar/2026/12/").content.decode()
    assert "Saturday Dec. 12, 2026: 1 event</span>" in html
    assert "Tuesday Dec. 8, 2026: 1 meeting</span>" in html
    agenda = plain(
        section_of(html, r'<section class="agenda__day" id="day-2026-12-12".*?</section>')
    )
    assert agenda == "Saturday, Dec. 12, 2026 Event Resource fair · Highbridge · 11:00 AM–3:00 PM"
    assert plain(html_of_day(html, "2026-12-12")).endswith("Event Resource fair (Highbridge)")


def section_of(html: str, pattern: str) -> str:
    match = re.search(pattern, html, flags=re.S)
    assert match, pattern
    return match.group(0)


def html_of_day(html: str, day: str) -> str:
    """The calendar cell that links to `day`'s agenda."""
    return section_of(html, rf'<a class="calendar__date" href="#day-{day}".*?</ul>')


def test_a_day_with_a_meeting_and_an_event_counts_both(client, highbridge):
    make_series(partnership=highbridge)
    make_event(partnership=highbridge, slug="fair", valid_from=D(2026, 12, 8))
    html = client.get("/meetings/calendar/2026/12/").content.decode()
    assert "Tuesday Dec. 8, 2026: 1 meeting, 1 event</span>" in html
    assert "Event Resource fair (Highbridge)" in plain(html_of_day(html, "2026-12-08"))


# Feeds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "feed",
    [
        "/meetings/feeds/all.ics",
        "/meetings/feeds/borough/bronx.ics",
        "/partnerships/highbridge/meetings.ics",
    ],
)
def test_every_feed_has_the_event_as_one_vevent_without_a_rule(client, fair, feed):
    make_series(partnership=fair.partnership)
    response = client.get(feed)
    assert response.status_code == 200
    [event] = fair_vevents(response)
    assert "RRULE" not in event
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 12, 11, tzinfo=NEW_YORK)
    assert event.decoded("dtend") == datetime.datetime(2026, 12, 12, 15, tzinfo=NEW_YORK)
    assert str(event["summary"]) == "Highbridge: Resource fair"
    assert str(event["url"]).endswith(FAIR_PAGE)
    assert "Local programs for food, housing and child care" in str(event["description"])
    assert "One-time event on Dec. 12, 2026" in str(event["description"])
    assert len(vevents(response)) == 2  # and the monthly series, with its rule


def test_the_borough_feed_of_another_borough_has_no_event(client, fair):
    assert vevents(client.get("/meetings/feeds/borough/queens.ics")) == []


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(client, fair):
    make_change(fair, FAIR_DAY, "cancelled", note="Rain")
    [event] = fair_vevents(client.get("/meetings/feeds/all.ics"))
    assert str(event["status"]) == "CANCELLED"
    assert "EXDATE" not in event and "RRULE" not in event
    assert str(event["description"]).startswith("Rain")


def test_a_moved_event_has_its_new_date_and_place_in_the_feed(client, fair):
    make_change(
        fair,
        FAIR_DAY,
        "moved",
        new_date=D(2026, 12, 19),
        new_venue_name="Library",
        new_street_address="2 Library Lane",
    )
    [event] = fair_vevents(client.get("/meetings/feeds/all.ics"))
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 19, 11, tzinfo=NEW_YORK)
    assert "RECURRENCE-ID" not in event
    assert str(event["location"]) == "Library, 2 Library Lane"


def test_the_events_calendar_file_holds_the_event(client, fair):
    response = client.get(FAIR_PAGE + "event.ics")
    [event] = vevents(response)
    assert str(event["summary"]) == "Highbridge: Resource fair"
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 12, 11, tzinfo=NEW_YORK)


# The event's page -------------------------------------------------------------------


def test_the_event_page_says_what_when_where_languages_and_accessibility(client, fair):
    response = client.get(FAIR_PAGE)
    assert response.status_code == 200
    assert h1s(response) == ["Resource fair, Saturday, Dec. 12, 2026"]
    assert title(response).startswith("Resource fair, Dec. 12, 2026")
    page = text(response)
    assert "Event Hosted by Highbridge" in page
    assert "About this event Local programs for food, housing and child care" in page
    assert "Saturday, Dec. 12, 2026, 11:00 AM–3:00 PM" in page
    assert "Regular schedule" not in page
    assert fair.venue_name in page and "1 Sample Street" in page
    assert "Languages English, Español (Spanish)" in page
    assert "Wheelchair access not confirmed" in page
    assert "ASL interpretation on request" in page
    assert 'href="/meetings/fair/2026-12-12/event.ics"' in response.content.decode()
    assert "Add this event to your calendar" in page


def test_a_sample_event_page_says_the_event_is_a_sample_not_meetings(client, fair, highbridge):
    fair.is_sample_data = True
    fair.save()
    page = text(client.get(FAIR_PAGE))
    assert "The date, time and place of this event are a sample" in page
    assert "these meetings" not in page
    meeting = make_series(partnership=highbridge, slug="monthly", is_sample_data=True)
    meeting_page = text(client.get(f"/meetings/{meeting.slug}/2026-12-08/"))
    assert "The dates, times and places of these meetings are samples" in meeting_page


def test_the_event_page_describes_the_event_for_search_engines(client, fair):
    data = json_ld(client.get(FAIR_PAGE))
    assert data["@type"] == "Event"
    assert data["name"] == "Resource fair"
    assert data["description"] == fair.description
    assert data["startDate"] == "2026-12-12T11:00:00-05:00"
    assert data["endDate"] == "2026-12-12T15:00:00-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["streetAddress"] == fair.address
    assert data["organizer"]["name"] == "Highbridge"
    assert data["inLanguage"] == ["en", "es"]


def test_an_online_event_offers_its_link_and_says_so_to_search_engines(client, highbridge):
    make_event(
        partnership=highbridge,
        slug="workshop",
        title="Workshop",
        attending_type="virtual",
        join_url="https://example.org/workshop",
    )
    response = client.get("/meetings/workshop/2026-12-12/")
    assert "Join the event online" in text(response)
    data = json_ld(response)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/workshop"}


def test_a_cancelled_event_page_says_so_and_points_to_other_events(client, fair):
    make_change(fair, FAIR_DAY, "cancelled", note="Rain")
    response = client.get(FAIR_PAGE)
    page = text(response)
    assert "This event is cancelled Rain See other upcoming events" in page
    assert "Add this event to your calendar" not in page
    assert json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_moved_event_page_gives_the_new_date(client, fair):
    make_change(fair, FAIR_DAY, "moved", new_date=D(2026, 12, 19))
    response = client.get(FAIR_PAGE)
    assert "This event has changed" in text(response)
    assert "It was planned for Dec. 12, 2026 and now takes place on Dec. 19, 2026." in text(
        response
    )
    assert client.get("/meetings/fair/2026-12-19/").url == FAIR_PAGE


def test_a_past_event_page_says_it_has_taken_place(client, frozen, fair):
    frozen.move_to(datetime.datetime(2026, 12, 13, 12, tzinfo=NEW_YORK))
    page = text(client.get(FAIR_PAGE))
    assert "This event has already taken place." in page


def test_another_date_of_an_event_is_a_404(client, fair):
    assert client.get("/meetings/fair/2026-12-13/").status_code == 404
    assert client.get("/meetings/fair/2026-12-13/event.ics").status_code == 404


def test_the_event_page_in_spanish(client, fair):
    response = client.get("/es" + FAIR_PAGE)
    page = text(response)
    assert "Evento" in page
    assert "Agregue este evento a su calendario" in page


# The partnership page -------------------------------------------------------------


def test_the_partnership_page_lists_upcoming_events_apart_from_the_next_meetings(client, fair):
    make_series(partnership=fair.partnership)
    make_event(partnership=fair.partnership, slug="old", valid_from=D(2026, 11, 1))
    response = client.get("/partnerships/highbridge/")
    meetings = plain(
        section(response, r'<section class="partnership-meetings".*?<h3>Upcoming events</h3>')
    )
    assert "Meetings and events" in meetings
    assert "Second Tuesday of every month, 6:00–8:00 PM" in meetings
    assert "Resource fair" not in meetings  # not one of the next three meetings
    events = plain(section(response, r"<h3>Upcoming events</h3>.*?</ul>"))
    assert (
        events == "Upcoming events Event Resource fair: Saturday, Dec. 12, 2026, 11:00 AM–3:00 PM"
    )
    assert 'href="/meetings/fair/2026-12-12/"' in response.content.decode()


def test_a_partnership_with_only_an_event_shows_it(client, fair):
    response = client.get("/partnerships/highbridge/")
    page = text(response)
    assert "meeting schedule has not been posted yet" in page
    assert "Upcoming events Event Resource fair" in page
    assert "Get Highbridge meetings in your calendar" in page


def test_a_cancelled_event_is_marked_on_the_partnership_page(client, fair):
    make_change(fair, FAIR_DAY, "cancelled")
    events = plain(section(client.get("/partnerships/highbridge/"), r"<h3>Upcoming events.*?</ul>"))
    assert events.endswith("Cancelled")


def test_the_home_page_labels_an_upcoming_event(client, fair):
    assert "Event Resource fair (Highbridge): Saturday, Dec. 12, 2026" in text(client.get("/"))


# The schedule cache -----------------------------------------------------------------


def test_an_edited_event_shows_its_new_date_at_once_everywhere(client, frozen, fair):
    calendar = "/meetings/calendar/2026/12/"
    assert "Saturday Dec. 12, 2026: 1 event</span>" in client.get(calendar).content.decode()
    assert "Dec. 12, 2026" in event_items(client.get("/meetings/"))[0]
    [event] = fair_vevents(client.get("/meetings/feeds/all.ics"))
    assert event.decoded("dtstart").date() == FAIR_DAY
    frozen.shift(datetime.timedelta(minutes=1))  # as between two real saves
    fair.valid_from = D(2026, 12, 19)
    fair.description = "Now with a book swap."
    fair.save()
    html = client.get(calendar).content.decode()
    assert "Saturday Dec. 19, 2026: 1 event</span>" in html
    assert "Saturday Dec. 12, 2026: no meetings</span>" in html
    [item] = event_items(client.get("/meetings/"))
    assert "Dec. 19, 2026" in item and "Now with a book swap." in item
    [event] = fair_vevents(client.get("/meetings/feeds/all.ics"))
    assert event.decoded("dtstart").date() == D(2026, 12, 19)
    assert "Now with a book swap." in str(event["description"])


def test_a_cancellation_added_later_shows_at_once(client, frozen, fair):
    assert "Cancelled" not in event_items(client.get("/meetings/"))[0]
    frozen.shift(datetime.timedelta(minutes=1))
    make_change(fair, FAIR_DAY, "cancelled")
    assert "Cancelled" in event_items(client.get("/meetings/"))[0]
    [event] = fair_vevents(client.get("/meetings/feeds/all.ics"))
    assert str(event["status"]) == "CANCELLED"
