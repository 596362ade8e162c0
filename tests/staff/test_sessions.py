"""Staff sessions end when idle and after a working day; passwords are long."""

import datetime
import json

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.pages import text as text_of
from tests.signin import sign_in_staff

from .conftest import INDEX, LOGIN

pytestmark = pytest.mark.django_db

MINUTES = datetime.timedelta(minutes=1)


def test_a_session_idle_for_30_minutes_is_over(client, staff_user, clock):
    sign_in_staff(client, staff_user)
    clock.shift(29 * MINUTES)
    assert client.get(INDEX).status_code == 200
    clock.shift(29 * MINUTES)  # each request restarts the 30 minutes
    assert client.get(INDEX).status_code == 200
    clock.shift(31 * MINUTES)
    response = client.get(INDEX)
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_busy_session_ends_12_hours_after_sign_in(client, staff_user, clock):
    sign_in_staff(client, staff_user)
    for _ in range(12 * 3 - 1):  # a request every 20 minutes
        clock.shift(20 * MINUTES)
        assert client.get(INDEX).status_code == 200
    clock.shift(20 * MINUTES)
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "You were signed out after 12 hours. Please sign in again." in text_of(response)


def test_session_and_csrf_cookies_are_http_only_and_same_site_lax(client, staff_user):
    login_page = client.get(LOGIN)
    csrf = login_page.cookies["csrftoken"]
    sign_in_staff(client, staff_user)
    session = client.get(INDEX).cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
    assert session["max-age"] == 30 * 60


PROD = {"DJANGO_SECRET_KEY": "s" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}


def test_production_sends_the_cookies_only_over_https():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.prod", **PROD}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout) == [True, True], result.stderr


@pytest.mark.parametrize("password", ["Summer2026", "Summer2026!", "acs-ocep-1"])
def test_short_passwords_are_refused(password):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password(password)


def test_a_long_passphrase_is_accepted():
    validate_password("copper kettle on the windowsill")


def test_the_admin_path_comes_from_a_setting():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django, json; django.setup(); from django.urls import reverse; "
        "from django.conf import settings as s; "
        "print(json.dumps([reverse('admin:index'), reverse('staff:verify'), "
        "s.PAGE_CACHE_SKIP_PREFIXES[0]]))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_ADMIN_PATH": "/ocep-staff/",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout) == [
        "/ocep-staff/",
        "/ocep-staff/two-factor/verify/",
        "/ocep-staff/",
    ], result.stderr
    assert reverse("admin:index") == "/admin/"  # the default
