"""The API behind the page cache: cached, revalidated, never stale, CORS on every answer."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_partnership
from tests.partnerships.test_admin import partnership_form

from .conftest import API, get

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return make_partnership(
        name="Highbridge Community Partnership",
        slug="highbridge",
        description="Neighbors meet monthly.",
    )


def test_an_api_answer_is_cached_and_answers_304_to_its_etag(partnership):
    first = get("services")
    second = get("services")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert first["ETag"]
    again = get("services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    by_date = get("services", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_each_query_string_is_its_own_answer(partnership):
    english = get("services").json()
    assert get("services", {"per_page": 1}).json()["size"] == 1
    assert get("services", {"locale": "es"})["X-Page-Cache"] == "miss"
    assert get("services").json() == english


def test_an_edit_by_save_shows_on_the_very_next_request(partnership):
    detail = f"services/{partnership.uuid}"
    first = get(detail)
    assert get(detail)["X-Page-Cache"] == "hit"
    partnership.description = "Neighbors now meet every other week."
    partnership.save()
    response = get(detail, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response.json()["description"] == "Neighbors now meet every other week."
    listed = get("services").json()["contents"][0]
    assert listed["description"] == "Neighbors now meet every other week."


def test_an_edit_in_the_admin_shows_on_the_very_next_request(partnership, staff_client):
    get(f"services/{partnership.uuid}")
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    response = staff_client.post(
        url, partnership_form(partnership, description_en="Edited in the admin.")
    )
    assert response.status_code == 302
    answer = get(f"services/{partnership.uuid}")
    assert answer.json()["description"] == "Edited in the admin."


def test_unpublishing_takes_a_cached_record_away(partnership):
    assert get(f"services/{partnership.uuid}").status_code == 200
    partnership.is_published = False
    partnership.save()
    assert get(f"services/{partnership.uuid}").status_code == 404
    assert get("services").json()["total_items"] == 0


def test_every_api_answer_allows_any_origin(partnership, settings):
    settings.OPEN_DATA_API_RATE_LIMIT = 6
    first = get("services")
    answers = {
        200: first,
        "200 from the cache": get("services"),
        304: get("services", HTTP_IF_NONE_MATCH=first["ETag"]),
        400: get("services", {"per_page": "x"}),
        404: get("services/nothing"),
        405: Client().post(API + "services"),
    }
    while (limited := get("services")).status_code != 429:
        pass
    answers[429] = limited
    for status, response in answers.items():
        assert response["Access-Control-Allow-Origin"] == "*", status
        assert "ETag" in response["Access-Control-Expose-Headers"], status
    assert answers[304].status_code == 304


def test_site_pages_do_not_allow_other_origins(partnership):
    for path in ("/", "/partnerships/", "/partnerships/highbridge/", "/es/"):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert "Access-Control-Allow-Origin" not in response, path
