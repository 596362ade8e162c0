"""Submission, e-mail and status services, with only the mail server replaced."""

import pytest
from django.core import mail
from django.core.management import call_command

from workshops.models import Status, WorkshopRequest
from workshops.services import workshop_request_set_status, workshop_requests_notify_pending

from .helpers import (
    CONTACT_EMAIL,
    MAILBOX,
    CountingBrokenMailServer,
    after_the_sweep_window,
    make_request,
    submit,
)

pytestmark = pytest.mark.django_db


def test_submit_saves_the_request_with_a_yearly_reference(today, topics, programs):
    first = submit(topics, programs=programs)
    second = submit(topics)
    assert first.reference == f"WR-2026-{first.pk:05d}"
    assert second.reference == f"WR-2026-{second.pk:05d}"
    assert first.status == Status.NEW
    assert list(first.programs.all()) == programs
    assert str(first) == first.reference


def test_both_emails_go_out_through_the_task_with_nothing_waiting_for_a_commit(today, topics):
    """The default (ImmediateBackend) runs the task at once, as in `make run`."""
    workshop_request = submit(topics)
    assert [m.to for m in mail.outbox] == [[CONTACT_EMAIL], [MAILBOX]]
    workshop_request.refresh_from_db()
    assert workshop_request.is_notified


def test_a_broken_mail_server_leaves_the_request_saved_and_unnotified(today, topics, settings):
    settings.EMAIL_BACKEND = "tests.workshops.helpers.BrokenMailServer"
    workshop_request = submit(topics)
    workshop_request.refresh_from_db()
    assert workshop_request.confirmation_sent_at is None
    assert workshop_request.mailbox_notified_at is None
    assert list(WorkshopRequest.objects.unnotified()) == [workshop_request]

    # The server is back: the sweep sends each e-mail once, however often it runs.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with after_the_sweep_window():
        call_command("send_pending_notifications", verbosity=0)
        call_command("send_pending_notifications", verbosity=0)
    assert [m.to for m in mail.outbox] == [[CONTACT_EMAIL], [MAILBOX]]
    assert workshop_request.reference in mail.outbox[0].subject
    assert not WorkshopRequest.objects.unnotified().exists()


def test_the_mailbox_notice_shows_names_as_typed_not_html_escaped(today, topics):
    submit(topics, organization_name="O'Brien & Sons <Youth> Center", contact_name="D'Angelo")
    confirmation, notice = mail.outbox
    assert notice.subject.endswith(": O'Brien & Sons <Youth> Center")
    assert "O'Brien & Sons <Youth> Center" in notice.body
    assert "D'Angelo" in notice.body
    assert "&amp;" not in notice.subject + notice.body


def test_the_confirmation_repeats_nothing_the_sender_typed(today, topics):
    """It goes to any address typed in the form: it must not carry a text of the sender's."""
    workshop_request = submit(
        topics,
        organization_name="Claim your prize at prize.example",
        contact_name="Call 555-0199 now",
        address="1 Scam Street",
        message="Your account is locked",
        accessibility_needs="Visit evil.example",
    )
    confirmation, notice = mail.outbox
    everything = confirmation.subject + confirmation.body
    for typed in ("prize", "555-0199", "Scam Street", "locked", "evil.example"):
        assert typed not in everything, typed
        assert typed in notice.subject + notice.body, typed
    assert workshop_request.reference in confirmation.subject
    assert workshop_request.reference in confirmation.body
    assert "What happens next" in confirmation.body
    assert "Preferred dates:" in confirmation.body


def test_an_unreachable_mail_server_is_tried_once_not_once_per_email(today, topics, settings):
    """An attempt waits for one mail timeout at most, and a sweep stops at the first one."""
    settings.EMAIL_BACKEND = "tests.workshops.helpers.CountingBrokenMailServer"
    CountingBrokenMailServer.attempts = 0
    submit(topics)
    assert CountingBrokenMailServer.attempts == 1
    submit(topics)
    submit(topics)
    CountingBrokenMailServer.attempts = 0
    assert workshop_requests_notify_pending() == (0, 3)
    assert CountingBrokenMailServer.attempts == 1
    assert WorkshopRequest.objects.unnotified().count() == 3


def test_only_the_missing_email_is_sent_again(today, topics, settings):
    settings.EMAIL_BACKEND = "tests.workshops.helpers.MailboxOnlyServer"
    workshop_request = submit(topics)
    assert [m.to for m in mail.outbox] == [[MAILBOX]]
    workshop_request.refresh_from_db()
    assert workshop_request.mailbox_notified_at is not None
    assert workshop_request.confirmation_sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert workshop_requests_notify_pending() == (1, 0)
    assert workshop_requests_notify_pending() == (0, 0)
    assert [m.to for m in mail.outbox] == [[MAILBOX], [CONTACT_EMAIL]]


def test_status_changes_are_recorded_with_who_when_from_and_to(today, django_user_model):
    coordinator = django_user_model.objects.create_user("maria", is_staff=True)
    workshop_request = make_request()
    workshop_request_set_status(
        workshop_request=workshop_request, status=Status.IN_REVIEW, by=coordinator
    )
    workshop_request_set_status(
        workshop_request=workshop_request, status=Status.DECLINED, by=coordinator
    )
    history = list(
        workshop_request.status_changes.values_list("from_status", "to_status", "changed_by")
    )
    assert history == [
        ("new", "in_review", coordinator.pk),
        ("in_review", "declined", coordinator.pk),
    ]
    workshop_request.refresh_from_db()
    assert workshop_request.status == Status.DECLINED
    assert workshop_request.closed_at is not None


def test_reopening_a_closed_request_clears_its_closing_time(today):
    workshop_request = make_request()
    workshop_request_set_status(workshop_request=workshop_request, status=Status.WITHDRAWN)
    workshop_request_set_status(workshop_request=workshop_request, status=Status.IN_REVIEW)
    workshop_request.refresh_from_db()
    assert workshop_request.closed_at is None
    assert workshop_request.status_changes.count() == 2


def test_setting_the_same_status_records_nothing(today):
    workshop_request = make_request()
    workshop_request_set_status(workshop_request=workshop_request, status=Status.NEW)
    assert workshop_request.status_changes.count() == 0


def test_an_unknown_status_is_refused(today):
    with pytest.raises(ValueError):
        workshop_request_set_status(workshop_request=make_request(), status="lost")


@pytest.mark.django_db(transaction=True)
def test_a_request_another_run_is_sending_is_skipped_not_sent_twice():
    """On PostgreSQL a second run skips a row the first one holds (SELECT … SKIP LOCKED)."""
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite runs one writer at a time")
    workshop_request = make_request(confirmation_sent_at=None, mailbox_notified_at=None)
    locked, release = threading.Event(), threading.Event()

    def first_run_holding_the_row():
        try:
            with transaction.atomic():
                WorkshopRequest.objects.select_for_update().get(pk=workshop_request.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_run_holding_the_row)
    thread.start()
    assert locked.wait(10)
    try:
        assert workshop_requests_notify_pending() == (0, 0)
        assert mail.outbox == []
    finally:
        release.set()
        thread.join(10)
    assert workshop_requests_notify_pending() == (1, 0)
    assert len(mail.outbox) == 2
