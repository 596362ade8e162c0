"""A provider requests a workshop in a real browser, on a phone, with a mistake on the way."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone

from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def fill_in_the_form(page, email: str) -> None:
    first_date = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Organization name").fill("Mott Haven Tenants United")
    page.get_by_label("Type of organization").select_option("tenant")
    page.get_by_label("Borough").select_option("bronx")
    page.get_by_label("Your name").fill("Dolores Quintana")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Phone number").fill("(718) 555-0142")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Address of the venue").fill("350 East 143rd Street, Bronx, NY 10454")
    page.get_by_label("Parents and residents").check()
    page.get_by_label("Expected number of attendees").fill("40")
    page.get_by_label("How ACS works").check()
    page.get_by_label("First preferred date").fill(first_date.isoformat())
    page.get_by_label("Evening").check()
    page.get_by_label("OCEP may contact me").check()


@pytest.mark.parametrize("path", ["/workshops/", "/workshops/request/", "/es/workshops/request/"])
def test_workshop_pages_have_no_accessibility_violations(demo_site, page, path):
    response = page.goto(demo_site + path)
    assert response.status == 200
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


def test_a_provider_corrects_a_mistake_on_a_phone_and_gets_a_reference(demo_site, phone):
    phone.goto(demo_site + "/workshops/")
    phone.get_by_role("link", name="Request a workshop").first.click()
    assert phone.locator("h1").inner_text() == "Request a Demystifying ACS workshop"

    fill_in_the_form(phone, email="dolores.example.org")
    phone.get_by_role("button", name="Send request").click()

    # The error state: explained at the top and beside the field, nothing lost.
    assert phone.title().startswith("Error: ")
    summary = phone.get_by_role("alert")
    assert "Please correct these answers" in summary.inner_text()
    link = summary.get_by_role("link", name=re.compile("E-mail address"))
    assert link.get_attribute("href") == "#id_contact_email"
    assert "Enter an e-mail address like" in phone.locator("#id_contact_email_error").inner_text()
    assert phone.get_by_label("Organization name").input_value() == "Mott Haven Tenants United"
    assert phone.get_by_label("How ACS works").is_checked()
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0

    link.click()
    assert phone.evaluate("document.activeElement.id") == "id_contact_email"
    phone.get_by_label("E-mail address").fill("dolores@example.org")
    phone.get_by_role("button", name="Send request").click()

    phone.wait_for_url("**/workshops/request/thanks/WR-*/")
    assert phone.locator("h1").inner_text() == "Thank you: your workshop request was sent"
    reference = phone.locator(".workshop-reference__number").inner_text()
    assert re.fullmatch(r"WR-\d{4}-\d{5}", reference)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "OCEPMailbox@acs.nyc.gov",
        "dolores@example.org",
    ]
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_checkboxes_and_radios_are_big_enough_to_tap(demo_site, phone):
    phone.goto(demo_site + "/workshops/request/")
    for selector in ("#id_topics_0", "#id_format_0", "#id_consent"):
        box = phone.locator(selector).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, selector
