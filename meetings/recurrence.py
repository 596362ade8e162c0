"""Recurrence rules in the HSDS/iCalendar vocabulary: parsing, validation and words.

A rule is `freq` (monthly or weekly), `interval`, and either `byday` ("2TU":
the second Tuesday, "-1FR": the last Friday, "TU" for a weekly rule) or
`bymonthday` (15: the 15th, -1: the last day of the month). A one-time event
is the rule `ONCE`: no day, interval 1, its one date the rule's first date, so
that it goes through the same occurrence machinery as the monthly meetings.
Nothing here touches the database, so the rules are cheap to test on their own.
"""

import datetime
import re
from dataclasses import dataclass

from dateutil import rrule
from django.utils import formats
from django.utils.translation import gettext, ngettext, pgettext_lazy

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
BYDAY_RE = re.compile(r"^([+-]?\d+)?([A-Z]{2})$")

MONTHLY = "MONTHLY"
WEEKLY = "WEEKLY"
ONCE = "ONCE"  # not an iCalendar FREQ: a feed writes such an event without an RRULE

# Weekday names in the plural, for "every other week on Tuesdays".
WEEKDAYS_PLURAL = {
    0: pgettext_lazy("weekly meetings on", "Mondays"),
    1: pgettext_lazy("weekly meetings on", "Tuesdays"),
    2: pgettext_lazy("weekly meetings on", "Wednesdays"),
    3: pgettext_lazy("weekly meetings on", "Thursdays"),
    4: pgettext_lazy("weekly meetings on", "Fridays"),
    5: pgettext_lazy("weekly meetings on", "Saturdays"),
    6: pgettext_lazy("weekly meetings on", "Sundays"),
}
# The lists the admin's schedule form offers: a weekday, and a week of the month.
WEEKDAYS = {
    0: pgettext_lazy("day of the week", "Monday"),
    1: pgettext_lazy("day of the week", "Tuesday"),
    2: pgettext_lazy("day of the week", "Wednesday"),
    3: pgettext_lazy("day of the week", "Thursday"),
    4: pgettext_lazy("day of the week", "Friday"),
    5: pgettext_lazy("day of the week", "Saturday"),
    6: pgettext_lazy("day of the week", "Sunday"),
}
# In the order staff think of them; the keys are byday's ordinals (-1: last).
WEEKS_OF_THE_MONTH = {
    1: pgettext_lazy("week of the month", "first"),
    2: pgettext_lazy("week of the month", "second"),
    3: pgettext_lazy("week of the month", "third"),
    4: pgettext_lazy("week of the month", "fourth"),
    5: pgettext_lazy("week of the month", "fifth"),
    -1: pgettext_lazy("week of the month", "last"),
    -2: pgettext_lazy("week of the month", "second-to-last"),
}
LAST_DAY = -1  # bymonthday for the last day of the month
LAST_DAY_IN_WORDS = pgettext_lazy("day of the month", "the last day")
# "Second Tuesday", whole: in Russian, Polish or Arabic the ordinal agrees with
# the weekday's gender ("второй вторник", "вторая среда"), so a translator needs
# each pair, not an ordinal and a weekday to put side by side.
NTH_WEEKDAYS = {
    (1, 0): pgettext_lazy("the Nth weekday of a month", "First Monday"),
    (1, 1): pgettext_lazy("the Nth weekday of a month", "First Tuesday"),
    (1, 2): pgettext_lazy("the Nth weekday of a month", "First Wednesday"),
    (1, 3): pgettext_lazy("the Nth weekday of a month", "First Thursday"),
    (1, 4): pgettext_lazy("the Nth weekday of a month", "First Friday"),
    (1, 5): pgettext_lazy("the Nth weekday of a month", "First Saturday"),
    (1, 6): pgettext_lazy("the Nth weekday of a month", "First Sunday"),
    (2, 0): pgettext_lazy("the Nth weekday of a month", "Second Monday"),
    (2, 1): pgettext_lazy("the Nth weekday of a month", "Second Tuesday"),
    (2, 2): pgettext_lazy("the Nth weekday of a month", "Second Wednesday"),
    (2, 3): pgettext_lazy("the Nth weekday of a month", "Second Thursday"),
    (2, 4): pgettext_lazy("the Nth weekday of a month", "Second Friday"),
    (2, 5): pgettext_lazy("the Nth weekday of a month", "Second Saturday"),
    (2, 6): pgettext_lazy("the Nth weekday of a month", "Second Sunday"),
    (3, 0): pgettext_lazy("the Nth weekday of a month", "Third Monday"),
    (3, 1): pgettext_lazy("the Nth weekday of a month", "Third Tuesday"),
    (3, 2): pgettext_lazy("the Nth weekday of a month", "Third Wednesday"),
    (3, 3): pgettext_lazy("the Nth weekday of a month", "Third Thursday"),
    (3, 4): pgettext_lazy("the Nth weekday of a month", "Third Friday"),
    (3, 5): pgettext_lazy("the Nth weekday of a month", "Third Saturday"),
    (3, 6): pgettext_lazy("the Nth weekday of a month", "Third Sunday"),
    (4, 0): pgettext_lazy("the Nth weekday of a month", "Fourth Monday"),
    (4, 1): pgettext_lazy("the Nth weekday of a month", "Fourth Tuesday"),
    (4, 2): pgettext_lazy("the Nth weekday of a month", "Fourth Wednesday"),
    (4, 3): pgettext_lazy("the Nth weekday of a month", "Fourth Thursday"),
    (4, 4): pgettext_lazy("the Nth weekday of a month", "Fourth Friday"),
    (4, 5): pgettext_lazy("the Nth weekday of a month", "Fourth Saturday"),
    (4, 6): pgettext_lazy("the Nth weekday of a month", "Fourth Sunday"),
    (5, 0): pgettext_lazy("the Nth weekday of a month", "Fifth Monday"),
    (5, 1): pgettext_lazy("the Nth weekday of a month", "Fifth Tuesday"),
    (5, 2): pgettext_lazy("the Nth weekday of a month", "Fifth Wednesday"),
    (5, 3): pgettext_lazy("the Nth weekday of a month", "Fifth Thursday"),
    (5, 4): pgettext_lazy("the Nth weekday of a month", "Fifth Friday"),
    (5, 5): pgettext_lazy("the Nth weekday of a month", "Fifth Saturday"),
    (5, 6): pgettext_lazy("the Nth weekday of a month", "Fifth Sunday"),
    (-1, 0): pgettext_lazy("the Nth weekday of a month", "Last Monday"),
    (-1, 1): pgettext_lazy("the Nth weekday of a month", "Last Tuesday"),
    (-1, 2): pgettext_lazy("the Nth weekday of a month", "Last Wednesday"),
    (-1, 3): pgettext_lazy("the Nth weekday of a month", "Last Thursday"),
    (-1, 4): pgettext_lazy("the Nth weekday of a month", "Last Friday"),
    (-1, 5): pgettext_lazy("the Nth weekday of a month", "Last Saturday"),
    (-1, 6): pgettext_lazy("the Nth weekday of a month", "Last Sunday"),
    (-2, 0): pgettext_lazy("the Nth weekday of a month", "Second-to-last Monday"),
    (-2, 1): pgettext_lazy("the Nth weekday of a month", "Second-to-last Tuesday"),
    (-2, 2): pgettext_lazy("the Nth weekday of a month", "Second-to-last Wednesday"),
    (-2, 3): pgettext_lazy("the Nth weekday of a month", "Second-to-last Thursday"),
    (-2, 4): pgettext_lazy("the Nth weekday of a month", "Second-to-last Friday"),
    (-2, 5): pgettext_lazy("the Nth weekday of a month", "Second-to-last Saturday"),
    (-2, 6): pgettext_lazy("the Nth weekday of a month", "Second-to-last Sunday"),
}


class RuleError(ValueError):
    """A rule that cannot produce meetings; the message is shown to staff."""


@dataclass(frozen=True)
class ByDay:
    ordinal: int | None  # None for "every Tuesday" (weekly rules)
    weekday: int  # 0 = Monday

    @property
    def code(self) -> str:
        prefix = "" if self.ordinal is None else str(self.ordinal)
        return f"{prefix}{DAY_CODES[self.weekday]}"


def parse_byday(value: str) -> ByDay:
    """Parse "2TU", "-1FR" or "TU"; raise RuleError with a message staff can act on."""
    match = BYDAY_RE.match(value.strip().upper())
    if not match or match.group(2) not in DAY_CODES:
        raise RuleError(
            gettext(
                "“%(value)s” is not a day. Use a two-letter day (MO, TU, WE, TH, FR, SA, SU), "
                "with a number in front for monthly meetings: 2TU is the second Tuesday, "
                "-1FR the last Friday."
            )
            % {"value": value}
        )
    ordinal = int(match.group(1)) if match.group(1) else None
    if ordinal is not None and not (1 <= ordinal <= 5 or -2 <= ordinal <= -1):
        raise RuleError(
            gettext(
                "“%(value)s” asks for week %(ordinal)s of the month, and no month has one. "
                "Use 1 to 5 (first to fifth), -1 (last) or -2 (second-to-last)."
            )
            % {"value": value, "ordinal": ordinal}
        )
    return ByDay(ordinal, DAY_CODES.index(match.group(2)))


def check_rule(freq: str, interval: int, byday: str, bymonthday: int | None) -> ByDay | None:
    """Validate a whole rule; return its parsed byday (or None for a bymonthday rule)."""
    if freq == ONCE:
        if byday or bymonthday is not None or interval != 1:
            raise RuleError(
                gettext(
                    "A one-time event does not repeat: leave the day of the week and the "
                    "day of the month empty, and “every” at 1."
                )
            )
        return None
    if not 1 <= (interval or 0) <= 12:
        raise RuleError(gettext("The interval must be between 1 and 12."))
    if byday and bymonthday is not None:
        raise RuleError(gettext("Give a day of the week or a day of the month, not both."))
    if freq == WEEKLY:
        if bymonthday is not None:
            raise RuleError(gettext("A weekly meeting needs a day of the week, such as Tuesday."))
        if not byday:
            raise RuleError(gettext("A weekly meeting needs a day of the week, such as Tuesday."))
        parsed = parse_byday(byday)
        if parsed.ordinal is not None:
            raise RuleError(
                gettext(
                    "A weekly meeting is on the same day every week: leave the week of the "
                    "month empty, or choose monthly for a day such as the second Tuesday."
                )
            )
        return parsed
    if freq != MONTHLY:
        raise RuleError(gettext("Choose monthly or weekly."))
    if bymonthday is not None:
        if bymonthday == 0 or not -1 <= bymonthday <= 31:
            raise RuleError(gettext("A day of the month is 1 to 31, or -1 for the last day."))
        return None
    if not byday:
        raise RuleError(
            gettext(
                "A monthly meeting needs a day: a week and a day of the week, such as the "
                "second Tuesday, or a day of the month, such as day 15."
            )
        )
    parsed = parse_byday(byday)
    if parsed.ordinal is None:
        raise RuleError(
            gettext(
                "Say which week of the month: the second Tuesday, for example, or the last Friday."
            )
        )
    return parsed


def skipped_months_warning(freq: str, byday: str, bymonthday: int | None) -> str:
    """Explain, for staff, which months a late day of the month or a fifth weekday skips.

    Both are allowed (some partnerships mean them), but staff often mean the
    last one, so the warning names it in the words of the admin's lists.
    """
    if freq != MONTHLY:
        return ""
    if byday:
        try:
            parsed = parse_byday(byday)
        except RuleError:
            return ""
        if parsed.ordinal != 5:
            return ""
        return gettext(
            "Most months have no “%(fifth)s”, so there is no meeting in those months. "
            "To meet every month, choose “%(last)s”."
        ) % {
            "fifth": NTH_WEEKDAYS[5, parsed.weekday],
            "last": NTH_WEEKDAYS[-1, parsed.weekday],
        }
    if bymonthday is None or bymonthday <= 28:
        return ""
    if bymonthday == 31:
        months = gettext("February, April, June, September and November")
    elif bymonthday == 30:
        months = gettext("February")
    else:
        months = gettext("February, except in leap years")
    return gettext(
        "Day %(day)s does not exist in every month, so there is no meeting in %(months)s. "
        "To meet at the end of every month, choose “%(last_day)s”."
    ) % {"day": bymonthday, "months": months, "last_day": LAST_DAY_IN_WORDS}


def period_start(
    freq: str, interval: int, valid_from: datetime.date, near: datetime.date
) -> datetime.date:
    """The start of the rule's period (month or week) holding `near`, counted from valid_from.

    A rule restarted there gives exactly the dates the full rule gives from
    that period on: periods are counted in whole months, or in whole weeks
    from Monday (iCalendar's default WKST), from the one holding valid_from.
    """
    if near <= valid_from or freq == ONCE:
        return valid_from
    if freq == MONTHLY:
        months = (near.year - valid_from.year) * 12 + near.month - valid_from.month
        months -= months % interval
        index = valid_from.year * 12 + valid_from.month - 1 + months
        start = datetime.date(index // 12, index % 12 + 1, 1)
    else:
        first_monday = valid_from - datetime.timedelta(days=valid_from.weekday())
        weeks = (near - first_monday).days // 7
        start = first_monday + datetime.timedelta(weeks=weeks - weeks % interval)
    return max(start, valid_from)


def build_rrule(
    *,
    freq: str,
    interval: int,
    byday: str,
    bymonthday: int | None,
    dtstart: datetime.datetime,
    until: datetime.datetime | None,
) -> rrule.rrule:
    """A dateutil rrule over naive local datetimes (wall-clock dates, no DST surprises)."""
    parsed = check_rule(freq, interval, byday, bymonthday)
    if freq == ONCE:
        return rrule.rrule(rrule.DAILY, dtstart=dtstart, count=1, cache=False)
    kwargs = {
        "dtstart": dtstart,
        "interval": interval,
        "until": until,
        "wkst": rrule.MO,  # as iCalendar's default, so feeds count weeks the same way
        "cache": False,
    }
    if parsed is not None:
        weekday = rrule.weekday(parsed.weekday)
        kwargs["byweekday"] = weekday(parsed.ordinal) if parsed.ordinal else weekday
    else:
        kwargs["bymonthday"] = bymonthday
    return rrule.rrule(rrule.MONTHLY if freq == MONTHLY else rrule.WEEKLY, **kwargs)


def format_time_range(start: datetime.time, end: datetime.time) -> str:
    """“6:00–8:00 PM” in English, “18:00–20:00” in Spanish (the locale's TIME_FORMAT)."""
    first = formats.time_format(start, "TIME_FORMAT")
    last = formats.time_format(end, "TIME_FORMAT")
    first_words, last_words = first.rsplit(" ", 1), last.rsplit(" ", 1)
    if len(first_words) == 2 and len(last_words) == 2 and first_words[1] == last_words[1]:
        first = first_words[0]  # one “PM” for both times
    return f"{first}–{last}"


def describe_rule(
    freq: str,
    interval: int,
    byday: str,
    bymonthday: int | None,
    *,
    first: datetime.date | None = None,
) -> str:
    """The rule in words, in the active language: “Second Tuesday of every month”.

    A one-time event is “One-time event on Dec. 12, 2026”: pass its date as `first`.
    """
    try:
        parsed = check_rule(freq, interval, byday, bymonthday)
    except RuleError:
        return gettext("Schedule to be confirmed")
    if freq == ONCE:
        if first is None:
            return gettext("One-time event")
        return gettext("One-time event on %(date)s") % {
            "date": formats.date_format(first, "DATE_FORMAT")
        }
    # Every month or week has a phrase of its own, not the plural form for 1:
    # in Russian or Polish that form also counts 21 and 31, so it must say the number.
    if freq == WEEKLY:
        weekdays = WEEKDAYS_PLURAL[parsed.weekday]
        if interval == 1:
            return gettext("Weekly on %(weekdays)s") % {"weekdays": weekdays}
        return ngettext(
            "Every %(count)s week on %(weekdays)s",
            "Every %(count)s weeks on %(weekdays)s",
            interval,
        ) % {"count": interval, "weekdays": weekdays}
    if parsed is None and bymonthday == -1:
        if interval == 1:
            return gettext("Last day of every month")
        return ngettext(
            "Last day of every %(count)s month", "Last day of every %(count)s months", interval
        ) % {"count": interval}
    if parsed is None:
        if interval == 1:
            return gettext("Day %(day)s of every month") % {"day": bymonthday}
        return ngettext(
            "Day %(day)s of every %(count)s month",
            "Day %(day)s of every %(count)s months",
            interval,
        ) % {"count": interval, "day": bymonthday}
    nth_weekday = NTH_WEEKDAYS[parsed.ordinal, parsed.weekday]
    if interval == 1:
        return gettext("%(nth_weekday)s of every month") % {"nth_weekday": nth_weekday}
    return ngettext(
        "%(nth_weekday)s of every %(count)s month",
        "%(nth_weekday)s of every %(count)s months",
        interval,
    ) % {"count": interval, "nth_weekday": nth_weekday}
