"""/resources/: residents search and filter published resources, in their language too."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_partnership, make_resource
from tests.pages import h1s, section, text, title
from tests.resources.conftest import pdf

pytestmark = pytest.mark.django_db

RESOURCES = reverse("resources:list")


def listed(response) -> list[str]:
    """The titles of the resources shown, in order."""
    pattern = r'<li class="card resource">\s*<h3><a [^>]+><span lang="[\w-]+" dir="\w+">(.*?)<'
    return re.findall(pattern, response.content.decode())


def test_the_page_has_one_h1_a_title_and_lists_published_resources_only(client):
    make_resource(title="Getting Started in Community Child Protection")
    make_resource(title="Unfinished draft", is_published=False)
    response = client.get(RESOURCES)
    assert response.status_code == 200
    assert h1s(response) == ["Resources"]
    assert title(response).startswith("Resources |")
    assert listed(response) == ["Getting Started in Community Child Protection"]
    assert "1 result" in text(response)
    assert "Unfinished draft" not in response.content.decode()


def test_each_resource_shows_publisher_description_topic_audience_and_languages(client):
    make_resource(
        title="Safekeeping newsletter",
        publisher="Center for Community Partnerships in Child Welfare",
        description="An issue on the community partnership practice model.",
        topic="practice",
        audience="providers",
        languages=("en", "es"),
    )
    page = text(client.get(RESOURCES))
    assert "Published by Center for Community Partnerships in Child Welfare" in page
    assert "An issue on the community partnership practice model." in page
    assert "Topic: Child welfare practice. For: Service providers." in page
    assert "Languages: English, Español (Spanish)" in page


def test_a_link_is_marked_as_leading_to_another_site(client):
    make_resource(title="Child Welfare Matters", url="https://www.example.org/cwm-fall-2005")
    response = client.get(RESOURCES)
    link = section(response, r'<a href="https://www.example.org/cwm-fall-2005">.*?</a>')
    assert "(external site: example.org)" in link


def test_an_uploaded_pdf_links_to_the_file_and_says_pdf_and_its_size(client):
    make_resource(title="Implementation Report", slug="cpi-report", file=pdf(), file_size=1234567)
    response = client.get(RESOURCES)
    link = section(response, r'<a href="/media/resources/cpi-report.pdf"[^>]*>.*?</a>')
    assert 'type="application/pdf"' in link
    assert "(PDF, 1.2\xa0MB)" in link


def test_titles_and_descriptions_carry_the_language_they_are_written_in(client):
    make_resource(title="Guía para familias", description="Una guía breve.", languages=("es",))
    html = client.get(RESOURCES).content.decode()
    assert '<span lang="es" dir="ltr">Guía para familias</span>' in html
    assert '<p lang="es" dir="ltr">Una guía breve.</p>' in html
    assert '<span lang="es">Español</span>' in html
    # On an Arabic page the Spanish text still reads left to right, and it is not "English".
    html = client.get("/ar" + RESOURCES).content.decode()
    assert '<span lang="es" dir="ltr">Guía para familias</span>' in html


def test_sample_resources_say_so(client):
    make_resource(title="Sample one", is_sample_data=True)
    make_resource(title="Confirmed one")
    page = text(client.get(RESOURCES))
    assert page.count("Sample entry:") == 1


# Filters and search ------------------------------------------------------------


def test_search_matches_every_word_in_title_description_or_publisher(client):
    make_resource(title="Safekeeping", publisher="CCPCW", description="Hiring and training.")
    make_resource(title="Child Welfare Matters", publisher="Resource Center")
    make_resource(title="Guidance from the Field", description="A checklist for new sites.")
    assert listed(client.get(RESOURCES, {"q": "ccpcw training"})) == ["Safekeeping"]
    assert listed(client.get(RESOURCES, {"q": "CHECKLIST"})) == ["Guidance from the Field"]
    assert listed(client.get(RESOURCES, {"q": "resource center"})) == ["Child Welfare Matters"]


def test_filters_by_topic_audience_language_and_partnership(client):
    highbridge = make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    make_resource(title="Approach", topic="approach", audience="community")
    make_resource(title="Report", topic="research", audience="partners", partnerships=[highbridge])
    make_resource(title="Guía", topic="family-support", audience="families", languages=("es",))
    assert listed(client.get(RESOURCES, {"topic": "research"})) == ["Report"]
    assert listed(client.get(RESOURCES, {"audience": "families"})) == ["Guía"]
    assert listed(client.get(RESOURCES, {"language": "es"})) == ["Guía"]
    assert listed(client.get(RESOURCES, {"partnership": "highbridge"})) == ["Report"]
    response = client.get(RESOURCES, {"partnership": "highbridge", "language": "es"})
    assert listed(response) == []
    assert "No resources match your search." in text(response)


def test_active_filters_are_named_with_a_link_that_removes_each(client):
    make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    make_resource(title="Report", topic="research", partnerships=[])
    page = text(client.get(RESOURCES, {"topic": "research", "language": "es"}))
    assert "Topic: Research and evaluation" in page
    assert "Language: Spanish" in page


def test_a_resource_in_two_matching_languages_is_listed_once(client):
    highbridge = make_partnership(slug="highbridge")
    elmhurst = make_partnership(slug="elmhurst")
    make_resource(title="Both", languages=("en", "es"), partnerships=[highbridge, elmhurst])
    assert listed(client.get(RESOURCES, {"q": "both"})) == ["Both"]
    assert listed(client.get(RESOURCES)) == ["Both"]


def test_only_partnerships_with_published_resources_are_offered_in_the_filter(client):
    shown = make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    hidden = make_partnership(name="Jamaica Community Partnership", slug="jamaica")
    make_resource(partnerships=[shown])
    make_resource(partnerships=[hidden], is_published=False)
    select = section(client.get(RESOURCES), r'<select name="partnership".*?</select>')
    assert "Highbridge Community Partnership" in select
    assert "Jamaica" not in select


@pytest.mark.parametrize(
    "params, field",
    [
        ({"topic": "astrology"}, "Topic"),
        ({"audience": "robots"}, "For"),
        ({"language": "klingon"}, "Language"),
        ({"partnership": "' OR 1=1 --"}, "Community Partnership"),
        ({"partnership": "no-such-partnership"}, "Community Partnership"),
        ({"q": "x" * 101}, "Search"),
    ],
)
def test_malformed_filters_show_a_form_error_and_no_results(client, params, field):
    make_resource(title="Approach")
    response = client.get(RESOURCES, params)
    assert response.status_code == 200
    page = text(response)
    assert "We could not use some of these filters" in page
    assert f"{field}:" in page
    assert listed(response) == []
    assert title(response).startswith("Error: ")
    assert "Results will show here once the filters above are corrected." in page


@pytest.mark.parametrize("page", ["abc", "0", "999"])
def test_a_bad_page_number_shows_a_real_page(client, page):
    make_resource(title="Approach")
    response = client.get(RESOURCES, {"page": page})
    assert response.status_code == 200
    assert listed(response) == ["Approach"]


def test_the_list_paginates(client):
    for n in range(23):
        make_resource(title=f"Guide {n:02d}")
    first = client.get(RESOURCES)
    assert len(listed(first)) == 20
    assert "Showing 1 to 20 of 23." in text(first)
    assert len(listed(client.get(RESOURCES, {"page": "2"}))) == 3


def test_every_form_control_has_a_label(client):
    make_resource()
    html = client.get(RESOURCES).content.decode()
    ids = re.findall(r"<(?:input|select|textarea)\b[^>]*\bid=\"([^\"]+)\"", html)
    assert len(ids) == 5
    for control_id in ids:
        assert f'for="{control_id}"' in html, control_id


def test_the_page_works_in_spanish(client):
    make_resource(title="Guide", topic="research", audience="families", languages=("en", "es"))
    response = client.get("/es/resources/", {"topic": "research"})
    page = text(response)
    assert h1s(response) == ["Recursos"]
    assert "Tema: Investigación y evaluación. Para: Familias y padres." in page
    assert '<html lang="es" dir="ltr">' in response.content.decode()


# The partnership's page ----------------------------------------------------------


def test_a_partnership_page_lists_its_published_resources(client):
    highbridge = make_partnership(name="Highbridge Community Partnership", slug="highbridge")
    other = make_partnership(slug="other")
    make_resource(title="Ours", partnerships=[highbridge])
    make_resource(title="Our draft", partnerships=[highbridge], is_published=False)
    make_resource(title="Theirs", partnerships=[other])
    response = client.get(highbridge.get_absolute_url())
    resources = section(response, r'<section class="partnership-resources".*?</section>')
    assert "<h2" in resources and "Resources" in resources
    assert "Ours" in resources
    assert "Our draft" not in resources
    assert "Theirs" not in resources
    assert 'href="/resources/"' in resources


def test_a_partnership_without_resources_shows_no_resources_section(client):
    partnership = make_partnership(slug="highbridge")
    make_resource(title="Elsewhere")
    html = client.get(partnership.get_absolute_url()).content.decode()
    assert "partnership-resources" not in html
