"""Demo workshop topics, ACS programs and requests, all plainly marked as samples.

``seed_workshops`` is idempotent: topics and programs are matched on their
name and requests on their (sample) organization name, so running it again
adds nothing and never overwrites staff edits. Sample requests use example.org
addresses and 555-01xx numbers, which reach no one, and are marked as already
notified so that no e-mail is ever sent for them.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.models import Language

from .models import AcsProgram, Status, WorkshopRequest, WorkshopTopic
from .services import workshop_request_set_status

TOPICS = [
    (
        "How ACS works",
        "What ACS does, its divisions, and the difference between child protection, "
        "prevention and foster care.",
    ),
    (
        "What happens after a report to the State Central Register",
        "The steps of a child protective investigation, what caseworkers look for, and "
        "how long it takes.",
    ),
    (
        "Parents' rights and where to get support",
        "Rights during an investigation, family team conferences, and the people who can "
        "help a parent through them.",
    ),
    (
        "Prevention services for families",
        "Free, voluntary services that help families stay safely together, and how to be referred.",
    ),
    (
        "Reaching ACS resources and services",
        "Child care, family support and other ACS services, and how residents can reach "
        "them directly.",
    ),
]

PROGRAMS = [
    ("Office of Advocacy", "Answers questions and concerns from parents, youth and relatives."),
    ("Parents as Partners", "Family Specialists who once had children in foster care."),
    ("Division of Child and Family Well-Being", "Child care and family support in communities."),
    ("Division of Youth and Family Justice", "Services for young people in the justice system."),
]

# (organization, type, borough, format, audience, attendees, status, lead days)
REQUESTS = [
    ("Sample Tenants of Fordham Road", "tenant", "bronx", "in_person", "parents", 25, "new", 30),
    (
        "Sample Bushwick Youth Collective",
        "community",
        "brooklyn",
        "virtual",
        "youth",
        40,
        "in_review",
        35,
    ),  # fmt: skip
    (
        "Sample Jamaica Family Services",
        "provider",
        "queens",
        "in_person",
        "providers",
        60,
        "scheduled",
        45,
    ),  # fmt: skip
    (
        "Sample St. George Community Church",
        "faith",
        "staten-island",
        "in_person",
        "mixed",
        80,
        "completed",
        -20,
    ),  # fmt: skip
    (
        "Sample East Harlem Elementary PTA",
        "school",
        "manhattan",
        "virtual",
        "parents",
        500,
        "declined",
        25,
    ),  # fmt: skip
]

STATUS_PATHS = {
    "new": [],
    "in_review": [Status.IN_REVIEW],
    "scheduled": [Status.IN_REVIEW, Status.SCHEDULED],
    "completed": [Status.IN_REVIEW, Status.SCHEDULED, Status.COMPLETED],
    "declined": [Status.IN_REVIEW, Status.DECLINED],
}


def _seed_catalog(model, rows) -> int:
    created = 0
    for order, (name, description) in enumerate(rows, start=1):
        _obj, was_created = model.objects.get_or_create(
            name=name,
            defaults={"description": description, "order": order * 10, "is_sample_data": True},
        )
        created += was_created
    return created


def _seed_requests() -> int:
    topics = list(WorkshopTopic.objects.filter(name__in=[name for name, _d in TOPICS]))
    programs = list(AcsProgram.objects.filter(name__in=[name for name, _d in PROGRAMS]))
    languages = list(Language.objects.filter(code__in=["en", "es"]))
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    for n, (name, kind, borough, fmt, audience, attendees, status, lead) in enumerate(REQUESTS):
        if WorkshopRequest.objects.filter(organization_name=name).exists():
            continue
        first_date = today + datetime.timedelta(days=lead)
        workshop_request = WorkshopRequest.objects.create(
            organization_name=name,
            organization_type=kind,
            contact_name=f"Sample Contact {n + 1}",
            contact_email=f"sample.requester{n + 1}@example.org",
            contact_phone=f"(718) 555-01{60 + n:02d}",
            borough=borough,
            format=fmt,
            address=f"{200 + n * 11} Sample Avenue" if fmt == "in_person" else "",
            audience=audience,
            expected_attendees=attendees,
            preferred_date_1=first_date,
            preferred_date_2=first_date + datetime.timedelta(days=7),
            time_of_day="evening" if audience == "parents" else "morning",
            message="A sample request for the demonstration site.",
            consent=True,
            # Never e-mail anyone about a sample.
            confirmation_sent_at=now,
            mailbox_notified_at=now,
        )
        workshop_request.assign_reference()
        workshop_request.topics.set(topics[n % len(topics) :][:2] or topics[:1])
        workshop_request.programs.set(programs[: n % 3])
        workshop_request.languages.set(languages)
        for step in STATUS_PATHS[status]:
            if step == Status.SCHEDULED:
                workshop_request.scheduled_for = timezone.make_aware(
                    datetime.datetime.combine(first_date, datetime.time(10, 0))
                )
                workshop_request.save(update_fields=["scheduled_for"])
            workshop_request_set_status(workshop_request=workshop_request, status=step)
        created += 1
    return created


@transaction.atomic
def seed_workshops(stdout=None, verbosity: int = 1) -> int:
    """Add the sample topics, programs and requests that are missing; return how many."""
    created = _seed_catalog(WorkshopTopic, TOPICS) + _seed_catalog(AcsProgram, PROGRAMS)
    created += _seed_requests()
    if stdout is not None and verbosity >= 1:
        stdout.write(f"Workshop demo data ready ({created} topics, programs and requests created).")
    return created
