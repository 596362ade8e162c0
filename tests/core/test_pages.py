"""The site-wide pages: home and about."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    make_center,
    make_change,
    make_partnership,
    make_series,
    noon_in_new_york,
)
from tests.pages import plain, section, text

pytestmark = pytest.mark.django_db

D = datetime.date
PARTNERSHIPS = reverse("partnerships:partnership_list")
CENTERS = reverse("partnerships:center_list")
frozen = time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False)


def test_home_explains_ocep_and_the_three_initiatives(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Office of Community Engagement and Partnerships" in page
    for initiative in (
        "Community Partnerships",
        "Family Enrichment Centers",
        "Demystifying ACS workshops",
    ):
        assert initiative in page


def test_home_links_each_borough_to_its_filtered_lists_with_counts(client):
    make_partnership(borough="queens", districts=("QN04",))
    make_partnership(borough="queens", districts=("QN12",))
    make_partnership(borough="queens", districts=("QN01",), is_published=False)
    make_center(borough="queens", districts=("QN04",))
    response = client.get("/")
    html = response.content.decode()
    assert f'href="{PARTNERSHIPS}?borough=queens">2 Community Partnerships<' in html
    assert f'href="{CENTERS}?borough=queens">1 Family Enrichment Center<' in html
    assert f'href="{PARTNERSHIPS}?borough=staten-island">0 Community Partnerships<' in html


@frozen
def test_home_page_lists_the_next_meetings_and_links_to_all_of_them(client):
    highbridge = make_series(partnership=make_partnership(name="Highbridge"))
    make_change(highbridge, D(2026, 12, 8), "cancelled")
    make_series(partnership=make_partnership(name="Elmhurst"), bymonthday=1)
    make_series(partnership=make_partnership(name="Draft", is_published=False))
    response = client.get("/")
    assert response.status_code == 200
    upcoming = section(response, r'<section aria-labelledby="next-meetings">.*?</section>')
    items = [plain(li) for li in re.findall(r"<li\b.*?</li>", upcoming, flags=re.S)]
    assert [item.split(":")[0] for item in items] == ["Elmhurst", "Highbridge"]
    assert "Dec. 1, 2026" in items[0]
    assert "Dec. 8, 2026" in items[1]
    assert "Cancelled" in items[1]
    assert "Cancelled" not in items[0]
    assert "Draft" not in plain(upcoming)
    assert 'href="/meetings/"' in upcoming


@frozen
def test_home_page_says_when_no_meetings_are_coming_up(client):
    response = client.get("/")
    assert "No meetings are scheduled in the next few weeks." in text(response)


def test_about_page_states_that_participation_is_voluntary_and_private(client):
    response = client.get(reverse("core:about"))
    page = text(response)
    assert response.status_code == 200
    assert "voluntary and open to all" in page
    assert "No case management" in page
    assert "Sharing your name or address is optional" in page
