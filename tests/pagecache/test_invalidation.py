"""Staff change something in the admin; the very next anonymous request shows it."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from pagecache.invalidation import watched
from tests.admin_forms import admin_form_data
from tests.factories import make_center, make_partnership, make_series, noon_in_new_york
from workshops.models import AcsProgram, WorkshopTopic

pytestmark = pytest.mark.django_db

frozen = time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)


def admin_url(obj, view="change") -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def cached_page(url: str) -> str:
    """Fetch a page twice as a visitor without cookies; the second answer is the cache's."""
    visitor = Client()
    visitor.get(url)
    response = visitor.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()


def edit_in_admin(staff_client, obj, **changes) -> None:
    url = admin_url(obj)
    data = admin_form_data(staff_client, url)
    data.update(changes)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def setup_partnership():
    return make_partnership(name="Highbridge Community Partnership", slug="highbridge")


def setup_center():
    return make_center(name="The Crib", slug="the-crib")


def setup_series():
    return make_series(partnership=setup_partnership(), venue_name="Old Library")


EDITS = [
    # what staff edit, the field and its new value, the page residents read
    ("partnership", setup_partnership, "name", "Renamed Partnership", "/partnerships/"),
    ("center", setup_center, "name", "Renamed Center", "/family-enrichment-centers/"),
    (
        "organization",
        lambda: setup_center().operator,
        "name",
        "Renamed Operator",
        "/family-enrichment-centers/the-crib/",
    ),
    ("meeting series", setup_series, "venue_name", "New Library", "/meetings/"),
    (
        "workshop topic",
        lambda: WorkshopTopic.objects.create(name="Old topic"),
        "name",
        "Renamed topic",
        "/workshops/",
    ),
    (
        "ACS program",
        lambda: AcsProgram.objects.create(name="Old program"),
        "name",
        "Renamed program",
        "/workshops/",
    ),
    (
        "language",
        lambda: setup_partnership().languages.get(),
        "native_name",
        "Renamed language",
        "/partnerships/highbridge/",
    ),
]


@frozen
@pytest.mark.parametrize(
    "setup, field, value, page",
    [edit[1:] for edit in EDITS],
    ids=[edit[0] for edit in EDITS],
)
def test_an_edit_in_the_admin_shows_on_the_next_public_request(
    staff_client, setup, field, value, page
):
    obj = setup()
    assert value not in cached_page(page)
    edit_in_admin(staff_client, obj, **{field: value})
    response = Client().get(page)
    assert response["X-Page-Cache"] == "miss"
    assert value in response.content.decode()


@frozen
def test_a_cancellation_added_in_the_admin_shows_on_the_next_request(staff_client):
    series = setup_series()
    assert "Cancelled" not in cached_page("/meetings/")
    data = admin_form_data(staff_client, admin_url(series))
    data.update(
        {
            "changes-TOTAL_FORMS": "1",
            "changes-0-original_date": "2026-12-08",
            "changes-0-kind": "cancelled",
            "changes-0-note_en": "Closed for the holiday party",
        }
    )
    assert staff_client.post(admin_url(series), data).status_code == 302
    html = Client().get("/meetings/").content.decode()
    assert "Closed for the holiday party" in html


@frozen
def test_a_cancellation_deleted_in_the_admin_restores_the_meeting(staff_client):
    series = setup_series()
    series.changes.create(
        original_date=datetime.date(2026, 12, 8), kind="cancelled", note="Snow day"
    )
    assert "Snow day" in cached_page("/meetings/")
    data = admin_form_data(staff_client, admin_url(series))
    data["changes-0-DELETE"] = "on"
    assert staff_client.post(admin_url(series), data).status_code == 302
    assert "Snow day" not in Client().get("/meetings/").content.decode()


def test_a_listing_deleted_in_the_admin_leaves_the_list_at_once(staff_client):
    partnership = setup_partnership()
    assert partnership.name in cached_page("/partnerships/")
    staff_client.post(admin_url(partnership, "delete"), {"post": "yes"})
    assert partnership.name not in Client().get("/partnerships/").content.decode()
    assert Client().get("/partnerships/highbridge/").status_code == 404


def test_the_publish_action_shows_a_draft_at_once(staff_client):
    """Admin actions write with QuerySet.update(), which sends no signals."""
    draft = make_partnership(name="Draft Partnership", is_published=False)
    assert "Draft Partnership" not in cached_page("/partnerships/")
    changelist = reverse("admin:partnerships_communitypartnership_changelist")
    staff_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Draft Partnership" in Client().get("/partnerships/").content.decode()


def test_seeding_the_demo_data_refreshes_the_pages():
    """seed_demo writes with bulk_create at scale, which sends no signals."""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    assert "Sample Partnership 0001" not in cached_page("/partnerships/")
    call_command("seed_demo", scale=1, verbosity=0)
    assert "Sample Partnership 0001" in Client().get("/partnerships/").content.decode()


def test_every_model_residents_read_invalidates_the_pages():
    """A new model must be named public (watched) or private here: none slips through."""
    private = {
        "workshops.WorkshopRequest",  # requesters' details: staff only
        "workshops.WorkshopStatusChange",
        "involvement.InterestSubmission",  # residents' details: staff only
        "involvement.InterestStatusChange",
    }
    ours = [
        model
        for app in settings.INSTALLED_APPS
        if (settings.BASE_DIR / app).is_dir()
        for model in apps.get_app_config(app.rsplit(".", 1)[-1]).get_models()
    ]
    assert ours, "no models found"
    unclassified = {model._meta.label for model in ours if model not in watched} - private
    assert unclassified == set()
    assert not {model._meta.label for model in watched} & private
