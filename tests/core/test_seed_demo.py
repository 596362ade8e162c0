"""seed_demo: one command that has each app seed its own demo data."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from involvement.models import InterestSubmission
from meetings.models import MeetingSeries
from partnerships.models import CommunityDistrict, CommunityPartnership
from workshops.models import WorkshopRequest

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_one_command_seeds_listings_meetings_workshops_and_interest_forms_and_says_so():
    out = seed()
    assert CommunityPartnership.objects.exists()
    assert MeetingSeries.objects.exists()
    assert WorkshopRequest.objects.exists()
    assert InterestSubmission.objects.exists()
    assert out.splitlines() == [
        "Workshop demo data ready (14 topics, programs and requests created).",
        "Get involved demo data ready (4 interest forms created).",
        "Demo data ready (36 listings, 11 meeting series, 3 events created).",
    ]


def test_negative_scale_is_refused():
    with pytest.raises(CommandError):
        seed("--scale", "-1")


def test_without_the_reference_data_nothing_is_seeded_and_migrate_is_suggested():
    CommunityDistrict.objects.filter(code="SI03").delete()
    with pytest.raises(CommandError, match="migrate"):
        seed()
    assert not CommunityPartnership.objects.exists()
    assert not WorkshopRequest.objects.exists()
