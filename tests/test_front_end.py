"""Pages stay light and a strict Content Security Policy can hold without template edits."""

import re

import pytest
import time_machine
from django.conf import settings

from tests.factories import make_center, make_partnership, make_series, noon_in_new_york

TEMPLATES = sorted((settings.BASE_DIR / "templates").rglob("*.html"))
STATIC = settings.BASE_DIR / "static"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_inline_script_style_or_third_party_assets(template):
    source = template.read_text()
    assert "<script" not in source
    assert "<style" not in source
    assert not re.search(r"\sstyle\s*=", source)
    assert not re.search(r'(src|href)="(https?:)?//', source), "assets must come from our host"


def test_static_folder_holds_only_our_own_stylesheet_and_images():
    files = sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file())
    assert files == ["css/site.css", "img/favicon.svg"]


def test_stylesheet_has_visible_focus_a_mobile_layout_and_a_print_section():
    css = (STATIC / "css" / "site.css").read_text()
    assert ":focus-visible" in css
    assert "@media print" in css
    assert "@media (min-width:" in css
    assert "@import" not in css
    assert "url(http" not in css


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/about/",
        "/initiative/",
        "/approach/",
        "/parents-as-partners/",
        "/partnerships/",
        "/partnerships/p/",
        "/family-enrichment-centers/",
        "/es/",
        "/meetings/",
        "/meetings/calendar/2026/12/",
        "/meetings/s/2026-12-08/",
        "/workshops/",
        "/workshops/request/",
        "/get-involved/",
        "/resources/",
    ],
)
@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_rendered_pages_have_no_inline_script_or_style_and_viewport_meta(client, url):
    make_series(partnership=make_partnership(slug="p"), slug="s")
    make_center(slug="c")
    html = client.get(url).content.decode()
    # The only script element allowed is JSON-LD: data for search engines, never run.
    assert re.findall(r"<script[^>]*>", html) in ([], ['<script type="application/ld+json">'])
    assert not re.search(r"\sstyle\s*=", html)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


@pytest.mark.django_db
def test_every_form_control_on_the_list_pages_has_a_label(client):
    for url in (
        "/",
        "/partnerships/",
        "/family-enrichment-centers/",
        "/meetings/",
        "/workshops/request/",
        "/get-involved/",
        "/resources/",
    ):
        html = client.get(url).content.decode()
        ids = re.findall(r"<(?:input|select|textarea)\b[^>]*\bid=\"([^\"]+)\"", html)
        assert ids, url
        for control_id in ids:
            assert f'for="{control_id}"' in html, (url, control_id)


def test_the_stylesheet_is_served_with_a_css_content_type(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
