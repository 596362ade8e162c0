"""The sweep and the purge cover interest forms; the demo data."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command, load_command_class
from django.utils import timezone

from involvement.demo_data import seed_involvement
from involvement.models import InterestStatusChange, InterestSubmission
from tests.workshops.helpers import make_request
from workshops.models import WorkshopRequest

from .helpers import EMAIL, make_submission

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_sweep_sends_pending_forms_and_says_so_for_each_kind(today, settings):
    waiting = make_submission(confirmation_sent_at=None, mailbox_notified_at=None)
    InterestSubmission.objects.filter(pk=waiting.pk).update(
        created=timezone.now()
        - datetime.timedelta(seconds=settings.INVOLVEMENT_EMAIL_SWEEP_AFTER + 60)
    )
    out = run("send_pending_notifications")
    assert "Interest forms: 1 form(s) notified, 0 still pending." in out
    assert "Workshop requests: 0 request(s) notified, 0 still pending." in out
    assert sorted(m.to[0] for m in mail.outbox) == sorted([EMAIL, "OCEPMailbox@acs.nyc.gov"])
    assert "Interest forms: 0 form(s) notified" in run("send_pending_notifications")


def test_the_sweep_names_each_kinds_window_in_its_help():
    command = load_command_class("core", "send_pending_notifications")
    parser = command.create_parser("manage.py", "send_pending_notifications")
    help_text = " ".join(parser.format_help().split())
    assert "INVOLVEMENT_EMAIL_SWEEP_AFTER" in help_text
    assert "WORKSHOP_EMAIL_SWEEP_AFTER" in help_text


@pytest.fixture
def aged(today):
    now = timezone.now()
    old = now - datetime.timedelta(days=366)
    recent = now - datetime.timedelta(days=300)
    forms = {
        "old_connected": make_submission(status="connected", closed_at=old),
        "old_closed": make_submission(status="closed", closed_at=old),
        "recent_closed": make_submission(status="closed", closed_at=recent),
        "open": make_submission(status="contacted"),
    }
    InterestSubmission.objects.filter(pk=forms["open"].pk).update(
        created=now - datetime.timedelta(days=1500)
    )
    InterestStatusChange.objects.create(
        submission=forms["old_closed"], from_status="new", to_status="closed"
    )
    return forms


def test_a_dry_run_lists_references_only_and_deletes_nothing(aged):
    out = run("purge_submissions", "--dry-run")
    assert aged["old_connected"].reference in out
    assert aged["old_closed"].reference in out
    assert aged["recent_closed"].reference not in out
    assert "2 closed form(s) older than 365 days would be deleted" in out
    assert EMAIL not in out
    assert InterestSubmission.objects.count() == 4


def test_purge_deletes_closed_forms_past_retention_and_their_history(aged):
    old_workshop_request = make_request(
        status="completed", closed_at=timezone.now() - datetime.timedelta(days=731)
    )
    out = run("purge_submissions")
    assert "Deleted 2 closed form(s) older than 365 days." in out
    assert "Deleted 1 closed request(s) older than 730 days." in out
    assert set(InterestSubmission.objects.values_list("pk", flat=True)) == {
        aged["recent_closed"].pk,
        aged["open"].pk,
    }
    assert not InterestStatusChange.objects.exists()
    assert not WorkshopRequest.objects.filter(pk=old_workshop_request.pk).exists()


def test_the_old_purge_command_still_purges_workshop_requests_only(aged):
    out = run("purge_workshop_requests")
    assert "Deleted 0 closed request(s)" in out
    assert "form(s)" not in out
    assert InterestSubmission.objects.count() == 4


def test_the_retention_period_follows_the_setting(aged, settings):
    settings.INVOLVEMENT_RETENTION_DAYS = 30
    assert "Deleted 3 closed form(s) older than 30 days." in run("purge_submissions")


# Demo data


def test_seed_adds_sample_forms_once_that_reach_no_one():
    created = seed_involvement()
    assert created == InterestSubmission.objects.count() >= 3
    assert seed_involvement() == 0
    assert mail.outbox == []
    assert not InterestSubmission.objects.unnotified().exists()
    statuses = set(InterestSubmission.objects.values_list("status", flat=True))
    assert {"new", "contacted", "connected", "closed"} <= statuses
    for submission in InterestSubmission.objects.all():
        assert submission.reference.startswith("GI-")
        assert submission.email.endswith("@example.org") or "555-01" in submission.phone
        assert submission.ways
        submission.full_clean()


def test_seed_demo_also_seeds_interest_forms():
    out = run("seed_demo")
    assert "Get involved demo data ready" in out
    assert InterestSubmission.objects.filter(partnership__slug="highbridge").exists()
