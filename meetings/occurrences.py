"""Meeting occurrences, computed from each series' rule and its changes.

Nothing here is stored: a series plus its changes always says exactly which
meetings happen, so there is nothing to keep in sync. Pass series fetched
with `MeetingSeries.objects.for_listing()` so that expanding many series
costs no extra queries.
"""

import datetime
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.translated import localized

from .models import ChangeKind, MeetingChange, MeetingSeries
from .recurrence import RuleError, format_time_range

logger = logging.getLogger(__name__)

SCHEDULED = "scheduled"
CANCELLED = ChangeKind.CANCELLED.value
MOVED = ChangeKind.MOVED.value
EXTRA = ChangeKind.EXTRA.value

# How far ahead "the next meeting" looks: a year covers any monthly series.
LOOKAHEAD_DAYS = 400


@dataclass(frozen=True)
class Occurrence:
    # A MeetingSeries, or on the month calendar a schedule_cache.SeriesSummary.
    series: MeetingSeries
    original_date: datetime.date  # identifies it: its URL and its RECURRENCE-ID
    start: datetime.datetime  # aware, in the series' time zone
    end: datetime.datetime
    status: str = SCHEDULED
    change: MeetingChange | None = None

    @property
    def date(self) -> datetime.date:
        return self.start.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == MOVED

    @property
    def is_extra(self) -> bool:
        return self.status == EXTRA

    @property
    def date_changed(self) -> bool:
        return self.is_moved and self.date != self.original_date

    @property
    def status_in_words(self) -> str:
        """What changed about this meeting, as every page and the admin say it ("" if nothing).

        "Cancelled", "Moved from Dec. 8, 2026", "New time or place" or "Extra meeting".
        """
        if self.is_cancelled:
            return gettext("Cancelled")
        if self.date_changed:
            return gettext("Moved from %(date)s") % {
                "date": date_format(self.original_date, "DATE_FORMAT")
            }
        if self.is_moved:
            return gettext("New time or place")
        if self.is_extra:
            return gettext("Extra meeting")
        return ""

    @property
    def original_start(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.original_date, self.series.start_time, tzinfo=self.series.tz
        )

    @property
    def venue_name(self) -> str:
        if self.change and self.change.new_venue_name:
            return self.change.new_venue_name
        return self.series.venue_name

    @property
    def address(self) -> str:
        if self.change and self.change.new_venue_name:
            return self.change.new_street_address
        return self.series.address

    @property
    def note(self) -> str:
        """The change's note for residents, in their language or in English (it knows which)."""
        return localized(self.change, "note") if self.change else ""

    @property
    def time_range(self) -> str:
        return _time_range(self.start.time(), self.end.time(), translation.get_language())

    @property
    def uid_key(self) -> tuple[int, datetime.date]:
        return (self.series.pk, self.original_date)

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:occurrence", args=[self.series.slug, self.original_date.isoformat()]
        )

    def get_ics_url(self) -> str:
        return reverse("meetings:occurrence_ics", args=[self.series.slug, self.original_date])


@functools.lru_cache(maxsize=512)
def _time_range(start: datetime.time, end: datetime.time, language: str | None) -> str:
    # The month calendar shows thousands of meetings at a handful of different times.
    return format_time_range(start, end)


def _at(day: datetime.date, time: datetime.time, series: MeetingSeries) -> datetime.datetime:
    # combine() with a zoneinfo keeps the wall-clock time: 6 PM stays 6 PM across DST.
    return datetime.datetime.combine(day, time, tzinfo=series.tz)


def _changes(series: MeetingSeries) -> dict[datetime.date, MeetingChange]:
    return {change.original_date: change for change in series.change_list}


def occurrence_for(series: MeetingSeries, day: datetime.date, change=None) -> Occurrence:
    """The meeting scheduled on `day`, as `change` (if any) leaves it."""
    if change is None:
        return Occurrence(
            series, day, _at(day, series.start_time, series), _at(day, series.end_time, series)
        )
    if change.kind == CANCELLED:
        return Occurrence(
            series,
            day,
            _at(day, series.start_time, series),
            _at(day, series.end_time, series),
            CANCELLED,
            change,
        )
    new_day = change.new_date or day
    start = change.new_start_time or series.start_time
    end = change.new_end_time or series.end_time
    return Occurrence(
        series, day, _at(new_day, start, series), _at(new_day, end, series), change.kind, change
    )


def series_occurrences(
    series: MeetingSeries, start: datetime.date, end: datetime.date
) -> list[Occurrence]:
    """One series' meetings taking place from start to end inclusive, cancelled ones included.

    A moved meeting is listed on the day it now takes place; `moved_away`
    gives the dates meetings were moved from.
    """
    changes = _changes(series)
    found = []
    for day in series.rule_dates(start, end):
        change = changes.get(day)
        if change is None or change.kind == CANCELLED:
            found.append(occurrence_for(series, day, change))
    for change in changes.values():
        if change.kind == CANCELLED:
            continue
        occurrence = occurrence_for(series, change.original_date, change)
        if not start <= occurrence.date <= end:
            continue
        # A change whose date the rule no longer gives (the rule was edited) is ignored.
        if change.kind == MOVED and not series.is_rule_date(change.original_date):
            continue
        if change.kind == EXTRA and series.is_rule_date(change.original_date):
            continue
        found.append(occurrence)
    return found


def expand(
    series_list: Iterable[MeetingSeries], start: datetime.date, end: datetime.date
) -> list[Occurrence]:
    """Every meeting of these series from start to end inclusive, in date order."""
    found = []
    for series in series_list:
        try:
            found.extend(series_occurrences(series, start, end))
        except RuleError:
            # Only possible for rows written around the admin's validation.
            logger.warning("Meeting series %s has an invalid rule; skipped", series.pk)
    found.sort(key=lambda o: (o.start, o.series.partnership.name, o.series.title))
    return found


def moved_away(
    series_list: Iterable[MeetingSeries], start: datetime.date, end: datetime.date
) -> list[Occurrence]:
    """Meetings whose scheduled date falls in the window but now happen on another day."""
    found = []
    for series in series_list:
        for change in series.change_list:
            if change.kind != MOVED or not start <= change.original_date <= end:
                continue
            occurrence = occurrence_for(series, change.original_date, change)
            if occurrence.date_changed and series.is_rule_date(change.original_date):
                found.append(occurrence)
    return found


def upcoming(
    series_list: Iterable[MeetingSeries],
    *,
    days: int,
    now: datetime.datetime | None = None,
) -> list[Occurrence]:
    """Meetings that have not yet ended, over the next `days` days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return [
        o for o in expand(series_list, today, today + datetime.timedelta(days=days)) if o.end >= now
    ]


def find(series: MeetingSeries, day: datetime.date) -> Occurrence | None:
    """The meeting scheduled on `day` (its original date), or the one moved onto it."""
    changes = _changes(series)
    change = changes.get(day)
    if change is not None:
        if change.kind == EXTRA and not series.is_rule_date(day):
            return occurrence_for(series, day, change)
        if change.kind != EXTRA and series.is_rule_date(day):
            return occurrence_for(series, day, change)
    elif series.is_rule_date(day):
        return occurrence_for(series, day)
    for occurrence in series_occurrences(series, day, day):
        if occurrence.date == day:
            return occurrence
    return None


def next_after(series: MeetingSeries, day: datetime.date) -> Occurrence | None:
    """The first meeting after `day` that is not cancelled."""
    window = series_occurrences(
        series,
        day + datetime.timedelta(days=1),
        day + datetime.timedelta(days=LOOKAHEAD_DAYS),
    )
    window.sort(key=lambda o: o.start)
    return next((o for o in window if not o.is_cancelled), None)
