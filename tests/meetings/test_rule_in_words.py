"""The rule of a series in words, as residents read it, in each language."""

import datetime

import pytest
from django.utils import translation

from meetings.recurrence import MONTHLY, NTH_WEEKDAYS, ONCE, WEEKLY, check_rule, describe_rule

CASES = [
    # (freq, interval, byday, bymonthday), English, Spanish
    ((MONTHLY, 1, "2TU", None), "Second Tuesday of every month", "Segundo martes de cada mes"),
    ((MONTHLY, 1, "-1FR", None), "Last Friday of every month", "Último viernes de cada mes"),
    ((MONTHLY, 1, "1WE", None), "First Wednesday of every month", "Primer miércoles de cada mes"),
    (
        (MONTHLY, 2, "3TH", None),
        "Third Thursday of every 2 months",
        "Tercer jueves de cada 2 meses",
    ),
    (
        (MONTHLY, 1, "-2SA", None),
        "Second-to-last Saturday of every month",
        "Penúltimo sábado de cada mes",
    ),
    ((MONTHLY, 1, "", 15), "Day 15 of every month", "Día 15 de cada mes"),
    ((MONTHLY, 1, "", -1), "Last day of every month", "Último día de cada mes"),
    ((WEEKLY, 1, "TU", None), "Weekly on Tuesdays", "Cada semana, los martes"),
]


@pytest.mark.parametrize(("rule", "english", "spanish"), CASES)
def test_each_shape_of_rule_reads_as_a_phrase_in_english_and_spanish(rule, english, spanish):
    with translation.override("en"):
        assert describe_rule(*rule) == english
    with translation.override("es"):
        assert describe_rule(*rule) == spanish


def test_a_one_time_event_gives_its_date():
    with translation.override("en"):
        text = describe_rule(ONCE, 1, "", None, first=datetime.date(2026, 12, 12))
    assert text == "One-time event on Dec. 12, 2026"


def test_every_ordinal_and_weekday_a_rule_may_hold_has_its_own_phrase():
    """Translators get 'Second Tuesday' whole, so the ordinal can agree with the weekday."""
    accepted = set()
    for ordinal in (1, 2, 3, 4, 5, -1, -2):
        for weekday, code in enumerate(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]):
            check_rule(MONTHLY, 1, f"{ordinal}{code}", None)  # raises if refused
            accepted.add((ordinal, weekday))
    assert set(NTH_WEEKDAYS) == accepted
    with translation.override("en"):
        english = {key: str(phrase) for key, phrase in NTH_WEEKDAYS.items()}
    with translation.override("es"):
        spanish = {key: str(phrase) for key, phrase in NTH_WEEKDAYS.items()}
    assert [key for key in accepted if spanish[key] == english[key]] == []
