"""The workshop pages run a fixed number of queries, however many topics and programs."""

import pytest

from tests.pages import queries_for

from .helpers import make_program, make_request, make_topic

pytestmark = pytest.mark.django_db

# active topics + active programs
INDEX_QUERIES = 2
# the topic, program and language choices of the form
FORM_QUERIES = 3


def make_catalog(n):
    for i in range(n):
        make_topic(name=f"Topic {i:03d}", description="About this.")
        make_program(name=f"Program {i:03d}", description="Who they are.")


@pytest.mark.parametrize("rows", [5, 50])
def test_information_page_query_count_is_fixed(client, rows):
    make_catalog(rows)
    assert queries_for(client, "/workshops/") == INDEX_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_request_form_query_count_is_fixed(client, rows):
    make_catalog(rows)
    assert queries_for(client, "/workshops/request/") == FORM_QUERIES


@pytest.mark.parametrize("rows", [5, 50])
def test_thanks_page_query_count_is_fixed(client, rows):
    requests = [make_request() for _ in range(rows)]
    # the request, looked up by its reference (nothing else about it is shown)
    assert queries_for(client, f"/workshops/request/thanks/{requests[-1].reference}/") == 1
