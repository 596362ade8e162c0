"""Residents' pages in a real browser: axe-core finds no WCAG 2.x A/AA violation."""

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

PAGES = [
    ("/", "Community Partnerships for child and family well-being"),
    ("/partnerships/", "Community Partnerships"),
    ("/partnerships/?borough=queens&language=es", "Community Partnerships"),
    ("/partnerships/?district=XX99", "Community Partnerships"),
    ("/partnerships/highbridge/", "Highbridge Community Partnership"),
    ("/family-enrichment-centers/", "Family Enrichment Centers"),
    ("/family-enrichment-centers/the-crib/", "The C.R.I.B."),
    ("/about/", "About OCEP and this site"),
    ("/open-data/", "Open data"),
    ("/ar/open-data/", "البيانات المفتوحة"),
    ("/es/", "Alianzas Comunitarias para el bienestar de los niños y las familias"),
]


@pytest.mark.parametrize("path, heading", PAGES)
def test_page_has_no_accessibility_violations(demo_site, page, path, heading):
    response = page.goto(demo_site + path)
    assert response.status == 200
    assert page.locator("h1").inner_text() == heading
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_site, page):
    page.goto(demo_site + "/partnerships/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_resident_filters_the_partnerships_by_borough(demo_site, page):
    page.goto(demo_site + "/partnerships/")
    page.get_by_label("Borough").select_option("queens")
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**/partnerships/?*borough=queens*")
    names = page.locator(".card h3").all_inner_texts()
    assert names == ["Elmhurst Community Partnership", "Jamaica Community Partnership"]
    assert "2 results" in page.locator("#results-heading").inner_text()
    assert page.get_by_role("link", name="Highbridge Community Partnership").count() == 0
    page.get_by_role("link", name="Elmhurst Community Partnership").click()
    assert page.locator("h1").inner_text() == "Elmhurst Community Partnership"


def test_switching_to_spanish_keeps_the_same_page(demo_site, page):
    page.goto(demo_site + "/family-enrichment-centers/the-crib/")
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/family-enrichment-centers/the-crib/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_text("Operado por").count() >= 1


def test_pages_fit_a_phone_screen_without_sideways_scrolling(demo_site, phone):
    for path in ("/", "/partnerships/", "/family-enrichment-centers/the-crib/", "/open-data/"):
        phone.goto(demo_site + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
