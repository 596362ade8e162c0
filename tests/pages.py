"""Reading a page as a person does: its text, headings and title, and what it cost.

Shared by the tests of every app, so that "the page says X" means the same
everywhere.
"""

import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def text(response) -> str:
    """The page as a person reads it: tags stripped, entities decoded, whitespace collapsed."""
    page = response.content.decode()
    return plain(re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S))


def plain(fragment: str) -> str:
    """A piece of HTML as text (a <wbr> only says where a line may break)."""
    fragment = re.sub(r"<wbr\s*/?>", "", fragment)
    words = " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    # "</time>, 6:00" reads as "…, 6:00", not "… , 6:00".
    return html.unescape(re.sub(r" ([,.:;)])", r"\1", words))


def h1s(response) -> list[str]:
    return [
        plain(h1)
        for h1 in re.findall(r"<h1\b[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)
    ]


def title(response) -> str:
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), flags=re.S)
    return html.unescape(found.group(1).strip())


def section(response, pattern: str) -> str:
    """The first part of the page's HTML matching `pattern` (which must match)."""
    match = re.search(pattern, response.content.decode(), flags=re.S)
    assert match, pattern
    return match.group(0)


def queries_for(client, url, params=None) -> int:
    """How many database queries answering GET `url` took (the page must load)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)
