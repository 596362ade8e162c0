"""Rules the database holds even when code forgets them; the reference; what is pending."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from involvement.models import InterestSubmission
from tests.factories import NEW_YORK, make_partnership

from .helpers import make_submission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "", "phone": ""},
        {"way_meetings": False},
        {"borough": ""},
        {"borough": "atlantis"},
        {"consent": False},
        {"status": "lost"},
        {"status": "connected"},  # closed without a closing time
    ],
    ids=str,
)
def test_the_database_refuses_impossible_forms(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_submission(**fields)


def test_the_reference_is_gi_the_year_and_the_number():
    # 11:30 PM in New York is already January 1 in UTC.
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=NEW_YORK), tick=False):
        submission = make_submission()
    assert submission.reference == f"GI-2026-{submission.pk:05d}"
    assert str(submission) == submission.reference


def test_only_the_emails_there_is_someone_to_send_to_are_pending():
    with_email = make_submission(confirmation_sent_at=None)
    phone_only = make_submission(email="", phone="(718) 555-0100", confirmation_sent_at=None)
    partnership = make_partnership(email="p@example.org", is_published=True)
    to_partnership = make_submission(partnership=partnership)
    silent_partnership = make_submission(partnership=make_partnership(email=""))
    assert set(InterestSubmission.objects.unnotified()) == {with_email, to_partnership}
    assert not with_email.is_notified
    assert phone_only.is_notified
    assert not to_partnership.is_notified
    assert silent_partnership.is_notified
