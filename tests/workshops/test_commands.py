"""send_pending_notifications, purge_workshop_requests and the workshop demo data."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command, load_command_class
from django.utils import timezone

from workshops.demo_data import seed_workshops
from workshops.models import AcsProgram, WorkshopRequest, WorkshopStatusChange, WorkshopTopic

from .helpers import CONTACT_EMAIL, CONTACT_NAME, MAILBOX, make_request

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# send_pending_notifications (the sweep)


def submitted_ago(seconds: float, **fields):
    """A request created ``seconds`` ago, its e-mails unsent unless ``fields`` say otherwise."""
    fields = {"confirmation_sent_at": None, "mailbox_notified_at": None, **fields}
    workshop_request = make_request(**fields)
    WorkshopRequest.objects.filter(pk=workshop_request.pk).update(
        created=timezone.now() - datetime.timedelta(seconds=seconds)
    )
    return workshop_request


def test_pending_notifications_are_sent_once_across_runs(today, settings):
    waiting = submitted_ago(settings.WORKSHOP_EMAIL_SWEEP_AFTER + 60)
    make_request()  # already notified: nothing to send
    assert "1 request(s) notified, 0 still pending." in run("send_pending_notifications")
    assert "0 request(s) notified, 0 still pending." in run("send_pending_notifications")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([CONTACT_EMAIL, MAILBOX])
    assert all(waiting.reference in m.subject for m in mail.outbox)


def test_the_sweep_leaves_requests_inside_the_retry_window_to_their_task(today, settings):
    assert settings.WORKSHOP_EMAIL_SWEEP_AFTER == 3600
    submitted_ago(3500)
    old = submitted_ago(3700)
    assert "1 request(s) notified, 0 still pending." in run("send_pending_notifications")
    assert [m.to for m in mail.outbox] == [[CONTACT_EMAIL], [MAILBOX]]
    assert all(old.reference in m.subject for m in mail.outbox)
    assert WorkshopRequest.objects.unnotified().count() == 1

    settings.WORKSHOP_EMAIL_SWEEP_AFTER = 60
    assert "1 request(s) notified, 0 still pending." in run("send_pending_notifications")
    assert not WorkshopRequest.objects.unnotified().exists()


def test_the_sweep_says_in_its_help_what_it_leaves_to_the_task():
    command = load_command_class("core", "send_pending_notifications")
    help_text = " ".join(
        command.create_parser("manage.py", "send_pending_notifications").format_help().split()
    )
    assert "WORKSHOP_EMAIL_SWEEP_AFTER" in help_text
    assert "left to their" in help_text


def test_a_still_broken_server_keeps_requests_pending(today, settings):
    settings.EMAIL_BACKEND = "tests.workshops.helpers.BrokenMailServer"
    submitted_ago(settings.WORKSHOP_EMAIL_SWEEP_AFTER + 60, confirmation_sent_at=timezone.now())
    assert "0 request(s) notified, 1 still pending." in run("send_pending_notifications")
    assert WorkshopRequest.objects.unnotified().count() == 1


# purge_workshop_requests


@pytest.fixture
def aged_requests(today):
    now = timezone.now()
    old = now - datetime.timedelta(days=731)
    recent = now - datetime.timedelta(days=700)
    requests = {
        "old_completed": make_request(status="completed", closed_at=old),
        "old_withdrawn": make_request(status="withdrawn", closed_at=old),
        "recent_declined": make_request(status="declined", closed_at=recent),
        "open": make_request(status="in_review"),
    }
    WorkshopRequest.objects.filter(pk=requests["open"].pk).update(
        created=now - datetime.timedelta(days=1500)
    )
    WorkshopStatusChange.objects.create(
        request=requests["old_completed"], from_status="new", to_status="completed"
    )
    return requests


def test_a_dry_run_lists_references_only_and_deletes_nothing(aged_requests):
    out = run("purge_workshop_requests", "--dry-run")
    assert aged_requests["old_completed"].reference in out
    assert aged_requests["old_withdrawn"].reference in out
    assert aged_requests["recent_declined"].reference not in out
    assert "2 closed request(s) older than 730 days would be deleted" in out
    assert CONTACT_NAME not in out and CONTACT_EMAIL not in out
    assert WorkshopRequest.objects.count() == 4


def test_purge_deletes_only_closed_requests_past_retention(aged_requests):
    out = run("purge_workshop_requests")
    assert "Deleted 2 closed request(s) older than 730 days." in out
    assert set(WorkshopRequest.objects.values_list("pk", flat=True)) == {
        aged_requests["recent_declined"].pk,
        aged_requests["open"].pk,
    }
    assert not WorkshopStatusChange.objects.exists()
    assert "Deleted 0 closed request(s)" in run("purge_workshop_requests")


def test_the_retention_period_follows_the_setting(aged_requests, settings):
    settings.WORKSHOP_REQUEST_RETENTION_DAYS = 30
    assert "Deleted 3 closed request(s) older than 30 days." in run("purge_workshop_requests")


# Demo data


def test_seed_adds_sample_topics_programs_and_requests_once():
    created = seed_workshops()
    assert created == WorkshopTopic.objects.count() + AcsProgram.objects.count() + 5
    assert WorkshopTopic.objects.count() >= 4
    assert not WorkshopTopic.objects.filter(is_sample_data=False).exists()
    assert not AcsProgram.objects.filter(is_sample_data=False).exists()
    assert WorkshopRequest.objects.count() == 5
    assert seed_workshops() == 0
    assert WorkshopRequest.objects.count() == 5


def test_sample_requests_reach_no_one_and_cover_several_statuses():
    seed_workshops()
    assert mail.outbox == []
    assert not WorkshopRequest.objects.unnotified().exists()
    statuses = set(WorkshopRequest.objects.values_list("status", flat=True))
    assert {"new", "in_review", "scheduled", "completed", "declined"} <= statuses
    for workshop_request in WorkshopRequest.objects.all():
        assert workshop_request.contact_email.endswith("@example.org")
        assert "555-01" in workshop_request.contact_phone
        assert workshop_request.reference.startswith("WR-")
        assert workshop_request.topics.exists()
        workshop_request.full_clean()
    scheduled = WorkshopRequest.objects.get(status="scheduled")
    assert scheduled.scheduled_for is not None
    assert scheduled.status_changes.count() == 2


def test_seed_keeps_staff_edits():
    seed_workshops()
    WorkshopTopic.objects.filter(name="How ACS works").update(description="Edited by staff")
    seed_workshops()
    assert WorkshopTopic.objects.get(name="How ACS works").description == "Edited by staff"


def test_seed_demo_also_seeds_the_workshops():
    out = run("seed_demo")
    assert "Workshop demo data ready" in out
    assert WorkshopRequest.objects.count() == 5
