"""Coordinators take workshop requests and interest forms with "Assign to me", on the record."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.submissions import services
from involvement.services import KIND as INTEREST
from tests.involvement.helpers import make_submission
from tests.pages import plain
from tests.signin import sign_in_staff, staff_in
from tests.workshops.helpers import make_request
from workshops.services import KIND as WORKSHOP

pytestmark = pytest.mark.django_db

# Each kind: its factory, its admin's URL name, how a list names one and many.
KINDS = {
    "workshop requests": (make_request, "workshops_workshoprequest", WORKSHOP),
    "interest forms": (make_submission, "involvement_interestsubmission", INTEREST),
}


@pytest.fixture(params=list(KINDS))
def kind(request):
    return KINDS[request.param]


def changelist(kind) -> str:
    return reverse(f"admin:{kind[1]}_changelist")


def change_url(kind, submission) -> str:
    return reverse(f"admin:{kind[1]}_change", args=[submission.pk])


def assign_to_me(client, kind, *submissions):
    return client.post(
        changelist(kind),
        {"action": "assign_to_me", ACTION_CHECKBOX_NAME: [s.pk for s in submissions]},
        follow=True,
    )


def messages_on(response) -> list[str]:
    return [plain(m) for m in re.findall(r"<li[^>]*>(.*?)</li>", _messagelist(response), re.S)]


def _messagelist(response) -> str:
    found = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    return found[1] if found else ""


def test_assign_to_me_is_offered_in_the_list(coordinator_client, kind):
    kind[0]()
    html = coordinator_client.get(changelist(kind)).content.decode()
    assert '<option value="assign_to_me">Assign the selected' in html
    assert "to me</option>" in html


def test_assign_to_me_gives_each_selected_one_to_me_and_records_it_once(
    coordinator_client, coordinator, kind
):
    make, _url, _kind = kind
    first, second, other = make(), make(), make()
    response = assign_to_me(coordinator_client, kind, first, second)
    assert response.status_code == 200
    assert len(messages_on(response)) == 1
    assert messages_on(response)[0].startswith("2 ")
    assert messages_on(response)[0].endswith(" assigned to you.")
    for submission in (first, second):
        submission.refresh_from_db()
        assert submission.assigned_to == coordinator
        step = submission.status_changes.get()
        assert (step.changed_by, step.assigned_to) == (coordinator, coordinator)
        # The status stays where it was.
        assert step.from_status == step.to_status == submission.status == "new"
    other.refresh_from_db()
    assert other.assigned_to is None
    assert not other.status_changes.exists()


def test_the_history_on_the_form_says_who_took_it(coordinator_client, kind):
    submission = kind[0]()
    assign_to_me(coordinator_client, kind, submission)
    page = plain(coordinator_client.get(change_url(kind, submission)).content.decode())
    assert "Status history" in page
    assert "Assigned to coordinator" in page


def test_assigning_again_what_i_have_already_records_nothing(coordinator_client, coordinator, kind):
    mine, new = kind[0](), kind[0]()
    assign_to_me(coordinator_client, kind, mine)
    response = assign_to_me(coordinator_client, kind, mine, new)
    assert messages_on(response)[0].startswith("1 ")
    assert messages_on(response)[1] == "1 was assigned to you already."
    assert mine.status_changes.count() == 1
    assert new.status_changes.count() == 1


def test_taking_one_from_a_colleague_keeps_both_steps(
    coordinator_client, coordinator, django_user_model, kind
):
    colleague = staff_in(django_user_model, "OCEP workshop coordinators", "colleague")
    submission = kind[0]()
    services.assign(kind[2], submission=submission, to=colleague, by=colleague)
    assign_to_me(coordinator_client, kind, submission)
    submission.refresh_from_db()
    assert submission.assigned_to == coordinator
    assert [(s.changed_by, s.assigned_to) for s in submission.status_changes.all()] == [
        (colleague, colleague),
        (coordinator, coordinator),
    ]


def test_assigning_on_the_change_form_is_recorded_the_same_way(
    coordinator_client, coordinator, kind
):
    submission = kind[0]()
    data = {
        "status": "new",
        "assigned_to": str(coordinator.pk),
        "staff_notes": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    if kind[1].startswith("workshops"):
        data.update({"scheduled_for_0": "", "scheduled_for_1": ""})
    response = coordinator_client.post(change_url(kind, submission), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    step = submission.status_changes.get()
    assert (step.changed_by, step.assigned_to) == (coordinator, coordinator)
    data.update({"assigned_to": "", "status_changes-INITIAL_FORMS": "1"})
    coordinator_client.post(change_url(kind, submission), data)
    submission.refresh_from_db()
    assert submission.assigned_to is None
    last = submission.status_changes.last()
    assert (last.changed_by, last.assigned_to, str(last)) == (
        coordinator,
        None,
        "No longer assigned",
    )


# Who may


def test_staff_who_can_only_view_are_not_offered_it_and_cannot_post_it(
    client, django_user_model, kind
):
    model_name = kind[1].split("_", 1)[1]
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename=f"view_{model_name}"))
    sign_in_staff(client, viewer)
    submission = kind[0]()
    html = client.get(changelist(kind)).content.decode()
    assert "assign_to_me" not in html
    assign_to_me(client, kind, submission)
    submission.refresh_from_db()
    assert submission.assigned_to is None
    assert not submission.status_changes.exists()


def test_an_editor_of_listings_cannot_assign_submissions(editor_client, kind):
    submission = kind[0]()
    response = editor_client.post(
        changelist(kind), {"action": "assign_to_me", ACTION_CHECKBOX_NAME: [submission.pk]}
    )
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.assigned_to is None


def test_people_without_staff_access_are_sent_to_sign_in(client, django_user_model, kind):
    client.force_login(django_user_model.objects.create_user("resident", password="pw"))
    submission = kind[0]()
    response = client.post(
        changelist(kind), {"action": "assign_to_me", ACTION_CHECKBOX_NAME: [submission.pk]}
    )
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    submission.refresh_from_db()
    assert submission.assigned_to is None
