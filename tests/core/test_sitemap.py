"""/sitemap.xml lists every public page in every language; /robots.txt points to it."""

import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import make_center, make_organization, make_partnership, noon_in_new_york

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "http://testserver"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own sitemap, from the test client)


def entries(response) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates, hreflang -> href."""
    root = parse(response)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_the_sitemap_lists_every_public_page_in_every_language(client):
    make_partnership(slug="highbridge")
    make_center(slug="bedford", operator=make_organization(name="Ohel"))
    found = entries(client.get("/sitemap.xml"))
    paths = [
        "/",
        "/about/",
        "/initiative/",
        "/approach/",
        "/parents-as-partners/",
        "/get-involved/",
        "/workshops/",
        "/open-data/",
        "/partnerships/",
        "/family-enrichment-centers/",
        "/meetings/",
        "/meetings/calendar/2026/11/",
        "/resources/",
        "/partnerships/highbridge/",
        "/family-enrichment-centers/bedford/",
    ]
    prefixes = ["" if code == "en" else f"/{code}" for code, _name in settings.LANGUAGES]
    assert len(prefixes) == 12
    assert set(found) == {f"{SITE}{prefix}{path}" for prefix in prefixes for path in paths}
    assert found[f"{SITE}/es/partnerships/highbridge/"] == {
        **{
            code: f"{SITE}{prefix}/partnerships/highbridge/"
            for (code, _name), prefix in zip(settings.LANGUAGES, prefixes, strict=True)
        },
        "x-default": f"{SITE}/partnerships/highbridge/",
    }
    # The home page in English is at "/", not "/en/".
    assert found[f"{SITE}/"]["x-default"] == f"{SITE}/"


def test_every_listed_page_answers(client):
    make_partnership(slug="highbridge")
    make_center(slug="bedford")
    for url in entries(client.get("/sitemap.xml")):
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200, url


def test_unpublished_listings_are_left_out(client):
    make_partnership(slug="draft", name="Draft", is_published=False)
    make_center(slug="draft-center", is_published=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "draft" not in sitemap


def test_listings_say_when_they_last_changed(client):
    partnership = make_partnership(slug="highbridge")
    root = parse(client.get("/sitemap.xml"))
    lastmods = [
        url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
        if url.find("s:loc", NS).text.endswith("/partnerships/highbridge/")
    ]
    # The day in New York, like every date the site shows.
    assert lastmods == [timezone.localdate(partnership.updated).isoformat()] * len(
        settings.LANGUAGES
    )


@override_settings(
    LANGUAGES=[("en", "English"), ("es", "Spanish"), ("fr", "French"), ("ar", "Arabic")]
)
def test_the_sitemap_grows_with_the_languages(client):
    make_partnership(slug="highbridge")
    found = entries(client.get("/sitemap.xml"))
    assert set(found[f"{SITE}/ar/partnerships/highbridge/"]) == {
        "en",
        "es",
        "fr",
        "ar",
        "x-default",
    }
    assert f"{SITE}/fr/about/" in found


def test_the_sitemap_is_xml_and_served_from_the_page_cache():
    make_partnership(slug="highbridge")
    first = Client().get("/sitemap.xml")
    assert first["Content-Type"] == "application/xml"
    assert first["X-Page-Cache"] == "miss"
    again = Client().get("/sitemap.xml")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Type"] == "application/xml"
    assert again.content == first.content


def test_a_published_partnership_joins_the_cached_sitemap_at_once():
    assert "highbridge" not in Client().get("/sitemap.xml").content.decode()
    make_partnership(slug="highbridge")
    response = Client().get("/sitemap.xml")
    assert response["X-Page-Cache"] == "miss"
    assert "/partnerships/highbridge/" in response.content.decode()


# robots.txt -------------------------------------------------------------------------


def test_robots_txt_lets_crawlers_in_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == f"User-agent: *\nDisallow:\n\nSitemap: {SITE}/sitemap.xml\n"


def test_robots_txt_never_reveals_where_the_admin_is_and_follows_the_scheme(client):
    with override_settings(ADMIN_PATH="ocep-staff/"):
        body = client.get("/robots.txt", secure=True).content.decode()
    assert "ocep-staff" not in body
    assert "Sitemap: https://testserver/sitemap.xml" in body


def test_robots_txt_is_not_under_a_language_prefix(client):
    assert client.get("/es/robots.txt").status_code == 404
    assert client.get("/es/sitemap.xml").status_code == 404


def test_robots_txt_refuses_a_post(client):
    assert client.post("/robots.txt").status_code == 405
