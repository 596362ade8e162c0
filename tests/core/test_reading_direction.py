"""Pages read right to left in Arabic and Urdu, and left to right in English and Spanish.

An Arabic or Urdu page says dir="rtl", while phone numbers, addresses, times
and reference numbers stay left to right inside it (<bdi dir="ltr">), so
"(212) 676-9421" never turns into "9421-676 (212)".
"""

import re

import pytest
import time_machine
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import make_center, make_partnership, make_series, noon_in_new_york
from tests.workshops.helpers import make_request

pytestmark = pytest.mark.django_db


def html_element(response) -> str:
    found = re.search(r"<html\b[^>]*>", response.content.decode())
    assert found
    return found.group(0)


def isolated(value: str) -> str:
    return f'<bdi dir="ltr">{value}</bdi>'


@pytest.mark.parametrize(
    "path, tag",
    [("/", '<html lang="en" dir="ltr">'), ("/es/", '<html lang="es" dir="ltr">')],
)
def test_english_and_spanish_pages_read_left_to_right(client, path, tag):
    assert html_element(client.get(path)) == tag


def test_an_arabic_page_reads_right_to_left(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert html_element(response) == '<html lang="ar" dir="rtl">'


def test_a_partnerships_phone_email_and_address_stay_left_to_right_in_arabic(client):
    partnership = make_partnership(
        phone="(718) 555-0100", email="hello@example.org", url="https://example.org/"
    )
    page = client.get(f"/ar{partnership.get_absolute_url()}").content.decode()
    assert f'<a href="tel:+17185550100">{isolated("(718) 555-0100")}</a>' in page
    assert f'<a href="mailto:hello@example.org">{isolated("hello@example.org")}</a>' in page
    assert f'<a href="https://example.org/">{isolated("https://example.org/")}</a>' in page


def test_a_centers_postal_code_stays_left_to_right_in_arabic(client):
    center = make_center(
        street_address="1 Sample Street", city="Bronx", postal_code="10452", phone="718 555 0199"
    )
    page = client.get(f"/ar{center.get_absolute_url()}").content.decode()
    assert f"NY {isolated('10452')}" in page
    assert isolated("718 555 0199") in page


@time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)
def test_meeting_times_stay_left_to_right_in_arabic(client):
    make_series()  # 6 to 8 PM
    page = client.get("/ar/meetings/").content.decode()
    times = re.findall(r'<span class="meeting__time">(.*?)</span>', page)
    assert times
    assert all(re.fullmatch(r'<bdi dir="ltr">[^<]+</bdi>', time) for time in times), times


def test_a_workshop_reference_stays_left_to_right_in_arabic(client):
    reference = make_request().reference
    page = client.get(f"/ar/workshops/request/thanks/{reference}/").content.decode()
    assert f'<p class="workshop-reference__number">{isolated(reference)}</p>' in page


def test_the_helpline_number_stays_left_to_right_in_arabic(client):
    page = client.get("/ar/parents-as-partners/").content.decode()
    assert f'<a href="tel:+12126769421">{isolated("(212) 676-9421")}</a>' in page


def test_the_error_page_built_without_the_database_follows_the_language_too():
    with translation.override("ar"):
        page = render_to_string("500.html")
    assert '<html lang="ar" dir="rtl">' in page


def test_the_ltr_filter_escapes_and_leaves_empty_values_out():
    template = Template("{% load bidi %}[{{ value|ltr }}]")
    assert template.render(Context({"value": "<b>&"})) == f"[{isolated('&lt;b&gt;&amp;')}]"
    assert template.render(Context({"value": ""})) == "[]"
    assert template.render(Context({"value": None})) == "[]"
