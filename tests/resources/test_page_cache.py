"""A resource edited in the admin shows on the very next anonymous request."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_forms import admin_form_data
from tests.factories import make_partnership, make_resource

pytestmark = pytest.mark.django_db


def cached_page(url: str) -> str:
    visitor = Client()
    visitor.get(url)
    response = visitor.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()


@pytest.mark.parametrize("page", ["/resources/", "/partnerships/highbridge/"])
def test_a_resource_renamed_in_the_admin_shows_at_once(staff_client, page):
    highbridge = make_partnership(slug="highbridge")
    resource = make_resource(title="Old title", partnerships=[highbridge])
    assert "Old title" in cached_page(page)
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = admin_form_data(staff_client, url)
    data["title_en"] = "Creating a Community Partnership"
    assert staff_client.post(url, data).status_code == 302
    response = Client().get(page)
    assert response["X-Page-Cache"] == "miss"
    assert "Creating a Community Partnership" in response.content.decode()


def test_a_resource_tied_to_a_partnership_in_the_admin_shows_on_its_page(staff_client):
    highbridge = make_partnership(slug="highbridge")
    resource = make_resource(title="Guidance from the Field")
    assert "Guidance from the Field" not in cached_page(highbridge.get_absolute_url())
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = admin_form_data(staff_client, url)
    data["partnerships"] = [str(highbridge.pk)]
    assert staff_client.post(url, data).status_code == 302
    assert "Guidance from the Field" in Client().get(highbridge.get_absolute_url()).content.decode()


def test_the_unpublish_action_takes_a_resource_off_at_once(staff_client):
    resource = make_resource(title="Withdrawn guide")
    assert "Withdrawn guide" in cached_page("/resources/")
    changelist = reverse("admin:resources_resource_changelist")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [resource.pk]})
    assert "Withdrawn guide" not in Client().get("/resources/").content.decode()
