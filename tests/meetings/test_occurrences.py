"""Occurrences are computed from a series' rule and its changes, in New York time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from meetings import occurrences
from meetings.models import MeetingSeries
from tests.factories import make_change, make_series, noon_in_new_york

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
D = datetime.date


def series_for(**fields) -> MeetingSeries:
    """Fetched the way pages fetch series, so the tests use the same path."""
    series = make_series(**fields)
    return MeetingSeries.objects.for_listing().get(pk=series.pk)


def dates(series, start, end):
    return [o.date for o in occurrences.expand([series], start, end)]


def test_second_tuesday_of_every_month():
    series = series_for(byday="2TU")
    assert dates(series, D(2026, 1, 1), D(2026, 6, 30)) == [
        D(2026, 1, 13),
        D(2026, 2, 10),
        D(2026, 3, 10),
        D(2026, 4, 14),
        D(2026, 5, 12),
        D(2026, 6, 9),
    ]


def test_last_friday_of_every_month():
    series = series_for(byday="-1FR")
    assert dates(series, D(2026, 1, 1), D(2026, 5, 31)) == [
        D(2026, 1, 30),
        D(2026, 2, 27),
        D(2026, 3, 27),
        D(2026, 4, 24),
        D(2026, 5, 29),
    ]


def test_fifth_monday_is_skipped_in_months_without_one():
    series = series_for(byday="5MO")
    assert dates(series, D(2026, 1, 1), D(2026, 12, 31)) == [
        D(2026, 3, 30),
        D(2026, 6, 29),
        D(2026, 8, 31),
        D(2026, 11, 30),
    ]


def test_every_other_month_counts_from_the_first_date():
    series = series_for(byday="2TU", interval=2, valid_from=D(2026, 2, 1))
    assert dates(series, D(2026, 1, 1), D(2026, 8, 31)) == [
        D(2026, 2, 10),
        D(2026, 4, 14),
        D(2026, 6, 9),
        D(2026, 8, 11),
    ]


def test_day_of_the_month_and_last_day_of_the_month():
    fifteenth = series_for(bymonthday=15)
    last = series_for(bymonthday=-1)
    assert dates(fifteenth, D(2026, 1, 1), D(2026, 3, 31)) == [
        D(2026, 1, 15),
        D(2026, 2, 15),
        D(2026, 3, 15),
    ]
    assert dates(last, D(2026, 1, 1), D(2026, 3, 31)) == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (D(2026, 3, 1), D(2026, 3, 15)),  # clocks go forward on Sunday, March 8
        (D(2026, 10, 25), D(2026, 11, 8)),  # and back on Sunday, November 1
    ],
)
def test_a_6_pm_meeting_stays_6_pm_across_daylight_saving_changes(first, last):
    series = series_for(freq="WEEKLY", byday="SU", valid_from=D(2026, 1, 1))
    found = occurrences.expand([series], first, last)
    assert [o.date for o in found] == [first + datetime.timedelta(days=7 * i) for i in range(3)]
    assert {
        (o.start.astimezone(NEW_YORK).hour, o.end.astimezone(NEW_YORK).hour) for o in found
    } == {(18, 20)}
    # The UTC offset differs either side of the change, so the UTC hour does too.
    assert len({o.start.utcoffset() for o in found}) == 2


def test_until_is_the_last_possible_date():
    series = series_for(byday="2TU", until=D(2026, 3, 10))
    assert dates(series, D(2026, 1, 1), D(2026, 12, 31)) == [
        D(2026, 1, 13),
        D(2026, 2, 10),
        D(2026, 3, 10),
    ]


def test_nothing_before_the_first_date():
    series = series_for(byday="2TU", valid_from=D(2026, 3, 11))
    assert dates(series, D(2026, 1, 1), D(2026, 4, 30)) == [D(2026, 4, 14)]


def test_cancelled_date_is_listed_as_cancelled_with_its_note():
    series = make_series(byday="2TU")
    make_change(series, D(2026, 2, 10), "cancelled", note="Snow emergency")
    series = MeetingSeries.objects.for_listing().get(pk=series.pk)
    found = occurrences.expand([series], D(2026, 1, 1), D(2026, 3, 31))
    assert [(o.date, o.status) for o in found] == [
        (D(2026, 1, 13), "scheduled"),
        (D(2026, 2, 10), "cancelled"),
        (D(2026, 3, 10), "scheduled"),
    ]
    assert found[1].note == "Snow emergency"


WORDS = {
    "en": ["", "Cancelled", "Moved from March 10, 2026", "New time or place", "Extra meeting"],
    "es": [
        "",
        "Cancelada",
        "Se cambió del 10 de marzo de 2026",
        "Cambio de hora o de lugar",
        "Reunión adicional",
    ],
}


@pytest.mark.parametrize("language, words", WORDS.items())
def test_each_kind_of_change_has_one_wording_for_the_pages_and_the_admin(language, words):
    series = make_series(byday="2TU")  # Jan. 13, Feb. 10, Mar. 10, Apr. 14
    make_change(series, D(2026, 2, 10), "cancelled")
    make_change(series, D(2026, 3, 10), "moved", new_date=D(2026, 3, 12))
    make_change(series, D(2026, 4, 14), "moved", new_start_time=datetime.time(17))
    make_change(series, D(2026, 4, 20), "extra")
    series = MeetingSeries.objects.for_listing().get(pk=series.pk)
    with translation.override(language):
        found = occurrences.expand([series], D(2026, 1, 1), D(2026, 4, 30))
        assert [o.status_in_words for o in found] == words


def test_date_moved_into_the_next_month_appears_on_its_new_day():
    series = make_series(byday="-1FR")
    make_change(
        series,
        D(2026, 1, 30),
        "moved",
        new_date=D(2026, 2, 2),
        new_start_time=datetime.time(17, 30),
        new_end_time=datetime.time(19),
        new_venue_name="Library",
        new_street_address="2 Other Street",
    )
    series = MeetingSeries.objects.for_listing().get(pk=series.pk)
    january = occurrences.expand([series], D(2026, 1, 1), D(2026, 1, 31))
    february = occurrences.expand([series], D(2026, 2, 1), D(2026, 2, 28))
    assert january == []
    assert [(o.date, o.status) for o in february] == [
        (D(2026, 2, 2), "moved"),
        (D(2026, 2, 27), "scheduled"),
    ]
    moved = february[0]
    assert moved.start == datetime.datetime(2026, 2, 2, 17, 30, tzinfo=NEW_YORK)
    assert moved.end == datetime.datetime(2026, 2, 2, 19, tzinfo=NEW_YORK)
    assert moved.original_date == D(2026, 1, 30)
    assert (moved.venue_name, moved.address) == ("Library", "2 Other Street")
    # January's calendar can still say where its meeting went.
    assert [o.date for o in occurrences.moved_away([series], D(2026, 1, 1), D(2026, 1, 31))] == [
        D(2026, 2, 2)
    ]


def test_extra_meeting_is_added_at_the_usual_time():
    series = make_series(byday="2TU")
    make_change(series, D(2026, 1, 20), "extra", note="Budget forum")
    series = MeetingSeries.objects.for_listing().get(pk=series.pk)
    found = occurrences.expand([series], D(2026, 1, 1), D(2026, 1, 31))
    assert [(o.date, o.status) for o in found] == [
        (D(2026, 1, 13), "scheduled"),
        (D(2026, 1, 20), "extra"),
    ]
    assert found[1].start == datetime.datetime(2026, 1, 20, 18, tzinfo=NEW_YORK)


@pytest.mark.parametrize("kind", ["cancelled", "moved"])
def test_change_to_a_date_that_is_not_a_meeting_is_rejected(kind):
    series = make_series(byday="2TU")
    change = series.changes.model(
        series=series, original_date=D(2026, 1, 14), kind=kind, new_date=D(2026, 1, 15)
    )
    with pytest.raises(ValidationError) as error:
        change.full_clean()
    assert "is not a meeting date of this series" in str(error.value)


def test_extra_meeting_on_an_existing_meeting_date_is_rejected():
    series = make_series(byday="2TU")
    change = series.changes.model(series=series, original_date=D(2026, 1, 13), kind="extra")
    with pytest.raises(ValidationError, match="already a meeting date"):
        change.full_clean()


def test_several_series_are_merged_in_date_order():
    tuesday = series_for(byday="2TU")
    friday = series_for(byday="-1FR")
    found = occurrences.expand([friday, tuesday], D(2026, 1, 1), D(2026, 2, 28))
    assert [(o.date, o.series) for o in found] == [
        (D(2026, 1, 13), tuesday),
        (D(2026, 1, 30), friday),
        (D(2026, 2, 10), tuesday),
        (D(2026, 2, 27), friday),
    ]


def test_upcoming_drops_meetings_that_have_ended_today():
    series = series_for(byday="2TU")
    during = datetime.datetime(2026, 1, 13, 19, tzinfo=NEW_YORK)
    after = datetime.datetime(2026, 1, 13, 20, 30, tzinfo=NEW_YORK)
    assert occurrences.upcoming([series], days=30, now=during)[0].date == D(2026, 1, 13)
    assert occurrences.upcoming([series], days=30, now=after)[0].date == D(2026, 2, 10)


def test_find_by_date_and_next_meeting_after_a_cancellation():
    series = make_series(byday="2TU")
    make_change(series, D(2026, 2, 10), "cancelled")
    make_change(series, D(2026, 3, 10), "moved", new_date=D(2026, 3, 12))
    series = MeetingSeries.objects.for_listing().get(pk=series.pk)
    assert occurrences.find(series, D(2026, 2, 10)).is_cancelled
    assert occurrences.find(series, D(2026, 2, 11)) is None
    # A moved meeting is found by its old date and by its new one.
    assert occurrences.find(series, D(2026, 3, 10)).date == D(2026, 3, 12)
    assert occurrences.find(series, D(2026, 3, 12)).original_date == D(2026, 3, 10)
    assert occurrences.next_after(series, D(2026, 2, 10)).date == D(2026, 3, 12)


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_unpublished_series_and_series_of_unpublished_partnerships_are_not_public():
    shown = make_series()
    make_series(is_published=False)
    hidden_partner = make_series()
    hidden_partner.partnership.is_published = False
    hidden_partner.partnership.save()
    assert list(MeetingSeries.objects.published()) == [shown]


@pytest.mark.parametrize(
    ("freq", "interval", "byday", "bymonthday"),
    [
        ("MONTHLY", 1, "2TU", None),
        ("MONTHLY", 2, "-1FR", None),
        ("MONTHLY", 3, "5MO", None),
        ("MONTHLY", 2, "", 31),
        ("WEEKLY", 1, "WE", None),
        ("WEEKLY", 2, "SU", None),
        ("WEEKLY", 3, "MO", None),
    ],
)
@pytest.mark.parametrize("valid_from", [D(2024, 2, 29), D(2025, 7, 16), D(2026, 11, 1)])
def test_a_window_gives_the_same_dates_as_the_whole_rule(
    freq, interval, byday, bymonthday, valid_from
):
    """Windows restart the rule near their start; that must never shift a date."""
    series = MeetingSeries(
        freq=freq,
        interval=interval,
        byday=byday,
        bymonthday=bymonthday,
        valid_from=valid_from,
        start_time=datetime.time(18),
        end_time=datetime.time(20),
    )
    start = datetime.datetime.combine(valid_from, datetime.time.min)
    everything = [
        d.date()
        for d in series.rule().between(
            start, datetime.datetime.combine(D(2029, 1, 1), datetime.time.min)
        )
    ]
    for first in (D(2026, 3, 3), D(2026, 11, 23), D(2027, 1, 1), D(2027, 6, 14)):
        last = first + datetime.timedelta(days=100)
        expected = [d for d in everything if first <= d <= last]
        assert series.rule_dates(first, last) == expected, first
