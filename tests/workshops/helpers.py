"""Factories and a valid form submission for the workshop tests.

What every kind of submission's tests share (broken mail servers, the task
worker, the clock) is in tests/submissions.py, imported here by name.
"""

import datetime
import itertools

from django.utils import timezone

from tests.submissions import (  # noqa: F401 - the workshop tests import them from here
    DATABASE_TASKS,
    MAILBOX,
    TODAY,
    BrokenMailServer,
    CountingBrokenMailServer,
    MailboxOnlyServer,
    after_the_sweep_window,
    later,
    run_worker,
    task_store_unavailable,
)
from workshops.models import AcsProgram, WorkshopRequest, WorkshopTopic
from workshops.services import workshop_request_submit

_counter = itertools.count(1)

CONTACT_NAME = "Dolores Quintana-Whitfield"
CONTACT_EMAIL = "dolores.qw@example.org"
CONTACT_PHONE = "(718) 555-0142"


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
