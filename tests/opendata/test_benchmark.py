"""benchmarks/opendata.py measures real answers, not 404s (its timings are not tested)."""

import pytest

from benchmarks import opendata
from tests.factories import make_center, make_partnership

pytestmark = pytest.mark.django_db

# The plain CSVs are built elsewhere; the benchmark prints whatever they answer.
PLAIN_CSVS = {
    "/open-data/partnerships.csv",
    "/open-data/family-enrichment-centers.csv",
    "/open-data/meetings.csv",
}


def test_every_api_endpoint_and_the_package_the_benchmark_requests_answers(client):
    make_partnership()
    make_center()
    urls = [url for _name, url in opendata.endpoints()]
    assert len(urls) == len(set(urls))
    for url in urls:
        if url not in PLAIN_CSVS:
            assert client.get(url).status_code == 200, url
