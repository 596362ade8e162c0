"""One-time events in a real browser, on a phone: accessible, labelled in words, addable."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from icalendar import Calendar

from meetings import occurrences
from meetings.models import MeetingSeries
from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def demo_events() -> list[occurrences.Occurrence]:
    """The demo's sample events (seed_demo puts them in the coming weeks)."""
    today = timezone.localdate()
    return occurrences.expand(
        MeetingSeries.objects.published().events().for_listing(),
        today,
        today + timezone.timedelta(days=45),
    )


def test_event_pages_on_a_phone_have_no_accessibility_violations(demo_site, phone):
    fair = next(o for o in demo_events() if "resource fair" in o.series.title)
    today = timezone.localdate()
    paths = [
        "/meetings/?kind=event",
        fair.get_absolute_url(),
        "/es" + fair.get_absolute_url(),
        f"/meetings/calendar/{fair.date.year}/{fair.date.month}/",
        fair.series.partnership.get_absolute_url(),
        f"/meetings/calendar/{today.year}/{today.month}/",
    ]
    for path in paths:
        response = phone.goto(demo_site + path)
        assert response.status == 200, path
        results = Axe().run(phone, options=WCAG_AA)
        assert results.violations_count == 0, (path, results.generate_report())
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


def test_a_resident_filters_events_opens_one_and_adds_it_to_a_calendar(demo_site, phone):
    events = demo_events()
    phone.goto(demo_site + "/meetings/")
    phone.get_by_label("Meetings or events").select_option("event")
    phone.get_by_role("button", name="Show results").click()
    phone.wait_for_url("**/meetings/?*kind=event*")
    items = phone.locator(".meeting")
    assert items.count() == len(events) == 3
    first = items.first
    # "Event" is said in words, not by colour alone.
    assert first.locator(".tag--event").inner_text() == "Event"
    title = events[0].series.title
    assert title in first.get_by_role("heading").inner_text()
    first.get_by_role("link").click()
    assert phone.locator("h1").inner_text().startswith(title)
    assert phone.get_by_role("heading", name="About this event").is_visible()
    link = phone.get_by_role("link", name="Add this event to your calendar")
    assert link.is_visible()
    response = phone.request.get(demo_site + link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert "RRULE" not in event
    assert title in str(event["summary"])
