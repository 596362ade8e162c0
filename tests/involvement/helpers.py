"""Factories and a valid interest form for the involvement tests.

What every kind of submission's tests share is in tests/submissions.py.
"""

import itertools

from django.utils import timezone

from involvement.models import WAY_FIELDS, InterestSubmission, Way
from involvement.services import interest_submit

_counter = itertools.count(1)

NAME = "Marisol Ortega-Baptiste"
EMAIL = "marisol.ob@example.org"
PHONE = "(718) 555-0177"
URL = "/get-involved/"


def form_data(**changes) -> dict:
    """A complete, valid interest form; changes override, and "" leaves a field out."""
    data = {
        "ways": ["volunteer", "idea"],
        "partnership": "",
        "borough": "bronx",
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "availability": ["evenings"],
        "message": "",
        "consent": "on",
        "fax_number": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def submit(**changes) -> InterestSubmission:
    """Submit a form through the service, as the page does."""
    data = {
        "borough": "queens",
        "name": NAME,
        "email": EMAIL,
        "phone": "",
        "message": "",
        "consent": True,
        **{field: way == Way.MEETINGS for way, field in WAY_FIELDS.items()},
        **changes,
    }
    return interest_submit(data=data)


def make_submission(**fields) -> InterestSubmission:
    """A saved form, as if submitted and notified, with a reference."""
    n = next(_counter)
    now = timezone.now()
    fields.setdefault("name", f"Resident {n}")
    fields.setdefault("email", EMAIL)
    fields.setdefault("borough", "bronx")
    fields.setdefault("way_meetings", True)
    fields.setdefault("consent", True)
    fields.setdefault("confirmation_sent_at", now)
    fields.setdefault("mailbox_notified_at", now)
    submission = InterestSubmission.objects.create(**fields)
    if not submission.reference:
        submission.assign_reference()
    return submission
