"""An app that reads our HSDS schedules with python-dateutil finds the site's own dates.

Each schedule is read back from the HSDS fields alone (freq, interval, byday,
bymonthday, dtstart, until, wkst, opens_at), as any RFC 5545 library would,
and its next dates must be the dates the site lists (`MeetingSeries.rule_dates`).
"""

import datetime
import re

import pytest
import time_machine
from dateutil import rrule
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import MeetingSeries
from opendata import hsds
from tests.factories import make_event, make_partnership, make_series, noon_in_new_york

from .conftest import get_json

pytestmark = pytest.mark.django_db

NEXT = 24
FREQS = {"MONTHLY": rrule.MONTHLY, "WEEKLY": rrule.WEEKLY}
DAYS = {code: getattr(rrule, code) for code in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")}
BYDAY = re.compile(r"^([+-]?\d+)?([A-Z]{2})$")
TODAY = datetime.date(2026, 11, 23)


def date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def hsds_dates(schedule: dict, after: datetime.date, count: int = NEXT) -> list[datetime.date]:
    """The next `count` dates on or after `after`, from the HSDS fields alone."""
    opens = datetime.time.fromisoformat(schedule["opens_at"]).replace(tzinfo=None)
    start = datetime.datetime.combine(date(schedule["dtstart"]), opens)
    if "freq" not in schedule:  # a one-time event: its one day
        return [start.date()] if start.date() >= after else []
    kwargs = {"dtstart": start, "interval": schedule.get("interval", 1)}
    if "until" in schedule:
        kwargs["until"] = datetime.datetime.combine(date(schedule["until"]), datetime.time.max)
    if "wkst" in schedule:
        kwargs["wkst"] = DAYS[schedule["wkst"]]
    if "byday" in schedule:
        byday = []
        for code in schedule["byday"].split(","):
            ordinal, day = BYDAY.match(code).groups()
            byday.append(DAYS[day](int(ordinal)) if ordinal else DAYS[day])
        kwargs["byweekday"] = byday
    if "bymonthday" in schedule:
        kwargs["bymonthday"] = [int(day) for day in schedule["bymonthday"].split(",")]
    rule = rrule.rrule(FREQS[schedule["freq"]], **kwargs)
    found = []
    moment = datetime.datetime.combine(after, datetime.time.min)
    while len(found) < count:
        moment = rule.after(moment, inc=not found)
        if moment is None:
            break
        found.append(moment.date())
    return found


def site_dates(series: MeetingSeries, after: datetime.date, count: int = NEXT):
    """The site's next dates, looked for a year ahead, then further while too few."""
    years = 1
    while True:
        end = after.replace(year=after.year + years, day=1)
        found = series.rule_dates(after, end)
        if len(found) >= count or years > 200:
            return found[:count]
        years *= 4


def schedule_of(series: MeetingSeries) -> dict:
    return hsds.Builder(absolute=lambda path: path).schedule(series, "/")


RULES = [
    # monthly, by weekday
    {"freq": "MONTHLY", "byday": "2TU"},
    {"freq": "MONTHLY", "byday": "-1FR"},
    {"freq": "MONTHLY", "byday": "5WE"},
    {"freq": "MONTHLY", "byday": "-2MO", "interval": 3, "valid_from": datetime.date(2026, 5, 20)},
    # monthly, by day of the month
    {"freq": "MONTHLY", "bymonthday": 15},
    {"freq": "MONTHLY", "bymonthday": -1},
    {"freq": "MONTHLY", "bymonthday": 31},
    {"freq": "MONTHLY", "bymonthday": 15, "interval": 2, "valid_from": datetime.date(2026, 3, 17)},
    {"freq": "MONTHLY", "byday": "1SA", "interval": 3, "valid_from": datetime.date(2025, 8, 16)},
    # weekly
    {"freq": "WEEKLY", "byday": "TH"},
    {"freq": "WEEKLY", "byday": "MO", "interval": 2, "valid_from": datetime.date(2026, 4, 15)},
    {"freq": "WEEKLY", "byday": "SU", "interval": 2, "valid_from": datetime.date(2026, 4, 18)},
    # with an end
    {"freq": "MONTHLY", "byday": "3WE", "until": datetime.date(2027, 6, 16)},
    {"freq": "WEEKLY", "byday": "FR", "until": datetime.date(2027, 2, 5)},
    {"freq": "MONTHLY", "bymonthday": 1, "until": datetime.date(2026, 11, 1)},  # all past
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: "-".join(map(str, rule.values())))
@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_a_schedule_read_from_the_api_gives_the_sites_next_dates(rule):
    partnership = make_partnership()
    series = make_series(partnership=partnership, **rule)
    (schedule,) = get_json(f"services/{partnership.uuid}")["schedules"]
    today = timezone.localdate()
    expected = site_dates(series, today)
    assert hsds_dates(schedule, today) == expected
    if "until" not in rule:
        assert len(expected) == NEXT
    assert schedule["valid_from"] == series.valid_from.isoformat()


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_a_one_time_event_is_its_one_day():
    partnership = make_partnership()
    event = make_event(partnership=partnership)
    (schedule,) = get_json(f"services/{partnership.uuid}")["schedules"]
    assert "freq" not in schedule
    assert schedule["valid_from"] == schedule["valid_to"] == "2026-12-12"
    assert hsds_dates(schedule, timezone.localdate()) == [datetime.date(2026, 12, 12)]
    assert site_dates(event, timezone.localdate()) == [datetime.date(2026, 12, 12)]
    assert hsds_dates(schedule, datetime.date(2026, 12, 13)) == []
    assert schedule["opens_at"] == "11:00-05:00"
    assert schedule["closes_at"] == "15:00-05:00"


@time_machine.travel(noon_in_new_york(2026, 7, 1), tick=False)
def test_times_carry_new_yorks_offset_of_the_day():
    series = make_series()
    schedule = schedule_of(series)
    assert schedule["opens_at"] == "18:00-04:00"
    assert schedule["timezone"] == -4


# Any rule staff can save ---------------------------------------------------------------

ORDINALS = [1, 2, 3, 4, 5, -1, -2]
MONTH_DAYS = [*range(1, 32), -1]
days = st.sampled_from(list(DAYS))


@st.composite
def rules(draw) -> dict:
    freq = draw(st.sampled_from(["MONTHLY", "WEEKLY"]))
    rule = {"freq": freq, "interval": draw(st.integers(1, 12)), "bymonthday": None}
    if freq == "WEEKLY":
        rule["byday"] = draw(days)
    elif draw(st.booleans()):
        rule["byday"] = f"{draw(st.sampled_from(ORDINALS))}{draw(days)}"
    else:
        rule["byday"], rule["bymonthday"] = "", draw(st.sampled_from(MONTH_DAYS))
    rule["valid_from"] = draw(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)))
    if draw(st.booleans()):
        rule["until"] = rule["valid_from"] + datetime.timedelta(days=draw(st.integers(0, 2000)))
    return rule


@given(
    rule=rules(),
    today=st.dates(datetime.date(2019, 1, 1), datetime.date(2032, 12, 31)),
    start=st.times(datetime.time(6), datetime.time(21)),
)
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_any_rule_read_back_gives_the_sites_dates(rule, today, start):
    series = MeetingSeries(
        title="Meeting",
        start_time=start,
        end_time=datetime.time(22),
        attending_type="virtual",
        join_url="https://meet.example.org/",
        **rule,
    )
    schedule = schedule_of(series)
    assert hsds_dates(schedule, today) == site_dates(series, today)
