"""The public pages through the test client: what a provider sees and gets."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pagecache import safe
from tests.pages import text as text_of
from tests.pages import title as title_of
from workshops.models import WorkshopRequest

from .helpers import CONTACT_EMAIL, CONTACT_NAME, CONTACT_PHONE, MAILBOX, form_data, make_request

pytestmark = pytest.mark.django_db

URL = "/workshops/request/"


# The information page


def test_the_information_page_explains_the_workshops_and_who_leads_them(client, topics, programs):
    response = client.get("/workshops/")
    assert response.status_code == 200
    text = text_of(response)
    assert "policies and procedures" in text
    assert "Division of Child Protection" in text
    assert "Division of Preventive Services" in text
    assert "local community partners" in text
    assert "How ACS works" in text
    assert "Office of Advocacy" in text
    assert f'href="{URL}"' in response.content.decode()
    assert response.content.decode().count("<h1") == 1


def test_inactive_topics_and_programs_are_not_shown(client, topics, programs):
    topics[0].is_active = False
    topics[0].save()
    programs[0].is_active = False
    programs[0].save()
    text = text_of(client.get("/workshops/"))
    assert "How ACS works" not in text
    assert "Office of Advocacy" not in text
    assert "Parents' rights" in text


def test_the_main_navigation_and_home_page_lead_to_the_workshops(client):
    home = client.get("/").content.decode()
    assert '<a href="/workshops/">Demystifying ACS workshops</a>' in home
    assert f'href="{URL}"' in home
    assert "mailto:OCEPMailbox" not in home
    page = client.get("/workshops/").content.decode()
    assert '<a href="/workshops/" aria-current="page">Demystifying ACS workshops</a>' in page


def test_the_pages_work_in_spanish(client, topics):
    for url in ("/es/workshops/", "/es/workshops/request/"):
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="es" dir="ltr">' in response.content.decode()
    assert "Solicitar un taller" in text_of(client.get("/es/workshops/"))


# The form


def test_the_form_helps_phones_and_password_managers(client, topics):
    html = client.get(URL).content.decode()
    assert title_of(client.get(URL)).startswith("Request a Demystifying ACS workshop")
    assert html.count("<h1") == 1
    for attrs in (
        'type="email" name="contact_email" autocomplete="email"',
        'type="tel" name="contact_phone" autocomplete="tel"',
        'name="organization_name" autocomplete="organization"',
        'name="contact_name" autocomplete="name"',
        'name="address" autocomplete="street-address"',
        'type="number" name="expected_attendees"',
        'min="1" max="500"',
        'type="date" name="preferred_date_1"',
    ):
        assert attrs in html, attrs
    assert "<legend>Your organization</legend>" in html
    assert re.search(r"<legend[^>]*>\s*Topics", html)


def test_a_mistake_is_explained_at_the_top_and_beside_the_field_and_nothing_is_lost(
    client, today, topics
):
    data = form_data(topics, contact_email="dolores.example.org", expected_attendees="501")
    data["message"] = "We meet on Thursdays in the community room."
    response = client.post(URL, data)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: Request a Demystifying ACS workshop")
    html = response.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert 'role="alert"' in html
    assert '<a href="#id_contact_email">E-mail address: Enter an e-mail address like' in summary
    assert '<a href="#id_expected_attendees">Expected number of attendees:' in summary
    assert 'id="id_contact_email_error"' in html
    assert 'aria-invalid="true"' in html
    # Everything typed is still there.
    assert 'value="dolores.example.org"' in html
    assert 'value="Mott Haven Tenants United"' in html
    assert "We meet on Thursdays in the community room.</textarea>" in html
    assert f'value="{topics[0].pk}"  id="id_topics_0" checked' in html
    assert WorkshopRequest.objects.count() == 0


def test_a_missing_topic_links_to_the_first_checkbox(client, today, topics):
    response = client.post(URL, form_data(topics, topics=""))
    assert '<a href="#id_topics_0">Topics: Choose at least one topic.</a>' in (
        response.content.decode()
    )


def test_a_request_is_saved_numbered_and_both_emails_go_out(client, today, topics, programs):
    data = form_data(topics, programs=[programs[0].pk], languages=["2"])
    response = client.post(URL, data)
    workshop_request = WorkshopRequest.objects.get()
    assert workshop_request.reference == f"WR-2026-{workshop_request.pk:05d}"
    thanks = reverse("workshops:thanks", args=[workshop_request.reference])
    assert response.status_code == 302
    assert response["Location"] == thanks

    page = client.get(thanks)
    assert workshop_request.reference in text_of(page)
    assert "What happens next" in text_of(page)
    assert CONTACT_NAME not in page.content.decode()
    assert CONTACT_EMAIL not in page.content.decode()

    confirmation, notice = mail.outbox
    assert confirmation.to == [CONTACT_EMAIL]
    assert workshop_request.reference in confirmation.subject
    assert workshop_request.reference in confirmation.body
    assert "Mott Haven Tenants United" not in confirmation.body
    assert CONTACT_NAME not in confirmation.body
    assert notice.to == [MAILBOX]
    assert notice.reply_to == [CONTACT_EMAIL]
    assert workshop_request.reference in notice.subject
    assert "Mott Haven Tenants United" in notice.body
    assert CONTACT_PHONE in notice.body
    assert "Office of Advocacy" in notice.body
    assert workshop_request.is_notified
    assert list(workshop_request.topics.all()) == topics
    assert workshop_request.language == "en"


def test_a_spanish_request_gets_a_spanish_confirmation_and_an_english_notice(client, today, topics):
    response = client.post("/es/workshops/request/", form_data(topics))
    assert response["Location"].startswith("/es/workshops/request/thanks/WR-2026-")
    confirmation, notice = mail.outbox
    assert confirmation.subject.startswith("Su solicitud de taller")
    assert notice.subject.startswith("New workshop request")
    assert "Requester's language: es" in notice.body


def test_the_thanks_page_is_404_for_an_unknown_reference(client):
    assert client.get("/workshops/request/thanks/WR-2026-99999/").status_code == 404


def test_the_thanks_page_shows_only_the_reference(client):
    workshop_request = make_request(organization_name="Private Org")
    html = client.get(f"/workshops/request/thanks/{workshop_request.reference}/").content.decode()
    assert workshop_request.reference in html
    for private in ("Private Org", CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE):
        assert private not in html


# Abuse and bad input


def test_the_form_needs_a_csrf_token(today, topics):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, form_data(topics))
    assert response.status_code == 403
    assert WorkshopRequest.objects.count() == 0


def test_a_filled_in_honeypot_is_refused_and_logged(client, today, topics, caplog):
    with caplog.at_level(logging.INFO, logger="workshops"):
        response = client.post(URL, form_data(topics, fax_number="http://spam.example"))
    assert response.status_code == 400
    assert "We could not accept this request" in text_of(response)
    assert WorkshopRequest.objects.count() == 0
    assert mail.outbox == []
    assert "honeypot" in caplog.text


def test_the_sixth_submission_in_an_hour_gets_a_friendly_429(
    client, today, topics, settings, caplog
):
    assert settings.WORKSHOP_RATE_LIMIT == 5
    for _ in range(3):
        assert client.get(URL).status_code == 200  # reading the form does not count
    for _ in range(4):
        # Correcting mistakes does not count either: nobody is locked out of the form.
        assert client.post(URL, form_data(topics, contact_email="x")).status_code == 200
    for _ in range(5):
        assert client.post(URL, form_data(topics)).status_code == 302
    with caplog.at_level(logging.WARNING, logger="workshops"):
        response = client.post(URL, form_data(topics))
    assert response.status_code == 429
    # The count started at 17:00 UTC (noon in New York): it resets at 18:00.
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "Too many requests for now" in title_of(response)
    assert "Please try again in 60 minutes." in text_of(response)
    assert MAILBOX in text_of(response)
    assert WorkshopRequest.objects.count() == 5
    assert "rate limit" in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_spam_caught_by_the_honeypot_counts_towards_the_limit(client, today, topics, settings):
    settings.WORKSHOP_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, form_data(topics, fax_number="spam")).status_code == 400
    assert client.post(URL, form_data(topics)).status_code == 429


def test_the_rate_limit_is_per_client_address(client, today, topics, settings):
    settings.WORKSHOP_RATE_LIMIT = 1
    assert client.post(URL, form_data(topics)).status_code == 302
    assert client.post(URL, form_data(topics)).status_code == 429
    other = client.post(URL, form_data(topics), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_the_rate_limit_resets_after_the_period(client, topics, settings):
    import datetime

    import time_machine

    settings.WORKSHOP_RATE_LIMIT = 1
    with time_machine.travel(datetime.datetime(2026, 3, 2, 17, tzinfo=datetime.UTC), tick=False):
        assert client.post(URL, form_data(topics)).status_code == 302
        assert client.post(URL, form_data(topics)).status_code == 429
    with time_machine.travel(datetime.datetime(2026, 3, 2, 18, 1, tzinfo=datetime.UTC)):
        assert client.post(URL, form_data(topics)).status_code == 302


def test_with_the_cache_down_the_form_still_accepts_requests_and_logs_that_once(
    client, today, topics, settings, caplog
):
    """Redis unreachable: the rate limit fails open rather than turn residents away."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.WORKSHOP_RATE_LIMIT = 1
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            response = client.post(URL, form_data(topics))
            assert response.status_code == 302
            assert client.get(response["Location"]).status_code == 200
            # Each request finds Redis down again, not only the breaker open.
            safe.breaker.reset()
    assert WorkshopRequest.objects.count() == 3
    assert len(mail.outbox) == 6
    assert caplog.text.count("rate limit not checked: cache unavailable") == 1
    assert "127.0.0.1" not in caplog.text  # neither the client's address nor Redis's


def test_the_429_page_is_in_spanish_on_the_spanish_site(client, topics, settings):
    settings.WORKSHOP_RATE_LIMIT = 0
    response = client.post("/es/workshops/request/", {"contact_email": "x"})
    assert response.status_code == 429
    assert "Demasiadas solicitudes" in text_of(response)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", b'{"organization_name": "x"}'),
        ("text/plain", b"\x00\xff garbage"),
        ("multipart/form-data; boundary=", b"--\r\nnot really multipart"),
        ("multipart/form-data", b"no boundary at all"),
    ],
)
def test_a_malformed_post_gets_400_not_500(client, content_type, body):
    response = client.generic("POST", URL, body, content_type=content_type)
    assert response.status_code == 400
    assert WorkshopRequest.objects.count() == 0


def test_an_oversized_post_gets_400(client, topics):
    response = client.post(URL, {"message": "a" * (300 * 1024)})
    assert response.status_code == 400


def test_too_many_fields_get_400(client):
    response = client.post(URL, {f"field{i}": "x" for i in range(500)})
    assert response.status_code == 400


def test_other_methods_are_not_allowed(client):
    assert client.put(URL, "x").status_code == 405


def test_logs_of_rejections_hold_no_personal_data(client, today, topics, settings, caplog):
    settings.EMAIL_BACKEND = "tests.workshops.helpers.BrokenMailServer"
    settings.WORKSHOP_RATE_LIMIT = 2
    address = "350 East 143rd Street, Bronx, NY 10454"
    with caplog.at_level(logging.DEBUG):
        client.post(URL, form_data(topics, contact_phone="not a phone"))
        client.post(URL, form_data(topics, fax_number="spam"))
        client.post(URL, form_data(topics, message="My private story"))
        client.post(URL, form_data(topics))  # over the limit
    reference = WorkshopRequest.objects.get().reference
    assert f"Workshop request {reference}: confirmation_sent not sent" in caplog.text
    assert "rate limit" in caplog.text
    for private in (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, address, "My private story",
                    "Mott Haven", "127.0.0.1", "not a phone"):  # fmt: skip
        assert private not in caplog.text, private


@pytest.mark.parametrize("field", ["topics", "programs", "languages"])
def test_an_id_of_thousands_of_digits_is_a_field_error_not_a_server_error(
    client, today, topics, field
):
    # int() refuses strings of more than 4,300 digits with ValueError.
    response = client.post(URL, form_data(topics, **{field: ["9" * 4301]}))
    assert response.status_code == 200
    assert "“99999999999999999999” is not a valid value." in text_of(response)
    assert WorkshopRequest.objects.count() == 0


def test_an_address_with_a_control_character_is_refused_before_anything_is_saved(
    client, today, topics
):
    response = client.post(URL, form_data(topics, contact_email='"\x1cX:yes"@example.org'))
    assert response.status_code == 200
    assert "E-mail address: Write the e-mail address without spaces, line breaks" in text_of(
        response
    )
    assert WorkshopRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_email_address_errors_are_in_spanish_on_the_spanish_site(client, today, topics):
    url = "/es/workshops/request/"
    text = text_of(client.post(url, form_data(topics, contact_email="ana@[127.0.0.1]")))
    assert "con un nombre de dominio completo, como nombre@example.org" in text
    text = text_of(client.post(url, form_data(topics, contact_email='"a\tb"@example.org')))
    assert "sin espacios, saltos de línea ni otros caracteres invisibles" in text
