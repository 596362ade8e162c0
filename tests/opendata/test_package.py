"""The HSDS tabular data package: a zip whose CSVs match its own datapackage.json."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.utils import translation

from opendata import hsds, package
from tests.factories import (
    make_center,
    make_event,
    make_organization,
    make_partnership,
    make_series,
)
from tests.opendata.schemas import schema
from tests.pages import queries_for

pytestmark = pytest.mark.django_db

URL = "/open-data/hsds-datapackage.zip"


def download(client) -> zipfile.ZipFile:
    response = client.get(URL)
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def table(archive: zipfile.ZipFile, path: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(path).decode("utf-8"))))


@pytest.fixture
def directory():
    """Published and unpublished listings, with series, an event, languages and districts."""
    lead = make_organization(name="Bronx Works", email="info@bronxworks.example.org")
    partnership = make_partnership(
        name="Mott Haven Community Partnership",
        description='=HYPERLINK("http://evil.example")',
        lead_organization=lead,
        phone="+1 718-555-0100",
        districts=("BX01", "BX02"),
        languages=("en", "es"),
        acs_contact_name="Ana Núñez",
        acs_contact_email="ana@example.org",
        last_verified=datetime.date(2026, 1, 15),
        is_sample_data=True,
    )
    make_series(partnership=partnership)
    make_event(partnership=partnership)
    make_series(partnership=partnership, is_published=False, title="Draft series")
    no_lead = make_partnership(name="Partenariat de Flushing — 法拉盛")
    draft = make_partnership(name="Draft partnership", is_published=False)
    center = make_center(
        name="The Crib",
        neighborhood="Bedford-Stuyvesant",
        street_address="1 Sample Street",
        postal_code="11216",
        latitude=Decimal("40.6872"),
        longitude=Decimal("-73.9418"),
        hours="Monday to Friday, 10 AM to 6 PM",
        accessibility="Step-free entrance",
        phone="212-555-0199",
    )
    no_zip = make_center(name="No ZIP yet", street_address="2 Sample Street")
    hidden = make_center(name="Hidden center", is_published=False)
    return {
        "published": [partnership, no_lead, center, no_zip],
        "unpublished": [draft, hidden],
    }


def test_the_zip_is_a_download_listing_every_csv_it_holds_and_nothing_else(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="hsds-datapackage.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    meta = json.loads(archive.read("datapackage.json"))

    assert meta["profile"] == "tabular-data-package"
    assert meta["licenses"][0]["title"] == "CC BY 4.0"
    assert meta["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert datetime.datetime.fromisoformat(meta["created"]).tzinfo is not None
    paths = [resource["path"] for resource in meta["resources"]]
    assert sorted(paths) == sorted(set(archive.namelist()) - {"datapackage.json"})
    assert {"organizations.csv", "services.csv", "schedules.csv", "taxonomy_terms.csv"} <= set(
        paths
    )


def test_the_license_is_the_one_the_settings_name(client, directory, settings):
    settings.OPEN_DATA_LICENSE_NAME = "ODC-By-1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://opendatacommons.org/licenses/by/1-0/"
    meta = json.loads(download(client).read("datapackage.json"))
    assert meta["licenses"] == [
        {
            "name": "ODC-By-1.0",
            "title": "ODC-By-1.0",
            "path": "https://opendatacommons.org/licenses/by/1-0/",
        }
    ]


def test_frictionless_finds_every_csv_valid_against_the_datapackage(client, directory, tmp_path):
    download(client).extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    errors = report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors


def test_the_columns_follow_hsds_without_its_arrays(client, directory):
    archive = download(client)
    with archive.open("schedules.csv") as schedules:
        header = next(csv.reader(io.TextIOWrapper(schedules, "utf-8")))
    assert header[:5] == ["id", "service_id", "location_id", "service_at_location_id", "valid_from"]
    assert "opens_at" in header
    assert "attributes" not in header
    assert "metadata" not in header


def test_every_published_listing_is_one_service_and_nothing_unpublished(client, directory):
    archive = download(client)
    services = table(archive, "services.csv")
    ids = [row["id"] for row in services]
    assert sorted(ids) == sorted(str(listing.uuid) for listing in directory["published"])
    names = {row["name"] for row in services}
    assert "Draft partnership" not in names
    assert "Hidden center" not in names
    # Each center is offered at its location: one service_at_location each.
    links = table(archive, "service_at_location.csv")
    centers = directory["published"][2:]
    assert sorted(row["service_id"] for row in links) == sorted(str(c.uuid) for c in centers)


def test_each_schedule_belongs_to_a_listed_service_or_service_at_location(client, directory):
    archive = download(client)
    services = {row["id"] for row in table(archive, "services.csv")}
    links = {row["id"] for row in table(archive, "service_at_location.csv")}
    schedules = table(archive, "schedules.csv")
    meetings = [row for row in schedules if row["service_id"]]
    assert len(meetings) == 2, "the series and the event; not the unpublished series"
    assert all(row["service_id"] in services for row in meetings)
    hours = [row for row in schedules if not row["service_id"]]
    assert hours and all(row["service_at_location_id"] in links for row in hours)
    monthly = next(row for row in meetings if row["freq"])
    assert monthly["byday"] == "2TU"
    assert monthly["valid_from"] == "2026-01-01"
    assert monthly["opens_at"] in ("18:00:00-05:00", "18:00:00-04:00")
    assert monthly["timezone"] in ("-5", "-4")


def test_nested_records_are_flattened_with_their_parents_id(client, directory):
    partnership, no_lead, center, _no_zip = directory["published"]
    archive = download(client)

    organizations = {row["id"]: row for row in table(archive, "organizations.csv")}
    assert organizations[hsds.ACS_ID]["alternate_name"] == "ACS"
    assert organizations[str(partnership.lead_organization.uuid)]["name"] == "Bronx Works"
    services = {row["id"]: row for row in table(archive, "services.csv")}
    assert services[str(no_lead.uuid)]["organization_id"] == hsds.ACS_ID
    assert {row["id"] for row in table(archive, "programs.csv")} == {
        hsds.PARTNERSHIPS_PROGRAM["id"],
        hsds.CENTERS_PROGRAM["id"],
    }

    languages = table(archive, "languages.csv")
    assert sorted(r["code"] for r in languages if r["service_id"] == str(partnership.uuid)) == [
        "en",
        "es",
    ]
    areas = table(archive, "service_areas.csv")
    assert sorted(r["name"] for r in areas if r["service_id"] == str(partnership.uuid)) == [
        "BX01",
        "BX02",
    ]
    (location,) = [r for r in table(archive, "locations.csv") if r["name"] == "The Crib"]
    assert location["latitude"] == "40.6872"
    assert location["longitude"] == "-73.9418", "a negative number is not defused"
    (address,) = table(archive, "addresses.csv")
    assert address["location_id"] == location["id"]
    assert address["postal_code"] == "11216"
    # The center's phone is its service's and its location's: one row with both links.
    (phone,) = [r for r in table(archive, "phones.csv") if r["number"] == "212-555-0199"]
    assert phone["service_id"] == str(center.uuid)
    assert phone["location_id"] == location["id"]
    (access,) = table(archive, "accessibility.csv")
    assert access == {
        "id": access["id"],
        "location_id": location["id"],
        "description": "Step-free entrance",
        "details": "",
        "url": "",
    }
    attributes = table(archive, "attributes.csv")
    sample = [r for r in attributes if r["taxonomy_term_id"] == hsds.SAMPLE_TERM["id"]]
    assert [r["link_id"] for r in sample] == [str(partnership.uuid)]
    terms = {row["code"] for row in table(archive, "taxonomy_terms.csv")}
    assert terms == {"community-partnership", "family-enrichment-center", "sample-data"}
    (taxonomy,) = table(archive, "taxonomies.csv")
    assert taxonomy["id"] == hsds.TAXONOMY["id"]


def test_text_a_spreadsheet_would_run_is_defused_and_other_text_survives(client, directory):
    partnership, no_lead, _center, _no_zip = directory["published"]
    archive = download(client)
    services = {row["id"]: row for row in table(archive, "services.csv")}
    description = services[str(partnership.uuid)]["description"]
    assert description.startswith("Sample data:"), "the sample note comes first"

    partnership.is_sample_data = False
    partnership.save()
    services = {row["id"]: row for row in table(download(client), "services.csv")}
    assert services[str(partnership.uuid)]["description"] == '\'=HYPERLINK("http://evil.example")'
    assert services[str(partnership.uuid)]["assured_date"] == "2026-01-15"
    assert services[str(no_lead.uuid)]["name"] == "Partenariat de Flushing — 法拉盛"
    phones = {row["service_id"]: row for row in table(archive, "phones.csv")}
    assert phones[str(partnership.uuid)]["number"] == "'+1 718-555-0100"
    (contact,) = table(archive, "contacts.csv")
    assert contact["name"] == "Ana Núñez"


def test_an_address_without_the_zip_code_hsds_requires_is_left_out(client, directory):
    no_zip = directory["published"][3]
    archive = download(client)
    locations = {row["name"]: row["id"] for row in table(archive, "locations.csv")}
    assert "No ZIP yet" in locations, "the location itself is listed"
    addresses = table(archive, "addresses.csv")
    assert locations["No ZIP yet"] not in {row["location_id"] for row in addresses}
    assert str(no_zip.uuid) in {row["id"] for row in table(archive, "services.csv")}


def test_the_package_is_in_english_whatever_language_is_active(rf, directory):
    with translation.override("es"):
        archive = zipfile.ZipFile(io.BytesIO(package.build(rf.get(URL))))
    schedules = table(archive, "schedules.csv")
    assert any("Second Tuesday" in row["description"] for row in schedules)


def test_only_get_and_head(client):
    assert client.post(URL).status_code == 405


def grow(rows: int) -> None:
    for i in range(rows):
        partnership = make_partnership(
            name=f"Partnership {i:03d}",
            districts=("QN03", "QN04"),
            languages=("en", "es", "zh"),
            lead_organization=make_organization(phone=f"718-555-{i:04d}"),
        )
        make_series(partnership=partnership, languages=("en", "es"))
        make_event(partnership=partnership)
        make_center(
            districts=("QN03",),
            languages=("en", "es"),
            street_address=f"{i} Sample Street",
            postal_code="11372",
            hours="Monday to Friday, 10 AM to 6 PM",
            accessibility="Step-free entrance",
        )


# The organizations; the partnerships with their languages, districts and published
# series; the centers with their languages and districts.
PACKAGE_QUERIES = 1 + 4 + 3


@pytest.mark.parametrize("rows", [2, 8])
def test_package_query_count_is_fixed(client, settings, rows):
    settings.PAGE_CACHE_ENABLED = False
    grow(rows)
    assert queries_for(client, URL) == PACKAGE_QUERIES
    services = table(download(client), "services.csv")
    assert len(services) == 2 * rows


# HSDS's own tabular schema ------------------------------------------------------------


def hsds_tables() -> dict[str, dict]:
    """compiled/tabular.json as published (hsds_schemas/README.md), its tables by CSV name."""
    published = schema("tabular")
    return {entry["items"]["path"]: entry["items"] for entry in published["properties"].values()}


def test_every_csv_is_an_hsds_table_with_its_columns_in_order_and_required_cells_filled(
    client, directory
):
    """What an HSDS validator checks of a tabular package, against HSDS's own tabular.json.

    Each CSV is one of its tables; its columns are the table's fields without
    the nested (array) ones, in the same order; every row fills the fields
    the table requires and keeps enumerated fields within their values; ids
    are unique in their table.
    """
    archive = download(client)
    tables = hsds_tables()
    datapackage = json.loads(archive.read("datapackage.json"))
    for resource in datapackage["resources"]:
        spec = tables[resource["path"]]
        flat = [name for name, field in spec["properties"].items() if field["type"] != "array"]
        with archive.open(resource["path"]) as handle:
            reader = csv.DictReader(io.TextIOWrapper(handle, "utf-8"))
            rows = list(reader)
            assert reader.fieldnames == flat, resource["path"]
        for row in rows:
            for name in spec.get("required", []):
                assert row[name], f"{resource['path']}: {name} is empty in {row}"
            for name, field in spec["properties"].items():
                if field.get("enum") and row.get(name):
                    assert row[name] in field["enum"], f"{resource['path']}: {name}={row[name]}"
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), resource["path"]
    # The tables a directory of services needs are all there.
    present = {resource["path"] for resource in datapackage["resources"]}
    assert {"organizations.csv", "services.csv", "schedules.csv", "locations.csv"} <= present
