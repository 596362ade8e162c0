import re

import pytest
from django.urls import reverse

from tests.factories import make_center, make_organization, make_partnership
from tests.pages import h1s, text, title

pytestmark = pytest.mark.django_db

PARTNERSHIPS = reverse("partnerships:partnership_list")
CENTERS = reverse("partnerships:center_list")


def listed(response) -> list[str]:
    """The names of the listings shown as results, in order."""
    return re.findall(
        r'<li class="card">\s*<h3><a href="[^"]+">(.*?)</a></h3>', response.content.decode()
    )


@pytest.mark.parametrize(
    "url",
    ["/", "/about/", PARTNERSHIPS, CENTERS, "/partnerships/p/", "/family-enrichment-centers/c/"],
)
def test_every_page_has_one_h1_a_distinct_title_landmarks_and_a_skip_link(client, url):
    make_partnership(slug="p", name="Hunts Point Community Partnership")
    make_center(slug="c", name="O.U.R. Place")
    response = client.get(url)
    html = response.content.decode()
    assert len(h1s(response)) == 1
    assert title(response).startswith(h1s(response)[0].strip()[:20])
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ('<header class="site-header">', '<main id="main"', "<footer", "<nav"):
        assert landmark in html
    assert '<html lang="en" dir="ltr">' in html


def test_page_titles_are_distinct(client):
    make_partnership(slug="p")
    make_center(slug="c")
    urls = [
        "/",
        "/about/",
        PARTNERSHIPS,
        CENTERS,
        "/partnerships/p/",
        "/family-enrichment-centers/c/",
    ]
    titles = [title(client.get(url)) for url in urls]
    assert len(set(titles)) == len(titles)


# Partnership list ---------------------------------------------------------------


def test_partnership_list_shows_only_published_partnerships(client):
    make_partnership(name="Highbridge Community Partnership")
    make_partnership(name="Secret Draft Partnership", is_published=False)
    response = client.get(PARTNERSHIPS)
    assert listed(response) == ["Highbridge Community Partnership"]
    assert "1 result" in text(response)


def test_partnership_search_matches_name_neighborhood_and_organization(client):
    lead = make_organization(name="The New York Foundling")
    make_partnership(
        name="North Shore", neighborhoods="St. George, Stapleton", lead_organization=lead
    )
    make_partnership(name="Bushwick", neighborhoods="Bushwick")
    for query in ("north", "stapleton", "foundling", "NEW YORK foundling"):
        assert listed(client.get(PARTNERSHIPS, {"q": query})) == ["North Shore"], query


def test_partnership_filters_by_borough_district_and_language(client):
    make_partnership(name="Elmhurst", borough="queens", districts=("QN04",), languages=("en", "zh"))
    make_partnership(name="Jamaica", borough="queens", districts=("QN12",), languages=("en",))
    make_partnership(name="Highbridge", borough="bronx", districts=("BX04",), languages=("es",))

    def names(params):
        return listed(client.get(PARTNERSHIPS, params))

    assert names({"borough": "queens"}) == ["Elmhurst", "Jamaica"]
    assert names({"district": "QN12"}) == ["Jamaica"]
    assert names({"language": "zh"}) == ["Elmhurst"]
    assert names({"borough": "queens", "language": "es"}) == []


def test_a_listing_in_two_matching_districts_is_listed_once(client):
    make_center(name="Forestdale", borough="queens", districts=("QN12", "QN13"))
    response = client.get(CENTERS, {"borough": "queens"})
    assert listed(response) == ["Forestdale"]
    assert "1 result" in text(response)


def test_active_filters_are_listed_with_a_link_that_removes_each(client):
    make_partnership(borough="queens", districts=("QN04",), languages=("zh",))
    response = client.get(PARTNERSHIPS, {"borough": "queens", "language": "zh", "page": "1"})
    page = text(response)
    assert "Filtered by:" in page
    assert "Borough: Queens" in page
    assert "Language: Chinese" in page
    html = response.content.decode()
    # Removing the borough keeps the language, and goes back to the first page.
    assert 'href="?language=zh"' in html
    assert 'href="?borough=queens"' in html


@pytest.mark.parametrize(
    "params, field",
    [
        ({"borough": "atlantis"}, "Borough"),
        ({"district": "XX99"}, "Community district"),
        ({"district": "' OR 1=1 --"}, "Community district"),
        ({"language": "klingon"}, "Language"),
        ({"q": "x" * 101}, "Search"),
    ],
)
def test_malformed_filters_show_a_form_error_and_no_results(client, params, field):
    make_partnership(name="Highbridge")
    response = client.get(PARTNERSHIPS, params)
    assert response.status_code == 200
    page = text(response)
    assert "We could not use some of these filters" in page
    assert f"{field}:" in page
    assert listed(response) == []
    assert "0 results" in page
    assert title(response).startswith("Error: ")
    assert "Results will show here once the filters above are corrected." in page


def test_malformed_center_service_mode_shows_a_form_error(client):
    make_center(name="The C.R.I.B.")
    response = client.get(CENTERS, {"service_mode": "teleport"})
    assert response.status_code == 200
    assert "Service mode:" in text(response)


def test_a_district_outside_the_chosen_borough_is_explained(client):
    make_partnership(name="Elmhurst", borough="queens", districts=("QN04",))
    response = client.get(PARTNERSHIPS, {"borough": "bronx", "district": "QN04"})
    assert "QN04 is not in Bronx. Choose a district in that borough." in text(response)
    assert listed(response) == []


def test_district_choices_are_grouped_by_borough(client):
    html = client.get(PARTNERSHIPS).content.decode()
    assert '<optgroup label="Staten Island">' in html
    assert html.count('<option value="SI0') == 3


def test_empty_search_explains_what_to_try(client):
    make_partnership(name="Highbridge")
    page = text(client.get(PARTNERSHIPS, {"q": "zzzz"}))
    assert "No Community Partnerships match your search." in page
    assert "see all partnerships" in page


def test_list_paginates_and_keeps_filters_in_page_links(client, settings):
    for n in range(25):
        make_partnership(name=f"Bronx partnership {n:02d}", borough="bronx")
    make_partnership(name="Queens partnership", borough="queens", districts=("QN04",))
    first = client.get(PARTNERSHIPS, {"borough": "bronx"})
    html = first.content.decode()
    assert "Showing 1 to 20 of 25." in text(first)
    assert len(listed(first)) == 20
    assert 'href="?borough=bronx&amp;page=2" rel="next"' in html
    second = client.get(PARTNERSHIPS, {"borough": "bronx", "page": "2"})
    assert len(listed(second)) == 5
    assert "(page 2)" in title(second)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5"])
def test_a_bad_page_number_shows_a_real_page(client, page):
    make_partnership(name="Highbridge")
    response = client.get(PARTNERSHIPS, {"page": page})
    assert response.status_code == 200
    assert listed(response) == ["Highbridge"]


# Center list ---------------------------------------------------------------------


def test_center_list_shows_only_published_centers_with_operator_names(client):
    make_center(
        name="", operator=make_organization(name="Union Settlement"), neighborhood="East Harlem"
    )
    make_center(name="Hidden Center", is_published=False)
    response = client.get(CENTERS)
    assert listed(response) == ["Family Enrichment Center operated by Union Settlement"]
    assert "East Harlem ·" in text(response)


def test_center_search_and_filters(client):
    riis = make_organization(name="Jacob A. Riis Neighborhood Settlement")
    make_center(
        name="",
        operator=riis,
        neighborhood="Astoria",
        borough="queens",
        districts=("QN01",),
        service_mode="remote",
        languages=("en", "bn"),
    )
    make_center(
        name="The C.R.I.B.", neighborhood="East New York", borough="brooklyn", districts=("BK05",)
    )

    def shows_astoria(params):
        return listed(client.get(CENTERS, params)) == [
            "Family Enrichment Center operated by Jacob A. Riis Neighborhood Settlement"
        ]

    assert shows_astoria({"q": "riis"})
    assert shows_astoria({"q": "astoria"})
    assert not shows_astoria({"q": "crib"})
    assert shows_astoria({"service_mode": "remote"})
    assert not shows_astoria({"service_mode": "in_person"})
    assert shows_astoria({"district": "QN01", "language": "bn"})
    assert not shows_astoria({"borough": "brooklyn"})


# Detail pages --------------------------------------------------------------------


def test_partnership_detail_shows_what_a_resident_needs(client):
    lead = make_organization(name="The New York Foundling")
    partnership = make_partnership(
        name="North Shore Community Partnership",
        slug="north-shore",
        borough="staten-island",
        districts=("SI01",),
        languages=("en", "es"),
        neighborhoods="St. George, Stapleton",
        lead_organization=lead,
        description="Neighbors meet to share resources.",
        how_to_get_involved="Come to a monthly meeting.",
        email="north-shore@example.org",
        phone="(718) 555-0100",
    )
    make_center(name="Nearby Center", borough="staten-island", districts=("SI01",))
    make_center(name="Faraway Center", borough="bronx", districts=("BX04",))
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    for expected in (
        "North Shore Community Partnership",
        "Staten Island",
        "SI01: St. George, Stapleton, Port Richmond",
        "The New York Foundling",
        "Neighbors meet to share resources.",
        "How to get involved",
        "Come to a monthly meeting.",
        "north-shore@example.org",
        "(718) 555-0100",
        "Español (Spanish)",
        "Nearby Center",
        "Not yet confirmed by ACS staff.",
    ):
        assert expected in page, expected
    assert "Faraway Center" not in page
    assert 'href="tel:+17185550100"' in response.content.decode()


def test_sample_data_is_plainly_marked_on_the_page(client):
    sample = make_partnership(slug="sample", is_sample_data=True)
    real = make_partnership(slug="real", is_sample_data=False)
    assert "Sample details" in text(client.get(sample.get_absolute_url()))
    assert "Sample details" not in text(client.get(real.get_absolute_url()))


def test_last_verified_date_is_shown(client):
    import datetime

    partnership = make_partnership(last_verified=datetime.date(2026, 10, 5))
    assert "Last confirmed by ACS staff on Oct. 5, 2026." in text(
        client.get(partnership.get_absolute_url())
    )


def test_center_detail_shows_address_hours_and_service_mode(client):
    center = make_center(
        name="O.U.R. Place",
        slug="our-place",
        operator=make_organization(name="Graham Windham"),
        neighborhood="Hunts Point/Longwood",
        street_address="123 Sample Street",
        city="Bronx",
        postal_code="10474",
        hours="Monday to Friday, 10 AM to 6 PM",
        service_mode="limited_in_person",
        url="https://example.org/calendar",
        accessibility="Step-free entrance.",
    )
    partnership = make_partnership(name="Hunts Point Community Partnership", districts=("BX04",))
    page = text(client.get(center.get_absolute_url()))
    for expected in (
        "O.U.R. Place",
        "Operated by Graham Windham",
        "123 Sample Street Bronx, NY 10474",
        "Monday to Friday, 10 AM to 6 PM",
        "Limited in-person emergency resources",
        "See this center's calendar of offerings",
        "Step-free entrance.",
        partnership.name,
    ):
        assert expected in page, expected


@pytest.mark.parametrize("prefix", ["/partnerships/", "/family-enrichment-centers/"])
def test_unknown_and_unpublished_slugs_are_404(client, prefix):
    make_partnership(slug="draft", is_published=False)
    make_center(slug="draft", is_published=False)
    for slug in ("draft", "does-not-exist"):
        response = client.get(f"{prefix}{slug}/")
        assert response.status_code == 404
        assert "Page not found" in text(response)


def test_a_slug_with_characters_that_are_not_in_slugs_is_404(client):
    assert client.get("/partnerships/%3Cscript%3E/").status_code == 404


# Errors, escaping and headers ---------------------------------------------------


def test_404_page_is_the_sites_own_and_offers_a_way_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = text(response)
    assert "Page not found" in page
    assert "Browse Community Partnerships" in page


def test_a_failing_page_shows_the_sites_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = text(response)
    assert "Something went wrong" in page
    assert "a bug" not in page
    assert "/static/css/site.css" in response.content.decode()


def test_too_many_query_parameters_get_the_sites_400_page(client):
    query = "&".join(f"p{n}=1" for n in range(300))
    response = client.get(f"{PARTNERSHIPS}?{query}")
    assert response.status_code == 400
    assert "Bad request" in text(response)


def test_a_post_without_a_csrf_token_gets_a_friendly_403(client):
    client.handler.enforce_csrf_checks = True
    response = client.post(PARTNERSHIPS, {"q": "x"})
    assert response.status_code == 403
    assert "Your form expired" in text(response)


def test_listing_text_is_escaped(client):
    partnership = make_partnership(name="<script>alert(1)</script>", description="<b>bold</b>")
    html = client.get(partnership.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    search = client.get(PARTNERSHIPS, {"q": '"><script>x</script>'}).content.decode()
    assert "<script>x</script>" not in search


def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_browsing_sets_no_cookies(client):
    make_partnership(slug="p")
    for url in ("/", PARTNERSHIPS, "/partnerships/p/", "/es/"):
        assert not client.get(url).cookies, url
