"""Every rule of the request form, at its limits: one side passes, the other fails."""

import datetime

import pytest
from django.utils import translation

from workshops.forms import WorkshopRequestForm

from .helpers import form_data, make_topic

pytestmark = pytest.mark.django_db


def errors_for(topics, /, **changes) -> dict:
    form = WorkshopRequestForm(form_data(topics, **changes))
    form.is_valid()
    return form.errors


def in_days(today, days) -> str:
    return (today + datetime.timedelta(days=days)).isoformat()


def test_a_complete_request_is_valid(today, topics):
    assert errors_for(topics) == {}


@pytest.mark.parametrize(
    "field",
    [
        "organization_name",
        "organization_type",
        "contact_name",
        "contact_email",
        "contact_phone",
        "borough",
        "format",
        "audience",
        "expected_attendees",
        "preferred_date_1",
        "time_of_day",
        "topics",
        "consent",
    ],
)
def test_each_required_answer_is_required(today, topics, field):
    assert field in errors_for(topics, **{field: ""})


@pytest.mark.parametrize(
    "field",
    ["preferred_date_2", "preferred_date_3", "accessibility_needs", "message", "programs"],
)
def test_optional_answers_can_be_left_empty(today, topics, field):
    assert errors_for(topics, **{field: ""}) == {}


@pytest.mark.parametrize("count, ok", [(0, False), (1, True), (500, True), (501, False)])
def test_expected_attendees_are_between_1_and_500(today, topics, count, ok):
    assert ("expected_attendees" not in errors_for(topics, expected_attendees=str(count))) is ok


@pytest.mark.parametrize("length, ok", [(2000, True), (2001, False)])
def test_the_message_holds_at_most_2000_characters(today, topics, length, ok):
    errors = errors_for(topics, message="a" * length)
    assert ("message" not in errors) is ok
    if not ok:
        assert "2000 characters" in errors["message"][0]


@pytest.mark.parametrize("field", ["preferred_date_1", "preferred_date_2", "preferred_date_3"])
@pytest.mark.parametrize("days, ok", [(13, False), (14, True)])
def test_every_preferred_date_is_at_least_14_days_ahead(today, topics, field, days, ok):
    changes = {"preferred_date_1": in_days(today, 30), field: in_days(today, days)}
    errors = errors_for(topics, **changes)
    assert (field not in errors) is ok
    if not ok:
        assert "March 16, 2026" in errors[field][0]


@pytest.mark.parametrize("days, ok", [(365, True), (366, False)])
def test_a_preferred_date_is_at_most_a_year_ahead(today, topics, days, ok):
    errors = errors_for(topics, preferred_date_2=in_days(today, days))
    assert ("preferred_date_2" not in errors) is ok
    if not ok:
        assert "within the next year" in errors["preferred_date_2"][0]


@pytest.mark.parametrize(
    "field, value",
    [
        ("organization_name", "Tenants\r\nBcc: someone@example.org"),
        ("contact_name", "Ana\nB"),
        ("contact_phone", "718\t555 0100"),
        ("address", "1 Main St\rBronx"),
    ],
)
def test_one_line_answers_refuse_line_breaks(today, topics, field, value):
    changes = {field: value}
    if field == "address":
        changes["format"] = "in_person"
    assert "one line" in errors_for(topics, **changes)[field][0]


def test_a_past_date_is_refused(today, topics):
    assert "preferred_date_1" in errors_for(topics, preferred_date_1="2020-01-01")


def test_the_lead_time_follows_the_setting(today, topics, settings):
    settings.WORKSHOP_MIN_LEAD_DAYS = 30
    assert "preferred_date_1" in errors_for(topics, preferred_date_1=in_days(today, 29))
    assert errors_for(topics, preferred_date_1=in_days(today, 30)) == {}


def test_the_same_date_twice_is_refused(today, topics):
    date = in_days(today, 20)
    errors = errors_for(topics, preferred_date_1=date, preferred_date_2=date)
    assert list(errors) == ["preferred_date_2"]
    assert "already" in errors["preferred_date_2"][0]


@pytest.mark.parametrize("value", ["31/12/2026", "2026-02-30", "tomorrow", "99999-01-01"])
def test_a_malformed_date_is_explained(today, topics, value):
    assert errors_for(topics, preferred_date_1=value)["preferred_date_1"] == [
        "Enter a date like 2026-05-31."
    ]


def test_in_person_needs_an_address_and_virtual_does_not(today, topics):
    errors = errors_for(topics, format="in_person", address="")
    assert errors["address"] == ["Enter the address where the workshop would take place."]
    assert errors_for(topics, format="virtual", address="") == {}


@pytest.mark.parametrize("email", ["dolores", "dolores@", "@example.org", "dolores@-example.org"])
def test_the_email_address_must_be_valid(today, topics, email):
    assert errors_for(topics, contact_email=email)["contact_email"] == [
        "Enter an e-mail address like name@example.org."
    ]


@pytest.mark.parametrize(
    "email",
    [
        '"\x1cX:yes"@example.org',  # a control character in a quoted local part
        '"a\rBcc: x"@example.org',
        "dolores @example.org",
        '"dolores\tqw"@example.org',
        "dolores\u200b@example.org",  # zero-width space
        "dolores@exam\u2028ple.org",  # line separator
    ],
)
def test_an_email_address_with_invisible_characters_is_refused(today, topics, email):
    assert errors_for(topics, contact_email=email)["contact_email"] == [
        "Write the e-mail address without spaces, line breaks or other invisible characters."
    ]


@pytest.mark.parametrize(
    "email",
    [
        "dolores@localhost",
        "dolores@example",
        "dolores@mail.localhost",
        "dolores@[127.0.0.1]",
        "dolores@[IPv6:::1]",
        "dolores@[10.0.0.1]",
    ],
)
def test_an_email_address_must_be_on_a_public_domain(today, topics, email):
    assert errors_for(topics, contact_email=email)["contact_email"] == [
        "Enter an e-mail address with a full domain name, like name@example.org."
    ]


@pytest.mark.parametrize(
    "email", ["dolores.qw@example.org", "d+workshops@mail.example.org", "maria@exämple.org"]
)
def test_ordinary_email_addresses_are_accepted(today, topics, email):
    assert "contact_email" not in errors_for(topics, contact_email=email)


@pytest.mark.parametrize("phone, ok", [("(212) 555-0123", True), ("+1 718.555.0100", True),
                                       ("call me", False), ("12", False)])  # fmt: skip
def test_the_phone_number_must_look_like_one(today, topics, phone, ok):
    assert ("contact_phone" not in errors_for(topics, contact_phone=phone)) is ok


def test_an_inactive_topic_cannot_be_chosen(today, topics):
    retired = make_topic(name="Retired topic", is_active=False)
    assert "topics" in errors_for(topics, topics=[retired.pk])


def test_consent_is_required_with_a_clear_message(today, topics):
    assert errors_for(topics, consent="")["consent"] == [
        "Tick this box so that we can reply to your request."
    ]


def test_unknown_choices_are_refused(today, topics):
    errors = errors_for(topics, borough="atlantis", organization_type="cult", audience="aliens")
    assert set(errors) == {"borough", "organization_type", "audience"}


@pytest.mark.parametrize(
    "field, value",
    [
        ("expected_attendees", "9" * 200),
        ("expected_attendees", "1e400"),
        ("topics", ["abc"]),
        ("topics", ["99999999999999999999999"]),
        ("topics", ["9" * 4301]),  # past Python's limit for int() of a string
        ("programs", ["9" * 4301]),
        ("languages", ["9" * 4301]),
        ("topics", ["0" * 4300 + "1"]),
        ("topics", ["\u00b2"]),
        ("topics", ["-1"]),
        ("organization_name", "A\x00B"),
        ("organization_name", "x" * 5000),
    ],
)
def test_absurd_values_become_form_errors(today, topics, field, value):
    assert field in errors_for(topics, **{field: value})


def test_the_date_inputs_offer_the_earliest_date(today, topics):
    html = str(WorkshopRequestForm()["preferred_date_1"])
    assert 'type="date"' in html
    assert 'min="2026-03-16"' in html
    assert 'max="2027-03-02"' in html


def test_missing_answers_say_what_to_do(today, topics):
    errors = errors_for(topics, contact_name="", preferred_date_1="", format="")
    assert errors["contact_name"] == ["Enter your name."]
    assert errors["preferred_date_1"] == ["Enter at least one preferred date."]
    assert errors["format"] == ["Choose in person or virtual."]


def test_too_many_attendees_suggests_the_message(today, topics):
    assert (
        "For a bigger group, tell us in the message."
        in (errors_for(topics, expected_attendees="501")["expected_attendees"][0])
    )


@pytest.mark.parametrize(
    "language, attendees, characters",
    [
        ("en", "Enter a whole number from 1 to 500.", "up to 2,000 characters"),
        ("es", "Escriba un número entero de 1 a 500.", "hasta 2\N{NO-BREAK SPACE}000 caracteres"),
    ],
)
def test_the_limits_the_messages_state_are_the_ones_checked_in_the_readers_language(
    today, topics, language, attendees, characters
):
    with translation.override(language):
        assert errors_for(topics, expected_attendees="0")["expected_attendees"] == [attendees]
        assert characters in str(WorkshopRequestForm().fields["message"].help_text)
