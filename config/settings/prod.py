"""Production: refuses to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, LOGGING, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

DEBUG = env_bool("DJANGO_DEBUG", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# WhiteNoise sends files whose name carries their hash (site.3f2a….css, what
# {% static %} links to) with a ten-year max-age and "immutable": a change is a
# new name. Other files (only reached by a typed URL) get its 60 s default.

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
    "loggers": {**LOGGING["loggers"], "ocep.request": {"level": "INFO"}},
}

# E-mail and other slow work waits in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Trust X-Forwarded-Proto only behind a TLS-terminating proxy that always sets it.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False

# `manage.py check --deploy --fail-level WARNING` passes, make serve's
# configuration included: a warning is silenced only where its advice does not apply.
SILENCED_SYSTEM_CHECKS = [
    # "You have not set SECURE_HSTS_PRELOAD": preloading binds every subdomain of
    # the registrable domain (nyc.gov) for months; that is the domain owner's
    # decision, not this site's, so False above is deliberate.
    "security.W021",
]
if LOOPBACK_HTTP:
    # No redirect to HTTPS and cookies without Secure: see LOOPBACK_HTTP.
    SILENCED_SYSTEM_CHECKS += ["security.W008", "security.W012", "security.W016"]
elif BEHIND_TLS_PROXY and not SECURE_SSL_REDIRECT:
    # "SECURE_SSL_REDIRECT is not True": the redirect was handed to the proxy.
    SILENCED_SYSTEM_CHECKS.append("security.W008")
