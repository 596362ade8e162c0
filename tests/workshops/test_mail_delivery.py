"""E-mail off the request path: the task, its retries, the worker and the sweep.

Only the outside world is replaced: real mail servers on 127.0.0.1 (one that
hangs, one that receives) or a mail backend that fails. The task queue is the
production one (django-tasks-db) where the test says so.
"""

import logging
import time

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.mailservers import HangingMailServer, SmtpSink
from workshops.models import WorkshopRequest
from workshops.tasks import retry_delay

from .helpers import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    MAILBOX,
    after_the_sweep_window,
    form_data,
    later,
    run_worker,
    submit,
    task_store_unavailable,
)

URL = "/workshops/request/"
EMAIL_TIMEOUT = 3


def tasks_in_order():
    return list(DBTaskResult.objects.order_by("enqueued_at", "run_after"))


def attempts_of(tasks) -> list[list]:
    return [task.task_result.args for task in tasks]


def assert_pending(workshop_request):
    workshop_request.refresh_from_db()
    assert workshop_request.confirmation_sent_at is None
    assert workshop_request.mailbox_notified_at is None


@pytest.fixture
def smtp(settings):
    """Django's real SMTP backend, pointed at 127.0.0.1 with a short timeout."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
    return settings


# The hanging mail server, end to end


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_neither_slows_a_submission_nor_gets_an_email_twice(
    client, today, topics, smtp, database_tasks
):
    with HangingMailServer() as hanging:
        smtp.EMAIL_PORT = hanging.port

        started = time.perf_counter()
        response = client.post(URL, form_data(topics))
        elapsed = time.perf_counter() - started

        # The person is thanked at once: nobody waited for the mail server.
        workshop_request = WorkshopRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "workshops:thanks", args=[workshop_request.reference]
        )
        assert elapsed < 1.0, f"the submission took {elapsed:.2f}s"
        assert hanging.connections == []
        assert_pending(workshop_request)
        (queued,) = DBTaskResult.objects.ready()
        assert queued.task_result.args == [workshop_request.pk, 1]

        # The worker meets the hanging server: one timeout (not one per e-mail),
        # nothing marked sent, the next attempt booked for later.
        started = time.perf_counter()
        run_worker()
        assert time.perf_counter() - started < 2 * EMAIL_TIMEOUT
        assert len(hanging.connections) == 1
        assert_pending(workshop_request)
        first, retry = tasks_in_order()
        assert first.status == TaskResultStatus.SUCCESSFUL
        assert retry.status == TaskResultStatus.READY
        assert retry.task_result.args == [workshop_request.pk, 2]

    # The mail server is back, on the same port.
    with SmtpSink(port=smtp.EMAIL_PORT) as sink, later(retry_delay(1).total_seconds() + 1):
        run_worker()
        received = sorted(sink.received, key=lambda r: r.rcpt_to)
        assert [r.rcpt_to for r in received] == sorted([[CONTACT_EMAIL], [MAILBOX]])
        for r in received:
            assert workshop_request.reference in r.message["Subject"]
        workshop_request.refresh_from_db()
        assert workshop_request.is_notified

        # Nothing goes twice: not from another worker run, not from the sweep.
        run_worker()
        with after_the_sweep_window():
            call_command("send_pending_notifications", verbosity=0)
        assert len(sink.received) == 2
    assert [t.status for t in tasks_in_order()] == [TaskResultStatus.SUCCESSFUL] * 2


# The task is saved with the request


@pytest.mark.django_db(transaction=True)
def test_the_email_task_is_committed_with_the_request(today, topics, database_tasks):
    workshop_request = submit(topics)
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_result.args == [workshop_request.pk, 1]
    assert mail.outbox == []
    assert_pending(workshop_request)


@pytest.mark.django_db(transaction=True)
def test_the_email_task_rolls_back_with_the_request(today, topics, database_tasks):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        submit(topics)
        assert DBTaskResult.objects.count() == 1
        raise Abandoned
    assert not WorkshopRequest.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_task_queue_that_cannot_be_written_still_saves_the_request_and_thanks_the_person(
    client, today, topics, settings, caplog
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "OPTIONS": {"id_function": task_store_unavailable},
        }
    }
    with caplog.at_level(logging.INFO):
        response = client.post(URL, form_data(topics))
    workshop_request = WorkshopRequest.objects.get()
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert not DBTaskResult.objects.exists()
    assert_pending(workshop_request)
    assert (
        f"Workshop request {workshop_request.reference}: e-mail task not enqueued (DatabaseError)"
        in caplog.text
    )
    for private in (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE):
        assert private not in caplog.text

    # The sweep sends them once the request is old enough to be its business.
    with after_the_sweep_window():
        call_command("send_pending_notifications", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([CONTACT_EMAIL, MAILBOX])


# Retries


@pytest.mark.django_db(transaction=True)
def test_unsent_emails_are_retried_with_a_doubling_delay_then_left_to_the_sweep(
    client, today, topics, settings, database_tasks, caplog
):
    settings.EMAIL_BACKEND = "tests.workshops.helpers.BrokenMailServer"
    assert (settings.WORKSHOP_EMAIL_MAX_ATTEMPTS, settings.WORKSHOP_EMAIL_RETRY_DELAY) == (6, 60)
    client.post(URL, form_data(topics))
    workshop_request = WorkshopRequest.objects.get()

    now, waits = timezone.now(), []
    with caplog.at_level(logging.INFO, logger="workshops"):
        while True:
            with time_machine.travel(now, tick=False):
                run_worker()
            upcoming = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
            if upcoming is None:
                break
            waits.append((upcoming.run_after - now).total_seconds())
            # A worker that looks before the next attempt is due leaves it waiting.
            with time_machine.travel(now, tick=False):
                run_worker()
            assert DBTaskResult.objects.get(pk=upcoming.pk).status == TaskResultStatus.READY
            now = upcoming.run_after

    assert waits == [60, 120, 240, 480, 960]
    assert attempts_of(tasks_in_order()) == [[workshop_request.pk, n] for n in range(1, 7)]
    assert_pending(workshop_request)
    assert "e-mails still unsent after 6 attempt(s); left for send_pending_notifications" in (
        caplog.text
    )
    assert CONTACT_EMAIL not in caplog.text

    # The server is back. Until the request is older than the sweep window it is
    # still its task's business; after that the sweep sends each e-mail once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(now, tick=False):
        call_command("send_pending_notifications", verbosity=0)
    assert mail.outbox == []
    with after_the_sweep_window():
        call_command("send_pending_notifications", verbosity=0)
        call_command("send_pending_notifications", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([CONTACT_EMAIL, MAILBOX])


@pytest.mark.django_db
def test_a_backend_that_runs_tasks_at_once_does_not_retry_and_leaves_the_sweep_to_send(
    client, today, topics, settings, caplog
):
    """The ImmediateBackend of tests and `make run` cannot run a task later."""
    settings.EMAIL_BACKEND = "tests.workshops.helpers.BrokenMailServer"
    with caplog.at_level(logging.INFO, logger="workshops"):
        response = client.post(URL, form_data(topics))
    workshop_request = WorkshopRequest.objects.get()
    assert response.status_code == 302
    assert_pending(workshop_request)
    assert (
        f"Workshop request {workshop_request.reference}: e-mails unsent and this task backend "
        "cannot retry later; left for send_pending_notifications"
    ) in caplog.text
    assert not DBTaskResult.objects.exists()


def test_the_retry_delay_doubles_from_the_setting(settings):
    settings.WORKSHOP_EMAIL_RETRY_DELAY = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
