"""Production: refuses to start without a secret key and allowed hosts, or with DEBUG on."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    LOGGING,
    SECRET_KEY,
    SECURE_HSTS_PRELOAD,
    SECURE_HSTS_SECONDS,
    env_bool,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
# DEBUG shows anyone who makes a page fail the settings, the code and the data
# of the request (a requester's name and e-mail address included), and keeps
# every SQL query in memory: never in production, whatever the environment says.
if env_bool("DJANGO_DEBUG", False):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG must not be true in production: use config.settings.dev "
        "(`make run`) to debug."
    )
DEBUG = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# WhiteNoise sends files whose name carries their hash (site.3f2a….css, what
# {% static %} links to) with a ten-year max-age and "immutable": a change is a
# new name. Other files (only reached by a typed URL) get its 60 s default.

# The line per request (ocep.request); WARNING keeps only errors (benchmarks
# compare pages with a view whose successful answers are never logged).
REQUEST_LOG_LEVEL = os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO")

# One JSON object a line on stdout, with the request id, and one line a request
# (config/logs.py). Gunicorn's own lines use the same formatter (config/gunicorn.py).
LOGGING = {
    **LOGGING,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {**LOGGING["loggers"], "ocep.request": {"level": REQUEST_LOG_LEVEL}},
}

# E-mail and other slow work waits in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Behind a proxy that terminates TLS (a load balancer, nginx, a platform's
# router), every request reaches gunicorn over plain HTTP. DJANGO_BEHIND_TLS_PROXY
# is the one setting for it: Django then takes the scheme from the proxy's
# X-Forwarded-Proto, so an HTTPS request is not redirected to itself (a loop)
# and gets HSTS, while plain HTTP is still redirected; and the client's address
# is the last X-Forwarded-For entry, the one the proxy added (config/clientip.py;
# DJANGO_TRUSTED_PROXIES, when set, says how many proxies there are).
# Gunicorn trusts no forwarded header itself (config/gunicorn.py), so this is the
# only place the header is believed. Only for a proxy that always sets the header
# and is the only way in: otherwise a client could claim HTTPS.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not os.environ.get("DJANGO_TRUSTED_PROXIES", "").strip():
        TRUSTED_PROXY_COUNT = 1
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# A load balancer's health checks usually reach the process over plain HTTP,
# and most count a redirect as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# `make serve`: plain HTTP to this machine only. Gunicorn listens on loopback
# (WEB_HOST, config/gunicorn.py), with no TLS proxy in front and no redirect, so
# nothing travels over a network. Cookies marked Secure would never come back
# over plain HTTP (curl, Safari), and the workshop form and the admin sign-in
# would fail their CSRF check; only here are they sent without the flag.
LOOPBACK_HTTP = (
    not SECURE_SSL_REDIRECT
    and not BEHIND_TLS_PROXY
    and os.environ.get("WEB_HOST", "") in {"127.0.0.1", "localhost", "::1"}
)
SESSION_COOKIE_SECURE = not LOOPBACK_HTTP
CSRF_COOKIE_SECURE = not LOOPBACK_HTTP

# hstspreload.org accepts a site only with a max-age of a year or more and
# subdomains included (base.py): refuse a preload request it would turn down.
if SECURE_HSTS_PRELOAD and SECURE_HSTS_SECONDS < 31536000:
    raise ImproperlyConfigured(
        "DJANGO_SECURE_HSTS_PRELOAD needs DJANGO_SECURE_HSTS_SECONDS of at least 31536000."
    )

# `manage.py check --deploy --fail-level WARNING` passes, make serve's
# configuration included: a warning is silenced only where its advice does not apply.
SILENCED_SYSTEM_CHECKS = []
if not SECURE_HSTS_PRELOAD:
    # "You have not set SECURE_HSTS_PRELOAD": deliberate, see base.py. The one
    # warning production silences by default; DJANGO_SECURE_HSTS_PRELOAD=true
    # (the domain owner's decision) brings the header's preload flag instead.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
if LOOPBACK_HTTP:
    # No redirect to HTTPS and cookies without Secure: see LOOPBACK_HTTP.
    SILENCED_SYSTEM_CHECKS += ["security.W008", "security.W012", "security.W016"]
elif BEHIND_TLS_PROXY and not SECURE_SSL_REDIRECT:
    # "SECURE_SSL_REDIRECT is not True": the redirect was handed to the proxy.
    SILENCED_SYSTEM_CHECKS.append("security.W008")
