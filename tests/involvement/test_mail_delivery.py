"""The mail server is down: the form is saved, the person thanked at once, the e-mails sent later.

Only the outside world is replaced: a mail backend that fails, or real mail
servers on 127.0.0.1. The task queue is the production one where the test
says so.
"""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from involvement.models import InterestSubmission
from tests.mailservers import HangingMailServer
from tests.submissions import MAILBOX, after_the_sweep_window, run_worker

from .helpers import EMAIL, URL, form_data

PARTNERSHIP_EMAIL = "highbridge@example.org"


def assert_pending(submission):
    submission.refresh_from_db()
    assert submission.confirmation_sent_at is None
    assert submission.mailbox_notified_at is None
    assert submission.partnership_notified_at is None


@pytest.mark.django_db
def test_with_the_mail_server_down_the_form_is_saved_and_sent_later_by_the_sweep(
    client, today, settings, partnership
):
    settings.EMAIL_BACKEND = "tests.submissions.BrokenMailServer"
    response = client.post(URL, form_data(partnership=str(partnership.pk)))
    submission = InterestSubmission.objects.get()
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert submission.reference in thanks.content.decode()
    assert_pending(submission)
    assert list(InterestSubmission.objects.unnotified()) == [submission]

    # The server is back. Inside the retry window the form is its task's business.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_notifications", verbosity=0)
    assert mail.outbox == []
    with after_the_sweep_window():
        call_command("send_pending_notifications", verbosity=0)
        call_command("send_pending_notifications", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([EMAIL, MAILBOX, PARTNERSHIP_EMAIL])
    assert all(submission.reference in m.subject for m in mail.outbox)
    assert not InterestSubmission.objects.unnotified().exists()


@pytest.mark.django_db
def test_only_the_missing_email_is_sent_again(client, today, settings):
    settings.EMAIL_BACKEND = "tests.submissions.MailboxOnlyServer"
    client.post(URL, form_data())
    assert [m.to for m in mail.outbox] == [[MAILBOX]]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with after_the_sweep_window():
        call_command("send_pending_notifications", verbosity=0)
        call_command("send_pending_notifications", verbosity=0)
    assert [m.to for m in mail.outbox] == [[MAILBOX], [EMAIL]]


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_does_not_slow_the_form_down(client, today, settings, database_tasks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    with HangingMailServer() as hanging:
        settings.EMAIL_PORT = hanging.port
        started = time.perf_counter()
        response = client.post(URL, form_data())
        elapsed = time.perf_counter() - started
        submission = InterestSubmission.objects.get()
        assert response.status_code == 302
        assert elapsed < 1.0, f"the submission took {elapsed:.2f}s"
        assert hanging.connections == []
        (queued,) = DBTaskResult.objects.all()
        assert queued.task_result.args == [submission.pk, 1]

        run_worker()  # meets the hanging server once, books the next attempt
        assert len(hanging.connections) == 1
        assert_pending(submission)
        assert DBTaskResult.objects.count() == 2
