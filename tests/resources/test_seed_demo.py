"""The demo resources: the publications named in the program documents, marked as samples."""

from io import StringIO

import pytest
from django.core.management import call_command

from resources.demo_data import RESOURCES
from resources.models import Resource

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=StringIO())


def test_the_publications_are_published_as_samples_with_placeholder_links():
    seed()
    resources = Resource.objects.published()
    assert resources.count() == len(RESOURCES) == 7
    titles = {r.title for r in resources}
    assert "What is the Community Partnerships for Protecting Children Approach?" in titles
    assert "Creating a Community Partnership: Guidance from the Field" in titles
    assert "Child Welfare Matters, Fall 2005" in titles
    for resource in resources.prefetch_related("languages"):
        assert resource.is_sample_data
        assert resource.url.startswith("https://example.org/")
        assert [language.code for language in resource.languages.all()] == ["en"]
        resource.full_clean()  # every demo resource passes the admin's checks


def test_a_couple_are_tied_to_partnerships_and_show_on_their_pages(client):
    seed()
    tied = Resource.objects.filter(partnerships__slug="highbridge")
    assert tied.count() == 2
    page = client.get("/partnerships/highbridge/").content.decode()
    assert all(resource.title in page for resource in tied)


def test_staff_edits_survive_reseeding():
    seed()
    resource = Resource.objects.get(slug="safekeeping-april-2005")
    resource.title = "Safekeeping, April 2005 issue"
    resource.url = "https://example.org/confirmed"
    resource.save()
    seed()
    resource.refresh_from_db()
    assert resource.url == "https://example.org/confirmed"
    assert Resource.objects.count() == len(RESOURCES)
