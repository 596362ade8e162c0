"""HSDS 3.0's published JSON schemas (copied in hsds_schemas/), and checking answers by them.

Each answer is validated twice: by the schema as published, with a
FormatChecker (uuid, email, uri, date-time...), and by the same schema with
`additionalProperties: false` on every object, so that a misspelt field (which
the published schemas, open to extensions, would let through) fails too.
"""

import copy
import functools
import json
import lzma
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

HERE = Path(__file__).parent / "hsds_schemas"
# The paging fields of openapi.json's `Page`, which every list answers.
PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


@functools.cache
def schema(name: str) -> dict:
    plain = HERE / f"{name}.json"
    if plain.exists():
        return json.loads(plain.read_text())
    return json.loads(lzma.decompress((HERE / f"{name}.json.xz").read_bytes()))


def _closed(node):
    if isinstance(node, dict):
        node = {key: _closed(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@functools.cache
def validators(name: str) -> tuple:
    published = schema(name)
    checker = FormatChecker()
    return (
        Draft202012Validator(published, format_checker=checker),
        Draft202012Validator(_closed(copy.deepcopy(published)), format_checker=checker),
    )


def problems(record: dict, name: str) -> list[str]:
    found = []
    for validator in validators(name):
        for error in validator.iter_errors(record):
            where = "/".join(str(part) for part in error.absolute_path)
            found.append(f"{name}: {where}: {error.message}")
    return found


def assert_valid(record: dict, name: str) -> None:
    errors = problems(record, name)
    assert not errors, "\n".join(errors[:20])


def assert_page(page: dict, item_schema: str) -> None:
    """A list answer: HSDS's Page, each item valid against `item_schema`."""
    assert set(page) == set(PAGE_FIELDS), sorted(page)
    for field, kind in PAGE_FIELDS.items():
        assert type(page[field]) is kind, field
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert_valid(item, item_schema)
