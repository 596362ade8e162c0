"""The home page runs a fixed number of queries, however many listings and meetings."""

import pytest
import time_machine

from tests.factories import make_partnership, noon_in_new_york
from tests.pages import queries_for
from tests.partnerships.test_query_counts import make_centers, make_partnerships

pytestmark = pytest.mark.django_db

# one count per listing type per borough group, the meeting series' stamps (two), and the rows
# of the meetings listed (series with partnership, their changes)
HOME_QUERIES = 6
# with the cache empty, also the rows of every series to compute and their changes; and
# the first page after series changed reads the stamp rows of the groups that changed
HOME_COMPUTE_QUERIES = 3


@pytest.mark.parametrize("rows", [5, 50])
@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_home_page_query_count_is_fixed(client, rows):
    make_partnerships(rows, with_meetings=True)
    make_centers(rows)
    assert queries_for(client, "/") == HOME_QUERIES + HOME_COMPUTE_QUERIES
    response = client.get("/")
    assert response.context["next_meetings"], "the home page lists the next meetings"
    assert queries_for(client, "/") == HOME_QUERIES


# the 59 districts, then the published partnerships linked to them
INITIATIVE_QUERIES = 2


@pytest.mark.parametrize("rows", [5, 50])
def test_initiative_page_query_count_is_fixed(client, rows):
    make_partnerships(rows)  # each covers four Queens districts
    for i in range(rows):
        make_partnership(name=f"Bronx {i:03d}", districts=(f"BX{i % 12 + 1:02d}",))
        make_partnership(name=f"Draft {i:03d}", districts=("SI01",), is_published=False)
    assert queries_for(client, "/initiative/") == INITIATIVE_QUERIES
    page = client.get("/initiative/").content.decode()
    assert "Bronx 000" in page
    assert "Draft 000" not in page


@pytest.mark.parametrize("url", ["/approach/", "/parents-as-partners/"])
def test_the_approach_and_parents_pages_need_no_database(client, url):
    make_partnerships(5)
    assert queries_for(client, url) == 0


# the published partnerships, then the published centers; every other page is a URL name
SITEMAP_QUERIES = 2


@pytest.mark.parametrize("rows", [5, 50])
def test_sitemap_query_count_is_fixed(client, rows):
    make_partnerships(rows)
    make_centers(rows)
    assert queries_for(client, "/sitemap.xml") == SITEMAP_QUERIES
    sitemap = client.get("/sitemap.xml").content.decode()
    assert sitemap.count("<loc>http://testserver/partnerships/partnership-") == rows
    assert sitemap.count("<loc>http://testserver/es/family-enrichment-centers/center-") == rows
