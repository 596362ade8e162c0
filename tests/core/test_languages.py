"""The language switcher, the hreflang alternates and the note on unreviewed translations."""

import re

import pytest
from django.test import override_settings

from tests.factories import make_partnership
from tests.pages import section, text

pytestmark = pytest.mark.django_db

# English and the ten languages of Local Law 30, each named in itself.
IN_ITSELF = {
    "en": "English",
    "es": "Español",
    "zh-hans": "简体中文",
    "zh-hant": "繁體中文",
    "ru": "Русский",
    "bn": "বাংলা",
    "ht": "Kreyòl ayisyen",
    "ko": "한국어",
    "ar": "العربيّة",
    "ur": "اردو",
    "fr": "Français",
    "pl": "Polski",
}


def switcher(response) -> str:
    return section(response, r'<nav class="language-switcher".*?</nav>')


def alternates(response) -> dict[str, str]:
    """hreflang -> href of the <link rel="alternate"> elements in <head>."""
    head = section(response, r"<head>.*?</head>")
    return {
        lang: href
        for attributes in re.findall(r'<link rel="alternate" ([^>]*)>', head)
        for lang, href in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', attributes)
    }


# The switcher --------------------------------------------------------------------


def test_the_switcher_is_a_menu_that_names_each_language_in_itself(client):
    menu = switcher(client.get("/"))
    assert "<details>" in menu and "<summary>" in menu
    summary = section(client.get("/"), r"<summary>.*?</summary>")
    assert '<span class="visually-hidden">Language: </span><span lang="en">English</span>' in (
        summary
    )
    assert 'lang="es" hreflang="es">Español</a>' in menu
    assert 'lang="en" aria-current="true">English</a>' in menu


def test_the_switcher_keeps_the_page_and_its_query(client):
    menu = switcher(client.get("/meetings/", {"borough": "queens"}))
    assert 'href="/es/meetings/?borough=queens" lang="es" hreflang="es">Español</a>' in menu
    menu = switcher(client.get("/es/meetings/", {"borough": "queens"}))
    assert 'href="/meetings/?borough=queens" lang="en" hreflang="en">English</a>' in menu
    assert 'lang="es" aria-current="true">Español</a>' in menu


def test_the_spanish_summary_shows_spanish_in_spanish(client):
    summary = section(client.get("/es/about/"), r"<summary>.*?</summary>")
    assert '<span class="visually-hidden">Idioma: </span><span lang="es">Español</span>' in summary


def test_the_switcher_names_every_language_of_local_law_30_in_itself(client):
    make_partnership(slug="highbridge")
    menu = switcher(client.get("/partnerships/highbridge/"))
    for code, name in IN_ITSELF.items():
        if code == "en":
            continue  # the current page's language is marked current, below
        expected = f'href="/{code}/partnerships/highbridge/" lang="{code}" hreflang="{code}">'
        assert f"{expected}{name}</a>" in menu, code
    assert menu.count("<li>") == 12


def test_a_page_in_an_added_language_marks_that_language_current(client):
    response = client.get("/fr/about/", {"x": "1"})
    assert response.status_code == 200
    menu = switcher(response)
    assert 'href="/fr/about/?x=1" lang="fr" aria-current="true">Français</a>' in menu
    assert 'href="/about/?x=1" lang="en" hreflang="en">English</a>' in menu
    assert '<span lang="fr">Français</span></summary>' in menu


# hreflang alternates ---------------------------------------------------------------


def test_every_page_links_its_alternates_in_every_language_with_absolute_urls(client):
    found = alternates(client.get("/meetings/", {"borough": "queens"}))
    assert found == {
        "en": "http://testserver/meetings/?borough=queens",
        **{
            code: f"http://testserver/{code}/meetings/?borough=queens"
            for code in IN_ITSELF
            if code != "en"
        },
        "x-default": "http://testserver/meetings/?borough=queens",
    }
    found = alternates(client.get("/ar/about/"))
    assert set(found) == {*IN_ITSELF, "x-default"}
    assert found["zh-hant"] == "http://testserver/zh-hant/about/"


def test_error_pages_have_no_alternates(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert 'rel="alternate"' not in response.content.decode()


def test_the_admin_has_no_alternates(staff_client):
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    assert 'rel="alternate"' not in response.content.decode()
    assert "language-switcher" not in response.content.decode()


# The review-status note -------------------------------------------------------------


def note(response) -> str:
    return section(response, r'<div class="review-note".*?</div>')


def test_an_unreviewed_spanish_page_says_so_and_links_to_the_same_page_in_english(client):
    response = client.get("/es/meetings/", {"borough": "queens"})
    found = note(response)
    assert "Esta traducción aún no ha sido revisada por un traductor profesional." in found
    assert (
        '<a href="/meetings/?borough=queens" hreflang="en">'
        'Leer esta página en <span lang="en">English</span></a>'
    ) in found


def test_english_pages_have_no_note(client):
    assert "review-note" not in client.get("/meetings/").content.decode()


@override_settings(LANGUAGES_REVIEWED=["en", "es"])
def test_a_reviewed_language_has_no_note(client):
    page = client.get("/es/meetings/")
    assert page.status_code == 200
    assert "review-note" not in page.content.decode()
    assert "traductor profesional" not in text(page)


@override_settings(LANGUAGES_REVIEWED=["es"])
def test_english_is_the_source_and_never_unreviewed(client):
    assert "review-note" not in client.get("/about/").content.decode()


@override_settings(LANGUAGES_REVIEWED=["en", "es"])
def test_an_unreviewed_language_gets_the_note_in_itself_and_a_reviewed_one_does_not(client):
    assert "review-note" not in client.get("/es/about/").content.decode()
    found = note(client.get("/fr/about/"))
    assert "professionnel" in found
    assert '<a href="/about/" hreflang="en">' in found
    assert 'dir="rtl"' not in found
    assert "review-note" in client.get("/ur/about/").content.decode()
