from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def site(request):
    """Links to the same page in every interface language, for the switcher."""
    try:
        request.get_host()
    except DisallowedHost:
        # The 400 page for a forged Host header: no links built on that host.
        return {"language_links": []}
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
                "name_local": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return {"language_links": links}
