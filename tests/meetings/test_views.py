"""Public meeting pages: the list, the month calendar, one meeting, and the feeds.

Today is Monday 2026-11-23 (noon in New York) throughout. The factory's
default series meets on the second Tuesday, 6 to 8 PM, from 2026-01-01: its
next dates are 2026-12-08, 2027-01-12, 2027-02-09 and 2027-03-09.
"""

import datetime
import html as html_lib
import json
import re
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from pagecache.versions import invalidate as invalidate_pages
from partnerships.models import CommunityPartnership
from tests.factories import make_change, make_partnership, make_series, noon_in_new_york
from tests.pages import h1s, plain, section, text, title

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
NEW_YORK = ZoneInfo("America/New_York")
TODAY = D(2026, 11, 23)
frozen = time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)

MEETINGS = "/meetings/"


# Helpers ------------------------------------------------------------------------


def meeting_items(response) -> list[dict]:
    """Each meeting in the results list: its date, partnership name and visible text."""
    found = []
    for block in re.findall(
        r'<li class="meeting[^"]*">(.*?)</li>', response.content.decode(), flags=re.S
    ):
        when = re.search(r'<time datetime="([^"]+)"', block).group(1)
        name = re.search(r'class="meeting__title"><a href="[^"]+">(.*?)<span', block, flags=re.S)
        found.append(
            {
                "date": datetime.datetime.fromisoformat(when).date(),
                "name": html_lib.unescape(name.group(1).strip()),
                "text": plain(block),
            }
        )
    return found


def listed(response) -> list[tuple[datetime.date, str]]:
    return [(item["date"], item["name"]) for item in meeting_items(response)]


def item_on(response, day: datetime.date, name: str) -> dict:
    matches = [i for i in meeting_items(response) if i["date"] == day and i["name"] == name]
    assert len(matches) == 1, (day, name, listed(response))
    return matches[0]


def json_ld(response) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        flags=re.S,
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def occurrence_url(slug: str, day: datetime.date) -> str:
    return reverse("meetings:occurrence", args=[slug, day.isoformat()])


def calendar_url(year: int, month: int) -> str:
    return reverse("meetings:calendar", args=[year, month])


def vevent_summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def error_summary(response) -> str:
    return plain(section(response, r'<div class="error-summary".*?</div>'))


# The list of upcoming meetings ------------------------------------------------------


@frozen
def test_meeting_list_shows_upcoming_meetings_of_every_partnership_in_date_order(client):
    highbridge = make_partnership(name="Highbridge")
    elmhurst = make_partnership(name="Elmhurst", borough="queens", districts=("QN04",))
    make_series(partnership=highbridge)  # second Tuesday: Dec 8, Jan 12
    make_series(partnership=elmhurst, bymonthday=1)  # Dec 1, Jan 1
    response = client.get(MEETINGS)
    assert response.status_code == 200
    assert listed(response) == [
        (D(2026, 12, 1), "Elmhurst"),
        (D(2026, 12, 8), "Highbridge"),
        (D(2027, 1, 1), "Elmhurst"),
        (D(2027, 1, 12), "Highbridge"),
    ]
    assert "4 results" in text(response)
    assert h1s(response) == ["Community Partnership meetings"]


@frozen
def test_unpublished_series_and_series_of_unpublished_partnerships_are_not_listed(client):
    make_series(partnership=make_partnership(name="Published Partnership"))
    make_series(partnership=make_partnership(name="Draft Series Partnership"), is_published=False)
    make_series(partnership=make_partnership(name="Hidden Partnership", is_published=False))
    response = client.get(MEETINGS)
    names = {name for _day, name in listed(response)}
    assert names == {"Published Partnership"}
    results = plain(section(response, r'<section class="results".*?</section>'))
    assert "Draft Series Partnership" not in results
    assert "Published Partnership" in results
    # An unpublished partnership is not even offered as a filter.
    assert "Hidden Partnership" not in text(response)


@frozen
def test_a_meeting_that_ended_earlier_today_is_not_listed_but_one_tonight_is(client):
    # Both meet on the 23rd: one from 9 to 10 AM (over by noon), one from 6 to 8 PM.
    make_series(
        partnership=make_partnership(name="Early Birds"),
        bymonthday=23,
        start_time=T(9),
        end_time=T(10),
    )
    make_series(partnership=make_partnership(name="Night Owls"), bymonthday=23)
    response = client.get(MEETINGS)
    shown = listed(response)
    assert (TODAY, "Night Owls") in shown
    assert (TODAY, "Early Birds") not in shown
    assert (D(2026, 12, 23), "Early Birds") in shown


@frozen
def test_the_list_covers_the_next_60_days_by_default(client):
    soon = TODAY + datetime.timedelta(days=59)  # 2027-01-21
    later = TODAY + datetime.timedelta(days=62)  # 2027-01-24
    make_series(
        partnership=make_partnership(name="Within Sixty Days"),
        bymonthday=soon.day,
        valid_from=soon,
    )
    make_series(
        partnership=make_partnership(name="Beyond Sixty Days"),
        bymonthday=later.day,
        valid_from=later,
    )
    response = client.get(MEETINGS)
    assert listed(response) == [(soon, "Within Sixty Days")]
    results = plain(section(response, r'<section class="results".*?</section>'))
    assert "Beyond Sixty Days" not in results
    assert "Meetings from Nov. 23, 2026 to Jan. 22, 2027." in text(response)


@frozen
def test_cancelled_meeting_is_shown_as_cancelled_with_its_note(client):
    series = make_series(partnership=make_partnership(name="Highbridge"))
    make_change(series, D(2026, 12, 8), "cancelled", note="The library is closed for repairs")
    response = client.get(MEETINGS)
    cancelled = item_on(response, D(2026, 12, 8), "Highbridge")
    assert "Cancelled" in cancelled["text"]
    assert "The library is closed for repairs" in cancelled["text"]
    following = item_on(response, D(2027, 1, 12), "Highbridge")
    assert "Cancelled" not in following["text"]
    assert "The library is closed for repairs" not in following["text"]


@frozen
def test_moved_meeting_is_listed_on_its_new_date_saying_where_it_moved_from(client):
    series = make_series(partnership=make_partnership(name="Highbridge"))
    make_change(series, D(2026, 12, 8), "moved", new_date=D(2026, 12, 10), note="Room change")
    response = client.get(MEETINGS)
    moved = item_on(response, D(2026, 12, 10), "Highbridge")
    assert "Moved from Dec. 8, 2026" in moved["text"]
    assert "Room change" in moved["text"]
    assert (D(2026, 12, 8), "Highbridge") not in listed(response)
    # Its link is the page of the date it was scheduled for.
    assert f'href="{occurrence_url(series.slug, D(2026, 12, 8))}"' in response.content.decode()


@frozen
def test_extra_meeting_is_marked_as_an_extra_meeting(client):
    series = make_series(partnership=make_partnership(name="Highbridge"))
    make_change(series, D(2026, 12, 17), "extra", note="Budget forum")
    response = client.get(MEETINGS)
    extra = item_on(response, D(2026, 12, 17), "Highbridge")
    assert "Extra meeting" in extra["text"]
    assert "Budget forum" in extra["text"]
    assert "Extra meeting" not in item_on(response, D(2026, 12, 8), "Highbridge")["text"]


# Filters --------------------------------------------------------------------------


@pytest.fixture
def three_boroughs():
    """In person in the Bronx, hybrid in Queens, online only in Brooklyn."""
    bronx = make_partnership(name="Highbridge", slug="highbridge", borough="bronx")
    queens = make_partnership(
        name="Elmhurst", slug="elmhurst", borough="queens", districts=("QN04",)
    )
    brooklyn = make_partnership(
        name="Bushwick", slug="bushwick", borough="brooklyn", districts=("BK04",)
    )
    make_series(partnership=bronx, attending_type="in_person", languages=("en",))
    make_series(
        partnership=queens,
        attending_type="hybrid",
        join_url="https://example.org/elmhurst",
        languages=("en", "zh"),
    )
    make_series(
        partnership=brooklyn,
        attending_type="virtual",
        venue_name="",
        street_address="",
        join_url="https://example.org/bushwick",
        languages=("es",),
    )


def names_for(client, params) -> set[str]:
    response = client.get(MEETINGS, params)
    assert response.status_code == 200
    return {name for _day, name in listed(response)}


@frozen
@pytest.mark.usefixtures("three_boroughs")
def test_filter_by_borough(client):
    assert names_for(client, {}) == {"Highbridge", "Elmhurst", "Bushwick"}
    assert names_for(client, {"borough": "queens"}) == {"Elmhurst"}
    assert names_for(client, {"borough": "staten-island"}) == set()


@frozen
@pytest.mark.usefixtures("three_boroughs")
def test_filter_by_partnership_slug(client):
    assert names_for(client, {"partnership": "bushwick"}) == {"Bushwick"}
    assert names_for(client, {"partnership": "highbridge"}) == {"Highbridge"}


@frozen
@pytest.mark.usefixtures("three_boroughs")
def test_in_person_includes_hybrid_and_online_includes_hybrid_and_virtual(client):
    assert names_for(client, {"attending": "in_person"}) == {"Highbridge", "Elmhurst"}
    assert names_for(client, {"attending": "online"}) == {"Elmhurst", "Bushwick"}


@frozen
@pytest.mark.usefixtures("three_boroughs")
def test_filter_by_language_spoken_at_the_meeting(client):
    assert names_for(client, {"language": "zh"}) == {"Elmhurst"}
    assert names_for(client, {"language": "es"}) == {"Bushwick"}
    assert names_for(client, {"language": "en"}) == {"Highbridge", "Elmhurst"}


@frozen
def test_a_series_in_two_matching_languages_is_listed_once_per_date(client):
    make_series(partnership=make_partnership(name="Bilingual"), languages=("en", "es"))
    response = client.get(MEETINGS, {"language": "es"})
    shown = listed(response)
    assert len(shown) == len(set(shown))
    assert (D(2026, 12, 8), "Bilingual") in shown


@frozen
def test_filter_by_date_range_shows_only_meetings_in_those_dates(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"start": "2027-03-01", "end": "2027-04-30"})
    assert response.status_code == 200
    assert listed(response) == [(D(2027, 3, 9), "Highbridge"), (D(2027, 4, 13), "Highbridge")]
    assert "Meetings from March 1, 2027 to April 30, 2027." in text(response)


@frozen
def test_past_dates_can_be_asked_for_and_show_meetings_that_took_place(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"start": "2026-11-01", "end": "2026-11-30"})
    assert listed(response) == [(D(2026, 11, 10), "Highbridge")]


@frozen
def test_a_start_date_alone_shows_60_days_from_it(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"start": "2027-03-01"})
    # 60 days from March 1 is April 30: March 9 and April 13, not May 11.
    assert listed(response) == [(D(2027, 3, 9), "Highbridge"), (D(2027, 4, 13), "Highbridge")]


@frozen
@pytest.mark.usefixtures("three_boroughs")
def test_active_filters_are_listed_with_a_link_that_removes_each(client):
    response = client.get(MEETINGS, {"borough": "queens", "attending": "online"})
    page = text(response)
    assert "Filtered by:" in page
    assert "Borough: Queens" in page
    assert "How to attend: Online" in page
    html = response.content.decode()
    assert 'href="?attending=online"' in html  # removes the borough
    assert 'href="?borough=queens"' in html  # removes how to attend


@frozen
def test_no_active_filters_are_listed_without_filters(client):
    make_series()
    assert "Filtered by:" not in text(client.get(MEETINGS))


# Bad input ------------------------------------------------------------------------


@frozen
@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"start": "2026-02-30"}, "From", "Enter a valid date."),
        ({"start": "2026-12-10", "end": "2026-12-01"}, "To", "on or after the start date"),
        ({"start": "2026-12-01", "end": "2027-12-03"}, "To", "at most a year apart"),
        # Without a start, the window starts today: the year limit still holds.
        ({"end": "2100-12-31"}, "To", "at most a year apart"),
        ({"end": "2027-11-25"}, "To", "at most a year apart"),
        ({"start": "1800-01-01"}, "From", "between the years 2000 and 2100"),
        ({"end": "1800-01-01"}, "To", "between the years 2000 and 2100"),
        ({"start": "not a date"}, "From", "Enter a valid date."),
    ],
)
def test_bad_dates_show_an_error_not_a_crash(client, params, field, message):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, params)
    assert response.status_code == 200
    assert "Error:" in title(response)
    summary = error_summary(response)
    assert f"{field}:" in summary
    assert message in summary
    assert listed(response) == []
    assert "Meetings will show here once the filters above are corrected." in text(response)


@frozen
def test_an_end_date_alone_a_year_from_today_is_allowed(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"end": "2027-11-24"})
    assert "Error:" not in title(response)
    assert listed(response)[0][0] == D(2026, 12, 8)


@frozen
def test_a_range_of_exactly_366_days_is_allowed(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"start": "2026-12-01", "end": "2027-12-02"})
    assert response.status_code == 200
    assert "Error:" not in title(response)
    # Second Tuesdays from Dec. 8, 2026 to Nov. 9, 2027 (Dec. 14, 2027 is too late).
    shown = listed(response)
    assert len(shown) == 12
    assert shown[0][0] == D(2026, 12, 8)
    assert shown[-1][0] == D(2027, 11, 9)


@frozen
@pytest.mark.parametrize(
    "params, field",
    [
        ({"borough": "mars"}, "Borough"),
        ({"partnership": "no-such-slug"}, "Community Partnership"),
        ({"language": "xx"}, "Language"),
        ({"attending": "teleport"}, "How to attend"),
    ],
)
def test_unknown_filter_values_show_an_error_not_a_crash(client, params, field):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, params)
    assert response.status_code == 200
    assert "Error:" in title(response)
    assert f"{field}:" in error_summary(response)
    assert listed(response) == []


@frozen
def test_an_unpublished_partnership_cannot_be_chosen_as_a_filter(client):
    make_series(partnership=make_partnership(slug="draft", is_published=False))
    response = client.get(MEETINGS, {"partnership": "draft"})
    assert response.status_code == 200
    assert "Community Partnership:" in error_summary(response)


@frozen
@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5"])
def test_a_bad_page_number_shows_a_real_page(client, page):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get(MEETINGS, {"page": page})
    assert response.status_code == 200
    assert "Error:" not in title(response)
    assert (D(2026, 12, 8), "Highbridge") in listed(response)


@frozen
def test_markup_in_filter_values_is_not_echoed_as_html(client):
    make_series()
    response = client.get(MEETINGS, {"borough": '"><script>x</script>', "start": "<b>x</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x</script>" not in html
    assert "<b>x</b>" not in html


# Pagination -----------------------------------------------------------------------


@frozen
def test_more_meetings_than_fit_on_a_page_continue_on_page_2(client):
    partnership = make_partnership(name="Weekly Partnership")
    for day in ("MO", "WE", "TH"):
        make_series(partnership=partnership, freq="WEEKLY", byday=day)
    last = TODAY + datetime.timedelta(days=60)
    expected = sum(
        1
        for n in range((last - TODAY).days + 1)
        if (TODAY + datetime.timedelta(days=n)).weekday() in (0, 2, 3)
    )
    per_page = settings.LISTINGS_PER_PAGE
    assert expected > per_page

    first = client.get(MEETINGS)
    assert len(listed(first)) == per_page
    assert f"Showing 1 to {per_page} of {expected}." in text(first)
    assert 'href="?page=2" rel="next"' in first.content.decode()

    second = client.get(MEETINGS, {"page": "2"})
    assert second.status_code == 200
    assert len(listed(second)) == expected - per_page
    assert f"Showing {per_page + 1} to {expected} of {expected}." in text(second)
    assert "(page 2)" in title(second)
    # Page 2 continues where page 1 stopped, with nothing repeated.
    assert max(d for d, _ in listed(first)) <= min(d for d, _ in listed(second))
    assert not set(listed(first)) & set(listed(second))


@frozen
def test_page_links_keep_the_filters(client):
    partnership = make_partnership(name="Weekly Partnership", borough="queens", districts=("QN04",))
    for day in ("MO", "WE", "TH"):
        make_series(partnership=partnership, freq="WEEKLY", byday=day)
    html = client.get(MEETINGS, {"borough": "queens"}).content.decode()
    assert 'href="?borough=queens&amp;page=2" rel="next"' in html


# Month calendar -------------------------------------------------------------------


@frozen
def test_month_calendar_is_an_accessible_table_with_an_agenda(client):
    series = make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get("/meetings/calendar/2026/12/")
    assert response.status_code == 200
    html = response.content.decode()
    table = section(response, r'<table class="calendar">.*?</table>')
    assert "<caption>" in table
    assert table.count('<th scope="col">') == 7
    assert h1s(response) == ["Meetings in December 2026"]
    # The day cell links to the agenda entry, which links to the meeting's page.
    assert 'href="#day-2026-12-08"' in table
    agenda = section(response, r'<section class="agenda__day" id="day-2026-12-08".*?</section>')
    assert "Highbridge" in plain(agenda)
    assert "6:00–8:00 PM" in plain(agenda)
    assert f'href="{occurrence_url(series.slug, D(2026, 12, 8))}"' in agenda
    # Days without meetings have no agenda entry.
    assert 'id="day-2026-12-09"' not in html
    assert 'href="#day-2026-12-09"' not in html


@pytest.mark.parametrize(
    ("path", "headers", "first_cell"),
    [
        # December 2026 starts on a Tuesday: the first row begins on the Sunday or
        # Monday before it, as the reader's calendars do.
        ("/meetings/calendar/2026/12/", ["Sunday", "Monday", "Tuesday"], "Nov. 29, 2026"),
        ("/es/meetings/calendar/2026/12/", ["lunes", "martes", "miércoles"], "30 de noviembre"),
    ],
)
def test_month_calendar_weeks_start_on_the_readers_first_weekday(client, path, headers, first_cell):
    table = section(client.get(path), r'<table class="calendar">.*?</table>')
    titles = re.findall(r'<th scope="col"><abbr title="([^"]+)"', table)
    assert [t.lower() for t in titles[:3]] == [h.lower() for h in headers]
    assert len(titles) == 7
    first_day = re.search(r"<td[^>]*>(.*?)</td>", table, re.S).group(1)
    assert first_cell in plain(first_day)


@frozen
def test_month_calendar_links_to_the_previous_and_next_months(client):
    response = client.get("/meetings/calendar/2026/12/")
    html = response.content.decode()
    assert 'href="/meetings/calendar/2026/11/" rel="prev"' in html
    assert 'href="/meetings/calendar/2027/1/" rel="next"' in html
    january = client.get("/meetings/calendar/2027/1/").content.decode()
    assert 'href="/meetings/calendar/2026/12/" rel="prev"' in january


@frozen
def test_month_calendar_marks_cancelled_and_moved_meetings(client):
    moved = make_series(partnership=make_partnership(name="Highbridge"))
    make_change(moved, D(2026, 12, 8), "moved", new_date=D(2026, 12, 15))
    cancelled = make_series(partnership=make_partnership(name="Elmhurst"), bymonthday=3)
    make_change(cancelled, D(2026, 12, 3), "cancelled")
    response = client.get("/meetings/calendar/2026/12/")
    assert response.status_code == 200

    old_day = section(response, r'<section class="agenda__day" id="day-2026-12-08".*?</section>')
    assert "Highbridge" in plain(old_day)
    assert "Moved to Dec. 15, 2026" in plain(old_day)
    new_day = section(response, r'<section class="agenda__day" id="day-2026-12-15".*?</section>')
    assert "Moved from Dec. 8, 2026" in plain(new_day)
    table = section(response, r'<table class="calendar">.*?</table>')
    assert "Highbridge: moved to December 15" in plain(table)
    assert 'href="#day-2026-12-08"' in table
    assert 'href="#day-2026-12-15"' in table

    third = section(response, r'<section class="agenda__day" id="day-2026-12-03".*?</section>')
    assert "Elmhurst" in plain(third)
    assert "Cancelled" in plain(third)


@frozen
def test_month_calendar_shows_only_published_series(client):
    make_series(partnership=make_partnership(name="Draft Partnership", is_published=False))
    make_series(partnership=make_partnership(name="Draft Series"), is_published=False)
    response = client.get("/meetings/calendar/2026/12/")
    page = text(response)
    assert "Draft Partnership" not in page
    assert "Draft Series" not in page
    assert "No meetings are scheduled this month." in page


@frozen
def test_month_13_is_a_404_that_says_so(client):
    response = client.get("/meetings/calendar/2026/13/")
    assert response.status_code == 404
    assert "There is no month 13" in text(response)


@frozen
@pytest.mark.parametrize("url", ["/meetings/calendar/1999/1/", "/meetings/calendar/9999/12/"])
def test_a_month_far_in_the_past_or_future_is_a_404_that_explains_why(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = text(response)
    assert "No calendar for that month" in page
    assert f"Calendars are available from {TODAY.year - 2} to {TODAY.year + 2}." in page
    assert 'href="/meetings/calendar/2026/11/"' in response.content.decode()


@frozen
def test_the_last_month_with_a_calendar_has_no_next_link(client):
    response = client.get(f"/meetings/calendar/{TODAY.year + 2}/12/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'rel="next"' not in html
    assert 'rel="prev"' in html


@frozen
def test_calendar_without_a_month_redirects_to_this_month(client):
    response = client.get("/meetings/calendar/")
    assert response.status_code == 302
    assert response["Location"] == "/meetings/calendar/2026/11/"


@frozen
def test_calendar_month_rejects_posts(client):
    assert client.post("/meetings/calendar/2026/12/").status_code == 405


# One meeting -----------------------------------------------------------------------


@pytest.fixture
def highbridge():
    partnership = make_partnership(
        name="Highbridge Community Partnership",
        slug="highbridge",
        description="Neighbors meet to share resources.",
    )
    return make_series(
        partnership=partnership,
        slug="highbridge-monthly",
        venue_name="Highbridge Library",
        street_address="78 West 168th Street",
        languages=("en", "es"),
        wheelchair_access="yes",
        asl=True,
    )


@frozen
def test_meeting_page_says_when_where_languages_and_accessibility(client, highbridge):
    url = occurrence_url(highbridge.slug, D(2026, 12, 8))
    assert url == "/meetings/highbridge-monthly/2026-12-08/"
    response = client.get(url)
    assert response.status_code == 200
    [h1] = h1s(response)
    assert "Highbridge Community Partnership" in h1
    assert "Dec. 8, 2026" in h1
    page = text(response)
    for expected in (
        "Tuesday, Dec. 8, 2026, 6:00–8:00 PM",
        "Second Tuesday of every month, 6:00–8:00 PM",
        "Highbridge Library",
        "78 West 168th Street",
        "English",
        "Español (Spanish)",
        "Wheelchair accessible",
        "ASL interpretation provided",
        "CART (live captioning) on request",
    ):
        assert expected in page, expected
    assert "This meeting is cancelled" not in page
    add = re.search(
        r'<a class="button" href="([^"]+)" download>Add this meeting to your calendar</a>',
        response.content.decode(),
    )
    assert add and add.group(1) == f"{url}event.ics"


@frozen
def test_meeting_page_describes_the_event_for_search_engines(client, highbridge):
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8)))
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["startDate"] == "2026-12-08T18:00:00-05:00"
    assert data["endDate"] == "2026-12-08T20:00:00-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Highbridge Library"
    assert data["url"] == "http://testserver/meetings/highbridge-monthly/2026-12-08/"
    assert data["organizer"]["name"] == "Highbridge Community Partnership"
    assert "previousStartDate" not in data


@frozen
def test_cancelled_meeting_page_says_so_and_links_to_the_next_meeting(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "cancelled", note="Holiday closure")
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8)))
    assert response.status_code == 200
    page = text(response)
    assert "This meeting is cancelled" in page
    assert "Holiday closure" in page
    assert "The next meeting: Tuesday, Jan. 12, 2027, 6:00–8:00 PM" in page
    assert f'href="{occurrence_url(highbridge.slug, D(2027, 1, 12))}"' in (
        response.content.decode()
    )
    assert title(response).startswith("Cancelled:")
    assert "Add this meeting to your calendar" not in page
    assert json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"


@frozen
def test_next_meeting_after_a_cancellation_skips_other_cancelled_dates(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "cancelled")
    make_change(highbridge, D(2027, 1, 12), "cancelled")
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8)))
    assert "The next meeting: Tuesday, Feb. 9, 2027" in text(response)


@frozen
def test_moved_meeting_page_gives_the_new_date_and_the_old_one(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "moved", new_date=D(2026, 12, 10))
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8)))
    assert response.status_code == 200
    page = text(response)
    assert "This meeting has changed" in page
    assert "It was planned for Dec. 8, 2026 and now takes place on Dec. 10, 2026." in page
    assert "Thursday, Dec. 10, 2026, 6:00–8:00 PM" in page
    data = json_ld(response)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["startDate"] == "2026-12-10T18:00:00-05:00"
    assert data["previousStartDate"] == "2026-12-08T18:00:00-05:00"


@frozen
def test_meeting_moved_to_a_new_place_shows_the_new_place(client, highbridge):
    make_change(
        highbridge,
        D(2026, 12, 8),
        "moved",
        new_venue_name="Bronx Museum",
        new_street_address="1040 Grand Concourse",
    )
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8)))
    page = text(response)
    assert "It has a new time or place" in page
    assert "Bronx Museum" in page
    assert "1040 Grand Concourse" in page
    assert "Highbridge Library" not in page
    data = json_ld(response)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert "previousStartDate" not in data


@frozen
def test_the_new_date_of_a_moved_meeting_redirects_to_its_page(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "moved", new_date=D(2026, 12, 10))
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 10)))
    assert response.status_code == 302
    assert response["Location"] == occurrence_url(highbridge.slug, D(2026, 12, 8))


@frozen
def test_extra_meeting_page_says_it_is_extra(client, highbridge):
    make_change(highbridge, D(2026, 12, 17), "extra", note="Budget forum")
    response = client.get(occurrence_url(highbridge.slug, D(2026, 12, 17)))
    assert response.status_code == 200
    page = text(response)
    assert "Extra meeting" in page
    assert "Budget forum" in page
    assert "Thursday, Dec. 17, 2026, 6:00–8:00 PM" in page


@frozen
def test_a_past_meeting_page_says_it_has_taken_place(client, highbridge):
    response = client.get(occurrence_url(highbridge.slug, D(2026, 11, 10)))
    assert response.status_code == 200
    page = text(response)
    assert "This meeting has already taken place." in page
    assert "Add this meeting to your calendar" not in page
    assert f'href="{occurrence_url(highbridge.slug, D(2026, 12, 8))}"' in (
        response.content.decode()
    )


@frozen
@pytest.mark.parametrize(
    "path",
    [
        "/meetings/highbridge-monthly/2026-12-09/",  # not a meeting date
        "/meetings/highbridge-monthly/2026-02-30/",  # no such date
        "/meetings/highbridge-monthly/2026-12-8/",  # not yyyy-mm-dd
        "/meetings/no-such-series/2026-12-08/",
    ],
)
def test_a_date_or_series_that_does_not_exist_is_a_404(client, highbridge, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in text(response)


@frozen
@pytest.mark.parametrize(
    "fields, day",
    [
        ({}, D(9999, 12, 14)),  # the last second Tuesday the calendar has
        ({"bymonthday": -1}, D(9999, 12, 31)),
        ({"freq": "WEEKLY", "byday": "FR"}, D(9999, 12, 31)),
    ],
)
def test_a_meeting_date_at_the_end_of_the_calendar_does_not_crash_the_page(client, fields, day):
    series = make_series(slug="far-future", **fields)
    # A date the rule does give, but far outside the years meeting pages cover: a 404.
    assert series.is_rule_date(day)
    assert client.get(f"/meetings/far-future/{day.isoformat()}/").status_code == 404
    assert client.get(f"/meetings/far-future/{day.isoformat()}/event.ics").status_code == 404


@frozen
def test_a_cancelled_or_moved_away_date_is_still_its_meetings_page_not_a_404(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "cancelled")
    assert client.get(occurrence_url(highbridge.slug, D(2026, 12, 8))).status_code == 200


@frozen
def test_unpublished_series_and_unpublished_partnerships_have_no_meeting_pages(client):
    draft = make_series(slug="draft-series", is_published=False)
    hidden = make_series(
        slug="hidden-partnership-series", partnership=make_partnership(is_published=False)
    )
    for series in (draft, hidden):
        response = client.get(occurrence_url(series.slug, D(2026, 12, 8)))
        assert response.status_code == 404, series.slug
        ics = client.get(reverse("meetings:occurrence_ics", args=[series.slug, D(2026, 12, 8)]))
        assert ics.status_code == 404, series.slug


@frozen
def test_staff_text_in_a_note_is_escaped(client, highbridge):
    make_change(highbridge, D(2026, 12, 8), "cancelled", note="<script>alert(1)</script>")
    html = client.get(occurrence_url(highbridge.slug, D(2026, 12, 8))).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    listing = client.get(MEETINGS).content.decode()
    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing


@frozen
def test_a_closing_script_tag_in_staff_text_cannot_break_out_of_the_json_ld(client):
    hostile = "</script><script>alert(2)</script>"
    partnership = make_partnership(name=f"Partnership {hostile}", description=hostile)
    series = make_series(partnership=partnership)
    make_change(series, D(2026, 12, 8), "moved", new_venue_name=hostile, note=hostile)
    response = client.get(occurrence_url(series.slug, D(2026, 12, 8)))
    html = response.content.decode()
    assert hostile not in html
    assert "<script>alert(2)" not in html
    # The JSON-LD is still one block, and reads back as exactly what staff typed.
    data = json_ld(response)
    assert data["description"] == hostile
    assert data["name"] == f"Partnership {hostile}: {series.title}"
    assert data["location"]["name"] == hostile


@frozen
def test_online_meeting_page_offers_the_link_and_says_so_to_search_engines(client):
    series = make_series(
        attending_type="virtual",
        venue_name="",
        street_address="",
        join_url="https://example.org/join",
        dial_in="(212) 555-0100, code 1234",
    )
    response = client.get(occurrence_url(series.slug, D(2026, 12, 8)))
    page = text(response)
    assert "Join the meeting online" in page
    assert "(212) 555-0100, code 1234" in page
    assert 'href="https://example.org/join"' in response.content.decode()
    data = json_ld(response)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join"}


# Partnership page -----------------------------------------------------------------


@frozen
def test_partnership_page_shows_the_schedule_and_the_next_three_meetings(client):
    partnership = make_partnership(name="Highbridge", slug="highbridge")
    series = make_series(partnership=partnership)
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert "Second Tuesday of every month, 6:00–8:00 PM" in page
    for day in ("Dec. 8, 2026", "Jan. 12, 2027", "Feb. 9, 2027"):
        assert f"Tuesday, {day}, 6:00–8:00 PM" in page, day
    assert "March 9, 2027" not in page
    html = response.content.decode()
    for day in (D(2026, 12, 8), D(2027, 1, 12), D(2027, 2, 9)):
        assert f'href="{occurrence_url(series.slug, day)}"' in html
    assert occurrence_url(series.slug, D(2027, 3, 9)) not in html


@frozen
def test_partnership_page_marks_a_cancelled_next_meeting(client):
    partnership = make_partnership(name="Highbridge")
    series = make_series(partnership=partnership)
    make_change(series, D(2026, 12, 8), "cancelled")
    make_change(series, D(2027, 1, 12), "moved", new_date=D(2027, 1, 14))
    page = text(client.get(partnership.get_absolute_url()))
    assert "Tuesday, Dec. 8, 2026, 6:00–8:00 PM Cancelled" in page
    assert "Thursday, Jan. 14, 2027, 6:00–8:00 PM Moved from Jan. 12, 2027" in page


@frozen
def test_partnership_page_offers_calendar_subscriptions(client):
    partnership = make_partnership(slug="highbridge")
    make_series(partnership=partnership)
    response = client.get(partnership.get_absolute_url())
    html = response.content.decode()
    feed = "http://testserver/partnerships/highbridge/meetings.ics"
    webcal = "webcal://testserver/partnerships/highbridge/meetings.ics"
    assert f'href="{webcal}"' in html
    assert f'<code class="feed-url">{feed}</code>' in html
    google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
    assert f'href="{google}"' in html
    # The address given is a real feed.
    assert client.get(feed.removeprefix("http://testserver")).status_code == 200


@frozen
def test_partnership_page_in_spanish_uses_spanish_days_and_24_hour_times(client):
    partnership = make_partnership(slug="highbridge")
    make_series(partnership=partnership)
    url = "/es" + partnership.get_absolute_url()
    assert url == "/es/partnerships/highbridge/"
    response = client.get(url)
    assert response.status_code == 200
    page = text(response)
    assert "martes" in page
    assert "diciembre" in page
    assert "18:00–20:00" in page
    assert "6:00–8:00 PM" not in page
    # The Spanish page subscribes to the Spanish feed, which is a real calendar.
    html = response.content.decode()
    assert 'href="webcal://testserver/es/partnerships/highbridge/meetings.ics"' in html
    feed = client.get("/es/partnerships/highbridge/meetings.ics")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")


@frozen
def test_partnership_without_a_schedule_says_it_has_not_been_posted(client):
    partnership = make_partnership(slug="no-schedule")
    make_series(partnership=partnership, is_published=False)  # a draft is not a schedule
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert "meeting schedule has not been posted yet" in page
    assert "meetings.ics" not in response.content.decode()


# Spanish list ---------------------------------------------------------------------


@frozen
def test_meeting_list_in_spanish_uses_spanish_dates_and_24_hour_times(client):
    make_series(partnership=make_partnership(name="Highbridge"))
    response = client.get("/es/meetings/")
    assert response.status_code == 200
    page = text(response)
    assert "martes" in page
    assert "diciembre" in page
    assert "18:00–20:00" in page
    assert '<html lang="es" dir="ltr">' in response.content.decode()


@frozen
def test_spanish_meeting_page_and_calendar_respond(client):
    series = make_series()
    meeting = client.get(f"/es/meetings/{series.slug}/2026-12-08/")
    assert meeting.status_code == 200
    assert "18:00–20:00" in text(meeting)
    calendar_page = client.get("/es/meetings/calendar/2026/12/")
    assert calendar_page.status_code == 200
    assert "diciembre" in text(calendar_page)


# Feeds ----------------------------------------------------------------------------


@pytest.fixture
def two_boroughs():
    bronx = make_partnership(name="Highbridge", slug="highbridge", borough="bronx")
    queens = make_partnership(
        name="Elmhurst", slug="elmhurst", borough="queens", districts=("QN04",)
    )
    return make_series(partnership=bronx), make_series(partnership=queens)


@frozen
@pytest.mark.usefixtures("two_boroughs")
def test_feed_of_all_meetings_is_a_calendar(client):
    response = client.get("/meetings/feeds/all.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = vevent_summaries(response)
    assert any(s.startswith("Highbridge") for s in summaries)
    assert any(s.startswith("Elmhurst") for s in summaries)


@frozen
@pytest.mark.usefixtures("two_boroughs")
def test_borough_feed_has_only_that_boroughs_meetings(client):
    response = client.get("/meetings/feeds/borough/bronx.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = vevent_summaries(response)
    assert summaries and all(s.startswith("Highbridge") for s in summaries)
    assert b"Elmhurst" not in response.content


@frozen
@pytest.mark.usefixtures("two_boroughs")
def test_partnership_feed_has_only_that_partnerships_meetings(client):
    response = client.get("/partnerships/elmhurst/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = vevent_summaries(response)
    assert summaries and all(s.startswith("Elmhurst") for s in summaries)
    assert b"Highbridge" not in response.content


@frozen
def test_single_meeting_calendar_file_holds_that_meeting(client, two_boroughs):
    bronx, _queens = two_boroughs
    response = client.get(f"/meetings/{bronx.slug}/2026-12-08/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 8, 18, tzinfo=NEW_YORK)
    assert "RRULE" not in event


@frozen
def test_single_meeting_calendar_file_of_a_date_with_no_meeting_is_a_404(client, two_boroughs):
    bronx, _queens = two_boroughs
    make_change(bronx, D(2027, 1, 12), "moved", new_date=D(2027, 1, 14))
    assert client.get(f"/meetings/{bronx.slug}/2026-12-09/event.ics").status_code == 404
    assert client.get(f"/meetings/{bronx.slug}/2027-01-14/event.ics").status_code == 404
    assert client.get(f"/meetings/{bronx.slug}/2027-01-12/event.ics").status_code == 200


@frozen
@pytest.mark.usefixtures("two_boroughs")
@pytest.mark.parametrize(
    "path",
    [
        "/meetings/feeds/borough/mars.ics",
        "/partnerships/no-such-partnership/meetings.ics",
    ],
)
def test_feeds_for_unknown_places_are_404(client, path):
    assert client.get(path).status_code == 404


@frozen
def test_feed_of_an_unpublished_partnership_is_a_404(client):
    make_series(partnership=make_partnership(slug="draft", is_published=False))
    assert client.get("/partnerships/draft/meetings.ics").status_code == 404


@frozen
@pytest.mark.parametrize(
    "path",
    [
        "/meetings/feeds/all.ics",
        "/meetings/feeds/borough/bronx.ics",
        "/partnerships/highbridge/meetings.ics",
        "/meetings/highbridge-monthly/2026-12-08/event.ics",
        "/meetings/highbridge-monthly/2026-12-08/",
    ],
)
def test_posting_to_a_feed_or_meeting_page_is_not_allowed(client, path):
    make_series(partnership=make_partnership(slug="highbridge"), slug="highbridge-monthly")
    assert client.post(path).status_code == 405


@frozen
def test_sample_schedules_are_flagged_once_on_every_page_that_lists_them(client):
    partnership = make_partnership(slug="highbridge")
    first = make_series(partnership=partnership, is_sample_data=True)
    make_series(partnership=partnership, byday="4TU", is_sample_data=True)
    notice = "are samples for this demonstration site"
    for url in (
        "/",
        "/meetings/",
        "/meetings/calendar/2026/12/",
        "/partnerships/highbridge/",
        f"/meetings/{first.slug}/2026-12-08/",
    ):
        html = client.get(url).content.decode()
        assert html.count(notice) == 1, url
        assert html.count('id="sample-schedule-title"') == 1, url
    first.is_sample_data = False
    first.save()
    assert notice not in client.get(f"/meetings/{first.slug}/2026-12-08/").content.decode()


@frozen
def test_calendar_day_links_say_how_many_meetings_still_take_place(client):
    tuesday = make_series(slug="tuesday", byday="2TU")
    make_series(slug="also-tuesday", byday="2TU")
    make_change(tuesday, D(2026, 12, 8), "cancelled")
    friday = make_series(slug="friday", byday="-1FR")
    make_change(friday, D(2026, 12, 25), "moved", new_date=D(2026, 12, 28))
    html = client.get("/meetings/calendar/2026/12/").content.decode()
    assert "Tuesday Dec. 8, 2026: 1 meeting, 1 cancelled</span>" in html
    assert "Friday Dec. 25, 2026: 0 meetings, 1 moved to another day</span>" in html
    assert "Monday Dec. 28, 2026: 1 meeting</span>" in html


def test_the_partnership_list_marks_the_chosen_one_each_time_and_follows_renames(client):
    """The options are kept between pages; the chosen one and the names must not be."""
    make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    make_partnership(name="Elmhurst Community Partnership", slug="elmhurst")

    def options(response) -> str:
        return section(response, r'<select name="partnership".*?</select>')

    first = options(client.get("/meetings/", {"borough": "bronx"}))
    assert " selected" not in first.split("</option>", 1)[1]  # past the empty choice
    chosen = options(client.get("/meetings/", {"partnership": "highbridge"}))
    assert '<option value="highbridge" selected>' in chosen
    assert chosen.count(" selected") == 1
    other = options(client.get("/meetings/", {"partnership": "elmhurst"}))
    assert '<option value="elmhurst" selected>' in other
    assert '<option value="highbridge">' in other
    CommunityPartnership.objects.filter(slug="elmhurst").update(name="Elmhurst Renamed")
    invalidate_pages()
    assert "Elmhurst Renamed" in options(client.get("/meetings/", {"partnership": "elmhurst"}))
