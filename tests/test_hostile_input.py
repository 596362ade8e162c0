"""Requests no browser sends get the site's 400 page and one log line, never a 500.

Requests that declare a charset go through the WSGI application itself, as
gunicorn sends them: part of what broke happened while Django built the
request, before the test client's handler could see it. The CSRF check is on,
with the form's token, as from a browser: Django's 400 page crashed only when
that check read the body a second time.
"""

import logging
import re
from dataclasses import dataclass
from io import BytesIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from config.wsgi import application
from tests.pages import plain
from tests.workshops.conftest import today, topics  # noqa: F401 - fixtures
from tests.workshops.helpers import form_data
from workshops.models import WorkshopRequest

pytestmark = pytest.mark.django_db

FORM = "/workshops/request/"
URLENCODED = "application/x-www-form-urlencoded"
BAD_REQUEST = "The site could not understand this request."
FOREIGN_CHARSETS = ["latin-1", "utf-16", "x-nonsense", "rot13", "base64", "idna", '"\\"', ""]


@dataclass
class WsgiResponse:
    status_code: int
    headers: dict
    html: str
    bytes_read: int  # of the body, by the time the answer was complete


def through_wsgi(method, path, *, body=b"", content_type="", cookie="") -> WsgiResponse:
    """One request to config.wsgi.application, as gunicorn makes it."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": BytesIO(body),
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
    }
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    # As the test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        html = b"".join(chunks).decode()
        chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return WsgiResponse(started["status"], started["headers"], html, environ["wsgi.input"].tell())


@pytest.fixture
def token() -> str:
    """The CSRF cookie a browser got with the form; the same value goes in the post."""
    response = through_wsgi("GET", FORM)
    return re.search(r"csrftoken=([A-Za-z0-9]+)", response.headers["Set-Cookie"]).group(1)


def assert_refused_quietly(status_code, html, caplog):
    assert status_code == 400
    assert 'href="/static/css/site.css"' in html  # the site's own page, not a bare one
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert all(r.exc_info is None for r in caplog.records), "a traceback in the log"


# A body in a charset other than UTF-8


@pytest.mark.parametrize("url", [FORM, "/admin/login/", "/"])
@pytest.mark.parametrize("charset", FOREIGN_CHARSETS)
def test_a_form_post_in_another_charset_gets_the_400_page(token, caplog, url, charset):
    response = through_wsgi(
        "POST",
        url,
        body=f"csrfmiddlewaretoken={token}&username=a&organization_name=x".encode(),
        content_type=f"{URLENCODED}; charset={charset}",
        cookie=f"csrftoken={token}",
    )
    assert_refused_quietly(response.status_code, response.html, caplog)
    assert BAD_REQUEST in plain(response.html)
    assert "Request refused with 400: a body declared in a charset other than UTF-8" in (
        caplog.text
    )


def test_a_post_whose_content_type_cannot_be_parsed_gets_the_400_page(token, caplog):
    response = through_wsgi(
        "POST",
        FORM,
        body=f"csrfmiddlewaretoken={token}".encode(),
        content_type=f"{URLENCODED}; charset*=nonsense''abc",
        cookie=f"csrftoken={token}",
    )
    assert_refused_quietly(response.status_code, response.html, caplog)


def test_the_400_page_is_in_spanish_on_the_spanish_site(token):
    response = through_wsgi(
        "POST",
        "/es/workshops/request/",
        body=f"csrfmiddlewaretoken={token}".encode(),
        content_type=f"{URLENCODED}; charset=latin-1",
        cookie=f"csrftoken={token}",
    )
    assert response.status_code == 400
    assert "Solicitud no válida" in plain(response.html)


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", '"utf-8"'])
def test_a_form_post_that_declares_utf8_is_read(token, today, topics, charset):  # noqa: F811
    data = {**form_data(topics), "csrfmiddlewaretoken": token}
    body = "&".join(
        f"{key}={item}"
        for key, value in data.items()
        for item in (value if isinstance(value, list) else [value])
    )
    response = through_wsgi(
        "POST",
        FORM,
        body=body.encode(),
        content_type=f"{URLENCODED}; charset={charset}",
        cookie=f"csrftoken={token}",
    )
    assert response.status_code == 302
    assert WorkshopRequest.objects.count() == 1


@pytest.mark.parametrize("charset", [*FOREIGN_CHARSETS, "utf-8"])
@pytest.mark.parametrize(
    "url",
    [
        "/partnerships/?q=caf%C3%A9",
        "/meetings/?borough=bronx",
        "/es/family-enrichment-centers/?q=%FF",
    ],
)
def test_a_page_requested_with_a_charset_is_served_as_usual(url, charset):
    response = through_wsgi("GET", url, content_type=f"text/plain; charset={charset}")
    assert response.status_code == 200


def test_a_page_requested_with_an_unparseable_content_type_is_served_as_usual():
    response = through_wsgi("GET", "/partnerships/?q=a", content_type="text/plain; a*=nonsense''b")
    assert response.status_code == 200


def test_a_query_string_is_read_as_utf8_whatever_the_request_declares():
    response = through_wsgi(
        "GET", "/partnerships/?q=caf%C3%A9", content_type="text/plain; charset=latin-1"
    )
    assert 'value="café"' in response.html


@pytest.mark.parametrize("charset", ["utf-8", "latin-1"])
def test_too_many_query_parameters_with_a_charset_get_400(caplog, charset):
    query = "&".join(f"p{i}=1" for i in range(300))
    response = through_wsgi(
        "GET", f"/partnerships/?{query}", content_type=f"text/plain; charset={charset}"
    )
    assert_refused_quietly(response.status_code, response.html, caplog)


# Files where no form takes one


@pytest.fixture
def browser():
    """A test client that enforces CSRF and has the token of the request form."""
    client = Client(enforce_csrf_checks=True)
    client.get(FORM)
    client.token = client.cookies["csrftoken"].value
    return client


def assert_client_refused_quietly(response, caplog):
    assert_refused_quietly(response.status_code, response.content.decode(), caplog)
    assert BAD_REQUEST in plain(response.content.decode())


def post_body(client, url, body: bytes, content_type: str):
    return client.generic("POST", url, body, content_type=content_type)


def test_a_file_part_is_refused_without_being_read(browser, today, topics, caplog, settings):  # noqa: F811
    settings.FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
    data = form_data(topics)
    data["csrfmiddlewaretoken"] = browser.token
    data["attachment"] = SimpleUploadedFile("big.bin", b"x" * (3 * 1024 * 1024))
    response = browser.post(FORM, data)
    assert_client_refused_quietly(response, caplog)
    assert "Request refused with 400: a file part in a form post" in caplog.text
    assert WorkshopRequest.objects.count() == 0


def test_a_big_file_part_is_refused_after_reading_little_of_it(token, caplog):
    size = 5 * 1024 * 1024
    body = encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": token,
            "organization_name": "x",
            "attachment": SimpleUploadedFile("big.bin", b"x" * size),
        },
    )
    response = through_wsgi(
        "POST",
        FORM,
        body=body,
        content_type=MULTIPART_CONTENT,
        cookie=f"csrftoken={token}",
    )
    assert_refused_quietly(response.status_code, response.html, caplog)
    assert response.bytes_read < 256 * 1024  # a few chunks, not the file


def test_a_file_part_is_refused_by_the_admin_sign_in_too(browser, caplog):
    data = {"csrfmiddlewaretoken": browser.token, "username": "a", "password": "b"}
    data["file"] = SimpleUploadedFile("a.txt", b"hello")
    assert_client_refused_quietly(browser.post("/admin/login/", data), caplog)


def test_a_multipart_post_without_files_is_read(browser, today, topics):  # noqa: F811
    data = form_data(topics)
    data["csrfmiddlewaretoken"] = browser.token
    response = browser.post(FORM, data)  # the test client sends multipart by default
    assert response.status_code == 302


# Too much of everything


def test_too_many_form_fields_get_400_without_a_traceback(browser, caplog):
    data = {f"field{i}": "x" for i in range(500)}
    data["csrfmiddlewaretoken"] = browser.token
    assert_client_refused_quietly(browser.post(FORM, data), caplog)
    assert "more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS" in caplog.text


def test_too_many_urlencoded_fields_get_400_without_a_traceback(browser, caplog):
    body = "&".join([f"csrfmiddlewaretoken={browser.token}"] + ["a=1"] * 500).encode()
    assert_client_refused_quietly(post_body(browser, FORM, body, URLENCODED), caplog)


@pytest.mark.parametrize("url", ["/partnerships/", "/meetings/", "/admin/login/"])
def test_too_many_query_parameters_get_400_without_a_traceback(client, caplog, url):
    query = "&".join(f"p{i}=1" for i in range(300))
    assert_client_refused_quietly(client.get(f"{url}?{query}"), caplog)


def test_too_big_a_body_gets_400_without_a_traceback(browser, caplog, settings):
    body = f"csrfmiddlewaretoken={browser.token}&message=".encode() + b"a" * (
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    )
    assert_client_refused_quietly(post_body(browser, FORM, body, URLENCODED), caplog)
    assert "a body over DATA_UPLOAD_MAX_MEMORY_SIZE" in caplog.text


def test_too_big_a_multipart_field_gets_400_without_a_traceback(browser, caplog, settings):
    data = {"csrfmiddlewaretoken": browser.token, "message": "a" * (300 * 1024)}
    assert_client_refused_quietly(browser.post(FORM, data), caplog)


def test_a_malformed_multipart_body_gets_400_without_a_traceback(browser, caplog):
    response = post_body(browser, FORM, b"--\r\nnot a part", "multipart/form-data; boundary=")
    assert_client_refused_quietly(response, caplog)


def test_the_log_line_holds_nothing_that_was_sent(token, caplog):
    secret = "dolores.qw@example.org"
    through_wsgi(
        "POST",
        FORM,
        body=f"csrfmiddlewaretoken={token}&contact_email={secret}".encode(),
        content_type=f"{URLENCODED}; charset=latin-1",
        cookie=f"csrftoken={token}",
    )
    query = "&".join([f"q={secret}"] * 300)
    through_wsgi("GET", f"/partnerships/?{query}")
    assert "Request refused with 400" in caplog.text
    assert secret not in caplog.text
    assert token not in caplog.text


@pytest.mark.django_db
def test_an_admin_action_on_something_that_is_not_a_row_id_gets_400(staff_client, caplog):
    """The admin passed '_selected_action' to the database as sent: a 500 for a malformed id."""
    from tests.factories import make_partnership

    partnership = make_partnership()
    changelist = "/admin/partnerships/communitypartnership/"
    for selected in (["['4', '3']"], [str(partnership.pk), "x"], ["9" * 40]):
        response = staff_client.post(
            changelist, {"action": "publish", "_selected_action": selected}
        )
        assert response.status_code == 400, selected
    assert "not a row id" in caplog.text
    response = staff_client.post(
        changelist, {"action": "unpublish", "_selected_action": [str(partnership.pk)]}
    )
    assert response.status_code == 302
