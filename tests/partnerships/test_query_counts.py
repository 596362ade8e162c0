"""Each list and detail page runs a fixed number of queries, however many rows.

The same expected count must hold with 5 and with 50 listings (or related
rows): a page that queried once per row would fail at 50.
"""

import datetime

import pytest
import time_machine

from tests.factories import (
    make_center,
    make_change,
    make_organization,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.pages import queries_for

pytestmark = pytest.mark.django_db

ALL_LANGUAGES = ("en", "es", "zh", "ru", "bn")
QUEENS = ("QN01", "QN02", "QN03", "QN04")


def make_partnerships(n, *, with_meetings=False):
    for i in range(n):
        partnership = make_partnership(
            name=f"Partnership {i:03d}",
            borough="queens",
            districts=QUEENS,
            languages=ALL_LANGUAGES,
            lead_organization=make_organization(),
        )
        if with_meetings:
            series = make_series(partnership=partnership, languages=ALL_LANGUAGES)
            make_change(series, datetime.date(2026, 12, 8), "cancelled")


def make_extra_meetings(series, n):
    """n extra meetings from December 2026 on, skipping the series' own dates."""
    day = datetime.date(2026, 12, 1)
    while n:
        if not series.is_rule_date(day):
            make_change(series, day, "extra")
            n -= 1
        day += datetime.timedelta(days=1)


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
# the listing page, plus the partnership's meeting series with their changes, and its
# resources (none here: tests/resources/test_query_counts.py counts them with theirs)
PARTNERSHIP_DETAIL_QUERIES = DETAIL_QUERIES + 2 + 1


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
@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_partnership_detail_query_count_is_fixed(client, rows):
    make_centers(rows)  # nearby centers, listed on the page
    partnership = make_partnership(
        slug="elmhurst", borough="queens", districts=QUEENS, languages=ALL_LANGUAGES
    )
    for _ in range(2):
        make_extra_meetings(make_series(partnership=partnership, languages=ALL_LANGUAGES), rows)
    assert queries_for(client, partnership.get_absolute_url()) == PARTNERSHIP_DETAIL_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_center_detail_query_count_is_fixed(client, rows):
    make_partnerships(rows)  # nearby partnerships, listed on the page
    center = make_center(
        slug="astoria", borough="queens", districts=QUEENS, languages=ALL_LANGUAGES
    )
    assert queries_for(client, center.get_absolute_url()) == DETAIL_QUERIES
