"""Right to left in a real browser: Arabic pages mirror, fit a phone, pass axe-core, print.

English and Spanish are checked at 320px too, the narrowest phone the site
supports.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from tests.browser.test_pages import WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SHORT_PAGES = override_settings(
    LISTINGS_PER_PAGE=2,  # so the demo's partnerships fill several pages
)


def this_month(prefix=""):
    today = timezone.localdate()
    return f"{prefix}/meetings/calendar/{today.year}/{today.month}/"


MAIN_PAGES = [
    "/",
    "/partnerships/",
    "/partnerships/highbridge/",
    "/family-enrichment-centers/",
    "/family-enrichment-centers/the-crib/",
    "/meetings/",
    "/initiative/",
    "/approach/",
    "/parents-as-partners/",
    "/workshops/",
    "/workshops/request/",
    "/get-involved/",
    "/resources/",
    "/about/",
]


@pytest.fixture
def narrow(browser):
    """A 320px phone (the browser fixture's phone is 375px)."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def sideways_scroll(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def pseudo_content(page, selector: str, pseudo: str) -> str:
    return page.locator(selector).first.evaluate(f"el => getComputedStyle(el, '{pseudo}').content")


@SHORT_PAGES
@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize(
    "path", ["/ar/", "/ar/partnerships/?page=2", "/ar/parents-as-partners/", "/ar/meetings/"]
)
def test_arabic_pages_are_accessible_and_fit_a_phone(demo_site, browser, width, path):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        assert page.goto(demo_site + path).status == 200
        assert page.locator("html").get_attribute("dir") == "rtl"
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()
        assert sideways_scroll(page) <= 0, f"{path} scrolls sideways at {width}px"
    finally:
        context.close()


@SHORT_PAGES
def test_the_calendar_fits_a_320px_phone_in_arabic(demo_site, narrow):
    narrow.goto(demo_site + this_month("/ar"))
    assert sideways_scroll(narrow) <= 0


@SHORT_PAGES
def test_arabic_pages_mirror_the_layout(demo_site, page):
    page.goto(demo_site + "/ar/partnerships/highbridge/")
    main = page.locator("main h1").bounding_box()
    assert main["x"] + main["width"] > 1280 / 2, "the heading starts on the right"
    # The facts column sits at the start of the line: on the left in English, the right here.
    facts = page.locator("aside.facts").bounding_box()
    prose = page.locator(".detail-layout > :first-child").bounding_box()
    assert facts["x"] < prose["x"]
    phone = page.locator(".facts a[href^='tel:']").first
    assert phone.evaluate("el => getComputedStyle(el.firstElementChild).direction") == "ltr"


@SHORT_PAGES
def test_breadcrumbs_and_previous_next_point_the_reading_direction(demo_site, page):
    for prefix, separator, back, forward in (("", "›", "←", "→"), ("/ar", "‹", "→", "←")):
        page.goto(demo_site + prefix + "/partnerships/highbridge/")
        assert separator in pseudo_content(page, ".breadcrumbs li + li", "::before")

        page.goto(demo_site + prefix + "/partnerships/?page=2")
        assert back in pseudo_content(page, ".pagination a[rel=prev]", "::before")
        assert forward in pseudo_content(page, ".pagination a[rel=next]", "::after")
        previous = page.locator(".pagination a[rel=prev]").bounding_box()
        following = page.locator(".pagination a[rel=next]").bounding_box()
        # "Next" lies further along the line: right in English, left in Arabic.
        assert (following["x"] > previous["x"]) == (prefix == "")

        page.goto(demo_site + this_month(prefix))
        assert back in pseudo_content(page, ".month-nav a[rel=prev]", "::before")
        assert forward in pseudo_content(page, ".month-nav a[rel=next]", "::after")


@SHORT_PAGES
def test_parents_as_partners_prints_on_one_page_right_to_left(demo_site, page):
    page.goto(demo_site + "/ar/parents-as-partners/")
    page.emulate_media(media="print")
    assert page.locator(".helpline__number").is_visible()
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"printed on {pages} pages"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_languages_home_and_meetings_pages_pass_axe_on_a_320px_phone(demo_site, narrow, code):
    prefix = "" if code == "en" else f"/{code}"
    for path in ("/", "/meetings/"):
        assert narrow.goto(demo_site + prefix + path).status == 200
        html = narrow.locator("html")
        assert html.get_attribute("lang") == code
        assert html.get_attribute("dir") == ("rtl" if code in ("ar", "ur") else "ltr")
        results = Axe().run(narrow, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()
        assert sideways_scroll(narrow) <= 0, f"{prefix}{path} scrolls sideways at 320px"


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_main_pages_fit_a_320px_phone(demo_site, narrow, prefix):
    too_wide = []
    for path in [*MAIN_PAGES, this_month()]:
        response = narrow.goto(demo_site + prefix + path)
        assert response.status == 200, path
        if sideways_scroll(narrow) > 0:
            too_wide.append(prefix + path)
    assert not too_wide, f"scroll sideways at 320px: {too_wide}"
