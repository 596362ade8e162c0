"""The meetings and calendar entries of many series, cached per series: one change costs one series.

Expanding thousands of rules, and writing thousands of VEVENTs, is what made
the meeting pages and feeds slow, and the page cache throws every page away
on any save. So each series' computed meetings (for one calendar year) and
its VEVENTs (in one language, for one host) are cached under a key made of
everything they depend on: the series' own `updated`, the latest `updated`
and the number of its changes (a deleted change lowers the count), and for
VEVENTs also its partnership's `updated` and its languages. Nothing is ever
invalidated: an edited series simply gets a new key, and old keys expire
after a day.

A page reads those stamps for every listed series in one query
(`MeetingSeries.objects.stamps()`), takes every series from the cache in one
`get_many`, and computes only the series whose stamp it has not seen, in two
queries whatever their number. What is cached is plain tuples of dates and
times, never model instances; only the meetings a page shows become full
`Occurrence`s, their series' rows loaded then (twenty on the list page, five
on the home page). The month calendar, which shows every meeting of the
month, draws them from the stamp rows instead (`SeriesSummary`).

Every cache access goes through `pagecache.safe`: with Redis down, the pages
compute everything, as they did before this module, only slower.
"""

import datetime
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from pagecache import safe
from partnerships.models import Language

from . import feeds, occurrences
from .models import MeetingSeries
from .recurrence import RuleError

logger = logging.getLogger(__name__)

# Raise it when the shape of what is cached, or the text of the VEVENTs, changes:
# a deploy then never reads entries that the code before it wrote.
FORMAT = 1
TIMEOUT = 24 * 60 * 60

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)

# One meeting, as cached: plain values, cheap to pickle and to sort.
START_US, END_US, START, END, ORIGINAL, STATUS, CHANGE = range(7)


def _micro(moment: datetime.datetime | None) -> int:
    """Microseconds since 1970, exact (a float timestamp can round a microsecond away)."""
    return 0 if moment is None else (moment - EPOCH) // MICROSECOND


def _stamp(pk: int, updated, changes_updated, changes_count: int) -> str:
    return f"{pk}.{_micro(updated)}.{_micro(changes_updated)}.{changes_count}"


def row_stamp(row) -> str:
    """A series' stamp from its `stamps()` row."""
    return _stamp(row.pk, row.updated, row.changes_updated, row.changes_count)


def series_stamp(series: MeetingSeries) -> str:
    """The same stamp from a loaded series (its changes prefetched)."""
    changes = series.change_list
    latest = max((change.updated for change in changes), default=None)
    return _stamp(series.pk, series.updated, latest, len(changes))


# -- Meetings -----------------------------------------------------------------


def _slot(occurrence: occurrences.Occurrence) -> tuple:
    return (
        _micro(occurrence.start),
        _micro(occurrence.end),
        occurrence.start.replace(tzinfo=None),  # wall-clock time, as the rule gives it
        occurrence.end.replace(tzinfo=None),
        occurrence.original_date,
        occurrence.status,
        occurrence.change.pk if occurrence.change else None,
    )


def compute_year(series: MeetingSeries, year: int) -> tuple[tuple, tuple]:
    """The series' meetings taking place in `year`, and those moved away from its dates."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    try:
        found = occurrences.series_occurrences(series, first, last)
        away = occurrences.moved_away([series], first, last)
    except RuleError:
        # Only possible for rows written around the admin's validation.
        logger.warning("Meeting series %s has an invalid rule; skipped", series.pk)
        return (), ()
    return tuple(map(_slot, found)), tuple(map(_slot, away))


# Counts series-years computed rather than read from the cache, for the tests.
computed = {"years": 0, "feeds": 0}


def _years_key(stamp: str, year: int) -> str:
    return f"meetings:{FORMAT}:year:{year}:{stamp}"


def _years(rows, years: range) -> dict[tuple[int, int], tuple[tuple, tuple]]:
    """Each listed series' meetings for each of `years`: from the cache, or computed."""
    keys = {(row.pk, year): _years_key(row_stamp(row), year) for row in rows for year in years}
    cached = safe.get_many(list(keys.values()))
    found, missing = {}, {}
    for (pk, year), key in keys.items():
        value = cached.get(key)
        if value is None:
            missing.setdefault(pk, []).append(year)
        else:
            found[pk, year] = value
    if missing:
        fresh = {}
        # Keyed by the stamp of the row actually read: it may be newer than the listed one.
        for series in MeetingSeries.objects.filter(pk__in=missing).prefetch_related("changes"):
            stamp = series_stamp(series)
            for year in missing[series.pk]:
                value = found[series.pk, year] = compute_year(series, year)
                fresh[_years_key(stamp, year)] = value
                computed["years"] += 1
        safe.set_many(fresh, TIMEOUT)
    return found


@dataclass(frozen=True)
class PartnershipSummary:
    name: str
    slug: str


@dataclass(frozen=True)
class SeriesSummary:
    """What the month calendar shows of a series, from its stamp row: no model instance."""

    pk: int
    slug: str
    title: str
    timezone: str
    is_sample_data: bool
    partnership: PartnershipSummary

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def summary(row) -> SeriesSummary:
    return SeriesSummary(
        row.pk,
        row.slug,
        row.title,
        row.timezone,
        row.is_sample_data,
        PartnershipSummary(row.partnership__name, row.partnership__slug),
    )


def _sort_key(slot: tuple, row) -> tuple:
    # occurrences.expand's order: start, then partnership and title (the pk settles ties).
    return (slot[START_US], row.partnership__name, row.title, row.pk)


def _entries(rows, years: dict, keep: Callable[[tuple], bool], part: int) -> list[tuple]:
    """(sort key, slot, row) of every kept meeting (part 0) or moved-away one (part 1), in order."""
    spans = sorted({year for _pk, year in years})
    found = []
    for row in rows:
        for year in spans:
            meetings = years.get((row.pk, year))
            if meetings:
                found.extend(
                    (_sort_key(slot, row), slot, row) for slot in meetings[part] if keep(slot)
                )
    found.sort(key=itemgetter(0))
    return found


def _read(queryset, start: datetime.date, end: datetime.date) -> tuple[list, dict]:
    """The stamp rows of `queryset`, and their meetings per (series pk, year)."""
    rows = list(queryset.stamps())
    return rows, _years(rows, range(start.year, end.year + 1))


def _window(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    return (
        datetime.datetime.combine(start, datetime.time.min),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min),
    )


def _full_occurrences(entries: list[tuple]) -> list[occurrences.Occurrence]:
    """Entries as the Occurrences `occurrences.expand` gives, their series read in full."""
    if not entries:
        return []
    loaded = MeetingSeries.objects.filter(pk__in={row.pk for _key, _slot, row in entries})
    by_pk = {series.pk: series for series in loaded.for_listing()}
    found = []
    for _key, slot, row in entries:
        series = by_pk.get(row.pk)
        if series is None:
            continue  # deleted since the stamps were read
        change = None
        if slot[CHANGE] is not None:
            change = next((c for c in series.change_list if c.pk == slot[CHANGE]), None)
        found.append(occurrences.occurrence_for(series, slot[ORIGINAL], change))
    return found


class Schedule(Sequence):
    """Meetings in date order; only the items read (a page of them) become full Occurrences.

    A paginator takes its length and one slice, so a list page of thousands of
    meetings loads the rows of twenty.
    """

    def __init__(self, entries: list[tuple]):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _full_occurrences(self.entries[index])
        return _full_occurrences([self.entries[index]])[0]

    def earliest_end(self) -> datetime.datetime | None:
        """When the first of these meetings ends (then a list "from now" changes)."""
        if not self.entries:
            return None
        return EPOCH + min(slot[END_US] for _key, slot, _row in self.entries) * MICROSECOND


def between(queryset, start: datetime.date, end: datetime.date) -> Schedule:
    """Like `occurrences.expand` over the series of `queryset`, cached per series."""
    rows, years = _read(queryset, start, end)
    low, high = _window(start, end)
    return Schedule(_entries(rows, years, lambda s: low <= s[START] < high, 0))


def upcoming(queryset, *, days: int, now: datetime.datetime | None = None) -> Schedule:
    """Like `occurrences.upcoming`: meetings not yet ended over the next `days` days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    end = today + datetime.timedelta(days=days)
    rows, years = _read(queryset, today, end)
    low, high = _window(today, end)
    now_us = _micro(now)
    return Schedule(
        _entries(rows, years, lambda s: low <= s[START] < high and s[END_US] >= now_us, 0)
    )


def month(
    queryset, first: datetime.date, last: datetime.date
) -> tuple[list[occurrences.Occurrence], list[occurrences.Occurrence]]:
    """`occurrences.expand` and `occurrences.moved_away` from first to last, as summaries.

    Each Occurrence's series is a `SeriesSummary` and it carries no change: enough
    for the month calendar (names, times, status, links), not for a meeting page.
    """
    rows, years = _read(queryset, first, last)
    low, high = _window(first, last)
    summaries = {row.pk: summary(row) for row in rows}

    def as_occurrence(slot, row):
        series = summaries[row.pk]
        tz = series.tz
        return occurrences.Occurrence(
            series,
            slot[ORIGINAL],
            slot[START].replace(tzinfo=tz),
            slot[END].replace(tzinfo=tz),
            slot[STATUS],
        )

    found = _entries(rows, years, lambda s: low <= s[START] < high, 0)
    away = _entries(rows, years, lambda s: first <= s[ORIGINAL] <= last, 1)
    return (
        [as_occurrence(slot, row) for _key, slot, row in found],
        [as_occurrence(slot, row) for _key, slot, row in away],
    )


# -- Feeds ---------------------------------------------------------------------


def _feed_prefix(absolute: Callable[[str], str]) -> str:
    """What every VEVENT of this request depends on besides its own series."""
    names = list(Language.objects.order_by("pk").values_list("pk", "name"))
    context = repr((translation.get_language(), absolute("/"), settings.CALENDAR_UID_DOMAIN, names))
    return hashlib.sha256(context.encode()).hexdigest()[:20]


def _vevents_key(prefix: str, stamp: str, partnership_updated, language_ids) -> str:
    languages = "-".join(map(str, sorted(language_ids)))
    return f"meetings:{FORMAT}:vevents:{prefix}:{stamp}.{_micro(partnership_updated)}.{languages}"


def calendar(queryset, *, name: str, absolute: Callable[[str], str]) -> bytes:
    """`feeds.build_calendar` of the series of `queryset`, each series' VEVENTs cached."""
    rows = list(queryset.stamps())
    if any(row.timezone != "America/New_York" for row in rows):
        # Only New York can be chosen; another zone would need its own VTIMEZONE.
        return feeds.build_calendar(queryset.with_details(), name=name, absolute=absolute)
    links = MeetingSeries.languages.through.objects.filter(
        meetingseries__in=queryset.values("pk")
    ).values_list("meetingseries_id", "language_id")
    languages: dict[int, list[int]] = {}
    for series_pk, language_pk in links:
        languages.setdefault(series_pk, []).append(language_pk)
    prefix = _feed_prefix(absolute)
    keys = {
        row.pk: _vevents_key(
            prefix, row_stamp(row), row.partnership__updated, languages.get(row.pk, ())
        )
        for row in rows
    }
    texts = safe.get_many(list(keys.values()))
    found = {pk: texts[key] for pk, key in keys.items() if key in texts}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        fresh = {}
        for series in MeetingSeries.objects.filter(pk__in=missing).with_details():
            found[series.pk] = text = feeds.series_ical(series, absolute)
            language_ids = [language.pk for language in series.languages.all()]
            key = _vevents_key(
                prefix, series_stamp(series), series.partnership.updated, language_ids
            )
            fresh[key] = text
            computed["feeds"] += 1
        safe.set_many(fresh, TIMEOUT)
    return feeds.assemble_calendar([found[row.pk] for row in rows if found.get(row.pk)], name=name)
