"""The interface works in Spanish, and every language's catalog is complete and compiled."""

import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from tests.factories import make_center, make_organization, make_partnership

# Every language switched on, but the source: each needs a complete catalog.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalog_path(code: str, base=settings.BASE_DIR):
    return base / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_string_has_a_translation(code):
    catalog = polib.pofile(str(catalog_path(code)))
    assert len(catalog) > 100
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_committed_mo_file_matches_the_po_file(code):
    po_path = catalog_path(code)
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(po_path))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    mo.pop((None, ""), None)  # the header
    assert mo == po


def project_apps() -> list[str]:
    return [app for app in settings.INSTALLED_APPS if (settings.BASE_DIR / app).is_dir()]


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    """What `make messages` writes from the code as it is, in a copy of the project."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) not installed")
    copy = tmp_path_factory.mktemp("project")
    for name in dict.fromkeys(["config", "templates", "locale", *project_apps()]):
        shutil.copytree(settings.BASE_DIR / name, copy / name)
    shutil.copy(settings.BASE_DIR / "manage.py", copy / "manage.py")
    locales = [arg for code in TRANSLATED for arg in ("-l", to_locale(code))]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *locales, "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    return copy


def test_the_catalog_holds_every_string_marked_in_the_code(fresh_catalogs):
    """makemessages on a copy of the project finds no string the catalog lacks."""
    for code in TRANSLATED:
        fresh = polib.pofile(str(catalog_path(code, base=fresh_catalogs)))
        committed = {e.msgid for e in polib.pofile(str(catalog_path(code))) if not e.obsolete}
        assert {e.msgid for e in fresh if not e.obsolete} - committed == set(), code


def without_creation_date(path) -> list[str]:
    return [line for line in path.read_text().splitlines() if "POT-Creation-Date" not in line]


def test_each_catalog_is_as_make_messages_writes_it(fresh_catalogs):
    """Entries appended by hand end up reordered by the next `make messages`: a diff of
    thousands of lines that hides the real change from a translator's review."""
    for code in TRANSLATED:
        written = without_creation_date(catalog_path(code, base=fresh_catalogs))
        assert written == without_creation_date(catalog_path(code)), (
            f"{code}: run `make messages` and commit the catalog as it writes it"
        )


@pytest.mark.django_db
def test_spanish_home_page_is_in_spanish(client):
    response = client.get("/es/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in html
    assert "Alianzas Comunitarias" in html
    assert "Centros de Enriquecimiento Familiar" in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
def test_every_page_is_available_in_spanish(client):
    make_partnership(slug="p", borough="queens", districts=("QN04",))
    make_center(slug="c", name="", operator=make_organization(name="Ohel"))
    for url in ("/es/about/", "/es/partnerships/", "/es/family-enrichment-centers/"):
        assert client.get(url).status_code == 200, url
    assert "El Bronx" in client.get("/es/family-enrichment-centers/").content.decode()
    detail = client.get("/es/family-enrichment-centers/c/").content.decode()
    assert "Centro de Enriquecimiento Familiar" in detail
    assert "Ohel" in detail
    assert client.get("/es/partnerships/p/").status_code == 200


@pytest.mark.django_db
def test_language_switcher_keeps_the_person_on_the_same_page_and_filters(client):
    make_partnership(slug="highbridge")
    html = client.get("/partnerships/", {"borough": "bronx"}).content.decode()
    assert 'href="/es/partnerships/?borough=bronx" lang="es" hreflang="es">Español</a>' in html
    html = client.get("/es/partnerships/highbridge/").content.decode()
    assert 'href="/partnerships/highbridge/" lang="en" hreflang="en">English</a>' in html
    assert 'aria-current="true">Español</a>' in html


@pytest.mark.django_db
def test_switcher_on_an_unknown_page_leads_to_the_other_languages_home(client):
    html = client.get("/es/no-such-page/").content.decode()
    assert 'href="/" lang="en" hreflang="en">English</a>' in html


@pytest.mark.django_db
def test_spanish_filter_errors_and_counts_are_translated(client):
    make_partnership(name="Highbridge")
    page = client.get("/es/partnerships/", {"borough": "atlantis"}).content.decode()
    assert "Condado" in page
    assert "0 resultados" in " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.mark.django_db
def test_language_names_are_shown_in_the_readers_language(client):
    make_partnership(slug="p", languages=("zh",))
    english = client.get("/partnerships/p/").content.decode()
    spanish = client.get("/es/partnerships/p/").content.decode()
    assert '<span lang="zh">中文</span><span class="gloss"> (Chinese)</span>' in english
    assert '<span lang="zh">中文</span><span class="gloss"> (chino)</span>' in spanish


@pytest.mark.django_db
def test_filter_options_are_in_the_readers_language(client):
    spanish = client.get("/es/partnerships/").content.decode()
    assert '<option value="zh">chino (中文)</option>' in spanish
    assert '<option value="bronx">El Bronx</option>' in spanish
    english = client.get("/partnerships/").content.decode()
    assert '<option value="zh">Chinese (中文)</option>' in english


@pytest.mark.django_db
def test_english_listing_text_on_spanish_pages_is_marked_as_english(client):
    make_partnership(slug="p", description="Neighbors meet monthly.")
    html = client.get("/es/partnerships/p/").content.decode()
    assert '<div lang="en" dir="ltr"><p>Neighbors meet monthly.</p></div>' in html
    assert "Aún sin traducir: se muestra en inglés." in html
