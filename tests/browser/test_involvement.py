"""A resident reads the ways to take part on a phone, sends the form and gets a reference."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("path", ["/get-involved/", "/es/get-involved/"])
def test_the_page_has_no_accessibility_violations(demo_site, page, path):
    response = page.goto(demo_site + path)
    assert response.status == 200
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


def test_a_resident_sends_the_form_on_a_phone_and_gets_a_reference(demo_site, phone):
    phone.goto(demo_site + "/get-involved/")
    assert phone.locator("h1").inner_text() == "Get involved"
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    phone.get_by_role("link", name="Go to the form").click()
    phone.get_by_label("Volunteer as a tutor, mentor or coach").check()
    phone.get_by_label("Community Partnership", exact=True).select_option(
        label="Highbridge Community Partnership"
    )
    phone.get_by_label("Phone number").fill("(718) 555-0177")
    phone.get_by_label("Weekends").check()
    phone.get_by_role("button", name="Send").click()

    # Consent was forgotten: explained at the top of the form, nothing lost.
    assert phone.title().startswith("Error: ")
    summary = phone.get_by_role("alert")
    assert "Tick this box so that we can reply to you." in summary.inner_text()
    assert phone.get_by_label("Phone number").input_value() == "(718) 555-0177"
    assert phone.get_by_label("Volunteer as a tutor, mentor or coach").is_checked()
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    phone.get_by_label("OCEP and the Community Partnership I chose may contact me").check()
    phone.get_by_label("E-mail address").fill("marisol@example.org")
    phone.get_by_role("button", name="Send").click()

    # (The browser keeps the form's #interest-form through the redirect: harmless.)
    phone.wait_for_url(re.compile(r".*/get-involved/thanks/GI-\d{4}-\d{5}/(#.*)?$"))
    assert phone.locator("h1").inner_text() == "Thank you: we received your form"
    reference = phone.locator(".workshop-reference__number").inner_text()
    assert re.fullmatch(r"GI-\d{4}-\d{5}", reference)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "OCEPMailbox@acs.nyc.gov",
        "highbridge.partnership@example.org",
        "marisol@example.org",
    ]
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
