"""Staff triage: only coordinators and superusers see requests; everything is recorded."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.conftest import staff_in
from workshops.models import Status, WorkshopRequest

from .helpers import CONTACT_EMAIL, make_program, make_request, make_topic

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshoprequest_changelist")


def change_url(workshop_request) -> str:
    return reverse("admin:workshops_workshoprequest_change", args=[workshop_request.pk])


def triage_form(workshop_request, **changes) -> dict:
    data = {
        "status": workshop_request.status,
        "assigned_to": "",
        "scheduled_for_0": "",
        "scheduled_for_1": "",
        "staff_notes": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": str(workshop_request.status_changes.count()),
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


# Who can see requests


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    workshop_request = make_request()
    for url in (CHANGELIST, change_url(workshop_request)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_an_editor_of_listings_cannot_see_requests(editor_client):
    workshop_request = make_request()
    assert editor_client.get(CHANGELIST).status_code == 403
    assert editor_client.get(change_url(workshop_request)).status_code == 403
    index = editor_client.get("/admin/").content.decode()
    assert "Workshop requests" not in index
    assert "Community Partnerships" in index


def test_an_editor_cannot_export_requests(editor_client):
    workshop_request = make_request()
    response = editor_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [workshop_request.pk]}
    )
    assert response.status_code == 403


def test_a_coordinator_sees_requests_newest_first(coordinator_client):
    older = make_request(organization_name="Older Org")
    newer = make_request(organization_name="Newer Org")
    WorkshopRequest.objects.filter(pk=older.pk).update(
        created=timezone.now() - datetime.timedelta(days=2)
    )
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert html.index(newer.reference) < html.index(older.reference)
    assert coordinator_client.get(change_url(newer)).status_code == 200
    index = coordinator_client.get("/admin/").content.decode()
    assert "Workshop requests" in index
    assert "Community Partnerships" not in index


def test_a_coordinator_cannot_delete_or_add_requests(coordinator_client):
    workshop_request = make_request()
    delete = reverse("admin:workshops_workshoprequest_delete", args=[workshop_request.pk])
    assert coordinator_client.get(delete).status_code == 403
    add = reverse("admin:workshops_workshoprequest_add")
    assert coordinator_client.get(add).status_code == 403


def test_the_coordinators_group_has_exactly_these_workshop_permissions():
    group = Group.objects.get(name="OCEP workshop coordinators")
    workshops = group.permissions.filter(content_type__app_label="workshops")
    assert set(workshops.values_list("codename", flat=True)) == {
        "view_workshoprequest",
        "change_workshoprequest",
        "view_workshopstatuschange",
        "add_workshoptopic",
        "change_workshoptopic",
        "view_workshoptopic",
        "add_acsprogram",
        "change_acsprogram",
        "view_acsprogram",
    }


def test_the_editors_group_gained_nothing_from_workshops():
    group = Group.objects.get(name="OCEP editors")
    assert not group.permissions.filter(content_type__app_label="workshops").exists()


# Triage


def test_a_coordinator_assigns_schedules_and_moves_a_request_and_history_records_it(
    coordinator_client, coordinator
):
    workshop_request = make_request()
    response = coordinator_client.post(
        change_url(workshop_request),
        triage_form(
            workshop_request,
            status="scheduled",
            assigned_to=str(coordinator.pk),
            scheduled_for_0="2026-04-14",
            scheduled_for_1="18:00",
            staff_notes="Confirmed by phone.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop_request.refresh_from_db()
    assert workshop_request.status == Status.SCHEDULED
    assert workshop_request.assigned_to == coordinator
    assert timezone.localtime(workshop_request.scheduled_for).hour == 18
    # Two steps, each with who made it: the new status, then the assignment.
    status_step, assignment = workshop_request.status_changes.all()
    assert (status_step.from_status, status_step.to_status, status_step.changed_by) == (
        "new",
        "scheduled",
        coordinator,
    )
    assert (assignment.assigned_to, assignment.changed_by) == (coordinator, coordinator)
    page = coordinator_client.get(change_url(workshop_request)).content.decode()
    assert "Status history" in page
    assert "Confirmed by phone." in page


def test_scheduling_without_a_date_is_explained(coordinator_client):
    workshop_request = make_request()
    response = coordinator_client.post(
        change_url(workshop_request), triage_form(workshop_request, status="scheduled")
    )
    assert response.status_code == 200
    assert "Enter the date and time the workshop is scheduled for." in response.content.decode()
    assert workshop_request.status_changes.count() == 0


def test_only_coordinators_and_superusers_can_be_assigned(
    coordinator_client, coordinator, django_user_model
):
    staff_in(django_user_model, "OCEP editors", "an_editor")
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    html = coordinator_client.get(change_url(make_request())).content.decode()
    assert ">coordinator</option>" in html
    assert ">boss</option>" in html
    assert "an_editor" not in html


def test_the_requesters_answers_are_read_only(coordinator_client):
    workshop_request = make_request(organization_name="Original Org")
    coordinator_client.post(
        change_url(workshop_request),
        triage_form(workshop_request, organization_name="Changed Org"),
    )
    workshop_request.refresh_from_db()
    assert workshop_request.organization_name == "Original Org"


def test_unnotified_requests_are_flagged_and_filterable(coordinator_client):
    make_request(organization_name="Notified Org")
    make_request(organization_name="Waiting Org", confirmation_sent_at=None)
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert html.count('alt="False"') == 1
    waiting = coordinator_client.get(CHANGELIST, {"notified": "no"}).content.decode()
    assert "Waiting Org" in waiting
    assert "Notified Org" not in waiting


@pytest.mark.parametrize(
    "params",
    [
        {"q": "WR-"},
        {"q": CONTACT_EMAIL},
        {"status__exact": "new"},
        {"borough__exact": "bronx"},
        {"created__gte": "2020-01-01 00:00:00+00:00"},
        {"notified": "yes"},
    ],
)
def test_filters_and_search_work(coordinator_client, params):
    make_request(organization_name="Findable Org")
    response = coordinator_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert "Findable Org" in response.content.decode()


def test_the_topic_filter_finds_requests_by_topic(coordinator_client):
    topic = make_topic(name="Foster care")
    make_request(organization_name="Foster Org", topics=[topic])
    make_request(organization_name="Other Org")
    html = coordinator_client.get(CHANGELIST, {"topics__id__exact": topic.pk}).content.decode()
    assert "Foster Org" in html
    assert "Other Org" not in html


# CSV export


def test_the_csv_export_holds_the_selected_requests_and_defuses_formulas(coordinator_client):
    topic = make_topic(name="How ACS works")
    chosen = make_request(
        organization_name='=HYPERLINK("http://evil.example")',
        message="@SUM(1+1)",
        topics=[topic],
    )
    chosen.programs.set([make_program(name="Office of Advocacy")])
    make_request(organization_name="Not selected")
    response = coordinator_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["reference"] == chosen.reference
    assert row["organization"] == '\'=HYPERLINK("http://evil.example")'
    assert row["message"] == "'@SUM(1+1)"
    assert row["contact e-mail"] == CONTACT_EMAIL
    assert row["topics"] == "How ACS works"
    assert row["ACS programs"] == "Office of Advocacy"
    assert row["status"] == "New"


# Superusers and the other models


@pytest.mark.parametrize("model", ["workshoprequest", "workshoptopic", "acsprogram"])
def test_changelists_load_for_a_superuser(staff_client, model):
    make_request()
    url = reverse(f"admin:workshops_{model}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "a"}).status_code == 200


def test_a_superuser_opens_a_request(staff_client):
    assert staff_client.get(change_url(make_request())).status_code == 200


@pytest.mark.parametrize("model", ["workshoptopic", "acsprogram"])
def test_a_coordinator_adds_topics_and_programs(coordinator_client, model):
    url = reverse(f"admin:workshops_{model}_add")
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url, {"name": "Kinship care", "description": "", "is_active": "on", "order": "5"}
    )
    assert response.status_code == 302
    assert coordinator_client.get("/workshops/").content.decode().count("Kinship care") == 1
