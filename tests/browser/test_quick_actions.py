"""Cancelling one date from the series list, in a real browser: axe-core clean, by label."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from meetings.models import MeetingChange, MeetingSeries
from tests.browser.test_pages import WCAG_AA
from tests.signin import sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def signed_in(page, base_url: str, user) -> None:
    """The session cookie of a signed-in user, as the sign-in form would leave it."""
    client = Client()
    sign_in_staff(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def assert_accessible(page) -> None:
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_staff_cancel_one_date_from_the_list_in_an_accessible_form(
    demo_site, page, django_user_model
):
    signed_in(
        page,
        demo_site,
        django_user_model.objects.create_superuser("quick", "quick@example.org", "long password"),
    )
    series = MeetingSeries.objects.meetings().order_by("pk").first()
    before = MeetingChange.objects.count()
    page.goto(demo_site + "/admin/meetings/meetingseries/")
    page.locator(f'a[href$="/{series.pk}/cancel-date/"]').click()
    page.wait_for_url(f"**/{series.pk}/cancel-date/")
    assert page.locator("h1").inner_text().startswith("Cancel one date of")
    assert_accessible(page)

    # Sent without a note: the errors are shown, and accessible too.
    page.get_by_role("button", name="Cancel this date").click()
    page.wait_for_load_state()
    assert page.get_by_text("Please correct the errors below.").is_visible()
    assert_accessible(page)

    date = page.get_by_label("Date")
    # Nothing is chosen to start with; the first option after the blank one is the next date.
    assert date.input_value() == ""
    first_date = date.locator("option").nth(1).get_attribute("value")
    date.select_option(first_date)
    page.get_by_label("Note for residents").fill("The room is closed for repairs.")
    page.get_by_role("button", name="Cancel this date").click()
    page.wait_for_url("**/admin/meetings/meetingseries/")
    assert "is cancelled. The site shows it now." in page.locator(".messagelist").inner_text()
    assert MeetingChange.objects.count() == before + 1
    change = MeetingChange.objects.get(series=series, original_date=first_date)
    assert (change.kind, change.note_en) == ("cancelled", "The room is closed for repairs.")
