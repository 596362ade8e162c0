"""Meeting pages in a real browser: accessible, usable by keyboard and on a phone, printable."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from meetings import occurrences
from meetings.models import MeetingSeries
from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def demo_changes():
    """The demo's cancelled and moved meetings (seed_demo puts both in the coming weeks)."""
    today = timezone.localdate()
    found = occurrences.expand(
        MeetingSeries.objects.published().for_listing(),
        today,
        today + timezone.timedelta(days=45),
    )
    cancelled = next(o for o in found if o.is_cancelled)
    moved = next(o for o in found if o.is_moved)
    return cancelled, moved


def this_month_path():
    today = timezone.localdate()
    return f"/meetings/calendar/{today.year}/{today.month}/"


def test_meeting_pages_have_no_accessibility_violations(demo_site, page):
    cancelled, moved = demo_changes()
    paths = [
        "/meetings/",
        "/meetings/?borough=queens&attending=in_person&language=es",
        "/meetings/?start=2026-02-30",  # the form in its error state
        this_month_path(),
        cancelled.get_absolute_url(),
        moved.get_absolute_url(),
        "/es/meetings/",
    ]
    for path in paths:
        response = page.goto(demo_site + path)
        assert response.status == 200, path
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, (path, results.generate_report())
    assert page.console_errors == []


def test_a_resident_finds_a_meeting_sees_a_cancellation_and_adds_a_meeting(demo_site, page):
    cancelled, _ = demo_changes()
    page.goto(demo_site + "/meetings/")
    page.get_by_label("Borough").select_option(cancelled.series.partnership.borough)
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**/meetings/?*borough=*")
    item = page.locator(".meeting--cancelled").first
    assert "Cancelled" in item.inner_text()
    assert cancelled.series.partnership.name in item.inner_text()
    # Cancelled is said in words and shown by strike-through, not by colour alone.
    decoration = item.locator(".meeting__when").evaluate(
        "el => getComputedStyle(el).textDecorationLine"
    )
    assert decoration == "line-through"
    item.get_by_role("link").click()
    assert page.get_by_role("heading", name="This meeting is cancelled").is_visible()
    page.locator(".notice--cancelled").get_by_role("link").click()  # the next meeting
    assert page.get_by_role("link", name="Add this meeting to your calendar").is_visible()
    ics = page.get_by_role("link", name="Add this meeting to your calendar").get_attribute("href")
    response = page.request.get(demo_site + ics)
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in response.text()


def test_calendar_is_usable_with_the_keyboard(demo_site, page):
    page.goto(demo_site + this_month_path())
    table = page.get_by_role("table")
    assert table.locator("caption").is_visible()
    assert table.locator("th[scope=col]").count() == 7
    first_day_link = table.locator("a.calendar__date").first
    first_day_link.focus()
    page.keyboard.press("Enter")
    target = first_day_link.get_attribute("href")
    assert page.url.endswith(target)
    assert page.locator(target).locator("a").count() >= 1
    page.locator(".month-nav a[rel=next]").click()
    assert page.locator("h1").inner_text().startswith("Meetings in")


def test_meeting_pages_fit_a_phone_screen(demo_site, phone):
    cancelled, _ = demo_changes()
    for path in ("/meetings/", this_month_path(), cancelled.get_absolute_url()):
        phone.goto(demo_site + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


@pytest.mark.parametrize(
    "path",
    ["/meetings/", "/es/meetings/", "/partnerships/highbridge/", "/es/partnerships/highbridge/"],
)
def test_meetings_list_and_partnership_page_print_on_one_page(demo_site, page, path):
    page.goto(demo_site + path)
    page.emulate_media(media="print")
    for furniture in (".main-nav", ".filter-form", ".pagination", ".subscribe__links"):
        assert not page.locator(furniture).first.is_visible(), furniture
    # The stylesheet's @page rule sets Letter with margins, as a browser's print dialog would.
    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{path} printed on {pages} pages"
