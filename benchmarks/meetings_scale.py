"""Render times of the meeting pages with thousands of series: cold, after one change, warm.

    .venv/bin/python benchmarks/meetings_scale.py --scale 5000
    .venv/bin/python benchmarks/meetings_scale.py --scale 5000 --db /tmp/meetings-5000.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocep_bench \\
        .venv/bin/python benchmarks/meetings_scale.py --scale 5000 --use-database-url

With `--db` the SQLite file is kept and reused (seeding 5,000 series takes a
while); without it the database is a throwaway one. `--use-database-url` runs
against DATABASE_URL instead, seeding it if it has no series yet: give it a
database of its own. Set REDIS_URL to measure with Redis (its database is
cleared for the cold measurement, so give it a database number of its own).

Requests go through Django's test client to the views themselves, without
the page cache, so the times are what a request costs when the page cache
misses. For `/meetings/`, the month calendar and `all.ics` it prints:

- cold: the first request with an empty cache;
- after a change: the first request after one series was edited (every
  other series' computed meetings and calendar entries still cached);
- after a date change: the same after one date of a series was cancelled;
- warm: the median of `--runs` requests with nothing changed.
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import inprocess  # noqa: E402 (after the path is set)


def main() -> None:
    args = inprocess.arguments(__doc__.splitlines()[0], runs=7)
    tmp = inprocess.configure(args)  # noqa: F841 (kept while the benchmark runs)

    import django

    django.setup()
    # As the production app does once loaded (config/wsgi.py).
    from config.runtime import settle

    settle()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from meetings.models import ChangeKind, MeetingChange, MeetingSeries

    inprocess.seed(args, MeetingSeries)

    # The views themselves: the page cache would answer every warm request.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("pagecache.")]
    client = Client()
    today = timezone.localdate()
    pages = [
        ("/meetings/", "/meetings/"),
        ("month calendar", f"/meetings/calendar/{today.year}/{today.month}/"),
        ("all.ics", "/meetings/feeds/all.ics"),
    ]
    published = MeetingSeries.objects.published()
    victim = published.order_by("pk")[published.count() // 2]

    def edit_series():
        # Half an hour later, then back: the listed times change either way.
        victim.start_time = datetime.time(
            victim.start_time.hour, 30 if victim.start_time.minute == 0 else 0
        )
        victim.end_time = datetime.time(victim.end_time.hour, victim.start_time.minute)
        victim.save()

    def edit_date():
        # Cancel the series' next meeting, or restore it.
        day = victim.rule_dates(today, today + datetime.timedelta(days=62))[0]
        deleted, _ = MeetingChange.objects.filter(series=victim, original_date=day).delete()
        if not deleted:
            MeetingChange.objects.create(
                series=victim, original_date=day, kind=ChangeKind.CANCELLED
            )

    def timed(url) -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    def cold(url):
        cache.clear()
        if forget is not None:
            forget()  # what this process keeps of the cache
        return timed(url)

    def after(change, url):
        change()
        return timed(url)

    print(
        f"seed_demo --scale {args.scale}: {published.count()} published series, "
        f"{connection.vendor}, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    try:
        from meetings.schedule_cache import computed
    except ImportError:  # before the schedule cache
        computed = {}
    try:
        from meetings.schedule_cache import forget
    except ImportError:  # before the blocks kept in each process
        forget = None
    print(f"{'page':16} {'cold ms':>9} {'1 series ms':>12} {'1 date ms':>10} {'warm ms':>9}")
    for name, url in pages:
        colds = [cold(url) for _ in range(3)]
        timed(url)
        series_changes = [after(edit_series, url) for _ in range(args.runs)]
        date_changes = [after(edit_date, url) for _ in range(args.runs)]
        warms = [timed(url) for _ in range(args.runs)]
        before = sum(computed.values())
        after(edit_series, url)
        recomputed = f"  ({sum(computed.values()) - before} series computed after one edit)"
        print(
            f"{name:16} {statistics.median(colds):9.0f} {statistics.median(series_changes):12.0f}"
            f" {statistics.median(date_changes):10.0f} {statistics.median(warms):9.0f}"
            + (recomputed if computed else "")
        )
    tmp.cleanup()


if __name__ == "__main__":
    main()
