import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from meetings import occurrences
from meetings.models import MeetingSeries
from tests.factories import noon_in_new_york

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def seed(*args):
    call_command("seed_demo", *args, stdout=StringIO())


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_each_real_partnership_gets_a_published_monthly_series_marked_as_sample():
    seed()
    series = MeetingSeries.objects.published().meetings().for_listing()
    assert series.count() == 11
    assert {s.freq for s in series} == {"MONTHLY"}
    assert all(s.is_sample_data for s in series)
    assert len({s.partnership_id for s in series}) == 11
    for one in series:
        one.full_clean()  # every sample schedule passes the admin's validation


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_demo_has_one_cancellation_and_one_move_in_the_coming_weeks():
    seed()
    found = occurrences.expand(
        MeetingSeries.objects.for_listing(), TODAY, TODAY + datetime.timedelta(days=45)
    )
    assert sum(o.is_cancelled for o in found) == 1
    moved = [o for o in found if o.is_moved]
    assert len(moved) == 1
    assert moved[0].date - moved[0].original_date == datetime.timedelta(days=7)


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_staff_changes_to_schedules_survive_reseeding():
    seed()
    series = MeetingSeries.objects.get(slug="bushwick-monthly")
    series.changes.all().delete()
    series.byday = "1MO"
    series.save()
    seed()
    series.refresh_from_db()
    assert series.byday == "1MO"
    assert MeetingSeries.objects.meetings().count() == 11
    assert MeetingSeries.objects.events().count() == 3


def test_scale_adds_one_series_per_synthetic_partnership_once():
    seed("--scale", "20")
    assert MeetingSeries.objects.meetings().count() == 11 + 20
    synthetic = MeetingSeries.objects.get(partnership__slug="sample-partnership-0003")
    assert synthetic.is_published and synthetic.is_sample_data
    assert list(synthetic.languages.values_list("code", flat=True)) == ["en"]
    seed("--scale", "20")
    assert MeetingSeries.objects.meetings().count() == 11 + 20


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_demo_has_a_resource_fair_a_family_day_and_a_workshop_in_the_coming_weeks():
    seed()
    events = MeetingSeries.objects.published().events().for_listing()
    titles = sorted(event.title for event in events)
    assert titles == [
        "Community resource fair (sample)",
        "Family day in the park (sample)",
        "Workshop: talking with teens (sample)",
    ]
    for event in events:
        event.full_clean()  # each passes the admin's validation
        assert event.is_sample_data and "sample" in event.description
        assert TODAY < event.valid_from <= TODAY + datetime.timedelta(days=30)
    found = occurrences.expand(events, TODAY, TODAY + datetime.timedelta(days=30))
    assert len(found) == 3
    seed()
    assert MeetingSeries.objects.events().count() == 3
