"""Render times, query counts and sizes of the public pages on a scaled demo database.

    .venv/bin/python benchmarks/pages.py [--scale 500] [--runs 15]

Builds a throwaway SQLite database (DATABASE_URL is ignored), loads
`seed_demo --scale N`, then requests each page through Django's test client
and prints the median and 90th percentile of its render time, its queries
and its size (raw and gzipped).
"""

import argparse
import gzip
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    ("home", "/"),
    ("partnership list", "/partnerships/"),
    ("partnership list, filtered", "/partnerships/?borough=queens&language=es&q=sample"),
    ("partnership detail", "/partnerships/elmhurst/"),
    ("center list", "/family-enrichment-centers/"),
    ("center list, filtered", "/family-enrichment-centers/?district=QN04&service_mode=in_person"),
    ("center detail", "/family-enrichment-centers/the-crib/"),
    ("about", "/about/"),
    ("initiative", "/initiative/"),
    ("approach", "/approach/"),
    ("parents as partners", "/parents-as-partners/"),
    ("get involved", "/get-involved/"),
    ("resources", "/resources/"),
    ("resources, filtered", "/resources/?language=es&q=partnership"),
    ("home in Spanish", "/es/"),
    ("meetings", "/meetings/"),
    ("meetings, filtered", "/meetings/?borough=queens&attending=in_person&language=es"),
    ("events", "/meetings/?kind=event"),
    ("meetings in Spanish", "/es/meetings/"),
    ("feed: all meetings", "/meetings/feeds/all.ics"),
    ("feed: one borough", "/meetings/feeds/borough/queens.ics"),
    ("feed: one partnership", "/partnerships/elmhurst/meetings.ics"),
    ("workshops", "/workshops/"),
    ("workshop request form", "/workshops/request/"),
]


def meeting_pages() -> list[tuple[str, str]]:
    """Pages whose address depends on today's date."""
    from django.utils import timezone

    from meetings import occurrences
    from meetings.models import MeetingSeries

    today = timezone.localdate()
    series = MeetingSeries.objects.published().for_listing().get(slug="elmhurst-monthly")
    meeting = occurrences.upcoming([series], days=62)[0]
    return [
        ("meetings calendar", f"/meetings/calendar/{today.year}/{today.month}/"),
        ("one meeting", meeting.get_absolute_url()),
        ("one meeting .ics", meeting.get_ics_url()),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    # Always a throwaway database: never write a thousand sample listings into a real one.
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    logging.disable(logging.INFO)  # the demo's sample status changes are logged at INFO
    call_command("seed_demo", scale=args.scale, verbosity=0)
    logging.disable(logging.NOTSET)

    # Render times: every request builds its page (the page cache is measured by `make bench`).
    from django.conf import settings

    settings.PAGE_CACHE_ENABLED = False
    client = Client()
    print(f"seed_demo --scale {args.scale}, {args.runs} runs per page, {connection.vendor}")
    from meetings.models import MeetingSeries

    print(f"{MeetingSeries.objects.count()} meeting series")
    print(f"{'page':30} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'bytes':>8} {'gzip':>7}")
    for name, url in PAGES + meeting_pages():
        client.get(url)  # warm up
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        body = response.content
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(
            f"{name:30} {statistics.median(timings):10.1f} {p90:8.1f} {len(queries):8d} "
            f"{len(body):8d} {len(gzip.compress(body)):7d}"
        )
    css = (ROOT / "static" / "css" / "site.css").read_bytes()
    gzipped = len(gzip.compress(css))
    print(f"{'static/css/site.css':30} {'':10} {'':8} {'':8} {len(css):8d} {gzipped:7d}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
