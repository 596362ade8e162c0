"""Each list and detail page runs a fixed number of queries, however many rows.

The same expected count must hold with 5 and with 50 listings (or related
rows): a page that queried once per row would fail at 50.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_center, make_organization, make_partnership

pytestmark = pytest.mark.django_db

ALL_LANGUAGES = ("en", "es", "zh", "ru", "bn")
QUEENS = ("QN01", "QN02", "QN03", "QN04")


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def make_partnerships(n):
    for i in range(n):
        make_partnership(
            name=f"Partnership {i:03d}",
            borough="queens",
            districts=QUEENS,
            languages=ALL_LANGUAGES,
            lead_organization=make_organization(),
        )


def make_centers(n):
    for _ in range(n):
        # No confirmed name: each center is shown under its operator's name.
        make_center(name="", borough="queens", districts=QUEENS, languages=ALL_LANGUAGES)


# count + page of rows + languages, and the filter form's district and language choices
LIST_QUERIES = 5
# the same, plus one lookup for each ModelChoice filter in use (district, language)
FILTERED_LIST_QUERIES = 7
# the listing + its languages + its districts + the listings nearby
DETAIL_QUERIES = 4
# one count per listing type per borough group
HOME_QUERIES = 2


@pytest.mark.parametrize("rows", [5, 50])
def test_home_page_query_count_is_fixed(client, rows):
    make_partnerships(rows)
    make_centers(rows)
    assert queries_for(client, "/") == HOME_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_partnership_list_query_count_is_fixed(client, rows):
    make_partnerships(rows)
    assert queries_for(client, "/partnerships/") == LIST_QUERIES
    params = {"q": "partnership", "borough": "queens", "district": "QN04", "language": "zh"}
    assert queries_for(client, "/partnerships/", params) == FILTERED_LIST_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_center_list_query_count_is_fixed(client, rows):
    make_centers(rows)
    assert queries_for(client, "/family-enrichment-centers/") == LIST_QUERIES
    params = {"service_mode": "in_person", "district": "QN04", "language": "zh"}
    assert queries_for(client, "/family-enrichment-centers/", params) == FILTERED_LIST_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_partnership_detail_query_count_is_fixed(client, rows):
    make_centers(rows)  # nearby centers, listed on the page
    partnership = make_partnership(
        slug="elmhurst", borough="queens", districts=QUEENS, languages=ALL_LANGUAGES
    )
    assert queries_for(client, partnership.get_absolute_url()) == DETAIL_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_center_detail_query_count_is_fixed(client, rows):
    make_partnerships(rows)  # nearby partnerships, listed on the page
    center = make_center(
        slug="astoria", borough="queens", districts=QUEENS, languages=ALL_LANGUAGES
    )
    assert queries_for(client, center.get_absolute_url()) == DETAIL_QUERIES
