"""Property tests: whatever is sent, the site answers with a page or a 4xx, never a 500.

Hypothesis generates the input: text with control characters and odd
Unicode, huge and negative numbers, wrong types, duplicated and missing
fields, query strings and path parts of any bytes. The ``default`` profile
keeps ``make test`` fast and reproducible (derandomized, no example database);
``make fuzz`` selects the ``fuzz`` profile (HYPOTHESIS_PROFILE=fuzz), which
tries many more, differently each run.
"""

import os
import re
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.submissions.forms import DeliverableEmailField
from tests.factories import make_center, make_partnership, make_series
from tests.test_hostile_input import through_wsgi
from tests.workshops.conftest import today, topics  # noqa: F401 - fixtures
from tests.workshops.helpers import form_data
from workshops.models import WorkshopRequest

COMMON = {
    "deadline": None,  # a first request compiles templates; timing is not the property
    "database": None,  # nothing remembered between runs: CI sees what a laptop sees
    # The client and the database are set up once per test, not per example:
    # each example is one more request to the same site, as in real life.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("default", max_examples=100, derandomize=True, **COMMON)
settings.register_profile("fuzz", max_examples=3000, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

pytestmark = pytest.mark.django_db

# Strategies ------------------------------------------------------------------------

CONTROL = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from("\x7f\x85\u2028")
ODD = st.sampled_from(["\u202e", "\u200b", "\ufeff", "\u0301", "🙂", "ß", "İ", "\u00b2", "٣"])
hostile_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]) | CONTROL | ODD, max_size=60
)
huge_or_negative = st.integers(min_value=-(10**30), max_value=10**30).map(str) | st.sampled_from(
    ["9" * 4301, "-" + "9" * 5000, "1e999", "NaN", "-0", "0x1F", "１２", "1_000"]
)
odd_dates = st.dates().map(str) | st.sampled_from(["2026-02-30", "0000-00-00", "99999-01-01"])
one_value = hostile_text | huge_or_negative | odd_dates | st.booleans().map(str)
# A field sent once, twice or with a list of values (wrong type for most fields).
field_value = one_value | st.lists(one_value, min_size=2, max_size=4)
MISSING = object()

FORM_FIELDS = [
    *form_data([]).keys(),
    "topics",
    "programs",
    "languages",
    "preferred_date_2",
    "preferred_date_3",
    "message",
    "accessibility_needs",
    "csrfmiddlewaretoken",
    "unexpected_field",
]

# Valid addresses, and quoted local parts carrying a control character, perhaps
# followed by what would read as another header once the line is broken there.
emails = st.emails() | st.builds(
    lambda local, control, tail, domain: f'"{local}{control}{tail}"@{domain}',
    st.text(alphabet="abcXYZ:;() ", max_size=8),
    CONTROL,
    st.sampled_from(["", "X:yes", "Bcc: someone@example.org"]),
    st.sampled_from(["example.org", "localhost", "[127.0.0.1]", "exämple.org", "x"]),
)
# Row ids: what a checkbox sends, and what no checkbox does (int() refuses 4,301 digits).
id_value = (
    # Digit strings of any length, the lengths around the limits among them.
    (st.sampled_from([10, 11, 4300, 4301]) | st.integers(min_value=0, max_value=6000)).map(
        lambda n: "9" * n
    )
    | huge_or_negative
)
ids = id_value.map(lambda value: [value]) | st.lists(id_value, min_size=2, max_size=3)
# What each field is most likely to break on, on top of the generic values.
TARGETED = {"topics": ids, "programs": ids, "languages": ids, "contact_email": emails}


def change_of(field: str):
    return st.tuples(
        st.just(field), TARGETED.get(field, field_value) | field_value | st.just(MISSING)
    )


changes = st.lists(st.sampled_from(FORM_FIELDS).flatmap(change_of), max_size=5).map(dict)


# The workshop form -----------------------------------------------------------------


def has_field_error(html: str) -> bool:
    """The summary at the top links to at least one field with its message."""
    return re.search(r'class="error-summary".*?<a href="#id_\w+">[^<]+:', html, re.S) is not None


@pytest.fixture
def many_submissions(settings):
    """The rate limit is not what these tests look at."""
    settings.WORKSHOP_RATE_LIMIT = 10**9


# The fuzzer's findings of issue 9 run every time, whatever else is generated.
@example(changes={"topics": ["9" * 4301]}, urlencoded=False)
@example(changes={"languages": ["9" * 4301]}, urlencoded=True)
@example(changes={"contact_email": '"\x1cX:yes"@example.org'}, urlencoded=True)
@given(changes=changes, urlencoded=st.booleans())
def test_any_post_to_the_workshop_form_is_answered_with_errors_or_thanks(
    client,
    today,  # noqa: F811
    topics,  # noqa: F811
    many_submissions,
    changes,
    urlencoded,
):
    data = form_data(topics)
    for field, value in changes.items():
        if value is MISSING:
            data.pop(field, None)
        else:
            data[field] = value
    before = WorkshopRequest.objects.count()
    mail.outbox.clear()
    if urlencoded:
        body = urlencode(data, doseq=True)
        response = client.post(
            "/workshops/request/", body, content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post("/workshops/request/", data)

    spam = bool(str(data.get("fax_number", "")).strip())
    if response.status_code == 302:
        # Accepted: saved, and both e-mails went (an address that fails at
        # every send must have been refused here).
        assert WorkshopRequest.objects.count() == before + 1
        assert WorkshopRequest.objects.latest("pk").is_notified
        assert len(mail.outbox) == 2
    elif response.status_code == 400:
        assert spam, "only the honeypot is answered 400 here"
    else:
        assert response.status_code == 200
        assert has_field_error(response.content.decode()), "an invalid post with no error"
        assert WorkshopRequest.objects.count() == before


@example(address='"\x1cX:yes"@example.org')
@example(address='"a\x00b"@example.org')
@given(address=emails | hostile_text)
def test_every_address_the_form_accepts_can_be_written_on_an_email(address):
    try:
        cleaned = DeliverableEmailField().clean(address)
    except Exception:  # noqa: BLE001 - refused is fine, whichever way
        return
    message = EmailMessage("Subject", "Body", "no-reply@example.org", [cleaned])
    # What the SMTP backend does with it: header folding is where control characters fail.
    assert message.message().as_bytes(linesep="\r\n")
    assert message.recipients() == [cleaned]


# Public pages ----------------------------------------------------------------------

QUERY_KEYS = st.sampled_from(
    ["q", "borough", "district", "language", "service_mode", "partnership", "attending"]
    + ["kind", "topic", "audience"]
    + ["start", "end", "page", "lang", "next", "q[]", "", "\x00"]
)
structured_query = st.lists(st.tuples(QUERY_KEYS, one_value), max_size=6).map(urlencode)
# Any bytes as a WSGI server hands them over (latin-1 text), unencoded or not.
raw_query = st.binary(max_size=80).map(lambda raw: raw.decode("latin-1"))
query_strings = structured_query | raw_query

PATHS = [
    "/",
    "/about/",
    "/initiative/",
    "/approach/",
    "/parents-as-partners/",
    "/get-involved/",
    "/get-involved/thanks/{slug}/",
    "/resources/",
    "/partnerships/",
    "/partnerships/{slug}/",
    "/partnerships/{slug}/meetings.ics",
    "/family-enrichment-centers/",
    "/family-enrichment-centers/{slug}/",
    "/meetings/",
    "/meetings/calendar/",
    "/meetings/calendar/{year}/{month}/",
    "/meetings/{slug}/{date}/",
    "/meetings/{slug}/{date}/event.ics",
    "/meetings/feeds/all.ics",
    "/meetings/feeds/borough/{slug}.ics",
    "/workshops/",
    "/workshops/request/",
    "/workshops/request/thanks/{slug}/",
]
path_part = (
    hostile_text.map(lambda text: quote(text, safe=""))
    | huge_or_negative
    | odd_dates
    | st.sampled_from(["bronx", "mott-haven", "series-1", "2026-03-10", "..", "%2e%2e", "%00"])
)


@pytest.fixture
def listings(db):
    partnership = make_partnership(name="Mott Haven", slug="mott-haven")
    make_series(partnership=partnership, slug="series-1")
    make_center(name="Bronx Center", slug="bronx-center")


def fill(template: str, parts: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: parts[match.group(1)], template)


@given(
    template=st.sampled_from(PATHS),
    spanish=st.booleans(),
    parts=st.fixed_dictionaries(dict.fromkeys(("slug", "date", "year", "month"), path_part)),
    query=query_strings,
)
def test_no_public_page_answers_500_whatever_its_path_and_query(
    listings, template, spanish, parts, query
):
    path = ("/es" if spanish else "") + fill(template, parts)
    response = Client().generic("GET", path, QUERY_STRING=query)
    assert response.status_code < 500, (path, query)
    cache.clear()  # the next example must not be served from the page cache


HEADER_TEXT = st.text(
    alphabet=st.characters(max_codepoint=255, blacklist_characters="\r\n"), max_size=60
)
content_types = st.builds(
    lambda media_type, extra: media_type + extra,
    st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain", ""]),
    HEADER_TEXT
    | st.sampled_from(["; charset=", "; charset*=", "; boundary="]).flatmap(
        lambda prefix: HEADER_TEXT.map(lambda value: prefix + value)
    ),
)


@given(
    method=st.sampled_from(["GET", "POST"]),
    path=st.sampled_from(["/", "/partnerships/", "/workshops/request/", "/admin/login/"]),
    content_type=content_types,
    body=st.binary(max_size=200),
    query=query_strings,
)
def test_no_content_type_header_gets_a_500(listings, method, path, content_type, body, query):
    response = through_wsgi(method, f"{path}?{query}", body=body, content_type=content_type)
    assert response.status_code < 500, (method, path, content_type, body, query)
    cache.clear()


def test_the_default_profile_is_reproducible():
    """CI and a laptop try the same examples (the fuzz profile does not)."""
    if os.environ.get("HYPOTHESIS_PROFILE", "default") == "default":
        assert settings().derandomize
        assert settings().database is None
    assert settings().max_examples >= 100
