"""Guessing passwords: five wrong ones lock the account and the client for an hour."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.pages import text as text_of

from .conftest import LOGIN, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

LOCKED = "Signing in is locked for 1 hour after 5 wrong passwords in a row."


def fail(client, times, username="maria", **extra):
    return [sign_in(client, username, "Summer2026!", **extra) for _ in range(times)]


def test_four_wrong_passwords_get_the_form_back_and_the_fifth_locks(client, staff_user):
    for response in fail(client, 4):
        assert response.status_code == 200
        assert "Please enter the correct username and password" in text_of(response)
    locked = fail(client, 1)[0]
    assert locked.status_code == 429
    page = text_of(locked)
    assert LOCKED in page
    assert "ask an OCEP site administrator (a superuser) to unlock your account" in page
    assert "OCEP staff administration" in page  # the admin's own header and style


def test_a_locked_account_cannot_sign_in_even_with_the_right_password(client, staff_user):
    fail(client, 5)
    response = sign_in(client)
    assert response.status_code == 429
    assert LOCKED in text_of(response)
    assert SESSION_KEY not in client.session


def test_the_account_stays_locked_from_another_address(client, staff_user):
    fail(client, 5, REMOTE_ADDR="203.0.113.7")
    response = sign_in(client, REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_a_locked_client_cannot_sign_in_to_another_account(client, staff_user, django_user_model):
    django_user_model.objects.create_user("ana", password=PASSWORD, is_staff=True)
    for username in ("maria", "jose", "ana", "admin", "root"):
        fail(client, 1, username=username, REMOTE_ADDR="203.0.113.7")
    assert sign_in(client, "ana", REMOTE_ADDR="203.0.113.7").status_code == 429
    # The same person from elsewhere is not held up by the guesser's address.
    assert sign_in(client, "ana", REMOTE_ADDR="198.51.100.20").status_code == 302


def test_the_lock_lifts_after_an_hour_without_tries(client, staff_user, clock):
    fail(client, 5)
    clock.shift(datetime.timedelta(minutes=59))
    assert sign_in(client).status_code == 429  # and the wait starts again
    clock.shift(datetime.timedelta(minutes=61))
    response = sign_in(client)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:enroll"))


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(client, staff_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(4):
        # A guesser forging the left part of X-Forwarded-For is still one client.
        fail(client, 1, "nobody", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7", **proxy)
    assert (
        fail(client, 1, "nobody", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)[0].status_code == 429
    )
    # Everyone else behind the same proxy signs in as usual.
    response = sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_failures_and_the_lock_are_logged_without_the_password(client, staff_user, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(5):
        sign_in(client, "maria", "my-Secret-Guess-42")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Locking out" in logged
    assert "my-Secret-Guess-42" not in logged
    assert "maria" not in logged  # a username can be a password typed in the wrong box
    assert "127.0.0.1" not in logged  # no client address in any log (README "Logs")
    stored = AccessAttempt.objects.get()
    assert "my-Secret-Guess-42" not in stored.post_data
    assert stored.failures_since_start == 5


def test_a_superuser_sees_the_lockout_and_clears_it(client, staff_user, staff_client):
    fail(client, 5)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = text_of(staff_client.get(changelist))
    assert "maria" in page and "Locked Out" in page
    attempt = AccessAttempt.objects.get(username="maria")
    response = staff_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client).status_code == 302


def test_editors_cannot_see_or_clear_lockouts(client, django_user_model):
    from django.contrib.auth.models import Group

    from tests.signin import sign_in_staff

    editor = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="OCEP editors"))
    sign_in_staff(client, editor)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_the_sign_in_page_itself_still_opens_for_a_locked_client(client, staff_user):
    fail(client, 5)
    assert client.get(LOGIN).status_code == 200
