"""A database restart (a few seconds) gets 'back in a moment', not a 500 and a traceback."""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_restarting(monkeypatch):
    """Every new query fails to connect, as while PostgreSQL restarts."""

    def refused(self, *args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refused)


@pytest.mark.parametrize("path, language", [("/partnerships/", "en"), ("/es/meetings/", "es")])
def test_a_page_needing_the_database_says_back_in_a_moment(
    database_restarting, caplog, path, language
):
    visitor = Client(raise_request_exception=False)
    visitor.cookies["sessionid"] = "x"  # not from the page cache: built now
    with caplog.at_level(logging.WARNING):
        response = visitor.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert ("Back in a moment" if language == "en" else "Volvemos en un momento") in html
    assert "Database unavailable (OperationalError): answered 503" in caplog.text
    assert "Traceback" not in caplog.text
