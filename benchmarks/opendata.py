"""Response times, query counts and sizes of the HSDS API and the open data downloads.

    .venv/bin/python benchmarks/opendata.py [--scale 500] [--runs 5]
    .venv/bin/python benchmarks/opendata.py --scale 500 --db /tmp/opendata-500.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocep_bench \\
        .venv/bin/python benchmarks/opendata.py --use-database-url

Without `--db` the SQLite database is a throwaway one; with it the file is
kept and reused. `--use-database-url` runs against DATABASE_URL instead,
seeding it if it has no listings yet: give it a database of its own.

Requests go through Django's test client with the page cache off, so each
one builds its answer. For each endpoint it prints the status, the median
time over `--runs` requests, the queries of one request and the bytes of the
answer.
"""

import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import inprocess  # noqa: E402 (after the path is set)


def endpoints() -> list[tuple[str, str]]:
    """(name, URL) of each endpoint, ids taken from the database."""
    from opendata import api, hsds

    partnership = api.partnerships().first()
    center = api.centers().first()
    organization = api.organizations_query().first()
    return [
        ("API root", "/api/hsds/"),
        ("services", "/api/hsds/services"),
        ("services, full, 100", "/api/hsds/services?full=true&per_page=100"),
        ("service: partnership", f"/api/hsds/services/{partnership.uuid}"),
        ("service: center", f"/api/hsds/services/{center.uuid}"),
        ("organizations", "/api/hsds/organizations"),
        ("organizations, full", "/api/hsds/organizations?full=true"),
        ("organization", f"/api/hsds/organizations/{organization.uuid}"),
        ("service_at_locations", "/api/hsds/service_at_locations"),
        ("service_at_locations, full", "/api/hsds/service_at_locations?full=true"),
        (
            "service_at_location",
            f"/api/hsds/service_at_locations/{hsds.part_id(center.uuid, 'service_at_location')}",
        ),
        ("taxonomies", "/api/hsds/taxonomies"),
        ("taxonomy_terms", "/api/hsds/taxonomy_terms"),
        ("HSDS data package", "/open-data/hsds-datapackage.zip"),
        ("partnerships.csv", "/open-data/partnerships.csv"),
        ("family-enrichment-centers.csv", "/open-data/family-enrichment-centers.csv"),
        ("meetings.csv", "/open-data/meetings.csv"),
    ]


def main() -> None:
    args = inprocess.arguments(__doc__.splitlines()[0], runs=5)
    tmp = inprocess.configure(args)  # noqa: F841 (kept while the benchmark runs)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter

    inprocess.seed(args, CommunityPartnership)

    # Every request builds its answer: the page cache would serve the repeats.
    settings.PAGE_CACHE_ENABLED = False
    # The API's rate limit would answer 429 after a few dozen requests.
    settings.OPEN_DATA_API_RATE_LIMIT = 10**9
    # The downloads not built yet answer 404, logged at WARNING on every request.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    client = Client()
    print(
        f"seed_demo --scale {args.scale}: "
        f"{CommunityPartnership.objects.published().count()} published partnerships, "
        f"{FamilyEnrichmentCenter.objects.published().count()} published centers; "
        f"{connection.vendor}, median of {args.runs} runs"
    )
    print(f"{'endpoint':30} {'status':>6} {'median ms':>10} {'queries':>8} {'bytes':>10}")
    for name, url in endpoints():
        response = client.get(url)  # warm up
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        size = (
            len(response.content)
            if not response.streaming
            else sum(len(chunk) for chunk in response.streaming_content)
        )
        print(
            f"{name:30} {response.status_code:6d} {statistics.median(timings):10.1f} "
            f"{len(queries):8d} {size:10d}"
        )
    tmp.cleanup()


if __name__ == "__main__":
    main()
