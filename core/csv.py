"""Cells of the CSV files the site writes (the admin's exports, the open data downloads).

A cell starting with "=", "+", "-" or "@" is run as a formula by Excel,
LibreOffice and Google Sheets: "=HYPERLINK(...)" in a description would
become a link, or worse, in whoever opens the file. `csv_safe` puts an
apostrophe before such a cell, which spreadsheets show as plain text.

A core helper: it imports no app of ours (tests/test_layering.py). (Absolute
imports: `import csv` elsewhere still finds the standard library's module.)
"""


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def joined(items) -> str:
    """Several values in one cell, separated by semicolons."""
    return "; ".join(str(item) for item in items)
