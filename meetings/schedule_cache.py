"""The meetings and calendar entries of many series, cached so that one change costs one group.

Expanding thousands of rules, and writing thousands of VEVENTs, is what made
the meeting pages and feeds slow, and the page cache throws every page away
on any save. So the computed meetings and the VEVENTs are cached under keys
made of everything they depend on: each series' own `updated`, the latest
`updated` and the number of its changes (a deleted change lowers the count),
and for VEVENTs also its partnership's `updated`, its languages, the language
names, the reader's language and the host. Nothing is ever invalidated: an
edited series changes its key, and old keys expire after a day. (So a save
must move `updated`: `QuerySet.update()` of content must set it, as the
admin's bulk actions do, and a test that edits a series twice must move its
frozen clock in between.)

Series are cached in GROUPS groups by primary key, one entry per group and
month (VEVENTs: per group), so a page reads a fixed number of entries however
many series there are, and an edit computes again only its own group. A page
first reads a fingerprint of each group and the changes counted per series
(`Stamps`, two queries), takes the entries in one `get_many`, and computes
the missing groups in two queries whatever their size. A group's meetings
are keyed by its fingerprint: the number of its series, the sum of their
keys and of their `updated` times, and its series' changes. What is cached
is tuples of small integers, never model instances; only the meetings a
page shows become full `Occurrence`s, their series' rows loaded then (twenty
on the list page, five on the home page). The month calendar, which shows
every meeting of the month, draws them from the stamp rows instead
(`SeriesSummary`).

Each process also keeps the entries it decoded lately (`Decoded`): keys
name their content, so a kept entry is never stale, and after an edit a page
reads and unpickles only the changed group's entries, not all of them. It
keeps each series' stamp row (names, titles, `updated`) the same way
(`KeptRows`), and reads again only the rows of groups whose fingerprint moved.

Every cache access goes through `pagecache.safe`: with Redis down, the pages
compute everything, as they did before this module, only slower.
"""

import calendar
import datetime
import hashlib
import heapq
import itertools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, itemgetter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from core.translated import SOURCE, LocalizedText
from pagecache import safe
from partnerships.models import Language

from . import feeds, occurrences
from .models import Frequency, MeetingSeries, change_stamps
from .recurrence import RuleError

logger = logging.getLogger(__name__)

# Raise it when the shape of what is cached, or the text of the VEVENTs, changes:
# a deploy then never reads entries that the code before it wrote. (2: one-time
# events, which the code before them cached as having no dates and no VEVENT.)
FORMAT = 2
TIMEOUT = 24 * 60 * 60

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)

# Series are cached in this many groups (by primary key): a page reads a fixed
# number of cache entries however many series there are, and an edit computes
# again only the group of the edited series (about forty of 5,000). At 32
# groups, computing the edited one's 157 series again took 60 ms of the first
# /meetings/ after an edit; at 128, 25 ms. More groups gained nothing more.
GROUPS = 128

# One meeting, as cached: small integers and a short string, cheap to pickle and sort.
START_US, END_US, DAY, START_TIME, END_TIME, ORIGINAL, STATUS, CHANGE = range(8)


def _micro(moment: datetime.datetime | None) -> int:
    """Microseconds since 1970, exact (a float timestamp can round a microsecond away)."""
    return 0 if moment is None else (moment - EPOCH) // MICROSECOND


@dataclass(frozen=True)
class Stamps:
    """What a page knows of every published series before it reads any cache entry.

    `rows`: each series' `stamps()` row, by primary key; `groups`: the same by
    group; `fingerprints`: each group's (`stamp_groups()`); `changes`: each
    series' `change_stamps()`; `listed`: the keys of the series the page lists
    (None: all of them).
    """

    rows: list
    groups: dict[int, list]
    fingerprints: dict[int, tuple]
    changes: dict[int, tuple[str, int]]
    listed: frozenset | None

    def is_listed(self, row) -> bool:
        return self.listed is None or row.pk in self.listed

    def listed_groups(self) -> dict[int, list]:
        """The groups that hold a listed series, each with all its published series.

        Groups hold the same series whatever the page lists, so a filtered page or
        feed reads the entries the others wrote.
        """
        if self.listed is None:
            return self.groups
        wanted = {pk % GROUPS for pk in self.listed}
        return {group: rows for group, rows in self.groups.items() if group in wanted}

    def row_stamp(self, row) -> str:
        """A series' stamp: it changes whenever its meetings may."""
        return f"{row.pk}.{row.updated_stamp}.{self.changes.get(row.pk)}"

    @cached_property
    def changes_by_group(self) -> dict[int, list]:
        found: dict[int, list] = {}
        for pk, stamp in sorted(self.changes.items()):
            found.setdefault(pk % GROUPS, []).append((pk, *stamp))
        return found

    def group_stamp(self, group: int) -> str:
        """What a group's meetings depend on: its series (count, keys, times) and their changes."""
        count, keys, series, _partnerships = self.fingerprints[group]
        changes = self.changes_by_group.get(group, [])
        return _digest([repr((count, keys, series, changes))])

    def names_stamp(self, group: int) -> str:
        """What a group's sort keys depend on: its titles, partnership names and the language."""
        return _digest([translation.get_language() or "", repr(self.fingerprints[group])])


class KeptRows:
    """The stamp rows this process read last, by language, kept while their group is unchanged.

    Reading every series' row took about 35 ms at 5,000 series, on every page
    built; the fingerprints of all groups take one query (about 8 ms there),
    and then only the rows of the groups that changed (after one edit, one
    group's forty) are read again. Tests forget them between tests, as they clear the
    shared cache: a test database rolled back can repeat a key and a frozen time.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.by_language: dict[str, tuple[dict, dict, list]] = {}

    def get(self, language: str) -> tuple[dict, dict, list]:
        with self.lock:
            return self.by_language.get(language, ({}, {}, []))

    def set(self, language: str, fingerprints: dict, groups: dict, rows: list) -> None:
        with self.lock:
            self.by_language[language] = (fingerprints, groups, rows)

    def clear(self) -> None:
        with self.lock:
            self.by_language.clear()


kept = KeptRows()


def _stamps(listed) -> Stamps:
    """Every published series' stamp row, kept by this process, and which of them `listed` holds.

    Three queries when a group changed since this process last read it (the
    fingerprints, the changes, the rows of the changed groups), two when none did.
    """
    published = MeetingSeries.objects.published()
    fingerprints = published.stamp_groups(GROUPS)
    changes = change_stamps()
    language = translation.get_language() or settings.LANGUAGE_CODE
    kept_fingerprints, kept_groups, rows = kept.get(language)
    if fingerprints != kept_fingerprints:
        changed = [g for g, stamp in fingerprints.items() if kept_fingerprints.get(g) != stamp]
        among = None if len(changed) == len(fingerprints) else changed
        groups = {g: kept_groups[g] for g in fingerprints if g not in changed}
        groups.update({g: [] for g in changed})
        for row in published.stamps(GROUPS, among):
            if row.pk % GROUPS in groups:  # else published since the fingerprints were read
                groups[row.pk % GROUPS].append(row)
        rows = sorted((row for members in groups.values() for row in members), key=attrgetter("pk"))
        kept.set(language, fingerprints, groups, rows)
    else:
        groups = kept_groups
    if listed is not None:
        listed = frozenset(listed.values_list("pk", flat=True))
    return Stamps(rows, groups, fingerprints, changes, listed)


def forget() -> None:
    """Drop what this process keeps of the cache (tests and benchmarks, with the cache cleared)."""
    decoded.clear()
    kept.clear()


def _digest(parts) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _time_of_day(moment: datetime.datetime) -> int:
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000 + (
        moment.microsecond
    )


def _clock(micro: int) -> datetime.time:
    seconds, microsecond = divmod(micro, 1_000_000)
    return datetime.time(seconds // 3600, seconds // 60 % 60, seconds % 60, microsecond)


def _slot(occurrence: occurrences.Occurrence) -> tuple:
    return (
        _micro(occurrence.start),
        _micro(occurrence.end),
        occurrence.date.toordinal(),
        _time_of_day(occurrence.start),  # wall-clock times, as the rule gives them
        _time_of_day(occurrence.end),
        occurrence.original_date.toordinal(),
        occurrence.status,
        occurrence.change.pk if occurrence.change else None,
    )


def compute(series: MeetingSeries, first: datetime.date, last: datetime.date) -> tuple:
    """The series' meetings taking place from first to last, and those moved away from them."""
    try:
        found = occurrences.series_occurrences(series, first, last)
        away = occurrences.moved_away([series], first, last)
    except RuleError:
        # Only possible for rows written around the admin's validation.
        logger.warning("Meeting series %s has an invalid rule; skipped", series.pk)
        return (), ()
    return tuple(map(_slot, found)), tuple(map(_slot, away))


# Series computed rather than read from the cache, by kind: for tests and benchmarks.
computed = {"meetings": 0, "feeds": 0}


def _months(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_of(ordinal: int) -> tuple[int, int]:
    day = datetime.date.fromordinal(ordinal)
    return day.year, day.month


@dataclass(frozen=True)
class Block:
    """One cache entry (a group's meetings in one month), decoded and ready to merge.

    `meetings` and `away` hold (sort key, slot, pk) of every series in the
    group, sorted: the sort key is occurrences.expand's order (start, then
    partnership and title, the primary key settling ties), which is why a
    block depends on the names as well as on the entry. `first` and `last`
    are the month's first and last days (ordinals).
    """

    entry: dict
    meetings: list
    away: list
    first: int
    last: int


def _block(entry: dict, names: dict[int, tuple[str, str]], month: tuple[int, int]) -> Block:
    meetings, away = [], []
    for pk, (taking_place, moved) in entry.items():
        if pk not in names:
            continue  # not published any more (the key would have changed; defensive)
        name, title = names[pk]
        meetings.extend(((slot[START_US], name, title, pk), slot, pk) for slot in taking_place)
        away.extend(((slot[START_US], name, title, pk), slot, pk) for slot in moved)
    meetings.sort(key=itemgetter(0))
    away.sort(key=itemgetter(0))
    first = datetime.date(*month, 1).toordinal()
    return Block(entry, meetings, away, first, first + calendar.monthrange(*month)[1] - 1)


class Decoded:
    """The blocks this process decoded lately, by cache key and names.

    A key names its content (it is made of the stamps of everything the entry
    depends on), so a block is never stale: an edit makes new keys, and the
    old ones are dropped when `size` newer ones have been used. A page then
    reads from the shared cache, and unpickles, only the entries of groups
    that changed since this process last showed them. Tests forget them
    between tests, as they clear the shared cache: a frozen clock can give two
    tests' different series the same stamps.
    """

    def __init__(self, size: int):
        self.size = size
        self.blocks: OrderedDict[str, Block] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, keys) -> dict[str, Block]:
        found = {}
        with self.lock:
            for key in keys:
                block = self.blocks.get(key)
                if block is not None:
                    self.blocks.move_to_end(key)
                    found[key] = block
        return found

    def set_many(self, blocks: dict[str, Block]) -> None:
        with self.lock:
            self.blocks.update(blocks)
            for key in blocks:
                self.blocks.move_to_end(key)
            while len(self.blocks) > self.size:
                self.blocks.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.blocks.clear()


# Room for every group's blocks of about two years of months.
decoded = Decoded(GROUPS * 26)


def _meetings(stamps: Stamps, start: datetime.date, end: datetime.date) -> dict[int, list[Block]]:
    """For each group of listed series, its blocks for the months from start to end.

    A block's entry maps a series' primary key to its meetings that month and
    those moved away from its dates that month. One cache entry per group and
    month; a missing one is computed for every series of its group, with one
    query for all of them.
    """
    months = _months(start, end)
    groups = stamps.listed_groups()
    keys = {}
    for group in groups:
        names = stamps.names_stamp(group)  # titles, so the sort, follow the reader
        stamp = stamps.group_stamp(group)  # once a group, whatever the months
        for month in months:
            key = f"meetings:{FORMAT}:month:{month[0]}-{month[1]}:{group}:"
            keys[group, month] = (key + stamp, names)
    known = decoded.get_many(f"{key}:{names}" for key, names in keys.values())
    cached = safe.get_many([key for key, names in keys.values() if f"{key}:{names}" not in known])
    found: dict[int, list[Block]] = {group: [] for group in groups}
    missing: dict[int, list] = {}
    new_blocks = {}

    def add(group, month, key, names, entry):
        block = known.get(f"{key}:{names}")
        if block is None:
            # Plain strings in the sort keys: a LocalizedText has attributes, so the
            # garbage collector would track, and walk, every key holding one.
            members = {row.pk: (row.partnership__name, str(_title(row))) for row in groups[group]}
            block = new_blocks[f"{key}:{names}"] = _block(entry, members, month)
        found[group].append(block)

    for (group, month), (key, names) in keys.items():
        entry = cached.get(key)
        if f"{key}:{names}" in known or entry is not None:
            add(group, month, key, names, entry)
        else:
            missing.setdefault(group, []).append(month)
    if missing:
        pks = [row.pk for group in missing for row in groups[group]]
        loaded = MeetingSeries.objects.filter(pk__in=pks).prefetch_related("changes")
        by_pk = {series.pk: series for series in loaded}
        fresh = {}
        for group, group_months in missing.items():
            first = datetime.date(*group_months[0], 1)
            last = datetime.date(*group_months[-1], 1)
            last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
            results = {}
            for row in groups[group]:
                if row.pk in by_pk:  # else deleted since the stamps were read
                    results[row.pk] = compute(by_pk[row.pk], first, last)
                    computed["meetings"] += 1
            for month in group_months:
                entry = {}
                for pk, (meetings, moved) in results.items():
                    meetings = tuple(s for s in meetings if _month_of(s[DAY]) == month)
                    moved = tuple(s for s in moved if _month_of(s[ORIGINAL]) == month)
                    if meetings or moved:
                        entry[pk] = (meetings, moved)
                key, names = keys[group, month]
                fresh[key] = entry
                add(group, month, key, names, entry)
        safe.set_many(fresh, TIMEOUT)
    decoded.set_many(new_blocks)
    return found


@dataclass(frozen=True)
class PartnershipSummary:
    name: str
    slug: str


def _title(row) -> LocalizedText:
    """The title in the reader's language (the row's `title`), or the English standing in."""
    language = translation.get_language() or SOURCE
    if language != SOURCE and row.title_local:
        return LocalizedText(row.title_local, language, False)
    return LocalizedText(row.title_en, SOURCE, language != SOURCE)


@dataclass(frozen=True)
class SeriesSummary:
    """What the month calendar shows of a series, from its stamp row: no model instance."""

    pk: int
    slug: str
    title: LocalizedText
    timezone: str
    is_sample_data: bool
    freq: str
    partnership: PartnershipSummary

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_event(self) -> bool:
        return self.freq == Frequency.ONCE


def summary(row) -> SeriesSummary:
    return SeriesSummary(
        row.pk,
        row.slug,
        _title(row),
        row.timezone,
        row.is_sample_data,
        row.freq,
        PartnershipSummary(row.partnership__name, row.partnership__slug),
    )


def _runs(
    stamps: Stamps, groups: dict, low: int, high: int, *, away=False, ends_after=0
) -> list[list]:
    """(sort key, slot, pk) of each listed meeting from low to high (day ordinals), in sorted runs.

    One run per block, each in occurrences.expand's order (by start, then
    partnership and title, the primary key settling ties): `Schedule` merges
    them only as far as a page reads. With `away`, the meetings moved away
    from those dates instead; with `ends_after`, only meetings ending at or
    after it. A block wholly inside the dates, whose first meeting starts at
    or after `ends_after`, is taken whole, uncopied: every meeting in it ends
    later still.
    """
    by = ORIGINAL if away else DAY
    listed = stamps.listed
    runs = []
    for blocks in groups.values():
        for block in blocks:
            items = block.away if away else block.meetings
            if not items:
                continue
            if (
                not away
                and listed is None
                and low <= block.first
                and block.last <= high
                and items[0][1][START_US] >= ends_after
            ):
                runs.append(items)
                continue
            run = [
                item
                for item in items
                if low <= item[1][by] <= high and item[1][END_US] >= ends_after
            ]
            if listed is not None:
                run = [item for item in run if item[2] in listed]
            if run:
                runs.append(run)
    return runs


def _merged(runs: list[list]) -> list:
    """Every entry of the runs, in order (the runs' order settling ties, as a stable sort)."""
    return list(heapq.merge(*runs, key=itemgetter(0)))


def _full_occurrences(entries: list[tuple]) -> list[occurrences.Occurrence]:
    """Entries as the Occurrences `occurrences.expand` gives, their series read in full."""
    if not entries:
        return []
    loaded = MeetingSeries.objects.filter(pk__in={pk for _key, _slot, pk in entries})
    by_pk = {series.pk: series for series in loaded.for_listing()}
    found = []
    for _key, slot, pk in entries:
        series = by_pk.get(pk)
        if series is None:
            continue  # deleted since the stamps were read
        change = None
        if slot[CHANGE] is not None:
            change = next((c for c in series.change_list if c.pk == slot[CHANGE]), None)
        original = datetime.date.fromordinal(slot[ORIGINAL])
        found.append(occurrences.occurrence_for(series, original, change))
    return found


class Schedule(Sequence):
    """Meetings in date order; only the items read (a page of them) become full Occurrences.

    A paginator takes its length and one slice, so a list page of thousands of
    meetings loads the rows of twenty. The entries come as sorted runs and are
    merged only as far as read: the first page merges twenty steps, where
    sorting all 10,000 upcoming meetings at 5,000 series took 5 ms.
    """

    def __init__(self, runs: list[list]):
        self.runs = runs
        self.length = sum(map(len, runs))
        self.merged: list = []
        self.rest = heapq.merge(*runs, key=itemgetter(0))

    def _first(self, count: int) -> list:
        if count > len(self.merged):
            self.merged.extend(itertools.islice(self.rest, count - len(self.merged)))
        return self.merged

    @property
    def entries(self) -> list:
        """(sort key, slot, pk) of every meeting, in order."""
        return self._first(self.length)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.length)
            if step != 1:
                return _full_occurrences(self.entries[index])
            return _full_occurrences(self._first(stop)[start:stop])
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("Schedule index out of range")
        return _full_occurrences([self._first(index + 1)[index]])[0]

    def earliest_end(self) -> datetime.datetime | None:
        """When the first of these meetings ends."""
        if not self.length:
            return None
        earliest = min(slot[END_US] for run in self.runs for _key, slot, _pk in run)
        return EPOCH + earliest * MICROSECOND


def between(start: datetime.date, end: datetime.date, *, listed=None) -> Schedule:
    """`occurrences.expand` of the published series (those in `listed`), from the cache."""
    stamps = _stamps(listed)
    low, high = start.toordinal(), end.toordinal()
    return Schedule(_runs(stamps, _meetings(stamps, start, end), low, high))


def upcoming(*, days: int, now: datetime.datetime | None = None, listed=None) -> Schedule:
    """`occurrences.upcoming` of the published series (those in `listed`), from the cache."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    end = today + datetime.timedelta(days=days)
    stamps = _stamps(listed)
    low, high = today.toordinal(), end.toordinal()
    groups = _meetings(stamps, today, end)
    return Schedule(_runs(stamps, groups, low, high, ends_after=_micro(now)))


def month(
    first: datetime.date, last: datetime.date
) -> tuple[list[occurrences.Occurrence], list[occurrences.Occurrence]]:
    """`occurrences.expand` and `moved_away` of the published series, from the cache.

    Each Occurrence's series is a `SeriesSummary` and it carries no change: enough
    for the month calendar (names, times, status, links), not for a meeting page.
    """
    stamps = _stamps(None)
    groups = _meetings(stamps, first, last)
    low, high = first.toordinal(), last.toordinal()
    summaries = {row.pk: summary(row) for row in stamps.rows}

    def as_occurrences(entries):
        result = []
        for _key, slot, pk in entries:
            series = summaries[pk]
            day, tz = datetime.date.fromordinal(slot[DAY]), series.tz
            result.append(
                occurrences.Occurrence(
                    series,
                    datetime.date.fromordinal(slot[ORIGINAL]),
                    datetime.datetime.combine(day, _clock(slot[START_TIME]), tzinfo=tz),
                    datetime.datetime.combine(day, _clock(slot[END_TIME]), tzinfo=tz),
                    slot[STATUS],
                )
            )
        return result

    return (
        as_occurrences(_merged(_runs(stamps, groups, low, high))),
        as_occurrences(_merged(_runs(stamps, groups, low, high, away=True))),
    )


# -- Feeds ---------------------------------------------------------------------


def _feed_context(absolute: Callable[[str], str]) -> str:
    """What every VEVENT of this request depends on besides its own series."""
    names = list(Language.objects.order_by("pk").values_list("pk", "name"))
    context = (translation.get_language(), absolute("/"), settings.CALENDAR_UID_DOMAIN, names)
    return _digest([repr(context)])


def _feed_stamp(stamps: Stamps, row, language_ids) -> str:
    languages = "-".join(map(str, sorted(language_ids)))
    return f"{stamps.row_stamp(row)}.{row.partnership_stamp}.{languages}"


def feed(*, name: str, absolute: Callable[[str], str], listed=None) -> bytes:
    """`feeds.build_calendar` of the published series (those in `listed`), from the cache."""
    stamps = _stamps(listed)
    if any(row.timezone != "America/New_York" for row in stamps.rows if stamps.is_listed(row)):
        # Only New York can be chosen; another zone would need its own VTIMEZONE.
        series = MeetingSeries.objects.published().with_details()
        if listed is not None:
            series = series.filter(pk__in=listed.values("pk"))
        return feeds.build_calendar(series, name=name, absolute=absolute)
    groups = stamps.listed_groups()
    links = MeetingSeries.languages.through.objects.filter(
        meetingseries__is_published=True, meetingseries__partnership__is_published=True
    ).values_list("meetingseries_id", "language_id")
    languages: dict[int, list[int]] = {}
    for series_pk, language_pk in links:
        languages.setdefault(series_pk, []).append(language_pk)
    context = _feed_context(absolute)
    keys = {
        group: f"meetings:{FORMAT}:vevents:{context}:{group}:"
        + _digest(_feed_stamp(stamps, row, languages.get(row.pk, ())) for row in members)
        for group, members in groups.items()
    }
    cached = safe.get_many(list(keys.values()))
    texts: dict[int, bytes] = {}
    missing = []
    for group, key in keys.items():
        if key in cached:
            texts.update(cached[key])
        else:
            missing.append(group)
    if missing:
        pks = [row.pk for group in missing for row in groups[group]]
        by_pk = {s.pk: s for s in MeetingSeries.objects.filter(pk__in=pks).with_details()}
        fresh = {}
        for group in missing:
            entry = {}
            for row in groups[group]:
                if row.pk in by_pk:  # else deleted since the stamps were read
                    entry[row.pk] = feeds.series_ical(by_pk[row.pk], absolute)
                    computed["feeds"] += 1
            fresh[keys[group]] = entry
            texts.update(entry)
        safe.set_many(fresh, TIMEOUT)
    listed_texts = [
        texts[row.pk] for row in stamps.rows if stamps.is_listed(row) and texts.get(row.pk)
    ]
    return feeds.assemble_calendar(listed_texts, name=name)
