"""The admin's home page in a real browser: axe-core finds no WCAG 2.x A/AA violation.

With the demo data, so every count, both charts and their tables are there.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from tests.browser.test_pages import WCAG_AA
from tests.signin import sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def signed_in(page, demo_site, django_user_model):
    """The browser holds the session of a superuser signed in with both steps."""
    user = django_user_model.objects.create_superuser(
        "home-admin", "home-admin@example.org", "a long enough password"
    )
    client = Client()
    sign_in_staff(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": demo_site}])
    return page


def test_the_admin_home_has_no_accessibility_violations(signed_in, demo_site):
    page = signed_in
    # The admin's pages name no icon, so Chromium asks for /favicon.ico: a 404 of no interest.
    failed = []
    page.on(
        "response",
        lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and failed.append(r.url),
    )
    response = page.goto(demo_site + "/admin/")
    assert response.status == 200
    assert page.get_by_role("heading", name="What needs you today").is_visible()
    chart = page.get_by_role("img", name="Workshop requests received per month")
    assert chart.is_visible()
    # The numbers behind each chart open as a table.
    page.get_by_text("The same numbers as a table").first.click()
    assert page.get_by_role("table", name="Workshop requests received per month").is_visible()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert failed == []  # the stylesheet included


def test_the_admin_home_in_dark_mode_has_no_accessibility_violations(demo_site, signed_in):
    page = signed_in
    page.emulate_media(color_scheme="dark")
    page.goto(demo_site + "/admin/")
    for summary in page.get_by_text("The same numbers as a table").all():
        summary.click()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
