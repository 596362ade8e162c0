"""What the tests of every kind of submission share: mail servers that fail, the worker, the clock.

Workshop requests and interest forms go through the same machinery
(core/submissions/); their tests replace the same outside world the same way.
"""

import datetime
import smtplib

import pytest
import time_machine
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from core.submissions import ratelimit
from pagecache import safe
from tests.factories import noon_in_new_york

MAILBOX = "OCEPMailbox@acs.nyc.gov"
# Everyday: Monday 2 March 2026, noon in New York.
TODAY = datetime.date(2026, 3, 2)


class BrokenMailServer(BaseEmailBackend):
    """The mail server is down: every send fails, as smtplib does when it cannot connect."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(f"could not reach the server for {email_messages[0].to}")


class CountingBrokenMailServer(BaseEmailBackend):
    """A mail server that times out, counting how often it was tried."""

    attempts = 0

    def send_messages(self, email_messages):
        CountingBrokenMailServer.attempts += 1
        raise TimeoutError("timed out")


class MailboxOnlyServer(LocmemBackend):
    """The person's mail domain refuses mail: only OCEP's mailbox gets through."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if MAILBOX not in message.to:
                # What smtplib raises when the server refuses every recipient.
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(message.to, (550, b"mailbox unavailable"))
                )
        return super().send_messages(email_messages)


# Tasks stored in the database for `db_worker`, as in production (config/settings/prod.py).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def task_store_unavailable():
    """An id_function for the database task backend: the task table cannot be written."""
    raise DatabaseError("the task table is unavailable")


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: run every task due now, then return.

    The Worker itself, not call_command: the command would also install its
    signal handlers and set log levels for the rest of the test session.
    """
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def later(seconds: float):
    """Move the clock forward by ``seconds`` (time stands still there)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def after_the_sweep_window():
    """Past every kind's <PREFIX>_EMAIL_SWEEP_AFTER: what is submitted now is the sweep's."""
    longest = max(settings.WORKSHOP_EMAIL_SWEEP_AFTER, settings.INVOLVEMENT_EMAIL_SWEEP_AFTER)
    return later(longest + 1)


# Fixtures: a conftest imports the ones it wants by name.


@pytest.fixture(autouse=True)
def fresh_cache_breaker():
    """Each test starts with a cache that is presumed up and warnings not yet given."""
    safe.breaker.reset()
    ratelimit.rate_limit_unchecked.reset()
    yield
    safe.breaker.reset()
    ratelimit.rate_limit_unchecked.reset()


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for the worker, as in production."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def today():
    """Freeze the clock at noon in New York on TODAY (time still ticks)."""
    with time_machine.travel(noon_in_new_york(TODAY.year, TODAY.month, TODAY.day)):
        yield TODAY
