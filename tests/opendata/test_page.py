"""/open-data/: what the open data holds, its licence, freshness, downloads and API."""

import re

import pytest
import time_machine

from opendata.downloads import header
from tests.factories import make_center, make_partnership, make_series, noon_in_new_york
from tests.pages import h1s, queries_for, section, text

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    "/open-data/hsds-datapackage.zip",
    "/open-data/partnerships.csv",
    "/open-data/family-enrichment-centers.csv",
    "/open-data/meetings.csv",
]


def test_the_page_explains_the_license_the_api_and_links_every_download(client):
    response = client.get("/open-data/")
    assert response.status_code == 200
    assert h1s(response) == ["Open data"]
    page = response.content.decode()
    words = text(response)
    assert "published under the CC BY 4.0 license" in words
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in page
    assert "Base URL: http://testserver/api/hsds/" in words
    assert "curl -s 'http://testserver/api/hsds/services?per_page=5'" in words
    for url in DOWNLOADS:
        assert f'href="{url}"' in page, url
    assert "mailto:OCEPMailbox@acs.nyc.gov" in page


def test_the_page_is_in_spanish_with_the_same_links(client):
    response = client.get("/es/open-data/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es" dir="ltr">' in page
    assert h1s(response) == ["Datos abiertos"]
    assert "CC BY 4.0" in text(response)
    assert "http://testserver/api/hsds/" in text(response)
    assert "Open data" not in h1s(response)
    assert "How fresh the data is" not in text(response)
    for url in DOWNLOADS:
        assert f'href="{url}"' in page, url


def test_in_arabic_technical_tokens_read_left_to_right(client):
    response = client.get("/ar/open-data/")
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<code lang="en" dir="ltr">per_<wbr>page</code>' in page
    assert '<code lang="en" dir="ltr">/services/<wbr>{id}</code>' in page
    assert '<pre lang="en" dir="ltr">' in page


def test_the_license_and_rate_limit_come_from_the_settings(client, settings):
    settings.OPEN_DATA_LICENSE_NAME = "ODbL 1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    settings.OPEN_DATA_API_RATE_LIMIT = 77
    settings.OPEN_DATA_API_RATE_LIMIT_PERIOD = 30
    response = client.get("/open-data/")
    words = text(response)
    assert "published under the ODbL 1.0 license" in words
    assert 'href="https://opendatacommons.org/licenses/odbl/1-0/"' in response.content.decode()
    assert "Each client may make 77 requests in every 30 seconds" in words
    assert "429 Too Many Requests" in words


def test_the_api_endpoints_and_parameters_are_documented(client):
    words = text(client.get("/open-data/"))
    for endpoint in (
        "/services/{id}",
        "/organizations/{id}",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomy_terms",
    ):
        assert endpoint in words
    for parameter in (
        "page",
        "per_page",
        "search",
        "modified_after",
        "taxonomy_term_id",
        "organization_id",
        "full",
        "locale",
    ):
        assert re.search(rf"\b{parameter}\b", words), parameter
    for key in ("total_items", "total_pages", "page_number", "first_page", "last_page", "contents"):
        assert key in words
    for field in ("freq", "byday", "bymonthday", "valid_from", "valid_to", "opens_at"):
        assert field in words
    assert "zh-hans" in words  # the language codes ?locale= takes
    assert "ETag" in words
    assert "Retry-After" in words


def test_each_csv_has_a_data_dictionary_table_with_every_column(client):
    response = client.get("/open-data/")
    for kind, filename in (
        ("partnerships", "partnerships.csv"),
        ("centers", "family-enrichment-centers.csv"),
        ("meetings", "meetings.csv"),
    ):
        table = section(
            response,
            rf'<table class="data-dictionary">\s*<caption>Columns of <code[^>]*>{filename}</code>'
            r".*?</table>",
        )
        names = [
            name.replace("<wbr>", "")
            for name in re.findall(
                r'<th scope="row"><code lang="en" dir="ltr">([a-z_<>]+)</code>', table
            )
        ]
        assert names == header(kind)
        assert '<th scope="col">What it holds</th>' in table


def test_the_page_says_when_a_published_listing_last_changed(client):
    with time_machine.travel(noon_in_new_york(2026, 10, 5), tick=False):
        make_partnership()
    with time_machine.travel(noon_in_new_york(2026, 10, 20), tick=False):
        make_center()
        make_series(partnership=make_partnership(is_published=False))  # not public: ignored
    with time_machine.travel(noon_in_new_york(2026, 11, 1), tick=False):
        make_partnership(is_published=False)
        response = client.get("/open-data/")
    assert "last changed on Oct. 20, 2026" in text(response)
    assert '<time datetime="2026-10-20">' in response.content.decode()
    assert "last verified" in text(response)


def test_the_freshness_date_is_in_the_readers_language(client):
    with time_machine.travel(noon_in_new_york(2026, 10, 5), tick=False):
        make_partnership()
        response = client.get("/es/open-data/")
    assert "5 de octubre de 2026" in text(response)


def test_with_nothing_published_the_page_says_so(client):
    make_partnership(is_published=False)
    assert "Nothing has been published yet." in text(client.get("/open-data/"))


def test_the_footer_links_the_page(client):
    footer = section(client.get("/"), r'<footer class="site-footer">.*?</footer>')
    assert '<a href="/open-data/">Open data</a>' in footer


# When a published listing or series last changed: one query for the three tables.
PAGE_QUERIES = 1


@pytest.mark.parametrize("n", [5, 50])
def test_the_page_costs_one_query_however_many_rows(client, settings, n):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(n):
        make_series()
        make_center()
    assert queries_for(client, "/open-data/") == PAGE_QUERIES
    assert queries_for(client, "/es/open-data/") == PAGE_QUERIES
