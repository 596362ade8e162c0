"""Factories and a valid form submission for the workshop tests."""

import datetime
import itertools
import smtplib

import time_machine
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from workshops.models import AcsProgram, WorkshopRequest, WorkshopTopic
from workshops.services import workshop_request_submit

_counter = itertools.count(1)

# Everyday: Monday 2 March 2026, noon in New York.
TODAY = datetime.date(2026, 3, 2)

CONTACT_NAME = "Dolores Quintana-Whitfield"
CONTACT_EMAIL = "dolores.qw@example.org"
CONTACT_PHONE = "(718) 555-0142"
MAILBOX = "OCEPMailbox@acs.nyc.gov"


def make_topic(**fields) -> WorkshopTopic:
    n = next(_counter)
    fields.setdefault("name", f"Topic {n}")
    return WorkshopTopic.objects.create(**fields)


def make_program(**fields) -> AcsProgram:
    n = next(_counter)
    fields.setdefault("name", f"Program {n}")
    return AcsProgram.objects.create(**fields)


def make_request(*, topics=None, **fields) -> WorkshopRequest:
    """A saved request, as if submitted and notified, with a reference."""
    n = next(_counter)
    now = timezone.now()
    fields.setdefault("organization_name", f"Organization {n}")
    fields.setdefault("organization_type", "community")
    fields.setdefault("contact_name", CONTACT_NAME)
    fields.setdefault("contact_email", CONTACT_EMAIL)
    fields.setdefault("contact_phone", CONTACT_PHONE)
    fields.setdefault("borough", "bronx")
    fields.setdefault("format", "virtual")
    fields.setdefault("audience", "parents")
    fields.setdefault("expected_attendees", 30)
    fields.setdefault("preferred_date_1", timezone.localdate() + datetime.timedelta(days=30))
    fields.setdefault("time_of_day", "evening")
    fields.setdefault("consent", True)
    fields.setdefault("confirmation_sent_at", now)
    fields.setdefault("mailbox_notified_at", now)
    workshop_request = WorkshopRequest.objects.create(**fields)
    if not workshop_request.reference:
        workshop_request.assign_reference()
    workshop_request.topics.set(topics if topics is not None else [make_topic()])
    return workshop_request


def submit(topics, **changes) -> WorkshopRequest:
    """Submit a request through the service, as the form view does."""
    data = {
        "organization_name": "Brownsville Block Association",
        "organization_type": "tenant",
        "contact_name": "Ana",
        "contact_email": CONTACT_EMAIL,
        "contact_phone": "(718) 555-0100",
        "borough": "brooklyn",
        "format": "virtual",
        "address": "",
        "audience": "mixed",
        "expected_attendees": 25,
        "preferred_date_1": timezone.localdate() + datetime.timedelta(days=30),
        "time_of_day": "morning",
        "topics": topics,
        "consent": True,
        **changes,
    }
    return workshop_request_submit(data=data)


def form_data(topics, /, **changes) -> dict:
    """A complete, valid submission of the public form; changes override or ("" ) blank."""
    data = {
        "organization_name": "Mott Haven Tenants United",
        "organization_type": "tenant",
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "contact_phone": CONTACT_PHONE,
        "borough": "bronx",
        "format": "in_person",
        "address": "350 East 143rd Street, Bronx, NY 10454",
        "audience": "parents",
        "expected_attendees": "40",
        "preferred_date_1": (timezone.localdate() + datetime.timedelta(days=21)).isoformat(),
        "preferred_date_2": "",
        "preferred_date_3": "",
        "time_of_day": "evening",
        "accessibility_needs": "",
        "topics": [t.pk for t in topics],
        "message": "",
        "consent": "on",
        "fax_number": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


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
    """The requester's mail domain refuses mail: only OCEP's mailbox gets through."""

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
    """Past WORKSHOP_EMAIL_SWEEP_AFTER: requests submitted now are the sweep's."""
    return later(settings.WORKSHOP_EMAIL_SWEEP_AFTER + 1)
