"""The resources page in a real browser: accessible on a phone, and a resource found by language."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_pages import WCAG_AA
from tests.factories import make_resource

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PATHS = [
    "/resources/",
    "/resources/?language=es",
    "/resources/?topic=astrology",
    "/es/resources/",
    "/partnerships/highbridge/",
]


@pytest.fixture
def spanish_guide(demo_site):
    make_resource(
        title="Guía para familias",
        description="Una guía breve sobre las alianzas comunitarias.",
        topic="family-support",
        audience="families",
        languages=("es",),
        is_sample_data=True,
    )
    return demo_site


@pytest.mark.parametrize("path", PATHS)
def test_resource_pages_have_no_accessibility_violations_on_a_phone(spanish_guide, phone, path):
    response = phone.goto(spanish_guide + path)
    assert response.status == 200
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, path


def test_the_resources_page_has_no_violations_on_a_desktop_either(spanish_guide, page):
    page.goto(spanish_guide + "/resources/")
    assert page.locator("h1").inner_text() == "Resources"
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


def test_a_resident_finds_a_resource_in_their_language(spanish_guide, page):
    page.goto(spanish_guide + "/resources/")
    page.get_by_role("combobox", name="Language").select_option("es")
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**/resources/?*language=es*")
    assert "1 result" in page.locator("#results-heading").inner_text()
    title = page.locator(".resource h3 [lang=es]")
    assert title.inner_text() == "Guía para familias"
    assert "Sample entry" in page.locator(".resource").inner_text()
