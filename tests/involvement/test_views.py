"""The Get involved page through the test client: what a resident reads, sends and gets."""

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from involvement.models import InterestSubmission
from tests.pages import h1s, section, title
from tests.pages import text as text_of
from tests.submissions import MAILBOX
from workshops.models import WorkshopRequest

from .helpers import EMAIL, NAME, PHONE, URL, form_data, make_submission

pytestmark = pytest.mark.django_db


# The page


def test_the_page_explains_each_way_and_links_it_to_its_place(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert h1s(response) == ["Get involved"]
    text = text_of(response)
    for way in (
        "Come to a Community Partnership meeting",
        "Volunteer as a tutor, mentor or coach",
        "Become a Community Leader",
        "Help lead a workshop, an event or a resource fair",
        "Share an idea",
    ):
        assert text.count(way) == 2, way  # its heading, and its checkbox in the form
    html = response.content.decode()
    for place in ("meetings:list", "partnerships:partnership_list", "workshops:index"):
        assert f'href="{reverse(place)}"' in html, place
    assert "You do not have to give your name" in text


def test_the_index_url_has_a_name():
    assert reverse("involvement:index") == URL


def test_the_page_is_never_cached_because_it_holds_the_form(client):
    response = client.get(URL)
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_the_form_helps_phones_and_password_managers(client):
    html = client.get(URL).content.decode()
    for attrs in (
        'type="email" name="email"',
        'autocomplete="email"',
        'type="tel" name="phone"',
        'name="name" autocomplete="name"',
        'maxlength="1000"',
    ):
        assert attrs in html, attrs
    assert "<legend>What you would like to do</legend>" in html


def test_the_page_works_in_spanish(client):
    response = client.get("/es/get-involved/")
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in response.content.decode()
    assert h1s(response) == ["Participe"]


def test_only_published_partnerships_are_offered(client, partnership):
    from tests.factories import make_partnership

    make_partnership(name="Draft Partnership", is_published=False)
    text = text_of(client.get(URL))
    assert "Highbridge Community Partnership" in text
    assert "Draft Partnership" not in text


# Sending the form


def test_a_form_is_saved_numbered_and_three_emails_go_out(client, today, partnership):
    data = form_data(partnership=str(partnership.pk), borough="", languages=["2"])
    data["message"] = "I coach soccer on weekends."
    response = client.post(URL, data)
    submission = InterestSubmission.objects.get()
    assert submission.reference == f"GI-2026-{submission.pk:05d}"
    thanks = reverse("involvement:thanks", args=[submission.reference])
    assert thanks == f"/get-involved/thanks/{submission.reference}/"
    assert response.status_code == 302
    assert response["Location"] == thanks

    page = client.get(thanks)
    assert submission.reference in text_of(page)
    for private in (NAME, EMAIL, PHONE, "soccer"):
        assert private not in page.content.decode()

    confirmation, notice, copy = mail.outbox
    assert confirmation.to == [EMAIL]
    assert confirmation.reply_to == [MAILBOX]
    assert submission.reference in confirmation.subject
    assert "Volunteer as a tutor, mentor or coach" in confirmation.body
    for typed in (NAME, PHONE, "soccer"):
        assert typed not in confirmation.subject + confirmation.body
    assert notice.to == [MAILBOX]
    assert notice.reply_to == [EMAIL]
    assert copy.to == ["highbridge@example.org"]
    assert copy.reply_to == [EMAIL]
    for message in (notice, copy):
        assert submission.reference in message.subject
        for detail in (NAME, EMAIL, PHONE, "I coach soccer on weekends.", "Share an idea"):
            assert detail in message.body, detail
        assert "Spanish" in message.body
        assert "Weekday evenings" in message.body
    submission.refresh_from_db()
    assert submission.is_notified
    assert submission.way_volunteer and submission.way_idea and not submission.way_leader
    assert [language.code for language in submission.languages.all()] == ["es"]


def test_a_spanish_form_gets_a_spanish_confirmation_and_english_notices(client, today, partnership):
    response = client.post("/es/get-involved/", form_data(partnership=str(partnership.pk)))
    assert response["Location"].startswith("/es/get-involved/thanks/GI-2026-")
    confirmation, notice, copy = mail.outbox
    assert confirmation.subject.startswith("Su formulario")
    assert "Ser voluntario" in confirmation.body
    assert notice.subject.startswith("New interest form")
    assert "Language of the form: es" in notice.body
    assert copy.subject.startswith("Someone would like to get involved")


def test_without_an_email_address_only_the_notices_go_out(client, today, partnership):
    client.post(URL, form_data(email="", partnership=str(partnership.pk)))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([MAILBOX, "highbridge@example.org"])
    notice = next(m for m in mail.outbox if m.to == [MAILBOX])
    assert notice.reply_to == []
    assert InterestSubmission.objects.get().is_notified


def test_a_partnership_without_an_email_address_gets_nothing(
    client, today, partnership_without_email
):
    client.post(URL, form_data(partnership=str(partnership_without_email.pk)))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([EMAIL, MAILBOX])
    assert InterestSubmission.objects.get().is_notified


def test_a_mistake_is_explained_at_the_top_of_the_form_and_nothing_is_lost(client, today):
    data = form_data(email="", phone="", languages=["2"], availability=["weekends"])
    data["message"] = "We run a food pantry on Fridays."
    response = client.post(URL, data)
    assert response.status_code == 200
    assert title(response).startswith("Error: Get involved")
    summary = section(response, r'class="error-summary".*?</ul>')
    assert '<a href="#id_email">E-mail address: Give an e-mail address or a phone number' in (
        summary
    )
    assert 'aria-invalid="true"' in response.content.decode()
    html = response.content.decode()
    assert f'value="{NAME}"' in html
    assert "We run a food pantry on Fridays.</textarea>" in html
    assert 'value="volunteer"  id="id_ways_1" checked' in html
    assert 'value="weekends"  id="id_availability_2" checked' in html
    assert 'value="2"  id="id_languages_1" checked' in html
    assert '<option value="bronx" selected>' in html
    assert 'action="/get-involved/#interest-form"' in html
    assert InterestSubmission.objects.count() == 0


def test_a_missing_way_links_to_the_first_checkbox(client, today):
    response = client.post(URL, form_data(ways=[]))
    assert (
        '<a href="#id_ways_0">What would you like to do?: Choose at least one way to take part.</a>'
        in response.content.decode()
    )


def test_the_thanks_page_is_404_for_an_unknown_reference(client):
    assert client.get("/get-involved/thanks/GI-2026-99999/").status_code == 404


def test_the_thanks_page_shows_only_the_reference(client):
    submission = make_submission(name="Private Person", phone="(718) 555-0199")
    html = client.get(f"/get-involved/thanks/{submission.reference}/").content.decode()
    assert submission.reference in html
    for private in ("Private Person", EMAIL, "555-0199"):
        assert private not in html


# Abuse and bad input


def test_the_form_needs_a_csrf_token(today):
    response = Client(enforce_csrf_checks=True).post(URL, form_data())
    assert response.status_code == 403
    assert InterestSubmission.objects.count() == 0


def test_a_filled_in_honeypot_is_refused_and_logged(client, today, caplog):
    with caplog.at_level(logging.INFO, logger="involvement"):
        response = client.post(URL, form_data(fax_number="http://spam.example"))
    assert response.status_code == 400
    assert "We could not accept this form" in text_of(response)
    assert InterestSubmission.objects.count() == 0
    assert mail.outbox == []
    assert "Interest form refused: honeypot field filled in" in caplog.text


def test_the_sixth_form_in_an_hour_gets_a_friendly_429(client, today, settings, caplog):
    assert settings.INVOLVEMENT_RATE_LIMIT == 5
    for _ in range(3):
        assert client.post(URL, form_data(email="x")).status_code == 200  # mistakes don't count
    for _ in range(5):
        assert client.post(URL, form_data()).status_code == 302
    with caplog.at_level(logging.WARNING, logger="involvement"):
        response = client.post(URL, form_data())
    assert response.status_code == 429
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "Too many forms for now" in title(response)
    assert "Please try again in 60 minutes." in text_of(response)
    assert MAILBOX in text_of(response)
    assert InterestSubmission.objects.count() == 5
    assert "Interest form refused: rate limit reached" in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_spam_caught_by_the_honeypot_counts_towards_the_limit(client, today, settings):
    settings.INVOLVEMENT_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, form_data(fax_number="spam")).status_code == 400
    assert client.post(URL, form_data()).status_code == 429


def test_each_form_has_its_own_count(client, today, settings, partnership):
    """A group that asked for a workshop can still tell us how its members want to help."""
    from tests.workshops.helpers import form_data as workshop_form_data
    from tests.workshops.helpers import make_topic

    settings.INVOLVEMENT_RATE_LIMIT = 1
    settings.WORKSHOP_RATE_LIMIT = 1
    topics = [make_topic()]
    assert client.post("/workshops/request/", workshop_form_data(topics)).status_code == 302
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 429
    assert WorkshopRequest.objects.count() == InterestSubmission.objects.count() == 1


def test_the_429_page_is_in_spanish_on_the_spanish_site(client, settings):
    settings.INVOLVEMENT_RATE_LIMIT = 0
    response = client.post("/es/get-involved/", {"email": "x"})
    assert response.status_code == 429
    assert "Demasiados formularios" in text_of(response)


@pytest.mark.parametrize(
    "content_type, body",
    [("application/json", b'{"email": "x"}'), ("text/plain", b"\x00\xff garbage")],
)
def test_a_malformed_post_gets_400_not_500(client, content_type, body):
    assert client.generic("POST", URL, body, content_type=content_type).status_code == 400
    assert InterestSubmission.objects.count() == 0


def test_other_methods_are_not_allowed(client):
    assert client.put(URL, "x").status_code == 405


def test_logs_hold_no_personal_data(client, today, settings, caplog):
    settings.EMAIL_BACKEND = "tests.submissions.BrokenMailServer"
    settings.INVOLVEMENT_RATE_LIMIT = 2
    with caplog.at_level(logging.DEBUG):
        client.post(URL, form_data(phone="not a phone"))
        client.post(URL, form_data(fax_number="spam"))
        client.post(URL, form_data(message="My private story"))
        client.post(URL, form_data())  # over the limit
    reference = InterestSubmission.objects.get().reference
    assert f"Interest form {reference}: confirmation_sent not sent" in caplog.text
    for private in (NAME, EMAIL, PHONE, "My private story", "127.0.0.1", "not a phone"):
        assert private not in caplog.text, private


@pytest.mark.parametrize("language", ["ar", "ht", "zh-hans"])
def test_every_language_gets_its_confirmation_in_that_language(
    client, today, partnership, language
):
    with translation.override(language):
        subject = gettext("Your Get involved form %(reference)s") % {"reference": ""}
    assert subject.strip() and "Get involved form" not in subject
    response = client.post(f"/{language}/get-involved/", form_data())
    assert response["Location"].startswith(f"/{language}/get-involved/thanks/GI-2026-")
    confirmation = next(m for m in mail.outbox if m.to == [EMAIL])
    assert confirmation.subject.startswith(subject.strip())
    notice = next(m for m in mail.outbox if m.to == [MAILBOX])
    assert f"Language of the form: {language}" in notice.body  # staff read English
