from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import MeetingChange, MeetingSeries
from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter, Organization

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every seeded row with its last-modified time, to prove nothing changed."""
    return (
        sorted(CommunityPartnership.objects.values_list("slug", "updated")),
        sorted(FamilyEnrichmentCenter.objects.values_list("slug", "updated")),
        sorted(Organization.objects.values_list("name", "updated")),
        CommunityPartnership.community_districts.through.objects.count(),
        FamilyEnrichmentCenter.languages.through.objects.count(),
        sorted(MeetingSeries.objects.values_list("slug", "updated")),
        sorted(MeetingChange.objects.values_list("series__slug", "original_date", "updated")),
    )


def test_seed_loads_the_11_real_partnerships_and_25_centers_marked_as_sample():
    seed()
    partnerships = CommunityPartnership.objects.published()
    assert partnerships.count() == 11
    assert set(partnerships.values_list("borough", flat=True)) == {
        "bronx",
        "brooklyn",
        "manhattan",
        "queens",
        "staten-island",
    }
    north_shore = CommunityPartnership.objects.get(slug="north-shore")
    assert north_shore.lead_organization.name == "The New York Foundling"
    assert list(north_shore.community_districts.values_list("code", flat=True)) == ["SI01"]
    assert FamilyEnrichmentCenter.objects.published().count() == 25
    crib = FamilyEnrichmentCenter.objects.get(slug="the-crib")
    assert crib.display_name == "The C.R.I.B."
    assert crib.operator.name == "Good Shepherd Services"
    unnamed = FamilyEnrichmentCenter.objects.get(slug="east-harlem")
    assert unnamed.display_name == "Family Enrichment Center operated by Union Settlement"
    assert not CommunityPartnership.objects.filter(is_sample_data=False).exists()
    assert not FamilyEnrichmentCenter.objects.filter(is_sample_data=False).exists()


def test_sample_contact_details_cannot_reach_a_real_person():
    seed()
    for center in FamilyEnrichmentCenter.objects.all():
        assert center.email.endswith("@example.org")
        assert "555-01" in center.phone


def test_seeded_districts_lie_in_each_listings_borough():
    seed()
    for model in (CommunityPartnership, FamilyEnrichmentCenter):
        for listing in model.objects.prefetch_related("community_districts"):
            listing.clean_community_districts(listing.community_districts.all())


def test_running_seed_twice_changes_nothing():
    first = seed()
    before = snapshot()
    second = seed()
    assert snapshot() == before
    assert "36 listings, 11 meeting series, 3 events created" in first
    assert "0 listings, 0 meeting series, 0 events created" in second


def test_seed_keeps_staff_edits():
    seed()
    CommunityPartnership.objects.filter(slug="bushwick").update(description="Edited by staff")
    seed()
    assert CommunityPartnership.objects.get(slug="bushwick").description == "Edited by staff"


def test_seed_keeps_a_listing_staff_renamed_or_reslugged():
    seed()
    CommunityPartnership.objects.filter(slug="highbridge").update(slug="highbridge-concourse")
    FamilyEnrichmentCenter.objects.filter(slug="east-harlem").update(
        slug="union-settlement-fec", name="Union Settlement FEC"
    )
    before = snapshot()
    assert "0 listings, 0 meeting series, 0 events created" in seed()
    assert snapshot() == before


def test_seed_gives_real_organizations_no_made_up_contact_details():
    seed()
    foundling = Organization.objects.get(name="The New York Foundling")
    assert (foundling.email, foundling.phone) == ("", "")
    assert not any(center.accessibility for center in FamilyEnrichmentCenter.objects.all())


def test_scale_adds_synthetic_listings_once():
    seed("--scale", "30")
    assert CommunityPartnership.objects.count() == 11 + 30
    assert FamilyEnrichmentCenter.objects.count() == 25 + 30
    synthetic = CommunityPartnership.objects.get(slug="sample-partnership-0007")
    assert synthetic.community_districts.get().borough == synthetic.borough
    assert synthetic.languages.count() == 2
    before = snapshot()
    seed("--scale", "30")
    assert snapshot() == before
