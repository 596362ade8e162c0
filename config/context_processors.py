from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info


def site(request):
    """Links to the same page in every interface language, and whether to warn of its translation.

    The language switcher, the hreflang alternates in <head> and the
    review-status note all read the same links, so they always agree.
    """
    try:
        request.get_host()
    except DisallowedHost:
        # The 400 page for a forged Host header: no links built on that host.
        return {
            "language_links": [],
            "current_language_link": None,
            "x_default_link": None,
            "review_note": None,
        }
    current = get_language()
    here = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(here, code)
        if url == here and code != current:
            # The page could not be resolved (a 404): send the person to the
            # home page in that language instead of a dead link.
            url = translate_url("/", code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                # As the language's own speakers write it at the start of a line.
                "name_local": capfirst(info["name_local"]),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    source = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    return {
        "language_links": links,
        "current_language_link": next((link for link in links if link["is_current"]), None),
        # Search engines send readers of any other language to the source language.
        "x_default_link": source,
        "review_note": review_note(current, source),
    }


def review_note(current: str, source: dict | None) -> dict | None:
    """The link for the "not yet reviewed" note, or None on a reviewed page.

    The source language (English) is what the translations are made from,
    so it is never "unreviewed" whatever LANGUAGES_REVIEWED says.
    """
    if source is None or current == settings.LANGUAGE_CODE:
        return None
    if current in settings.LANGUAGES_REVIEWED:
        return None
    return {
        "url": source["url"],
        "code": source["code"],
        # Inside a translated sentence: the name stays in its own language.
        "language": format_html('<span lang="{}">{}</span>', source["code"], source["name_local"]),
    }
