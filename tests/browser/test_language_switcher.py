"""The language menu on a phone: by keyboard, on the screen, axe-core clean, 2 or 12 languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}

# Issue 11's twelve languages (their catalogs are still to come: pages fall back to English).
TWELVE = [
    ("en", "English"),
    ("es", "Spanish"),
    ("zh-hans", "Simplified Chinese"),
    ("zh-hant", "Traditional Chinese"),
    ("ru", "Russian"),
    ("bn", "Bengali"),
    ("ht", "Haitian Creole"),
    ("ko", "Korean"),
    ("ar", "Arabic"),
    ("ur", "Urdu"),
    ("fr", "French"),
    ("pl", "Polish"),
]


def tab_to(page, predicate: str, limit: int = 30):
    """Press Tab until the focused element matches `predicate` (a JS expression on `el`)."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def fits(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_a_phone_user_switches_language_by_keyboard_and_keeps_the_page(demo_site, phone):
    phone.goto(demo_site + "/meetings/?borough=queens")
    spanish = phone.locator(".language-switcher").get_by_role("link", name="Español")
    assert not spanish.is_visible(), "the menu starts closed"

    tab_to(phone, "el.tagName === 'SUMMARY' && el.closest('.language-switcher') !== null")
    phone.keyboard.press("Enter")
    assert spanish.is_visible()
    assert fits(phone, phone.locator(".language-switcher ul")), "the open menu fits the screen"
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    tab_to(phone, "el.getAttribute('hreflang') === 'es'")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/es/meetings/?borough=queens")
    assert phone.locator("html").get_attribute("lang") == "es"
    note = phone.locator(".review-note")
    assert note.is_visible()
    assert note.get_by_role("link").get_attribute("href") == "/meetings/?borough=queens"
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 375])
def test_twelve_languages_fit_a_small_phone(demo_site, browser, settings, width):
    settings.LANGUAGES = TWELVE
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
    phone = context.new_page()
    try:
        phone.goto(demo_site + "/about/")
        summary = phone.locator(".language-switcher summary")
        assert summary.bounding_box()["height"] < 60, "closed, the menu is one line"
        summary.click()
        links = phone.locator(".language-switcher a")
        assert links.count() == 12
        for i in range(12):
            assert fits(phone, links.nth(i)), links.nth(i).inner_text()
        assert phone.locator(".language-switcher a[lang='ht']").inner_text() == "Kreyòl ayisyen"
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the open menu makes the page scroll sideways"
        results = Axe().run(phone, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
