"""The plain CSVs of /open-data/: published rows only, in English, safe in a spreadsheet."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine

from opendata.downloads import header
from tests.factories import (
    make_center,
    make_change,
    make_event,
    make_organization,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.pages import queries_for
from tests.partnerships.test_query_counts import ALL_LANGUAGES

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()


@pytest.fixture
def frozen():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        yield


def rows(response) -> list[dict[str, str]]:
    """The file as a spreadsheet reads it: BOM first, then a header and one dict a row."""
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def first_line(response) -> list[str]:
    return next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("url", "kind", "filename"),
    [
        ("/open-data/partnerships.csv", "partnerships", "partnerships.csv"),
        ("/open-data/family-enrichment-centers.csv", "centers", "family-enrichment-centers.csv"),
        ("/open-data/meetings.csv", "meetings", "meetings.csv"),
    ],
)
def test_each_file_is_a_utf8_csv_attachment_with_its_header(client, url, kind, filename):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith(BOM)
    assert first_line(response) == header(kind)
    assert "sample_data" in header(kind)


@pytest.mark.parametrize(
    "url",
    [
        "/open-data/partnerships.csv",
        "/open-data/family-enrichment-centers.csv",
        "/open-data/meetings.csv",
    ],
)
def test_odd_query_strings_are_ignored_and_only_reading_is_allowed(client, url):
    make_partnership(name="Highbridge")
    plain = client.get(url)
    odd = client.get(url, {"page": "abc", "locale": "xx", "q": "\x00'; DROP", "per_page": "-1"})
    assert odd.status_code == 200
    assert odd.content == plain.content
    assert client.post(url).status_code == 405


def test_partnerships_csv_lists_each_published_partnership_once_in_english(client):
    lead = make_organization(name="Highbridge Community Life Center")
    published = make_partnership(
        name="Highbridge",
        slug="highbridge",
        districts=("BX04", "BX05"),
        languages=("en", "es"),
        lead_organization=lead,
        neighborhoods="Highbridge, Concourse",
        description_en="A coalition of neighbors.",
        description_es="Una coalición de vecinos.",
        how_to_get_involved_en="Come to a meeting.",
        email="hello@example.org",
        phone="+1 718 555 0100",
        last_verified=datetime.date(2026, 10, 1),
        is_sample_data=True,
    )
    make_partnership(name="Not yet published", is_published=False)
    found = rows(client.get("/open-data/partnerships.csv", HTTP_ACCEPT_LANGUAGE="es"))
    assert [row["name"] for row in found] == ["Highbridge"]
    row = found[0]
    assert row["id"] == str(published.uuid)
    assert row["borough"] == "Bronx"
    assert row["community_districts"] == "BX04; BX05"
    assert row["lead_organization"] == "Highbridge Community Life Center"
    assert row["languages"] == "English; Spanish"
    assert row["description"] == "A coalition of neighbors."
    assert row["how_to_get_involved"] == "Come to a meeting."
    assert row["page"] == "http://testserver/partnerships/highbridge/"
    assert row["last_verified"] == "2026-10-01"
    assert row["sample_data"] == "true"
    assert row["last_modified"].startswith(published.updated.date().isoformat())
    # A leading "+" would make a spreadsheet compute the phone number.
    assert row["phone"] == "'+1 718 555 0100"


def test_text_a_spreadsheet_would_run_as_a_formula_is_defused(client):
    make_partnership(
        name="@Risky",
        description_en='=HYPERLINK("http://evil.example","Click")',
        how_to_get_involved_en="-2+3",
    )
    make_center(description_en="+SUM(A1:A9)", hours_en="=1+1")
    partnership = rows(client.get("/open-data/partnerships.csv"))[0]
    assert partnership["name"] == "'@Risky"
    assert partnership["description"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert partnership["how_to_get_involved"] == "'-2+3"
    center = rows(client.get("/open-data/family-enrichment-centers.csv"))[0]
    assert center["description"] == "'+SUM(A1:A9)"
    assert center["hours"] == "'=1+1"


def test_non_ascii_text_survives_with_the_byte_order_mark(client):
    make_partnership(name="Asociación de Vecinos — 社区伙伴 — شراكة")
    response = client.get("/open-data/partnerships.csv")
    assert response.content.startswith(BOM + b"id,name,")
    assert rows(response)[0]["name"] == "Asociación de Vecinos — 社区伙伴 — شراكة"


def test_centers_csv_lists_each_published_center_once_with_numbers_as_numbers(client):
    operator = make_organization(name="Ohel Children's Home")
    center = make_center(
        name="",
        slug="bedford",
        operator=operator,
        borough="brooklyn",
        neighborhood="Bedford-Stuyvesant",
        street_address="1 Sample Street",
        city="Brooklyn",
        postal_code="11216",
        latitude=Decimal("40.683000"),
        longitude=Decimal("-73.941000"),
        service_mode="limited_in_person",
        hours_en="Monday to Friday, 9 AM to 5 PM",
        hours_es="De lunes a viernes",
    )
    make_center(name="Hidden", is_published=False)
    found = rows(client.get("/open-data/family-enrichment-centers.csv"))
    assert len(found) == 1
    row = found[0]
    assert row["id"] == str(center.uuid)
    assert row["name"] == "Family Enrichment Center operated by Ohel Children's Home"
    assert row["operator"] == "Ohel Children's Home"
    assert row["borough"] == "Brooklyn"
    assert row["latitude"] == "40.683"
    assert row["longitude"] == "-73.941"  # a number, so no apostrophe
    assert row["service_mode"] == "limited_in_person"
    assert row["hours"] == "Monday to Friday, 9 AM to 5 PM"
    assert row["page"] == "http://testserver/family-enrichment-centers/bedford/"
    assert row["last_verified"] == ""
    assert row["sample_data"] == "false"


@pytest.fixture
def schedule(frozen):
    """A monthly series (second Tuesday, 6 to 8 PM) with a cancelled date and a moved one."""
    partnership = make_partnership(name="Highbridge", slug="highbridge")
    series = make_series(
        partnership=partnership,
        slug="monthly",
        title_en="Monthly partnership meeting",
        title_es="Reunión mensual",
        languages=("en", "es"),
        asl=True,
    )
    make_change(series, datetime.date(2026, 12, 8), "cancelled", note_en="Holiday closure")
    make_change(
        series,
        datetime.date(2027, 1, 12),
        "moved",
        new_date=datetime.date(2027, 1, 14),
        new_start_time=datetime.time(19),
        new_end_time=datetime.time(21),
        new_venue_name="Library",
        new_street_address="78 West 168th Street",
    )
    return series


def test_meetings_csv_has_the_next_twelve_months_with_changes_applied(client, schedule):
    found = rows(client.get("/open-data/meetings.csv"))
    dates = [row["date"] for row in found]
    # Today is 2026-11-23: November's meeting (the 10th) has passed; the window ends
    # 2027-11-22, so it holds December 2026 to November 2027 and not December 2027.
    assert dates[0] == "2026-12-08"
    assert dates[-1] == "2027-11-09"
    assert len(found) == 12
    assert all("2026-11-23" <= day <= "2027-11-22" for day in dates)

    cancelled = found[0]
    assert cancelled["status"] == "cancelled"
    assert cancelled["note"] == "Holiday closure"
    assert cancelled["page"] == "http://testserver/meetings/monthly/2026-12-08/"

    moved = found[1]
    assert moved["status"] == "moved"
    assert (moved["date"], moved["start_time"], moved["end_time"]) == (
        "2027-01-14",
        "19:00",
        "21:00",
    )
    assert moved["venue"] == "Library"
    assert moved["address"] == "78 West 168th Street"
    assert moved["page"] == "http://testserver/meetings/monthly/2027-01-12/"
    assert "2027-01-12" not in dates

    usual = found[2]
    assert usual["status"] == "scheduled"
    assert usual["series_id"] == str(schedule.uuid)
    assert usual["partnership"] == "Highbridge"
    assert usual["partnership_id"] == str(schedule.partnership.uuid)
    assert usual["title"] == "Monthly partnership meeting"
    assert (usual["start_time"], usual["end_time"]) == ("18:00", "20:00")
    assert usual["timezone"] == "America/New_York"
    assert usual["how_to_attend"] == "in_person"
    assert usual["online"] == "false"
    assert usual["languages"] == "English; Spanish"
    assert "ASL interpretation" in usual["accessibility"]


def test_meetings_csv_is_in_english_whatever_the_readers_language(client, schedule):
    found = rows(client.get("/open-data/meetings.csv", HTTP_ACCEPT_LANGUAGE="es"))
    assert {row["title"] for row in found} == {"Monthly partnership meeting"}
    assert found[0]["page"].startswith("http://testserver/meetings/")


def test_meetings_csv_has_events_and_only_published_series_of_published_partnerships(
    client, frozen
):
    make_event(partnership=make_partnership(name="Host"), slug="fair")
    make_series(slug="draft-series", is_published=False)
    make_series(slug="hidden-host", partnership=make_partnership(is_published=False))
    found = rows(client.get("/open-data/meetings.csv"))
    assert [(row["title"], row["date"], row["status"]) for row in found] == [
        ("Resource fair", "2026-12-12", "scheduled")
    ]


def test_meetings_csv_ends_twelve_months_ahead_and_moves_with_today(client, schedule):
    with time_machine.travel(noon_in_new_york(2027, 6, 1), tick=False):
        dates = [row["date"] for row in rows(client.get("/open-data/meetings.csv?later"))]
    assert dates[0] == "2027-06-08"
    assert dates[-1] == "2028-05-09"


# The published partnerships (with their lead organization), their districts, their languages.
PARTNERSHIPS_QUERIES = 3
# The published centers (with their operator) and their languages.
CENTERS_QUERIES = 2
# The series' stamps (two: the fingerprints of their groups, their changes counted), the
# rows of the meetings listed (series with partnership, their changes) and their
# languages; with the cache empty, also every series and its changes, and the stamp
# rows of the groups this process has not read yet.
MEETINGS_QUERIES = 5
MEETINGS_COMPUTE_QUERIES = 3


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("n", [5, 50])
def test_listing_files_cost_a_fixed_number_of_queries(client, n):
    for i in range(n):
        make_partnership(
            name=f"Partnership {i:03d}",
            districts=("BX04", "BX05"),
            languages=ALL_LANGUAGES,
            lead_organization=make_organization(),
        )
        make_center(name="", languages=ALL_LANGUAGES)
    assert queries_for(client, "/open-data/partnerships.csv") == PARTNERSHIPS_QUERIES
    assert queries_for(client, "/open-data/family-enrichment-centers.csv") == CENTERS_QUERIES
    assert len(rows(client.get("/open-data/partnerships.csv"))) == n
    assert len(rows(client.get("/open-data/family-enrichment-centers.csv"))) == n


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("n", [5, 50])
def test_meetings_file_costs_a_fixed_number_of_queries(client, frozen, n):
    for i in range(n):
        series = make_series(slug=f"series-{i:03d}", languages=ALL_LANGUAGES)
        make_change(series, datetime.date(2026, 12, 8), "cancelled")
        make_change(
            series, datetime.date(2027, 1, 12), "moved", new_date=datetime.date(2027, 1, 14)
        )
    url = "/open-data/meetings.csv"
    assert queries_for(client, url) == MEETINGS_QUERIES + MEETINGS_COMPUTE_QUERIES
    assert queries_for(client, url) == MEETINGS_QUERIES
    assert len(rows(client.get(url))) == 12 * n
