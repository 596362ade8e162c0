"""The stylesheet serves both reading directions: no side is named left or right.

A rule written with margin-left or text-align: right looks right in English
and wrong in Arabic and Urdu, where the start of a line is on the right. The
logical properties (margin-inline-start, text-align: start, inset-inline-end,
border-inline-start) follow the page's dir instead.
"""

import re
from pathlib import Path

from django.conf import settings

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"

# Anything deliberately physical, with the reason, as (property, value) pairs.
# Empty: nothing on these pages has to stay on one side in every language.
ALLOWED = set()

PHYSICAL_PROPERTY = re.compile(
    r"(?:^|[;{\s])"
    r"((?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
    r"|left|right)\s*:\s*([^;}]*)"
)
PHYSICAL_VALUE = re.compile(
    r"(?:^|[;{\s])((?:text-align|float|clear|caption-side|text-align-last))\s*:\s*"
    r"((?:left|right)\b[^;}]*)"
)


def without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def declarations(css: str):
    """(property, value) for every declaration, comments left out."""
    css = without_comments(css)
    for pattern in (PHYSICAL_PROPERTY, PHYSICAL_VALUE):
        for match in pattern.finditer(css):
            yield match.group(1), match.group(2).strip()


def test_the_stylesheet_uses_logical_sides_only():
    physical = [d for d in declarations(SITE_CSS.read_text(encoding="utf-8")) if d not in ALLOWED]
    assert not physical, f"use the logical property instead: {physical}"


def test_the_check_finds_physical_sides():
    css = """
    .a { margin-left: 1rem; padding-right:0 }
    .b { text-align: left; float: right; left: 0; }
    .c { border-top-left-radius: 2px; border-right-color: red }
    /* margin-left: in a comment is fine */
    .d { margin-inline-start: 1rem; text-align: start; inset-inline-end: 0 }
    """
    assert [name for name, _value in declarations(css)] == [
        "margin-left",
        "padding-right",
        "left",
        "border-top-left-radius",
        "border-right-color",
        "text-align",
        "float",
    ]


def test_no_font_is_downloaded():
    css = without_comments(SITE_CSS.read_text(encoding="utf-8"))
    assert "@font-face" not in css
    assert "@import" not in css
    assert "url(" not in css
