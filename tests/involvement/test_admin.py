"""Staff follow-up: coordinators see interest forms, editors do not; everything is recorded."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from involvement.models import Status

from .helpers import EMAIL, make_submission

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:involvement_interestsubmission_changelist")


def change_url(submission) -> str:
    return reverse("admin:involvement_interestsubmission_change", args=[submission.pk])


def follow_up_form(submission, **changes) -> dict:
    data = {
        "status": submission.status,
        "assigned_to": "",
        "staff_notes": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": str(submission.status_changes.count()),
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    submission = make_submission()
    for url in (CHANGELIST, change_url(submission)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_an_editor_of_listings_cannot_see_interest_forms(editor_client):
    submission = make_submission()
    assert editor_client.get(CHANGELIST).status_code == 403
    assert editor_client.get(change_url(submission)).status_code == 403
    assert "Interest forms" not in editor_client.get("/admin/").content.decode()
    response = editor_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [submission.pk]}
    )
    assert response.status_code == 403


def test_a_coordinator_sees_interest_forms_but_cannot_add_or_delete_them(coordinator_client):
    submission = make_submission(name="Visible Resident")
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert submission.reference in html
    assert "Come to a Community Partnership meeting" in html
    assert coordinator_client.get(change_url(submission)).status_code == 200
    assert "Interest forms" in coordinator_client.get("/admin/").content.decode()
    delete = reverse("admin:involvement_interestsubmission_delete", args=[submission.pk])
    assert coordinator_client.get(delete).status_code == 403
    add = reverse("admin:involvement_interestsubmission_add")
    assert coordinator_client.get(add).status_code == 403


def test_the_coordinators_group_has_exactly_these_permissions_on_interest_forms():
    group = Group.objects.get(name="OCEP workshop coordinators")
    granted = group.permissions.filter(content_type__app_label="involvement")
    assert set(granted.values_list("codename", flat=True)) == {
        "view_interestsubmission",
        "change_interestsubmission",
        "view_intereststatuschange",
    }


def test_the_editors_group_gained_nothing_from_involvement():
    group = Group.objects.get(name="OCEP editors")
    assert not group.permissions.filter(content_type__app_label="involvement").exists()


def test_a_coordinator_assigns_and_moves_a_form_and_history_records_it(
    coordinator_client, coordinator
):
    submission = make_submission()
    response = coordinator_client.post(
        change_url(submission),
        follow_up_form(
            submission,
            status="contacted",
            assigned_to=str(coordinator.pk),
            staff_notes="Called back, will come in May.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    submission.refresh_from_db()
    assert submission.status == Status.CONTACTED
    assert submission.assigned_to == coordinator
    # Two steps, each with who made it: the new status, then the assignment.
    status_step, assignment = submission.status_changes.all()
    assert (status_step.from_status, status_step.to_status, status_step.changed_by) == (
        "new",
        "contacted",
        coordinator,
    )
    assert (assignment.assigned_to, assignment.changed_by) == (coordinator, coordinator)
    page = coordinator_client.get(change_url(submission)).content.decode()
    assert "Status history" in page
    assert "Called back, will come in May." in page


def test_connecting_a_person_closes_the_form_for_the_purge(coordinator_client):
    submission = make_submission()
    coordinator_client.post(change_url(submission), follow_up_form(submission, status="connected"))
    submission.refresh_from_db()
    assert submission.closed_at is not None


def test_the_persons_answers_are_read_only(coordinator_client):
    submission = make_submission(name="Original Name")
    coordinator_client.post(change_url(submission), follow_up_form(submission, name="Changed"))
    submission.refresh_from_db()
    assert submission.name == "Original Name"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "GI-"},
        {"q": EMAIL},
        {"status__exact": "new"},
        {"way": "meetings"},
        {"borough__exact": "bronx"},
        {"notified": "yes"},
    ],
)
def test_filters_and_search_work(coordinator_client, params):
    submission = make_submission()
    response = coordinator_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert submission.reference in response.content.decode()


def test_the_way_filter_finds_forms_by_what_they_want(coordinator_client):
    volunteer = make_submission(way_meetings=False, way_volunteer=True)
    other = make_submission()
    html = coordinator_client.get(CHANGELIST, {"way": "volunteer"}).content.decode()
    assert volunteer.reference in html
    assert other.reference not in html


def test_the_csv_export_holds_the_selected_forms_and_defuses_formulas(coordinator_client):
    chosen = make_submission(name="=HYPERLINK(1)", message="@SUM(1+1)", way_idea=True)
    make_submission(name="Not selected")
    response = coordinator_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="interest-forms-' in response["Content-Disposition"]
    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["reference"] == chosen.reference
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["message"] == "'@SUM(1+1)"
    assert row["e-mail"] == EMAIL
    assert row["would like to"] == "Come to a Community Partnership meeting; Share an idea"
    assert row["status"] == "New"


def test_the_export_action_names_the_model(coordinator_client):
    make_submission()
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert "Export the selected interest forms to CSV" in html


def test_a_superuser_opens_the_changelist_and_a_form(staff_client):
    submission = make_submission()
    assert staff_client.get(CHANGELIST, {"q": "a"}).status_code == 200
    assert staff_client.get(change_url(submission)).status_code == 200
