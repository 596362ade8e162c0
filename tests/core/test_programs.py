"""The program pages: the Community Partnership Initiative, the approach and Parents as Partners."""

import re

import pytest
from django.urls import reverse

from partnerships.models import CommunityDistrict
from tests.factories import make_partnership
from tests.pages import h1s, plain, section, text

pytestmark = pytest.mark.django_db

INITIATIVE = reverse("core:initiative")
APPROACH = reverse("core:approach")
PARENTS = reverse("core:parents_as_partners")


def district_row(response, code: str) -> str:
    """The coverage table's row for one community district, as HTML."""
    return section(response, rf'<tr\b[^>]*>\s*<th scope="row">{code}</th>.*?</tr>')


def test_initiative_page_states_the_mission_principles_and_four_tasks(client):
    response = client.get(INITIATIVE)
    assert response.status_code == 200
    assert h1s(response) == ["Community Partnership Initiative"]
    page = text(response)
    assert "Our mission" in page
    assert "community coalitions that put families first" in page
    assert "Guiding principles" in page
    assert "Strong partnerships between ACS and the agencies it works with." in page
    tasks = section(response, r'<ol class="tasks">.*?</ol>')
    items = [plain(li) for li in re.findall(r"<li>.*?</li>", tasks, flags=re.S)]
    assert len(items) == 4
    assert items[0].startswith("Link Head Start, child care and local prevention services")
    assert items[1].startswith("Take part in family team conferences")
    assert items[2].startswith("Support foster and adoptive parents")
    assert items[3].startswith("Help parents, children, brothers and sisters visit each other")
    assert f'href="{APPROACH}"' in response.content.decode()


def test_a_covered_district_links_to_its_partnership(client):
    highbridge = make_partnership(name="Highbridge Partnership", districts=("BX04", "BX05"))
    response = client.get(INITIATIVE)
    for code in ("BX04", "BX05"):
        row = district_row(response, code)
        assert f'<a href="{highbridge.get_absolute_url()}">Highbridge Partnership</a>' in row
        assert "Not yet covered" not in row


def test_a_district_covered_by_two_partnerships_links_to_both(client):
    make_partnership(name="Astoria North", borough="queens", districts=("QN01",))
    make_partnership(name="Astoria South", borough="queens", districts=("QN01",))
    row = plain(district_row(client.get(INITIATIVE), "QN01"))
    assert "Astoria North" in row
    assert "Astoria South" in row


def test_an_uncovered_district_says_not_yet_covered(client):
    make_partnership(districts=("BX04",))
    row = district_row(client.get(INITIATIVE), "SI03")
    assert plain(row) == "SI03 Tottenville, Great Kills Not yet covered"
    assert "<a " not in row


def test_unpublished_partnerships_cover_no_district(client):
    make_partnership(name="Draft Partnership", districts=("MN11",), is_published=False)
    response = client.get(INITIATIVE)
    assert "Not yet covered" in plain(district_row(response, "MN11"))
    assert "Draft Partnership" not in text(response)


def test_initiative_page_counts_the_covered_districts_overall_and_by_borough(client):
    make_partnership(districts=("BX04", "BX05"))
    make_partnership(borough="queens", districts=("QN04",))
    make_partnership(districts=("BX01",), is_published=False)
    response = client.get(INITIATIVE)
    page = text(response)
    assert (
        "New York City has 59 community districts. "
        "Today 2 Community Partnerships cover 3 of them." in page
    )
    captions = [
        plain(c) for c in re.findall(r"<caption>.*?</caption>", response.content.decode(), re.S)
    ]
    assert captions == [
        "Bronx: 2 of 12 community districts covered",
        "Brooklyn: 0 of 18 community districts covered",
        "Manhattan: 0 of 12 community districts covered",
        "Queens: 1 of 14 community districts covered",
        "Staten Island: 0 of 3 community districts covered",
    ]


def test_coverage_tables_have_column_and_row_headers(client):
    html = client.get(INITIATIVE).content.decode()
    assert html.count('<table class="coverage">') == 5
    assert html.count('<th scope="col">District</th>') == 5
    assert html.count('<th scope="row">') == 59


def test_approach_page_states_principles_goals_elements_and_the_cssp_credit(client):
    response = client.get(APPROACH)
    assert response.status_code == 200
    page = text(response)
    assert "The approach Community Partnerships for Protecting Children" in page
    for heading in (
        "Principles",
        "For families",
        "For agencies",
        "For the community",
        "Core elements",
        "Typical practices",
    ):
        assert heading in page
    assert "Whenever possible, children should stay with their own families." in page
    assert "Government alone cannot keep children safe from abuse and neglect." in page
    assert (
        "developed by the Center for Community Partnerships in Child Welfare "
        "of the Center for the Study of Social Policy" in page
    )


def test_parents_as_partners_page_gives_the_helpline_as_a_phone_link(client):
    response = client.get(PARENTS)
    assert response.status_code == 200
    assert h1s(response) == ["Parents as Partners"]
    helpline = section(response, r'<section class="helpline".*?</section>')
    assert '<a href="tel:+12126769421"><bdi dir="ltr">(212) 676-9421</bdi></a>' in helpline
    assert "Parents' and Children's Rights Helpline" in plain(helpline)
    address = "ACS Office of Advocacy 150 William Street, 1st Floor New York, NY 10038"
    assert address in plain(helpline)


def test_parents_as_partners_page_says_who_it_is_for_and_what_specialists_do(client):
    page = text(client.get(PARENTS))
    assert "Who it is for" in page
    assert "find the child welfare system hard to understand" in page
    assert "parents who once had children in foster care and got their families back" in page
    assert "emotional support;" in page
    assert "What the program aims to do" in page
    assert "Help children stay home for good once they return." in page


def test_parents_as_partners_page_lists_the_referral_steps_and_what_to_prepare(client):
    refer = plain(section(client.get(PARENTS), r'<section aria-labelledby="refer">.*?</section>'))
    assert "For ACS and contract agency staff: how to refer a parent" in refer
    for fact in (
        "the case name, case number and caseworker",
        "the names of the children",
        "how to reach the agency and caseworker",
        "any upcoming conferences",
        "a short history",
    ):
        assert fact in refer


def test_parents_as_partners_page_has_no_form_and_says_why(client):
    response = client.get(PARENTS)
    html = response.content.decode()
    main = section(response, r"<main\b.*?</main>")
    assert "<form" not in main
    assert "<input" not in main
    page = text(response)
    assert "No form on this website collects case information." in page
    assert "Case information is private." in page
    assert "through the family's caseworker, never through a public website" in page
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    "url, heading, phrases",
    [
        (
            "/es/initiative/",
            "Iniciativa de Alianzas Comunitarias",
            ["Las cuatro tareas", "Principios rectores", "Todavía sin alianza", "Distrito"],
        ),
        (
            "/es/approach/",
            "El enfoque Alianzas Comunitarias para Proteger a los Niños",
            ["Elementos principales", "Center for the Study of Social Policy"],
        ),
        (
            "/es/parents-as-partners/",
            "Padres como Aliados",
            ["Línea de Ayuda sobre los Derechos de Padres e Hijos", "Ningún formulario"],
        ),
    ],
)
def test_program_pages_are_translated_into_spanish(client, url, heading, phrases):
    make_partnership(districts=("BX04",))
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in response.content.decode()
    assert h1s(response) == [heading]
    page = text(response)
    for phrase in phrases:
        assert phrase in page
    for english in ("Not yet covered", "Who it is for", "Principles", "Skip to main content"):
        assert english not in page


def test_home_and_about_pages_link_to_the_program_pages(client):
    for url in ("/", reverse("core:about")):
        main = section(client.get(url), r"<main\b.*?</main>")
        for program in (INITIATIVE, APPROACH, PARENTS):
            assert f'href="{program}"' in main, (url, program)


def test_the_cached_initiative_page_shows_a_new_partnership_at_once(client):
    """The page cache serves /initiative/; a partnership saved afterwards still shows."""
    assert "Not yet covered" in plain(district_row(client.get(INITIATIVE), "SI03"))
    partnership = make_partnership(name="South Shore", borough="staten-island", districts=())
    assert "Not yet covered" in plain(district_row(client.get(INITIATIVE), "SI03"))
    partnership.community_districts.add(*CommunityDistrict.objects.filter(code="SI03"))
    assert "South Shore" in plain(district_row(client.get(INITIATIVE), "SI03"))
