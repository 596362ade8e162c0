import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from tests.factories import (
    make_center,
    make_event,
    make_organization,
    make_partnership,
    make_series,
)

API = "/api/hsds/"


def get(path: str, params=None, client=None, **meta):
    """An anonymous GET of the API (a fresh client: no cookie, like any reader).

    `meta` as in the WSGI environ: HTTP_IF_NONE_MATCH=..., REMOTE_ADDR=...
    """
    return (client or Client()).get(API + path, params or {}, **meta)


def get_json(path: str, params=None, **meta) -> dict:
    response = get(path, params, **meta)
    assert response.status_code == 200, (path, params, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(path: str, params=None, per_page=2) -> list[dict]:
    """Every item of a list, page after page."""
    items, page = [], 1
    while True:
        answer = get_json(path, {**(params or {}), "page": page, "per_page": per_page})
        items.extend(answer["contents"])
        if answer["last_page"]:
            return items
        page += 1


@pytest.fixture
def directory(db):
    """What the API shows, and what it must not: published and unpublished, sample or not."""
    lead = make_organization(
        name="Bronx Works", email="info@bronxworks.example.org", url="https://bronxworks.org/"
    )
    operator = make_organization(name="Center Operator", phone="212-555-0100")
    hidden_lead = make_organization(name="Only Drafts Inc")
    acs_led = make_partnership(
        name="Highbridge Community Partnership",
        slug="highbridge",
        description="Neighbors of Highbridge meet monthly.",
        how_to_get_involved="Come to a meeting.",
        acs_contact_name="Ana Ruiz",
        acs_contact_email="ana.ruiz@acs.nyc.gov",
        last_verified=datetime.date(2026, 10, 1),
        districts=("BX04", "BX05"),
        languages=("en", "es"),
    )
    led = make_partnership(
        name="Mott Haven Community Partnership",
        slug="mott-haven",
        lead_organization=lead,
        description="A coalition in Mott Haven.",
        email="mottHaven@example.org",
        phone="718-555-0199",
    )
    sample = make_partnership(
        name="Sample Community Partnership", slug="sample", is_sample_data=True
    )
    draft = make_partnership(
        name="Draft Community Partnership",
        slug="draft",
        lead_organization=hidden_lead,
        is_published=False,
    )
    monthly = make_series(partnership=acs_led, title="Monthly meeting")
    weekly = make_series(
        partnership=acs_led,
        title="Weekly circle",
        freq="WEEKLY",
        byday="WE",
        interval=2,
        attending_type="virtual",
        join_url="https://meet.example.org/circle",
        venue_name="",
        street_address="",
        until=datetime.date(2027, 6, 30),
    )
    event = make_event(partnership=led)
    hidden_series = make_series(partnership=acs_led, title="Unpublished", is_published=False)
    draft_series = make_series(partnership=draft, title="Of a draft")
    sample_series = make_series(partnership=sample, bymonthday=-1, is_sample_data=True)
    center = make_center(
        name="Family Place",
        slug="family-place",
        operator=operator,
        neighborhood="Mott Haven",
        street_address="100 Main Street",
        city="Bronx",
        postal_code="10454",
        latitude="40.808000",
        longitude="-73.920000",
        hours="Monday to Friday, 9 AM to 5 PM",
        accessibility="Step-free entrance.",
        phone="718-555-0100",
        email="family.place@example.org",
    )
    unnamed = make_center(
        name="",
        slug="unnamed",
        operator=operator,
        neighborhood="Astoria",
        borough="queens",
        districts=("QN01",),
        is_sample_data=True,
    )
    draft_center = make_center(name="Draft Center", slug="draft-center", is_published=False)
    return SimpleNamespace(**locals())
