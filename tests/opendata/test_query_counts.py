"""Each API endpoint runs a fixed number of queries, however many records.

The page cache is off in this file (tests/conftest.py): the counts are what
building each answer costs. The same count must hold with 2 and with 8
partnerships (each with a lead organization or ACS, several series, languages
and districts) and 2 and 8 centers: an answer that queried once per row fails.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata import hsds
from tests.factories import (
    make_center,
    make_event,
    make_organization,
    make_partnership,
    make_series,
)

from .conftest import API

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es", "zh", "ru")
DISTRICTS = ("QN01", "QN02", "QN03")

# A list: its rows counted (partnerships and centers apart), then the page's rows.
# In full, also each page's languages, districts and (partnerships) published series;
# an organization in full, its published partnerships and centers, and ACS's own.
EXPECTED = {
    "root": 0,
    "services": 4,
    "services full": 9,
    "services filtered": 4,
    "services in Spanish": 4,
    "service (partnership)": 4,
    "service (center)": 4,
    "organizations": 2,
    "organizations full": 5,
    "organization": 3,
    "organization (ACS)": 1,
    "service_at_locations": 2,
    "service_at_locations full": 4,
    "service_at_location": 4,
    "taxonomies": 0,
    "taxonomy": 0,
    "taxonomy_terms": 0,
    "taxonomy_term": 0,
}


def make_rows(n: int):
    partnerships, centers = [], []
    for i in range(n):
        partnership = make_partnership(
            name=f"Partnership {i:02d}",
            borough="queens",
            districts=DISTRICTS,
            languages=LANGUAGES,
            lead_organization=make_organization() if i % 2 else None,
            acs_contact_name="Ana Ruiz",
            phone="718-555-0100",
            is_sample_data=i % 2 == 0,
        )
        make_series(partnership=partnership, languages=LANGUAGES)
        make_series(partnership=partnership, freq="WEEKLY", byday="TH", is_sample_data=True)
        make_event(partnership=partnership)
        make_series(partnership=partnership, is_published=False)
        partnerships.append(partnership)
        centers.append(
            make_center(
                name=f"Center {i:02d}",
                borough="queens",
                districts=DISTRICTS,
                languages=LANGUAGES,
                street_address=f"{i} Main Street",
                postal_code="11101",
                hours="Weekdays, 9 to 5",
                accessibility="Step-free entrance",
                phone="718-555-0101",
                is_sample_data=i % 2 == 0,
            )
        )
        make_partnership(name=f"Draft {i:02d}", is_published=False)
    return partnerships, centers


def endpoints(partnerships, centers):
    partnership, center = partnerships[-1], centers[-1]
    organization = partnerships[1].lead_organization
    sample = hsds.SAMPLE_TERM["id"]
    sal = hsds.part_id(center.uuid, "service_at_location")
    return {
        "root": ("", {}),
        "services": ("services", {}),
        "services full": ("services", {"full": "true"}),
        "services filtered": (
            "services",
            {"search": "0", "modified_after": "2026-01-01", "taxonomy_term_id": sample},
        ),
        "services in Spanish": ("services", {"locale": "es", "per_page": 100}),
        "service (partnership)": (f"services/{partnership.uuid}", {}),
        "service (center)": (f"services/{center.uuid}", {}),
        "organizations": ("organizations", {}),
        "organizations full": ("organizations", {"full": "true"}),
        "organization": (f"organizations/{organization.uuid}", {}),
        "organization (ACS)": (f"organizations/{hsds.ACS_ID}", {}),
        "service_at_locations": ("service_at_locations", {}),
        "service_at_locations full": ("service_at_locations", {"full": "true"}),
        "service_at_location": (f"service_at_locations/{sal}", {}),
        "taxonomies": ("taxonomies", {}),
        "taxonomy": (f"taxonomies/{hsds.TAXONOMY['id']}", {}),
        "taxonomy_terms": ("taxonomy_terms", {}),
        "taxonomy_term": (f"taxonomy_terms/{sample}", {}),
    }


@pytest.mark.parametrize("rows", [2, 8])
def test_every_endpoint_costs_the_same_queries_however_many_rows(client, rows):
    partnerships, centers = make_rows(rows)
    found = {}
    for name, (path, params) in endpoints(partnerships, centers).items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(API + path, params)
        assert response.status_code == 200, (name, response.content[:300])
        body = response.json()
        if "contents" in body and name != "taxonomies":
            assert body["size"] >= min(rows, 2), name  # each list lists rows
        found[name] = len(captured)
    assert found == EXPECTED
