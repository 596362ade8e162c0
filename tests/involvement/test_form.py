"""Every rule of the interest form, at its limits: one side passes, the other fails."""

import pytest

from involvement.forms import InterestForm
from tests.factories import make_partnership

from .helpers import form_data

pytestmark = pytest.mark.django_db


def errors_for(**changes) -> dict:
    form = InterestForm(form_data(**changes))
    form.is_valid()
    return form.errors


def test_a_complete_form_is_valid():
    assert errors_for() == {}


@pytest.mark.parametrize("left_out", ["email", "phone"])
def test_an_email_address_or_a_phone_number_is_enough(left_out):
    assert errors_for(**{left_out: ""}) == {}


def test_without_an_email_address_or_a_phone_number_the_error_names_both():
    errors = errors_for(email="", phone="")
    assert errors["email"] == [
        "Give an e-mail address or a phone number (or both), so that we can reach you."
    ]


def test_a_wrong_email_address_is_explained_on_its_own():
    errors = errors_for(email="marisol.example.org", phone="")
    assert errors["email"] == ["Enter an e-mail address like name@example.org."]


@pytest.mark.parametrize("address", ["ana@localhost", "ana@[127.0.0.1]", '"a\tb"@example.org'])
def test_an_address_our_mail_server_cannot_send_to_is_refused(address):
    assert "email" in errors_for(email=address)


@pytest.mark.parametrize("length, ok", [(1000, True), (1001, False)])
def test_the_message_is_short_and_the_error_states_the_limit(length, ok):
    errors = errors_for(message="a" * length)
    if ok:
        assert errors == {}
    else:
        assert errors["message"] == ["Keep the message to 1,000 characters or fewer."]


def test_the_message_limit_is_shown_and_enforced_by_the_browser_too():
    form = InterestForm()
    assert "up to 1,000 characters" in str(form.fields["message"].help_text)
    assert form.fields["message"].widget.attrs["maxlength"] == 1000


def test_consent_is_required():
    assert errors_for(consent="")["consent"] == ["Tick this box so that we can reply to you."]


def test_at_least_one_way_to_take_part():
    assert errors_for(ways=[])["ways"] == ["Choose at least one way to take part."]


def test_an_unknown_way_is_refused():
    assert "ways" in errors_for(ways=["astronaut"])


def test_a_partnership_or_a_borough():
    assert errors_for(partnership="", borough="")["partnership"] == [
        "Choose a Community Partnership or your borough."
    ]


def test_a_partnership_without_a_borough_is_enough():
    partnership = make_partnership(is_published=True)
    assert errors_for(partnership=str(partnership.pk), borough="") == {}


def test_only_published_partnerships_can_be_chosen():
    draft = make_partnership(is_published=False)
    assert errors_for(partnership=str(draft.pk))["partnership"] == [
        "Choose a Community Partnership from the list."
    ]


@pytest.mark.parametrize("value", ["9" * 30, "9" * 4301, "-1", "1.5", "x"])
def test_an_impossible_partnership_id_is_a_form_error(value):
    assert "partnership" in errors_for(partnership=value)


def test_one_line_answers_stay_on_one_line():
    assert errors_for(name="Marisol\nOrtega")["name"] == [
        "Write this on one line, without line breaks or tabs."
    ]


def test_the_answers_become_a_yes_or_no_for_each_way_and_time():
    form = InterestForm(form_data(ways=["leader"], availability=["weekends", "weekdays"]))
    assert form.is_valid(), form.errors
    data = form.submission_data()
    assert data["way_leader"] is True
    assert data["way_meetings"] is False
    assert (data["available_weekends"], data["available_weekdays"]) == (True, True)
    assert data["available_evenings"] is False
    assert "fax_number" not in data
