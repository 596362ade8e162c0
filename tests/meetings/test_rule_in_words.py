"""The rule of a series in words, as residents read it, in each language."""

import datetime

import pytest
from django.conf import settings
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


# The same rules in the other languages, as their catalogs phrase them: the
# ordinal agrees with the weekday, and "every month" says no number.
IN_OTHER_LANGUAGES = {
    "ru": ["Второй вторник каждого месяца", "Каждую неделю по вторникам", "Раз в 5 недель"],
    "pl": ["Drugi wtorek każdego miesiąca", "Co tydzień we wtorki", "Co 5 tygodni w piątki"],
    "ar": ["يوم الثلاثاء الثاني من كل شهر", "أسبوعيًا يوم الثلاثاء", "كل 5 أسابيع يوم الجمعة"],
    "ko": ["매월 둘째 주 화요일", "매주 화요일", "5주마다 금요일"],
    "zh-hans": ["每月第二个星期二", "每周星期二", "每5周的星期五"],
    "fr": ["Deuxième mardi de chaque mois", "Chaque semaine, le mardi", "Toutes les 5 semaines"],
    "ht": ["Dezyèm madi chak mwa", "Chak madi", "Chak 5 semèn, jou vandredi"],
    "ur": ["ہر مہینے دوسرے منگل کو", "ہر ہفتے منگل کو", "ہر 5 ہفتے بعد جمعے کو"],
}


@pytest.mark.parametrize("code", IN_OTHER_LANGUAGES)
def test_rules_read_as_phrases_in_the_other_languages(code):
    rules = [(MONTHLY, 1, "2TU", None), (WEEKLY, 1, "TU", None), (WEEKLY, 5, "FR", None)]
    with translation.override(code):
        found = [describe_rule(*rule) for rule in rules]
    for text, expected in zip(found, IN_OTHER_LANGUAGES[code], strict=True):
        assert text.startswith(expected), (code, text)


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_month_and_every_week_say_no_number_in_any_language(code):
    """Plural forms for one also count 21 in Russian: "every month" has its own phrase."""
    with translation.override(code):
        for rule in [(MONTHLY, 1, "2TU", None), (MONTHLY, 1, "", -1), (WEEKLY, 1, "TU", None)]:
            text = describe_rule(*rule)
            assert "1" not in text, (code, text)
        english = [describe_rule(*rule) for rule, _en, _es in CASES]
    with translation.override("en"):
        assert [describe_rule(*rule) for rule, _en, _es in CASES] != english
