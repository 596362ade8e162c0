"""Staff set up series, cancel and move dates, and see the next dates in the admin."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingChange, MeetingSeries
from tests.factories import (
    make_change,
    make_event,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.signin import sign_in_staff

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen"),
]
ADD = reverse("admin:meetings_meetingseries_add")
CHANGELIST = reverse("admin:meetings_meetingseries_changelist")


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


def series_form(partnership, changes=(), **overrides):
    """The add/change form as a browser would post it, with the inline changes."""
    data = {
        "partnership": partnership.pk,
        "title_en": "Monthly partnership meeting",
        "slug": "highbridge-monthly",
        "is_published": "on",
        # Monthly, every 1 month, on the second Tuesday: the lists' values.
        "freq": "MONTHLY",
        "interval": "1",
        "monthly_on": "weekday",
        "week": "2",
        "weekday": "1",
        "monthday": "",
        "start_time": "18:00",
        "end_time": "20:00",
        "timezone": "America/New_York",
        "valid_from": "2026-01-01",
        "until": "",
        "attending_type": "in_person",
        "venue_name": "Community room",
        "street_address": "1 Sample Street",
        "city": "Bronx",
        "postal_code": "10452",
        "wheelchair_access": "yes",
        "changes-TOTAL_FORMS": str(len(changes)),
        "changes-INITIAL_FORMS": "0",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "1000",
    }
    for i, change in enumerate(changes):
        for key, value in change.items():
            data[f"changes-{i}-{key}"] = value
    data.update(overrides)
    return data


@pytest.fixture
def partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


def test_changelist_search_add_and_change_pages_load(staff_client, partnership):
    series = make_series(partnership=partnership)
    make_change(series, datetime.date(2026, 12, 8))
    html = staff_client.get(CHANGELIST).content.decode()
    assert "Second Tuesday of every month, 6:00–8:00 PM" in html
    # The 8 December meeting is cancelled, so the next one is in January.
    assert "Jan. 12, 2027" in html
    assert staff_client.get(CHANGELIST, {"q": "highbridge"}).status_code == 200
    assert staff_client.get(ADD).status_code == 200
    change_url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    assert staff_client.get(change_url).status_code == 200


def test_change_form_shows_the_next_six_dates_with_their_changes(staff_client, partnership):
    series = make_series(partnership=partnership)
    make_change(series, datetime.date(2026, 12, 8), "cancelled")
    make_change(series, datetime.date(2027, 1, 12), "moved", new_date=datetime.date(2027, 1, 14))
    html = staff_client.get(
        reverse("admin:meetings_meetingseries_change", args=[series.pk])
    ).content.decode()
    assert "Tuesday, Dec. 8, 2026, 6:00–8:00 PM (Cancelled)" in html
    assert "Thursday, Jan. 14, 2027, 6:00–8:00 PM (Moved from Jan. 12, 2027)" in html
    assert "Tuesday, Feb. 9, 2027" in html
    assert "Tuesday, May 11, 2027" in html
    assert "June 8, 2027" not in html  # six dates, not seven


def test_add_page_offers_a_preview_of_the_dates_before_saving(staff_client):
    html = staff_client.get(ADD).content.decode()
    assert "Use “Preview the next dates” below, or save, to see them here." in html
    assert 'formaction="/admin/meetings/meetingseries/preview/" formtarget="_blank"' in html


PREVIEW = reverse("admin:meetings_meetingseries_preview")


def test_preview_lists_the_next_dates_as_typed_and_saves_nothing(staff_client, partnership):
    changes = [{"original_date": "2026-12-08", "kind": "cancelled"}]
    last_friday = {"week": "-1", "weekday": "4"}
    response = staff_client.post(PREVIEW, series_form(partnership, changes, **last_friday))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been saved" in html
    # Dec. 8 is not a last Friday: with the rule as typed, that change is refused.
    assert "2026-12-08 is not a meeting date of this series" in html
    changes = [{"original_date": "2026-11-27", "kind": "cancelled"}]
    html = staff_client.post(
        PREVIEW, series_form(partnership, changes, **last_friday)
    ).content.decode()
    assert "Friday, Nov. 27, 2026, 6:00–8:00 PM (Cancelled)" in html
    assert "Friday, Dec. 25, 2026, 6:00–8:00 PM</li>" in html
    assert "Friday, April 30, 2027" in html  # the sixth date
    assert not MeetingSeries.objects.exists()
    assert not MeetingChange.objects.exists()


def test_preview_of_a_saved_series_uses_the_edits_not_the_saved_rule(staff_client, partnership):
    series = make_series(partnership=partnership, slug="highbridge-monthly")
    make_change(series, datetime.date(2026, 12, 8), "cancelled")
    data = series_form(partnership, week="3")
    data.update(
        {
            "changes-TOTAL_FORMS": "1",
            "changes-INITIAL_FORMS": "1",
            "changes-0-id": str(series.changes.get().pk),
            "changes-0-series": str(series.pk),
            "changes-0-original_date": "2026-12-08",
            "changes-0-kind": "cancelled",
            "changes-0-DELETE": "on",
        }
    )
    url = reverse("admin:meetings_meetingseries_preview", args=[series.pk])
    html = staff_client.post(url, data).content.decode()
    assert "Tuesday, Dec. 15, 2026, 6:00–8:00 PM</li>" in html  # third Tuesdays now
    assert "(Cancelled)" not in html  # the cancellation is being deleted
    series.refresh_from_db()
    assert series.byday == "2TU" and series.changes.count() == 1


def test_preview_explains_an_impossible_rule(staff_client, partnership):
    data = series_form(partnership, freq="WEEKLY")  # still on the second Tuesday
    html = staff_client.post(PREVIEW, data).content.decode()
    assert "These dates cannot be worked out yet" in html
    assert "Day of the week: A weekly meeting is on the same day every week" in html


def test_preview_needs_a_signed_in_editor_and_a_post(staff_client, partnership):
    anonymous = Client()
    assert anonymous.post(PREVIEW, series_form(partnership)).status_code == 302  # to login
    assert staff_client.get(PREVIEW).status_code == 405


def test_preview_is_refused_to_staff_who_cannot_add_series(client, django_user_model, partnership):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    sign_in_staff(client, clerk)
    assert client.post(PREVIEW, series_form(partnership)).status_code == 403


def test_staff_set_up_a_series_cancel_one_date_and_move_another(staff_client, partnership):
    changes = [
        {"original_date": "2026-12-08", "kind": "cancelled", "note_en": "Holiday"},
        {
            "original_date": "2027-01-12",
            "kind": "moved",
            "new_date": "2027-01-19",
            "note_en": "Venue closed",
        },
    ]
    response = staff_client.post(ADD, series_form(partnership, changes))
    assert response.status_code == 302, response.context["errors"]
    series = MeetingSeries.objects.get(slug="highbridge-monthly")
    assert list(series.changes.values_list("original_date", "kind")) == [
        (datetime.date(2026, 12, 8), "cancelled"),
        (datetime.date(2027, 1, 12), "moved"),
    ]
    page = staff_client.get(reverse("partnerships:partnership_detail", args=["highbridge"]))
    html = page.content.decode()
    assert "Cancelled" in html
    assert "Moved from Jan. 12, 2027" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"week": "6"}, "Select a valid choice. 6 is not one of the available choices."),
        ({"week": ""}, "Say which week of the month"),
        ({"weekday": ""}, "A monthly meeting needs a day"),
        ({"monthly_on": "monthday"}, "A monthly meeting needs a day"),
        ({"freq": "WEEKLY", "week": "", "monthday": "15"}, "not both"),
        ({"freq": "WEEKLY"}, "A weekly meeting is on the same day every week"),
        ({"freq": "ONCE"}, "Select a valid choice. ONCE is not one of the available choices."),
        ({"end_time": "17:00"}, "The meeting must end after it starts."),
        ({"until": "2025-12-31"}, "The last date cannot be before the first date."),
        ({"venue_name": "", "street_address": ""}, "In-person meetings need a venue"),
        ({"attending_type": "virtual", "join_url": "", "dial_in": ""}, "need a link or a dial-in"),
        ({"until": "2026-01-05"}, "No meeting falls between the first and the last date."),
        ({"start_time": "25:00"}, "Enter a valid time."),
        ({"start_time": ""}, "This field is required."),
        ({"valid_from": ""}, "This field is required."),
    ],
)
def test_impossible_rules_get_a_clear_message_and_nothing_is_saved(
    staff_client, partnership, overrides, message
):
    response = staff_client.post(ADD, series_form(partnership, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeetingSeries.objects.exists()


def test_day_31_is_allowed_and_the_skipped_months_are_explained(staff_client, partnership):
    response = staff_client.post(
        ADD, series_form(partnership, monthly_on="monthday", monthday="31"), follow=True
    )
    assert MeetingSeries.objects.get().bymonthday == 31
    html = response.content.decode()
    assert "there is no meeting in February, April, June, September and November" in html


def test_the_radio_decides_between_a_weekday_and_a_day_of_the_month(staff_client, partnership):
    # Both ways filled in: the one chosen is stored, the other list is ignored.
    staff_client.post(ADD, series_form(partnership, monthly_on="monthday", monthday="15"))
    series = MeetingSeries.objects.get()
    assert (series.byday, series.bymonthday) == ("", 15)
    data = series_form(partnership, slug="another", monthly_on="weekday", monthday="15")
    staff_client.post(ADD, data)
    series = MeetingSeries.objects.get(slug="another")
    assert (series.byday, series.bymonthday) == ("2TU", None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"original_date": "2026-12-09", "kind": "cancelled"},
            "2026-12-09 is not a meeting date of this series",
        ),
        ({"original_date": "2026-12-08", "kind": "moved"}, "needs a new date, time or venue"),
        ({"original_date": "2026-12-08", "kind": "extra"}, "already a meeting date"),
        (
            {"original_date": "2026-12-08", "kind": "cancelled", "new_date": "2026-12-10"},
            "A cancelled meeting has no new date",
        ),
        (
            {"original_date": "2026-12-08", "kind": "moved", "new_venue_name": "Library"},
            "Give the new venue&#x27;s street address.",
        ),
        (
            {
                "original_date": "2026-12-08",
                "kind": "moved",
                "new_start_time": "19:00",
                "new_end_time": "18:00",
            },
            "The meeting must end after it starts.",
        ),
    ],
)
def test_impossible_changes_are_rejected_in_the_inline(staff_client, partnership, change, message):
    response = staff_client.post(ADD, series_form(partnership, [change]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeetingChange.objects.exists()


def test_editors_can_manage_meetings_but_not_delete_series(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="OCEP editors"))
    assert editor.has_perms(
        [
            "meetings.add_meetingseries",
            "meetings.change_meetingseries",
            "meetings.add_meetingchange",
            "meetings.change_meetingchange",
            "meetings.delete_meetingchange",
        ]
    )
    assert not editor.has_perm("meetings.delete_meetingseries")
    sign_in_staff(client, editor)
    assert client.get(CHANGELIST).status_code == 200


def test_staff_without_a_group_and_anonymous_visitors_cannot_see_series(client, django_user_model):
    series = make_series()
    change_url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    assert client.get(change_url).status_code == 302  # to the login page
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    sign_in_staff(client, clerk)
    assert client.get(change_url).status_code == 403


def test_publish_and_unpublish_actions(staff_client):
    series = make_series(is_published=False)
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [series.pk]})
    series.refresh_from_db()
    assert series.is_published
    staff_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [series.pk]})
    series.refresh_from_db()
    assert not series.is_published


# One-time events ------------------------------------------------------------------

EVENTS = reverse("admin:meetings_event_changelist")
ADD_EVENT = reverse("admin:meetings_event_add")


def event_form(partnership, changes=(), **overrides):
    """The Events add form as a browser would post it: a date, no rule."""
    data = series_form(partnership, changes, **overrides)
    for rule_field in ("freq", "interval", "monthly_on", "week", "weekday", "monthday", "until"):
        data.pop(rule_field)
    data.update(
        title_en="Resource fair",
        slug="highbridge-resource-fair",
        description_en="Local programs for food, housing and child care, in one room.",
        valid_from="2026-12-12",
        start_time="11:00",
        end_time="15:00",
    )
    data.update(overrides)
    return data


def test_events_list_shows_events_with_their_date_and_not_the_meetings(staff_client, partnership):
    make_series(partnership=partnership, title="Monthly partnership meeting")
    fair = make_event(partnership=partnership, slug="fair")
    make_event(
        partnership=partnership, slug="family-day", title="Family day", valid_from="2026-12-19"
    )
    make_change(fair, datetime.date(2026, 12, 12), "cancelled")
    html = staff_client.get(EVENTS).content.decode()
    assert "Resource fair" in html and "Family day" in html
    assert "Monthly partnership meeting" not in html
    assert "Dec. 12, 2026 (Cancelled)" in html
    assert "Dec. 19, 2026" in html
    assert staff_client.get(EVENTS, {"q": "fair"}).status_code == 200
    change_url = reverse("admin:meetings_event_change", args=[fair.pk])
    assert staff_client.get(change_url).status_code == 200


def test_series_list_says_which_are_events_and_filters_by_them(staff_client, partnership):
    make_series(partnership=partnership)
    make_event(partnership=partnership, slug="fair")
    html = staff_client.get(CHANGELIST).content.decode()
    assert "One-time event on Dec. 12, 2026, 11:00 AM–3:00 PM" in html
    assert '<td class="field-kind">Event</td>' in html
    assert '<td class="field-kind">Meeting</td>' in html
    only_events = staff_client.get(CHANGELIST, {"freq__exact": "ONCE"}).content.decode()
    assert '<td class="field-kind">Meeting</td>' not in only_events


def test_staff_add_an_event_with_a_date_and_no_rule(staff_client, partnership):
    form = staff_client.get(ADD_EVENT).content.decode()
    assert 'name="weekday"' not in form and 'name="freq"' not in form
    response = staff_client.post(ADD_EVENT, event_form(partnership))
    assert response.status_code == 302, response.context["errors"]
    event = MeetingSeries.objects.get(slug="highbridge-resource-fair")
    assert event.is_event
    assert (event.valid_from, event.byday, event.bymonthday, event.until) == (
        datetime.date(2026, 12, 12),
        "",
        None,
        None,
    )
    page = staff_client.get("/meetings/highbridge-resource-fair/2026-12-12/")
    assert page.status_code == 200


def test_an_event_without_a_description_is_refused_in_plain_words(staff_client, partnership):
    response = staff_client.post(ADD_EVENT, event_form(partnership, description_en=""))
    assert response.status_code == 200
    assert "Describe the event in a few sentences" in response.content.decode()
    assert not MeetingSeries.objects.exists()


def test_staff_cancel_an_event_in_its_changes(staff_client, partnership):
    fair = make_event(partnership=partnership, slug="highbridge-resource-fair")
    data = event_form(partnership, [{"original_date": "2026-12-12", "kind": "cancelled"}])
    change_url = reverse("admin:meetings_event_change", args=[fair.pk])
    response = staff_client.post(change_url, data)
    assert response.status_code == 302, response.context["errors"]
    assert fair.changes.get().kind == "cancelled"
    page = staff_client.get("/meetings/highbridge-resource-fair/2026-12-12/").content.decode()
    assert "This event is cancelled" in page


def test_an_extra_date_for_an_event_is_refused(staff_client, partnership):
    fair = make_event(partnership=partnership, slug="highbridge-resource-fair")
    data = event_form(partnership, [{"original_date": "2026-12-13", "kind": "extra"}])
    response = staff_client.post(reverse("admin:meetings_event_change", args=[fair.pk]), data)
    assert "A one-time event has no extra dates" in response.content.decode()
    assert not fair.changes.exists()


def test_editors_can_manage_events_but_not_delete_them(client, django_user_model, partnership):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="OCEP editors"))
    assert editor.has_perms(["meetings.add_event", "meetings.change_event", "meetings.view_event"])
    assert not editor.has_perm("meetings.delete_event")
    sign_in_staff(client, editor)
    assert client.get(EVENTS).status_code == 200
    response = client.post(ADD_EVENT, event_form(partnership))
    assert response.status_code == 302
    assert MeetingSeries.objects.events().count() == 1


def test_staff_without_a_group_and_anonymous_visitors_cannot_see_events(
    client, django_user_model, partnership
):
    fair = make_event(partnership=partnership)
    change_url = reverse("admin:meetings_event_change", args=[fair.pk])
    assert client.get(change_url).status_code == 302  # to the login page
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    sign_in_staff(client, clerk)
    assert client.get(change_url).status_code == 403
    assert client.get(EVENTS).status_code == 403
