"""Staff choose a series' schedule from lists in words; it is stored as the same rule fields.

Every shape a saved rule can take opens with its words selected, and saving
the form untouched changes nothing. Impossible choices are refused in words,
never in iCalendar codes.
"""

import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from meetings.models import MeetingSeries
from tests.factories import make_event, make_partnership, make_series, noon_in_new_york
from tests.meetings.test_admin import ADD, series_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

RULE_FIELDS = ("freq", "interval", "byday", "bymonthday")
LISTS = ("freq", "interval", "monthly_on", "week", "weekday", "monthday")
# "2TU", "-1FR", "TU": what staff used to type, and must no longer read.
A_CODE = re.compile(r"(?<![\w-])-?\d?(MO|TU|WE|TH|FR|SA|SU)\b")


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


class ChosenInForm(HTMLParser):
    """What a person sees chosen in each list and radio group of a page: name -> words."""

    def __init__(self):
        super().__init__()
        self.chosen: dict[str, str] = {}
        self.select = None
        self.option_selected = False
        self.radio = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select:
            self.option_selected = "selected" in attrs
        elif tag == "input" and attrs.get("type") == "radio" and "checked" in attrs:
            self.radio = attrs["name"]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "option":
            self.option_selected = False
        elif tag == "label":
            self.radio = None

    def handle_data(self, data):
        if self.select and self.option_selected:
            self.chosen[self.select] = data.strip()
        elif self.radio and data.strip():
            self.chosen[self.radio] = data.strip()


def chosen(html: str) -> dict[str, str]:
    parser = ChosenInForm()
    parser.feed(html)
    return {name: words for name, words in parser.chosen.items() if name in LISTS}


def posted(form) -> dict:
    """The change form posted back as a browser would, nothing touched."""
    data = {
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "1000",
    }
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = field.field.widget.format_value(value) or ""
    return data


ON_A_WEEKDAY = "a week and a day of the week, such as the second Tuesday"
ON_A_DAY = "a day of the month, such as day 15"
NONE = "---------"

SHAPES = [
    pytest.param(
        {"byday": "2TU"},
        ("Monthly", "1", ON_A_WEEKDAY, "second", "Tuesday", NONE),
        "Second Tuesday of every month",
        id="2TU",
    ),
    pytest.param(
        {"byday": "-1FR"},
        ("Monthly", "1", ON_A_WEEKDAY, "last", "Friday", NONE),
        "Last Friday of every month",
        id="-1FR",
    ),
    pytest.param(
        {"byday": "-2SA"},
        ("Monthly", "1", ON_A_WEEKDAY, "second-to-last", "Saturday", NONE),
        "Second-to-last Saturday of every month",
        id="-2SA",
    ),
    pytest.param(
        {"byday": "5MO"},
        ("Monthly", "1", ON_A_WEEKDAY, "fifth", "Monday", NONE),
        "Fifth Monday of every month",
        id="5MO",
    ),
    pytest.param(
        {"bymonthday": 15},
        ("Monthly", "1", ON_A_DAY, NONE, NONE, "15"),
        "Day 15 of every month",
        id="day 15",
    ),
    pytest.param(
        {"bymonthday": -1},
        ("Monthly", "1", ON_A_DAY, NONE, NONE, "the last day"),
        "Last day of every month",
        id="last day",
    ),
    pytest.param(
        {"freq": "WEEKLY", "byday": "TU"},
        ("Weekly", "1", ON_A_WEEKDAY, NONE, "Tuesday", NONE),
        "Weekly on Tuesdays",
        id="weekly TU",
    ),
    pytest.param(
        {"byday": "2TU", "interval": 2},
        ("Monthly", "2", ON_A_WEEKDAY, "second", "Tuesday", NONE),
        "Second Tuesday of every 2 months",
        id="every 2 months",
    ),
    pytest.param(
        {"freq": "WEEKLY", "byday": "TH", "interval": 3},
        ("Weekly", "3", ON_A_WEEKDAY, NONE, "Thursday", NONE),
        "Every 3 weeks on Thursdays",
        id="every 3 weeks",
    ),
]


@pytest.mark.parametrize(("rule", "words", "in_words"), SHAPES)
def test_a_saved_rule_opens_in_words_and_saves_unchanged(
    staff_client, partnership, rule, words, in_words
):
    series = make_series(partnership=partnership, **rule)
    before = [getattr(series, name) for name in RULE_FIELDS]
    url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    response = staff_client.get(url)
    html = response.content.decode()

    assert chosen(html) == dict(zip(LISTS, words, strict=True))
    assert in_words in series.rule_in_words  # the same rule the site describes

    response = staff_client.post(url, posted(response.context["adminform"].form))
    assert response.status_code == 302, response.context["errors"]
    series.refresh_from_db()
    assert [getattr(series, name) for name in RULE_FIELDS] == before
    assert LogEntry.objects.get().get_change_message() == "No fields changed."


def test_an_event_opened_among_the_series_keeps_does_not_repeat(staff_client, partnership):
    event = make_event(partnership=partnership)
    url = reverse("admin:meetings_meetingseries_change", args=[event.pk])
    response = staff_client.get(url)
    assert chosen(response.content.decode())["freq"] == "Does not repeat (one-time event)"
    response = staff_client.post(url, posted(response.context["adminform"].form))
    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert (event.freq, event.interval, event.byday, event.bymonthday) == ("ONCE", 1, "", None)


def test_a_new_series_repeats_monthly_or_weekly(staff_client):
    html = staff_client.get(ADD).content.decode()
    repeats = re.search(r'<select name="freq".*?</select>', html, re.S).group()
    assert re.findall(r"<option [^>]*>([^<]*)</option>", repeats) == ["Monthly", "Weekly"]
    assert chosen(html) == {
        "freq": "Monthly",
        "interval": "1",
        "monthly_on": ON_A_WEEKDAY,
        "week": NONE,
        "weekday": NONE,
        "monthday": NONE,
    }


@pytest.mark.parametrize(
    ("choices", "stored"),
    [
        ({"week": "2", "weekday": "1"}, ("MONTHLY", 1, "2TU", None)),
        ({"week": "-1", "weekday": "4"}, ("MONTHLY", 1, "-1FR", None)),
        ({"week": "-2", "weekday": "5", "interval": "2"}, ("MONTHLY", 2, "-2SA", None)),
        ({"monthly_on": "monthday", "monthday": "15"}, ("MONTHLY", 1, "", 15)),
        ({"monthly_on": "monthday", "monthday": "-1"}, ("MONTHLY", 1, "", -1)),
        ({"freq": "WEEKLY", "week": "", "weekday": "1"}, ("WEEKLY", 1, "TU", None)),
    ],
)
def test_choices_are_stored_as_the_rule_fields_feeds_read(
    staff_client, partnership, choices, stored
):
    response = staff_client.post(ADD, series_form(partnership, **choices))
    assert response.status_code == 302, response.context["errors"]
    series = MeetingSeries.objects.get()
    assert (series.freq, series.interval, series.byday, series.bymonthday) == stored


def field_errors(html: str) -> str:
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (
            {"freq": "WEEKLY"},  # and still the second Tuesday
            "A weekly meeting is on the same day every week: leave the week of the month "
            "empty, or choose monthly for a day such as the second Tuesday.",
        ),
        (
            {"freq": "WEEKLY", "week": "", "weekday": ""},
            "A weekly meeting needs a day of the week, such as Tuesday.",
        ),
        (
            {"freq": "WEEKLY", "week": "", "monthday": "15"},
            "Give a day of the week or a day of the month, not both.",
        ),
        (
            {"week": ""},
            "Say which week of the month: the second Tuesday, for example, or the last Friday.",
        ),
        (
            {"weekday": ""},
            "A monthly meeting needs a day: a week and a day of the week, such as the second "
            "Tuesday, or a day of the month, such as day 15.",
        ),
        (
            {"monthly_on": "monthday", "monthday": ""},
            "A monthly meeting needs a day: a week and a day of the week, such as the second "
            "Tuesday, or a day of the month, such as day 15.",
        ),
    ],
)
def test_impossible_choices_are_refused_in_words(staff_client, partnership, choices, message):
    response = staff_client.post(ADD, series_form(partnership, **choices))
    assert response.status_code == 200
    errors = field_errors(response.content.decode())
    assert message in errors
    assert not A_CODE.search(errors), errors
    assert not MeetingSeries.objects.exists()


def test_the_refusal_sits_beside_the_lists_it_is_about(staff_client, partnership):
    html = staff_client.post(ADD, series_form(partnership, freq="WEEKLY")).content.decode()
    weekday_box = re.search(r'<div class="flex-container fieldBox field-weekday errors">', html)
    assert weekday_box, "the day of the week list is marked as the one to correct"


@pytest.mark.parametrize(
    ("choices", "warning"),
    [
        (
            {"week": "5", "weekday": "0"},
            "Most months have no “Fifth Monday”, so there is no meeting in those months. "
            "To meet every month, choose “Last Monday”.",
        ),
        (
            {"monthly_on": "monthday", "monthday": "31"},
            "To meet at the end of every month, choose “the last day”.",
        ),
    ],
)
def test_days_that_skip_months_are_saved_with_a_warning_in_the_lists_words(
    staff_client, partnership, choices, warning
):
    response = staff_client.post(ADD, series_form(partnership, **choices), follow=True)
    assert MeetingSeries.objects.exists()
    assert warning in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
