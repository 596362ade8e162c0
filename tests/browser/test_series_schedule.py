"""Staff set up a meeting series' schedule from lists in words, in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from meetings.models import MeetingSeries
from tests.browser.test_pages import WCAG_AA
from tests.factories import make_partnership
from tests.signin import sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ADD = "/admin/meetings/meetingseries/add/"
# Two widgets Django draws itself fail axe-core, as on every admin page that uses
# them: the partnership autocomplete (select2's combobox is named by an empty
# placeholder) and the languages' dual list (an aria-label on a plain span).
# They are left out so that the rest of the form, the schedule's lists
# included, is held to WCAG 2.2 AA.
DJANGO_WIDGETS = {"exclude": [".select2-container", ".selector"]}


@pytest.fixture
def staff_page(page, live_server, django_user_model):
    """The browser signed in as a superuser, by the session cookie the sign-in would leave."""
    user = django_user_model.objects.create_superuser(
        "schedule-admin", "schedule-admin@example.org", "a long enough password"
    )
    client = Client()
    sign_in_staff(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.base_url = live_server.url
    return page


def test_the_series_add_form_has_no_accessibility_violations(staff_page):
    page = staff_page
    response = page.goto(page.base_url + ADD)
    assert response.status == 200
    results = Axe().run(page, context=DJANGO_WIDGETS, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    # And as it comes back refused: weekly, yet on the second Tuesday.
    page.get_by_role("combobox", name="Repeats").select_option(label="Weekly")
    page.get_by_role("combobox", name="Week of the month").select_option(label="second")
    page.get_by_role("combobox", name="Day of the week").select_option(label="Tuesday")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("A weekly meeting is on the same day every week").is_visible()
    results = Axe().run(page, context=DJANGO_WIDGETS, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_staff_set_up_a_second_tuesday_by_choosing_from_the_lists(staff_page):
    make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    page = staff_page
    page.goto(page.base_url + ADD)

    page.locator(".field-partnership .select2-selection").click()
    page.locator(".select2-search__field").fill("Highbridge")
    page.locator(".select2-results__option", has_text="Highbridge Community Partnership").click()
    page.locator("#id_slug").fill("highbridge-monthly")

    page.get_by_role("combobox", name="Repeats").select_option(label="Monthly")
    page.get_by_role("combobox", name="Every").select_option(label="1")
    page.get_by_label("a week and a day of the week, such as the second Tuesday").check()
    page.get_by_role("combobox", name="Week of the month").select_option(label="second")
    page.get_by_role("combobox", name="Day of the week").select_option(label="Tuesday")
    page.get_by_label("Starts at").fill("18:00")
    page.get_by_label("Ends at").fill("20:00")
    page.get_by_label("First date on or after").fill("2026-01-01")
    page.get_by_label("Venue:", exact=True).fill("Community room")
    page.get_by_label("Street address").fill("1 Sample Street")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()

    assert page.locator(".messagelist .success").is_visible()
    assert page.get_by_text("Second Tuesday of every month, 6:00–8:00 PM").is_visible()
    series = MeetingSeries.objects.get(slug="highbridge-monthly")
    assert (series.freq, series.interval, series.byday, series.bymonthday) == (
        "MONTHLY",
        1,
        "2TU",
        None,
    )
