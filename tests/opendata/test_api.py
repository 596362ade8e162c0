"""/api/hsds/: what an app built on Open Referral's HSDS 3.0 reads of the directory."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from opendata import hsds
from tests.factories import make_center, make_partnership, noon_in_new_york

from . import schemas
from .conftest import API, get, get_json, walk

pytestmark = pytest.mark.django_db

LISTS = {
    "services": ("service_list", "service"),
    "organizations": ("organization_list", "organization"),
    "service_at_locations": ("service_at_location_list", "service_at_location"),
    "taxonomies": ("taxonomy", "taxonomy"),
    "taxonomy_terms": ("taxonomy_term", "taxonomy_term"),
}


def ids(items) -> list[str]:
    return [item["id"] for item in items]


def service_ids(params=None) -> set[str]:
    found = ids(walk("services", params))
    assert len(found) == len(set(found)), "a service listed twice"
    return set(found)


def sal_id(center) -> str:
    return hsds.part_id(center.uuid, "service_at_location")


# Schemas ------------------------------------------------------------------------------


def test_the_root_names_the_version_and_the_specification():
    root = get_json("")
    assert root["version"] == "3.0"
    assert root["openapi_url"].endswith("/openapi.json")
    assert root["profile"].startswith("http://testserver/")


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("full", [False, True])
def test_every_list_answer_is_a_valid_hsds_page(directory, path, full):
    list_schema, full_schema = LISTS[path]
    items = []
    for page in (1, 2, 3):
        answer = get_json(path, {"full": "true" if full else "false", "per_page": 2, "page": page})
        schemas.assert_page(answer, full_schema if full else list_schema)
        items.extend(answer["contents"])
    assert items, "the directory has records of every kind"
    assert len(ids(items)) == len(set(ids(items)))


def test_every_record_has_a_valid_detail_answer(directory):
    for path, (_list_schema, full_schema) in LISTS.items():
        for item in walk(path):
            detail = get_json(f"{path}/{item['id']}")
            schemas.assert_valid(detail, full_schema)
            assert detail["id"] == item["id"]


def test_the_schema_check_itself_catches_a_wrong_field(directory):
    """The schemas catch a malformed id or e-mail, and a misspelt field."""
    record = get_json(f"services/{directory.led.uuid}")
    assert schemas.problems({**record, "id": "42"}, "service")
    assert schemas.problems({**record, "email": "not an address"}, "service")
    assert schemas.problems({**record, "phone_numbers": []}, "service")
    schemas.assert_valid(record, "service")


def test_the_full_service_holds_what_the_site_shows(directory):
    record = get_json(f"services/{directory.acs_led.uuid}")
    assert record["organization_id"] == hsds.ACS_ID
    assert record["organization"]["alternate_name"] == "ACS"
    assert record["program"]["name"] == "Community Partnerships"
    assert record["url"] == "http://testserver/partnerships/highbridge/"
    assert record["assured_date"] == "2026-10-01"
    assert {lang["code"] for lang in record["languages"]} == {"en", "es"}
    assert [area["name"] for area in record["service_areas"]] == ["BX04", "BX05"]
    assert record["contacts"][0]["email"] == "ana.ruiz@acs.nyc.gov"
    led = get_json(f"services/{directory.led.uuid}")
    assert led["organization_id"] == str(directory.lead.uuid)
    assert led["phones"][0]["number"] == "718-555-0199"
    center = get_json(f"services/{directory.center.uuid}")
    (at,) = center["service_at_locations"]
    assert at["location"]["addresses"][0]["postal_code"] == "10454"
    assert at["location"]["latitude"] == pytest.approx(40.808)
    assert at["schedules"][0]["description"] == "Monday to Friday, 9 AM to 5 PM"
    assert at["location"]["accessibility"][0]["description"] == "Step-free entrance."


# Published records only -------------------------------------------------------------


def test_every_published_listing_appears_once_and_nothing_unpublished(directory):
    d = directory
    published = {d.acs_led, d.led, d.sample, d.center, d.unnamed}
    assert service_ids() == {str(listing.uuid) for listing in published}
    for params in ({"per_page": 1}, {"per_page": 3}, {"per_page": 100}):
        assert service_ids(params) == {str(listing.uuid) for listing in published}
    assert get(f"services/{d.draft.uuid}").status_code == 404
    assert get(f"services/{d.draft_center.uuid}").status_code == 404
    assert set(ids(walk("service_at_locations"))) == {sal_id(d.center), sal_id(d.unnamed)}
    assert get(f"service_at_locations/{sal_id(d.draft_center)}").status_code == 404


def test_schedules_are_the_published_series_of_published_partnerships(directory):
    d = directory
    schedules = [
        schedule
        for service in walk("services", {"full": "true"})
        for schedule in service["schedules"]
    ]
    assert sorted(ids(schedules)) == sorted(
        str(series.uuid) for series in (d.monthly, d.weekly, d.event, d.sample_series)
    )
    assert str(d.hidden_series.uuid) not in ids(schedules)
    assert str(d.draft_series.uuid) not in ids(schedules)


def test_organizations_are_acs_and_those_with_a_published_listing(directory):
    d = directory
    found = ids(walk("organizations"))
    assert sorted(found) == sorted([hsds.ACS_ID, str(d.lead.uuid), str(d.operator.uuid)])
    assert get(f"organizations/{d.hidden_lead.uuid}").status_code == 404
    acs = get_json(f"organizations/{hsds.ACS_ID}")
    assert sorted(ids(acs["services"])) == sorted([str(d.acs_led.uuid), str(d.sample.uuid)])
    assert {program["name"] for program in acs["programs"]} == {
        "Community Partnerships",
        "Family Enrichment Centers",
    }
    operator = get_json(f"organizations/{d.operator.uuid}")
    assert sorted(ids(operator["services"])) == sorted([str(d.center.uuid), str(d.unnamed.uuid)])
    assert operator["phones"][0]["number"] == "212-555-0100"


def test_an_organization_whose_listings_are_all_unpublished_disappears(directory):
    directory.center.is_published = directory.unnamed.is_published = False
    directory.center.save()
    directory.unnamed.save()
    assert str(directory.operator.uuid) not in ids(walk("organizations"))
    assert get(f"organizations/{directory.operator.uuid}").status_code == 404


# Ids --------------------------------------------------------------------------------


def test_ids_are_the_records_uuids_never_their_keys_and_never_change(directory):
    d = directory
    first = get_json("services", {"full": "true"})
    again = get_json("services", {"full": "true"})
    assert first == again
    by_name = {service["name"]: service["id"] for service in first["contents"]}
    assert by_name["Highbridge Community Partnership"] == str(d.acs_led.uuid)
    assert by_name["Family Place"] == str(d.center.uuid)
    assert str(d.acs_led.pk) not in by_name.values()
    d.acs_led.name = "Renamed Partnership"
    d.acs_led.save()
    assert get_json(f"services/{d.acs_led.uuid}")["id"] == str(d.acs_led.uuid)


@pytest.mark.parametrize(
    "path", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_and_malformed_ids_get_a_json_404(directory, path):
    for record_id in (str(uuid.uuid4()), "42", "not-a-uuid", str(directory.acs_led.pk)):
        response = get(f"{path}/{record_id}")
        assert response.status_code == 404, record_id
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"] == "not_found"


def test_an_unknown_path_under_the_api_gets_a_json_404():
    for path in ("nothing", "services/a/b", "services/", "locations"):
        response = get(path)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found"
        assert response["Access-Control-Allow-Origin"] == "*"


# Paging -----------------------------------------------------------------------------


def test_pages_count_and_say_where_they_are(directory):
    first = get_json("services", {"per_page": 2})
    assert first["total_items"] == 5
    assert first["total_pages"] == 3
    assert (first["page_number"], first["size"]) == (1, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = get_json("services", {"per_page": 2, "page": 3})
    assert (last["page_number"], last["size"]) == (3, 1)
    assert last["last_page"] and not last["first_page"]
    past = get_json("services", {"per_page": 2, "page": 4})
    assert past["empty"] and past["contents"] == [] and past["size"] == 0
    assert past["total_items"] == 5
    default = get_json("services")
    assert default["size"] == 5 and default["first_page"] and default["last_page"]


def test_an_empty_directory_is_one_empty_page(db):
    answer = get_json("services")
    assert answer["total_items"] == answer["total_pages"] == 0
    assert answer["empty"] and answer["first_page"] and answer["last_page"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("per_page", "0"),
        ("per_page", "101"),
        ("per_page", "x"),
        ("per_page", "-1"),
        ("per_page", "1_0"),
        ("page", "0"),
        ("page", "two"),
        ("page", "2.5"),
    ],
)
def test_bad_paging_gets_a_400_naming_the_parameter(directory, name, value):
    response = get("services", {name: value})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad_parameter"
    assert body["parameter"] == name
    assert name in body["message"]


def test_per_page_from_1_to_100_is_allowed(directory):
    assert get_json("services", {"per_page": 1})["size"] == 1
    assert get_json("services", {"per_page": 100})["size"] == 5


# Filters ----------------------------------------------------------------------------

NOW = noon_in_new_york(2026, 11, 23)


def test_modified_after_lists_what_changed_since(directory):
    d = directory
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        d.center.description = "Updated."
        d.center.save()
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        d.weekly.title = "Weekly circle, new room"
        d.weekly.save()
    assert service_ids({"modified_after": "2026-11-24"}) == {
        str(d.center.uuid),
        str(d.acs_led.uuid),  # its series changed
    }
    assert service_ids({"modified_after": "2026-11-25T12:30:00-05:00"}) == {str(d.acs_led.uuid)}
    # An unescaped "+" arrives as a space.
    assert get_json("services?modified_after=2026-11-25T17:30:00+00:00")["total_items"] == 1
    assert get_json("services", {"modified_after": "2026-11-27"})["total_items"] == 0
    record = get_json(f"services/{d.acs_led.uuid}")
    assert record["last_modified"] == "2026-11-26T12:00:00-05:00"


def test_modified_after_sees_a_series_taken_off_the_site(directory):
    """Its schedule is gone from the service: the service changed."""
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        directory.monthly.is_published = False
        directory.monthly.save()
    assert service_ids({"modified_after": "2026-11-25"}) == {str(directory.acs_led.uuid)}


@pytest.fixture
def directory(directory):
    """The directory as it stood at noon on 2026-11-23, last edited then."""
    from meetings.models import MeetingSeries
    from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter, Organization

    for model in (CommunityPartnership, FamilyEnrichmentCenter, Organization, MeetingSeries):
        model.objects.update(updated=NOW)
    return directory


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01", "2026-11-31", "11/24/2026", "x" * 300]
)
def test_a_bad_modified_after_gets_a_400(directory, value):
    response = get("services", {"modified_after": value})
    assert response.status_code == 400
    assert response.json()["parameter"] == "modified_after"


def test_search_finds_names_neighborhoods_descriptions_and_organizations(directory):
    d = directory
    assert service_ids({"search": "highbridge"}) == {str(d.acs_led.uuid)}
    assert service_ids({"search": "MOTT HAVEN"}) == {str(d.led.uuid), str(d.center.uuid)}
    assert service_ids({"search": "Bronx Works"}) == {str(d.led.uuid)}
    assert service_ids({"search": "Draft"}) == set()
    assert service_ids({"search": "nothing like this"}) == set()
    assert get("services", {"search": "x" * 201}).status_code == 400
    assert ids(walk("organizations", {"search": "acs"})) == [hsds.ACS_ID]
    assert ids(walk("organizations", {"search": "bronx works"})) == [str(d.lead.uuid)]


def test_taxonomy_terms_filter_the_services(directory):
    d = directory
    assert service_ids({"taxonomy_term_id": hsds.PARTNERSHIP_TERM["id"]}) == {
        str(d.acs_led.uuid),
        str(d.led.uuid),
        str(d.sample.uuid),
    }
    assert service_ids({"taxonomy_term_id": hsds.CENTER_TERM["id"]}) == {
        str(d.center.uuid),
        str(d.unnamed.uuid),
    }
    assert service_ids({"taxonomy_term_id": hsds.SAMPLE_TERM["id"]}) == {
        str(d.sample.uuid),
        str(d.unnamed.uuid),
    }
    assert service_ids({"taxonomy_term_id": str(uuid.uuid4())}) == set()
    response = get("services", {"taxonomy_term_id": "community-partnership"})
    assert response.status_code == 400
    assert response.json()["parameter"] == "taxonomy_term_id"


def test_every_service_carries_the_terms_it_is_filtered_by(directory):
    for term in hsds.TERMS:
        for service in walk("services", {"taxonomy_term_id": term["id"], "full": "true"}):
            assert term["id"] in [a["taxonomy_term_id"] for a in service["attributes"]]


def test_organization_id_filters_the_services(directory):
    d = directory
    assert service_ids({"organization_id": hsds.ACS_ID}) == {
        str(d.acs_led.uuid),
        str(d.sample.uuid),
    }
    assert service_ids({"organization_id": str(d.lead.uuid)}) == {str(d.led.uuid)}
    assert service_ids({"organization_id": str(d.operator.uuid)}) == {
        str(d.center.uuid),
        str(d.unnamed.uuid),
    }
    assert service_ids({"organization_id": str(d.hidden_lead.uuid)}) == set()
    assert get("services", {"organization_id": "acs"}).status_code == 400


def test_postcode_finds_the_centers_there(directory):
    found = ids(walk("service_at_locations", {"postcode": "10454"}))
    assert found == [sal_id(directory.center)]
    assert ids(walk("service_at_locations", {"postcode": "10001"})) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("minimal", "true"),
        ("full_service", "true"),
        ("proximity", "40.8,-73.9"),
        ("format", "ndjson"),
        ("full", "maybe"),
        ("locale", "xx"),
        ("search", "a\x00b"),
    ],
)
def test_unsupported_or_bad_parameters_get_a_400(directory, name, value):
    for path in ("services", "organizations", "service_at_locations"):
        response = get(path, {name: value})
        assert response.status_code == 400, (path, name)
        assert response.json() == {
            "error": "bad_parameter",
            "message": response.json()["message"],
            "parameter": name,
        }


# Languages --------------------------------------------------------------------------


def test_locale_gives_staff_text_where_translated_and_english_where_not(directory):
    d = directory
    d.acs_led.description_es = "Los vecinos de Highbridge se reúnen cada mes."
    d.acs_led.save()
    spanish = get_json(f"services/{d.acs_led.uuid}", {"locale": "es"})
    assert spanish["description"] == "Los vecinos de Highbridge se reúnen cada mes."
    assert spanish["schedules"][0]["description"].startswith("Monthly meeting: ")
    assert "mes" in spanish["schedules"][0]["description"]  # the rule in Spanish words
    english = get_json(f"services/{d.acs_led.uuid}")
    assert english["description"] == "Neighbors of Highbridge meet monthly."
    untranslated = get_json(f"services/{d.led.uuid}", {"locale": "es"})
    assert untranslated["description"] == "A coalition in Mott Haven."
    listed = {s["id"]: s for s in get_json("services", {"locale": "es"})["contents"]}
    assert listed[str(d.acs_led.uuid)]["description"] == spanish["description"]
    schemas.assert_valid(spanish, "service")


def test_an_unknown_locale_names_the_locales_offered(directory):
    response = get("services", {"locale": "xx"})
    assert response.status_code == 400
    assert "es" in response.json()["message"]


# Sample data ------------------------------------------------------------------------


def test_sample_data_says_so_in_the_description_and_an_attribute(directory):
    d = directory
    for listing in (d.sample, d.unnamed):
        record = get_json(f"services/{listing.uuid}")
        assert record["description"].startswith("Sample data:")
        terms = {a["taxonomy_term_id"]: a for a in record["attributes"]}
        assert terms[hsds.SAMPLE_TERM["id"]]["taxonomy_term"]["code"] == "sample-data"
    sample_schedule = get_json(f"services/{d.sample.uuid}")["schedules"][0]
    assert sample_schedule["notes"].startswith("Sample schedule")
    real = get_json(f"services/{d.acs_led.uuid}")
    assert "Sample" not in real["description"]
    assert hsds.SAMPLE_TERM["id"] not in [a["taxonomy_term_id"] for a in real["attributes"]]


# Methods and CORS -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_gets_a_json_405(client, method, directory):
    response = getattr(client, method)(API + "services")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert "GET" in response["Allow"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cors_preflight_is_answered(client, directory):
    response = client.options(
        API + f"services/{directory.acs_led.uuid}",
        headers={"Origin": "https://app.example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_head_answers_like_get_without_a_body(client, directory):
    response = client.head(API + "services")
    assert response.status_code == 200
    assert response.content == b""


def test_a_record_changed_now_says_when(directory):
    record = get_json(f"services/{directory.center.uuid}")
    moment = datetime.datetime.fromisoformat(record["last_modified"])
    assert moment == NOW
    assert moment.utcoffset() == timezone.localtime(NOW).utcoffset()


def test_a_center_without_a_name_is_named_by_its_operator(directory):
    record = get_json(f"services/{directory.unnamed.uuid}")
    assert record["name"] == "Family Enrichment Center operated by Center Operator"
    make_partnership(name="Another")
    make_center(name="Another center")
    assert get_json("services")["total_items"] == 7


def test_taxonomy_terms_are_listed_and_filtered(directory):
    codes = [term["code"] for term in walk("taxonomy_terms")]
    assert codes == ["community-partnership", "family-enrichment-center", "sample-data"]
    taxonomy = hsds.TAXONOMY["id"]
    assert len(walk("taxonomy_terms", {"taxonomy_id": taxonomy})) == 3
    assert walk("taxonomy_terms", {"taxonomy_id": str(uuid.uuid4())}) == []
    assert [t["code"] for t in walk("taxonomy_terms", {"search": "sample"})] == ["sample-data"]
    assert walk("taxonomy_terms", {"parent_id": hsds.SAMPLE_TERM["id"]}) == []
    assert get("taxonomy_terms", {"top_only": "perhaps"}).status_code == 400
    assert ids(walk("taxonomies")) == [taxonomy]
    assert walk("taxonomies", {"search": "nothing"}) == []
