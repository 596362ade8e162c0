"""The main navigation: flat links plus two menus that open with no JavaScript."""

import re

import pytest
from django.urls import reverse

from tests.pages import plain, section

pytestmark = pytest.mark.django_db


def main_nav(response) -> str:
    return section(response, r'<nav class="main-nav".*?</nav>')


def menu(nav: str, label: str) -> str:
    """One <details> menu of the navigation, found by its summary."""
    for found in re.findall(r"<details\b.*?</details>", nav, flags=re.S):
        if plain(re.search(r"<summary\b.*?</summary>", found, flags=re.S).group(0)) == label:
            return found
    raise AssertionError(f"no menu {label!r}")


def links(fragment: str) -> list[tuple[str, str]]:
    return [
        (href, plain(label))
        for href, label in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', fragment, flags=re.S)
    ]


def test_programs_menu_holds_the_program_pages_and_the_workshops(client):
    programs = menu(main_nav(client.get("/")), "Programs")
    assert links(programs) == [
        (reverse("core:initiative"), "Community Partnership Initiative"),
        (reverse("core:approach"), "The approach"),
        (reverse("core:parents_as_partners"), "Parents as Partners"),
        (reverse("workshops:index"), "Demystifying ACS workshops"),
    ]


def test_the_existing_links_are_all_still_in_the_navigation(client):
    nav_links = links(main_nav(client.get("/")))
    for name in (
        "core:home",
        "partnerships:partnership_list",
        "partnerships:center_list",
        "meetings:list",
        "workshops:index",
        "core:about",
    ):
        assert reverse(name) in [href for href, _ in nav_links], name
    assert ("/meetings/", "Meetings") in links(menu(main_nav(client.get("/")), "Get involved"))


def test_the_current_page_is_marked_and_its_menu_highlighted(client):
    nav = main_nav(client.get(reverse("core:parents_as_partners")))
    assert nav.count('aria-current="page"') == 1
    assert '<a href="/parents-as-partners/" aria-current="page">Parents as Partners</a>' in nav
    assert '<summary class="is-current">Programs</summary>' in nav
    assert "<summary>Get involved</summary>" in nav


def test_the_menus_work_in_spanish_with_spanish_addresses(client):
    nav = main_nav(client.get("/es/initiative/"))
    programs = menu(nav, "Programas")
    assert ("/es/initiative/", "Iniciativa de Alianzas Comunitarias") in links(programs)
    assert '<a href="/es/initiative/" aria-current="page">' in programs
    assert menu(nav, "Participe")


def test_get_involved_and_resources_appear_once_their_pages_exist(client, settings):
    settings.ROOT_URLCONF = "tests.core.nav_urls"
    involved = links(menu(main_nav(client.get("/")), "Get involved"))
    assert involved == [
        (reverse("involvement:index"), "Get involved"),
        (reverse("resources:list"), "Resources"),
        ("/meetings/", "Meetings"),
    ]
