"""Rules the database holds even when code forgets them, and the shared queries."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import NEW_YORK
from workshops.models import Status, WorkshopRequest

from .helpers import make_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"expected_attendees": 501},
        {"expected_attendees": 0},
        {"format": "in_person", "address": ""},
        {"consent": False},
        {"borough": "atlantis"},
        {"status": "lost"},
        {"status": "completed"},  # closed without a closing time
        {"status": "new", "closed_at": timezone.now()},
    ],
    ids=str,
)
def test_the_database_refuses_impossible_requests(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(**fields)


def test_clean_explains_the_cross_field_rules():
    workshop_request = make_request()
    workshop_request.format = "in_person"
    workshop_request.address = " "
    workshop_request.status = Status.SCHEDULED
    with pytest.raises(ValidationError) as error:
        workshop_request.clean()
    assert set(error.value.message_dict) == {"address", "scheduled_for"}


def test_newest_first_and_unnotified(today):
    old = make_request()
    new = make_request(mailbox_notified_at=None)
    WorkshopRequest.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(days=3)
    )
    assert list(WorkshopRequest.objects.newest_first()) == [new, old]
    assert list(WorkshopRequest.objects.unnotified()) == [new]
    assert new.is_notified is False


def test_purgeable_means_closed_longer_ago_than_the_retention_period(today, settings):
    settings.WORKSHOP_REQUEST_RETENTION_DAYS = 730
    now = timezone.now()
    old_closed = make_request(status="completed", closed_at=now - datetime.timedelta(days=731))
    make_request(status="declined", closed_at=now - datetime.timedelta(days=729))
    ancient_open = make_request(status="in_review")
    WorkshopRequest.objects.filter(pk=ancient_open.pk).update(
        created=now - datetime.timedelta(days=2000)
    )
    assert list(WorkshopRequest.objects.purgeable()) == [old_closed]


def test_a_request_received_late_on_new_years_eve_has_that_years_reference():
    # 11:30 PM in New York is already January 1 in UTC.
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=NEW_YORK), tick=False):
        workshop_request = make_request(reference=None)
    assert workshop_request.reference == f"WR-2026-{workshop_request.pk:05d}"
