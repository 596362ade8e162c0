"""What staff write, in every language: side by side in the admin, the reader's on the site.

Each translated field has a column per language (django-modeltranslation),
`description_en` being what staff wrote first. A page shows the reader's
language where staff filled it in, and otherwise the English, marked
lang="en" and left to right, with a note saying it is not translated yet.
"""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingChange
from tests.admin_forms import admin_form_data
from tests.factories import (
    make_center,
    make_change,
    make_event,
    make_partnership,
    make_resource,
    make_series,
    noon_in_new_york,
)
from tests.pages import section

pytestmark = pytest.mark.django_db

NOTE = {
    "fr": "Pas encore traduit : affiché en anglais.",
    "ru": "Пока не переведено: показано на английском языке.",
    "ar": "لم تُترجم بعد: معروضة باللغة الإنجليزية.",
}


@pytest.fixture
def clock():
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False) as traveller:
        yield traveller


def page(path: str, language: str) -> str:
    prefix = "" if language == "en" else f"/{language}"
    response = Client().get(prefix + path)
    assert response.status_code == 200, (language, path)
    return response.content.decode()


def test_a_translated_description_shows_in_its_language_without_a_note():
    make_partnership(
        slug="p",
        description="Neighbors meet monthly.",
        description_fr="Les voisins se réunissent chaque mois.",
    )
    html = page("/partnerships/p/", "fr")
    assert '<div lang="fr" dir="ltr"><p>Les voisins se réunissent chaque mois.</p></div>' in html
    assert "Neighbors meet monthly." not in html
    assert NOTE["fr"] not in html


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_an_untranslated_description_shows_the_english_marked_and_says_so(language):
    make_partnership(slug="p", description="Neighbors meet monthly.")
    html = page("/partnerships/p/", language)
    # Left to right even on an Arabic page: it is English.
    assert '<div lang="en" dir="ltr"><p>Neighbors meet monthly.</p></div>' in html
    assert NOTE[language] in html


def test_english_pages_never_carry_the_note():
    make_partnership(slug="p", description="Neighbors meet monthly.")
    html = page("/partnerships/p/", "en")
    assert '<div lang="en" dir="ltr"><p>Neighbors meet monthly.</p></div>' in html
    assert "untranslated-note" not in html


def test_a_center_shows_its_hours_and_accessibility_in_the_readers_language():
    make_center(
        slug="c",
        hours="Monday to Friday, 9 to 5",
        hours_es="De lunes a viernes, de 9 a 5",
        accessibility="Step-free entrance",
    )
    html = page("/family-enrichment-centers/c/", "es")
    assert '<dd lang="es" dir="ltr">De lunes a viernes, de 9 a 5</dd>' in html
    assert '<div lang="en" dir="ltr"><p>Step-free entrance</p></div>' in html


@pytest.mark.usefixtures("clock")
def test_a_meeting_page_shows_the_translated_title_description_and_cancellation_note():
    series = make_series(
        title="Monthly partnership meeting",
        title_es="Reunión mensual de la alianza",
        description="Bring a friend.",
        description_es="Traiga a un amigo.",
    )
    make_change(series, datetime.date(2026, 12, 8), note="Holiday", note_es="Día festivo")
    html = page(f"/meetings/{series.slug}/2026-12-08/", "es")
    assert '<span lang="es" dir="ltr">Reunión mensual de la alianza</span>' in html
    assert '<div lang="es" dir="ltr"><p>Traiga a un amigo.</p></div>' in html
    assert '<div lang="es" dir="ltr"><p>Día festivo</p></div>' in html
    listed = page("/meetings/", "es")
    assert '· <span lang="es" dir="ltr">Día festivo</span>' in listed


@pytest.mark.usefixtures("clock")
def test_an_event_title_in_the_calendar_and_feed_follows_the_reader():
    make_event(slug="fair", title="Resource fair", title_ko="자원 박람회")
    calendar = page("/meetings/calendar/2026/12/", "ko")
    assert '<span lang="ko" dir="ltr">자원 박람회</span>' in calendar
    english = page("/meetings/calendar/2026/12/", "en")
    assert '<span lang="en" dir="ltr">Resource fair</span>' in english
    untranslated = page("/meetings/calendar/2026/12/", "pl")
    assert '<span lang="en" dir="ltr">Resource fair</span>' in untranslated
    feed = Client().get("/ko/meetings/feeds/all.ics").content.decode()
    assert "자원 박람회" in feed


def test_the_admin_puts_each_language_in_a_closed_section_of_its_own(staff_client):
    partnership = make_partnership(slug="p", description="Neighbors meet monthly.")
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    html = staff_client.get(url).content.decode()
    # English where the field always was; each other language in a <details> of its own.
    assert 'name="description_en"' in html
    assert 'name="description"' not in html
    for name in ("Español (Spanish)", "العربيّة (Arabic)", "Kreyòl ayisyen (Haitian Creole)"):
        fieldset = section(
            staff_client.get(url), rf"<details[^>]*>\s*<summary>.*?{re.escape(name)}.*?</details>"
        )
        assert "description_" in fieldset and "how_to_get_involved_" in fieldset, name
    assert html.count('name="description_') == 12


def test_a_translation_typed_in_the_admin_shows_on_the_next_request(staff_client):
    partnership = make_partnership(slug="p", description="Neighbors meet monthly.")
    assert NOTE["fr"] in page("/partnerships/p/", "fr")  # and now in the page cache
    url = reverse("admin:partnerships_communitypartnership_change", args=[partnership.pk])
    data = admin_form_data(staff_client, url)
    data["description_fr"] = "Les voisins se réunissent chaque mois."
    assert staff_client.post(url, data).status_code == 302
    html = page("/partnerships/p/", "fr")
    assert "Les voisins se réunissent chaque mois." in html
    assert NOTE["fr"] not in html
    # What staff typed in English stays as it was.
    assert "Neighbors meet monthly." in page("/partnerships/p/", "en")


def test_english_stays_required_where_the_field_is(staff_client):
    series = make_series(slug="s")
    url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    data = admin_form_data(staff_client, url)
    data["title_en"] = ""
    data["title_es"] = "Reunión"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert re.search(r"errorlist[^>]*>\s*<li>This field is required", response.content.decode())


@pytest.mark.usefixtures("clock")
def test_a_cancellation_note_is_translated_on_the_changes_own_page(staff_client):
    series = make_series(slug="s")
    change = make_change(series, datetime.date(2026, 12, 8), note="Holiday")
    series_url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    change_url = reverse("admin:meetings_meetingchange_change", args=[change.pk])
    assert change_url in staff_client.get(series_url).content.decode()
    data = admin_form_data(staff_client, change_url)
    data["note_ur"] = "چھٹی"
    assert staff_client.post(change_url, data).status_code == 302
    assert MeetingChange.objects.get().note_ur == "چھٹی"
    html = page("/meetings/s/2026-12-08/", "ur")
    assert '<div lang="ur" dir="rtl"><p>چھٹی</p></div>' in html


def test_changes_are_not_added_on_their_own(staff_client):
    assert staff_client.get(reverse("admin:meetings_meetingchange_add")).status_code == 403
    index = staff_client.get(reverse("admin:index")).content.decode()
    # Not in the menu of models (the staff home links to filtered lists of changes).
    assert 'href="/admin/meetings/meetingchange/"' not in index


def test_resources_are_found_by_words_in_the_readers_language_or_in_english():
    make_resource(
        slug="guide", title="Guide for families", title_es="Guía para familias", languages=()
    )
    make_resource(slug="report", title="Annual report", languages=())
    assert "Guía para familias" in page("/resources/?q=familias", "es")
    assert "Guía para familias" in page("/resources/?q=families", "es")
    assert "Annual report" in page("/resources/?q=annual", "es")
    assert "Guide for families" not in page("/resources/?q=familias", "en")


def test_a_new_series_starts_with_an_english_title_and_no_other_language(staff_client):
    """A default title would have been copied into every language's column, in English."""
    html = staff_client.get(reverse("admin:meetings_meetingseries_add")).content.decode()
    assert re.search(r'name="title_en"[^>]*value="Monthly partnership meeting"', html)
    assert not re.search(r'name="title_es"[^>]*value="', html)
    series = make_series(slug="s")
    assert series.title_es is None
    with time_machine.travel(noon_in_new_york(2026, 11, 23), tick=False):
        html = page("/meetings/s/2026-12-08/", "es")
    assert '<span lang="en" dir="ltr">Monthly partnership meeting</span>' in html
