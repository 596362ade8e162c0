"""Staff cancel or move one date from the series list, in a short form, and residents see it."""

import datetime
import re

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingChange
from tests.factories import make_change, make_partnership, make_series, noon_in_new_york
from tests.pages import plain
from tests.signin import sign_in_staff, staff_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

CHANGELIST = reverse("admin:meetings_meetingseries_changelist")
MEETINGS = "/meetings/"
D = datetime.date


@pytest.fixture
def frozen():
    # Monday 23 November 2026: the series' next second Tuesday is 8 December.
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


@pytest.fixture
def series():
    return make_series(partnership=make_partnership(name="Highbridge"), slug="highbridge-monthly")


@pytest.fixture
def editor(django_user_model):
    return staff_in(django_user_model, "OCEP editors", "editor")


@pytest.fixture
def editor_client(client, editor):
    sign_in_staff(client, editor)
    return client


def cancel_url(series) -> str:
    return reverse("admin:meetings_meetingseries_cancel_date", args=[series.pk])


def move_url(series) -> str:
    return reverse("admin:meetings_meetingseries_move_date", args=[series.pk])


def offered_dates(html: str) -> list[str]:
    select = re.search(r'<select name="original_date"[^>]*>(.*?)</select>', html, flags=re.S)
    return re.findall(r'<option value="([\d-]+)"', select.group(1))


def meeting_text_on(response, day: datetime.date) -> str:
    """The visible text of the meeting listed on `day` on the public list."""
    html = response.content.decode()
    for block in re.findall(r'<li class="meeting[^"]*">(.*?)</li>', html, flags=re.S):
        if f'<time datetime="{day.isoformat()}' in block:
            return plain(block)
    raise AssertionError(f"no meeting listed on {day}")


def messages_on(response) -> str:
    return plain(
        re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)[1]
    )


# Cancel


def test_the_list_links_each_series_to_its_two_quick_forms(editor_client, series):
    html = editor_client.get(CHANGELIST).content.decode()
    assert f'<a href="{cancel_url(series)}">Cancel one date…</a>' in html
    assert f'<a href="{move_url(series)}">Move one date…</a>' in html


def test_the_cancel_form_offers_the_next_eight_dates_of_the_series(editor_client, series):
    make_change(series, D(2027, 1, 12), "cancelled")
    response = editor_client.get(cancel_url(series))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel one date of Highbridge: Monthly partnership meeting" in html
    # Second Tuesdays, without 12 January, which is cancelled already and said so.
    assert offered_dates(html) == [
        "2026-12-08",
        "2027-02-09",
        "2027-03-09",
        "2027-04-13",
        "2027-05-11",
        "2027-06-08",
        "2027-07-13",
        "2027-08-10",
    ]
    assert "Tuesday, Dec. 8, 2026, 6:00–8:00 PM" in html
    assert "Tuesday, Jan. 12, 2027: Cancelled" in plain(html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="id_note" class="required">Note for residents:</label>' in html


def test_no_date_is_chosen_until_staff_choose_one(editor_client, series):
    html = editor_client.get(cancel_url(series)).content.decode()
    assert '<option value="" selected>---------</option>' in html
    assert "This series has no coming date to change." not in html


def test_a_series_that_has_ended_says_it_has_no_date_to_change(editor_client):
    ended = make_series(until=D(2026, 6, 30))
    html = editor_client.get(cancel_url(ended)).content.decode()
    assert offered_dates(html) == []
    assert "This series has no coming date to change." in html


def test_cancelling_a_date_saves_one_change_and_residents_see_it_on_the_next_request(
    editor_client, series
):
    public = Client()
    before = public.get(MEETINGS)  # the page is in the page cache now
    assert "Cancelled" not in meeting_text_on(before, D(2026, 12, 8))

    response = editor_client.post(
        cancel_url(series),
        {"original_date": "2026-12-08", "note": "The library is closed for repairs."},
        follow=True,
    )
    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert messages_on(response) == (
        "The meeting of Dec. 8, 2026 of “Highbridge: Monthly partnership meeting” is cancelled. "
        "The site shows it now."
    )
    change = MeetingChange.objects.get()
    assert (change.series, change.original_date, change.kind) == (
        series,
        D(2026, 12, 8),
        "cancelled",
    )
    assert change.note_en == "The library is closed for repairs."

    after = meeting_text_on(public.get(MEETINGS), D(2026, 12, 8))
    assert "Cancelled" in after
    assert "The library is closed for repairs." in after


def test_who_cancelled_is_in_the_history_of_the_series_and_of_the_change(
    editor_client, editor, series
):
    editor_client.post(cancel_url(series), {"original_date": "2026-12-08", "note": "Holiday"})
    change = MeetingChange.objects.get()
    on_change = LogEntry.objects.get(object_id=str(change.pk), content_type__model="meetingchange")
    assert (on_change.user, on_change.action_flag) == (editor, ADDITION)
    on_series = LogEntry.objects.get(object_id=str(series.pk), content_type__model="meetingseries")
    assert (on_series.user, on_series.action_flag) == (editor, CHANGE)
    assert on_series.get_change_message() == "Added change to one date “Cancelled: 2026-12-08”."
    history = editor_client.get(reverse("admin:meetings_meetingseries_history", args=[series.pk]))
    assert "editor" in plain(history.content.decode())


def test_a_date_that_is_not_a_meeting_of_the_series_is_refused(editor_client, series):
    # 9 December is a Wednesday: a forged form, since the page never offers it.
    response = editor_client.post(
        cancel_url(series), {"original_date": "2026-12-09", "note": "Holiday"}
    )
    assert response.status_code == 200
    assert "Dec. 9, 2026 is not a meeting date of this series: choose one listed." in plain(
        response.content.decode()
    )
    assert not MeetingChange.objects.exists()


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-11-10", "Nov. 10, 2026 has passed: choose one of the coming dates."),
        ("next tuesday", "Choose one of the dates listed."),
        ("", "This field is required."),
    ],
)
def test_a_past_or_garbled_date_is_refused(editor_client, series, value, message):
    response = editor_client.post(cancel_url(series), {"original_date": value, "note": "Holiday"})
    assert message in plain(response.content.decode())
    assert not MeetingChange.objects.exists()


def test_a_date_that_already_has_a_change_is_refused_and_explained(editor_client, series):
    make_change(series, D(2026, 12, 8), "moved", new_date=D(2026, 12, 10))
    response = editor_client.post(
        cancel_url(series), {"original_date": "2026-12-08", "note": "Holiday"}
    )
    assert (
        "Dec. 8, 2026 already has a change (Moved). Open the series to edit or remove it."
        in plain(response.content.decode())
    )
    assert MeetingChange.objects.get().kind == "moved"


def test_the_note_for_residents_is_required(editor_client, series):
    response = editor_client.post(cancel_url(series), {"original_date": "2026-12-08", "note": ""})
    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()
    assert not MeetingChange.objects.exists()


# Move


def test_moving_a_date_to_another_day_and_time_keeps_the_meetings_length(editor_client, series):
    public = Client()
    public.get(MEETINGS)
    response = editor_client.post(
        move_url(series),
        {
            "original_date": "2026-12-08",
            "new_date": "2026-12-10",
            "new_start_time": "17:30",
            "note": "The room is taken on Tuesday.",
        },
        follow=True,
    )
    assert messages_on(response) == (
        "The meeting of Dec. 8, 2026 of “Highbridge: Monthly partnership meeting” is moved to "
        "Dec. 10, 2026, 5:30–7:30 PM. The site shows it now."
    )
    change = MeetingChange.objects.get()
    assert (change.kind, change.new_date) == ("moved", D(2026, 12, 10))
    assert (change.new_start_time, change.new_end_time) == (
        datetime.time(17, 30),
        datetime.time(19, 30),
    )
    moved = meeting_text_on(public.get(MEETINGS), D(2026, 12, 10))
    assert "Moved from Dec. 8, 2026" in moved
    assert "The room is taken on Tuesday." in moved


def test_moving_to_the_same_date_and_time_is_refused(editor_client, series):
    response = editor_client.post(
        move_url(series),
        {"original_date": "2026-12-08", "new_date": "2026-12-08", "note": "Nothing new"},
    )
    assert "Give a new date or a new start time to move the meeting." in plain(
        response.content.decode()
    )
    assert not MeetingChange.objects.exists()


def test_a_new_start_time_that_would_end_after_midnight_is_refused(editor_client, series):
    response = editor_client.post(
        move_url(series),
        {
            "original_date": "2026-12-08",
            "new_date": "2026-12-10",
            "new_start_time": "23:00",
            "note": "Late",
        },
    )
    assert "The meeting would end after midnight." in plain(response.content.decode())
    assert not MeetingChange.objects.exists()


# Who may


def test_staff_without_the_permission_to_add_changes_get_403_and_no_links(
    client, django_user_model, series
):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_meetingseries", "change_meetingseries"])
    )
    sign_in_staff(client, clerk)
    html = client.get(CHANGELIST).content.decode()
    assert "Highbridge" in html
    assert "Cancel one date…" not in html
    assert client.get(cancel_url(series)).status_code == 403
    response = client.post(move_url(series), {"original_date": "2026-12-08", "note": "x"})
    assert response.status_code == 403
    assert not MeetingChange.objects.exists()


def test_the_editors_group_holds_the_permission_the_quick_forms_need(editor):
    assert editor.has_perm("meetings.add_meetingchange")
    assert editor.has_perm("meetings.change_meetingseries")


def test_people_without_staff_access_are_sent_to_sign_in(django_user_model, series):
    resident = django_user_model.objects.create_user("resident", password="pw")
    client = Client()
    client.force_login(resident)
    response = client.post(cancel_url(series), {"original_date": "2026-12-08", "note": "x"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Client().get(cancel_url(series)).status_code == 302
    assert not MeetingChange.objects.exists()


def test_the_form_refuses_a_post_without_its_csrf_token(editor, series):
    client = Client(enforce_csrf_checks=True)
    sign_in_staff(client, editor)
    response = client.post(cancel_url(series), {"original_date": "2026-12-08", "note": "x"})
    assert response.status_code == 403
    assert not MeetingChange.objects.exists()


def test_an_unknown_series_is_not_found(editor_client):
    assert (
        editor_client.get(
            reverse("admin:meetings_meetingseries_cancel_date", args=[999])
        ).status_code
        == 404
    )
