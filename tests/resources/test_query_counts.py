"""/resources/ and a partnership's resources cost a fixed number of queries, however many."""

import pytest

from tests.factories import make_partnership, make_resource
from tests.pages import queries_for

pytestmark = pytest.mark.django_db

ALL_LANGUAGES = ("en", "es", "zh", "ru", "bn")

# count + page of rows + their languages, and the filter form's language and
# partnership choices
LIST_QUERIES = 5
# the same, plus one lookup for each ModelChoice filter in use (language, partnership)
FILTERED_LIST_QUERIES = 7


def make_resources(n, partnership):
    for i in range(n):
        make_resource(
            title=f"Guide {i:03d}",
            topic="research",
            languages=ALL_LANGUAGES,
            partnerships=[partnership],
        )


@pytest.mark.parametrize("rows", [5, 50])
def test_resource_list_query_count_is_fixed(client, rows):
    make_resources(rows, make_partnership(slug="highbridge"))
    assert queries_for(client, "/resources/") == LIST_QUERIES
    params = {"q": "guide", "topic": "research", "language": "zh", "partnership": "highbridge"}
    assert queries_for(client, "/resources/", params) == FILTERED_LIST_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_a_partnerships_resources_cost_one_query_and_one_for_their_languages(client, rows):
    partnership = make_partnership(slug="highbridge", languages=ALL_LANGUAGES)
    without = queries_for(client, partnership.get_absolute_url())
    make_resources(rows, partnership)
    assert queries_for(client, partnership.get_absolute_url()) == without + 1
