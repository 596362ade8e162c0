"""The program pages and the navigation menus in a real browser: accessible on a phone and a
desktop, menus that open by keyboard, and a Parents as Partners handout that prints on one page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PROGRAM_PAGES = [
    "/initiative/",
    "/approach/",
    "/parents-as-partners/",
    "/es/initiative/",
    "/es/parents-as-partners/",
]


def assert_accessible(page, url):
    response = page.goto(url)
    assert response.status == 200
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", PROGRAM_PAGES)
def test_program_pages_have_no_accessibility_violations_on_a_desktop(demo_site, page, path):
    assert_accessible(page, demo_site + path)
    assert page.console_errors == []


@pytest.mark.parametrize("path", PROGRAM_PAGES)
def test_program_pages_have_no_accessibility_violations_on_a_phone(demo_site, phone, path):
    assert_accessible(phone, demo_site + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways on a phone"


def test_open_menus_have_no_accessibility_violations(demo_site, phone):
    phone.goto(demo_site + "/")
    for summary in phone.locator(".main-nav summary").all():
        summary.click()
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def tab_to(page, predicate: str, limit: int = 30):
    """Press Tab until the focused element matches `predicate` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def test_a_phone_user_opens_the_menus_with_the_keyboard(demo_site, phone):
    phone.goto(demo_site + "/")
    nav_link = phone.locator(".main-nav").get_by_role("link", name="Parents as Partners")
    assert not nav_link.is_visible(), "menus start closed"

    tab_to(phone, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Programs'")
    phone.keyboard.press("Enter")
    assert nav_link.is_visible()
    box = nav_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "the open menu fits the screen"

    tab_to(phone, "el.textContent.trim() === 'Parents as Partners'")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/parents-as-partners/")
    assert phone.locator("h1").inner_text() == "Parents as Partners"

    tab_to(phone, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Get involved'")
    phone.keyboard.press("Space")
    meetings = phone.locator(".main-nav").get_by_role("link", name="Meetings")
    assert meetings.is_visible()
    phone.keyboard.press("Space")
    assert not meetings.is_visible(), "the same key closes the menu"


def test_the_helpline_is_a_big_tappable_phone_link(demo_site, phone):
    phone.goto(demo_site + "/parents-as-partners/")
    helpline = phone.get_by_role("link", name="(212) 676-9421")
    assert helpline.get_attribute("href") == "tel:+12126769421"
    box = helpline.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44


@pytest.mark.parametrize("path", ["/parents-as-partners/", "/es/parents-as-partners/"])
def test_parents_as_partners_prints_as_a_one_page_handout(demo_site, page, path):
    page.goto(demo_site + path)
    page.emulate_media(media="print")
    for chrome in (".main-nav", ".language-switcher", ".site-footer", ".skip-link"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".helpline__number").is_visible()
    assert page.locator(".helpline address").is_visible()
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{path} printed on {pages} pages"
