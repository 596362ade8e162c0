"""Settings shared by every environment.

Everything that differs between machines comes from the environment; see
``.env.example`` for the full list.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# How many proxies that append to X-Forwarded-For stand in front of the site
# (config/clientip.py): 0 when clients connect to gunicorn directly.
# (An empty value is unset: production defaults it to 1 behind a TLS proxy.)
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "").strip() or "0")
# Where the staff admin lives ("admin/" unless set): a less obvious path only
# saves the logs some noise; the sign-in itself is what keeps guessers out.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    ADMIN_PATH = "admin/"

INSTALLED_APPS = [
    # Staff's text in every language (each app's translation.py); before the admin.
    "modeltranslation",
    # Django's admin on a site that demands a second factor (staff/sites.py).
    "staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # /sitemap.xml (config/sitemaps.py); only its template is needed.
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pagecache",
    # Site-wide management commands (the background worker).
    "config",
    # Shared helpers below the apps, site-wide pages and seed_demo above them (core/apps.py).
    "core",
    "partnerships",
    "meetings",
    "workshops",
    "resources",
    "involvement",
    "staff",
    # /api/hsds/ and /open-data/: above every app, as staff is.
    "opendata",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",
    # Before SecurityMiddleware's HTTPS redirect, WhiteNoise and the page cache,
    # which answer without calling what follows them: their responses get the
    # headers on the way out too.
    "config.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's rate limit counts cached answers too, so it comes first.
    "opendata.middleware.ApiRateLimitMiddleware",
    # Before sessions, locale and CSRF: a cached page skips all of them.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a code as well as a password.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: it says why it signed someone out.
    "staff.middleware.StaffSessionLimitMiddleware",
    # A database restarting for a few seconds: 503 and Retry-After, not 500.
    "config.outages.DatabaseUnavailableMiddleware",
    # Parses GET and POST before any view does, or answers the 400 page (config/handlers.py).
    "config.handlers.RequestInputMiddleware",
    # Last, so it sees the sign-in view's answer and can replace it with the
    # lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# A SQLite file is the zero-setup default; DATABASE_URL switches to PostgreSQL
# (postgres://user:password@host:5432/name) through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is restarting or unreachable fails a request in seconds
    # instead of holding it (and its worker) until the operating system gives up.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's Redis cache when REDIS_URL is set (shared by every worker), local
# memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "ocep"),
            # Redis on the same network answers in well under a millisecond; one
            # that does not answer must cost a request little, not a worker.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    # Pages and per-series meeting entries (meetings/schedule_cache.py) share it:
    # Django's default of 300 entries would evict them as fast as they are made.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Public pages for visitors without cookies come from the cache (pagecache).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# Seconds a CDN or proxy in front may answer with a page before asking again.
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "60"))
# Paths never served from the cache (besides static files).
PAGE_CACHE_SKIP_PREFIXES = [f"/{ADMIN_PATH}", "/healthz", "/readyz"]
# Bytes of pages each process keeps a copy of, so that a hit reads only the
# content version from the shared cache (pagecache/local.py); 0 turns it off.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))

# Background tasks (django-tasks, the backport of Django 6's django.tasks). Here
# they run at once, inside the request; production stores them in the database
# for `manage.py db_worker` (see prod.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Staff sign-in (the staff app; README "Staff sign-in"). A password first, through
# axes, which counts failures; then a code from an authenticator app (django-otp).
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or client before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After SIGNIN_FAILURE_LIMIT failed sign-ins in a row, both the account and the
# client address are locked for SIGNIN_LOCKOUT_MINUTES (each failure meanwhile
# starts the wait again). A superuser unlocks by deleting the "access attempts".
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
SIGNIN_LOCKOUT_MINUTES = int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "60"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=SIGNIN_LOCKOUT_MINUTES)
# Two separate counts: one per account (from any address) and one per client
# address (for any account), so neither spreading guesses over many accounts
# nor over many addresses gets more than a handful of tries.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "config.clientip.client_ip"
# The lockout page in the admin's style instead of a bare 429 text.
AXES_LOCKOUT_CALLABLE = "staff.views.locked_out"
# Axes never stores or logs the password. Its log lines also mask the username
# (it may be a password typed into the wrong box) and, like every log here, the
# client address; superusers see both under "Access attempts" in the admin.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]
# A right password does not wipe the failures: only the wait, or a superuser, does.
AXES_RESET_ON_SUCCESS = False

# Authenticator apps show this name above the six-digit code.
OTP_TOTP_ISSUER = "NYC ACS OCEP staff"
# The admin never shows a device's secret or recovery codes, not even to superusers.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# How many one-time recovery codes a staff member gets at enrollment.
STAFF_RECOVERY_CODES = 10

# Sessions (only staff have them: public pages set no session). A session ends after
# STAFF_IDLE_MINUTES without a request (each request pushes the end back) and
# STAFF_SESSION_MAX_HOURS after sign-in at the latest (staff/middleware.py).
STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
STAFF_SESSION_MAX_HOURS = int(os.environ.get("STAFF_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = STAFF_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script of ours reads the CSRF cookie (forms carry the token), so scripts
# need not see it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English and the ten languages of NYC's Local Law 30 (Chinese in both scripts).
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("ru", _("Russian")),
    ("bn", _("Bengali")),
    ("ht", _("Haitian Creole")),
    ("ko", _("Korean")),
    ("ar", _("Arabic")),
    ("ur", _("Urdu")),
    ("fr", _("French")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The languages a professional translator has reviewed (comma-separated codes).
# Pages in any other language say so and link to the same page in English
# (README, "Languages and translators"). English is the source, never a translation.
LANGUAGES_REVIEWED = env_list("LANGUAGES_REVIEWED", "en")
# Haitian Creole is one of the city's languages but not one Django knows: the
# switcher names each language from LANG_INFO (get_language_info("ht")).
LANG_INFO.setdefault(
    "ht",
    {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"},
)
FORMAT_MODULE_PATH = ["config.formats"]
# What staff type (descriptions, notes, titles) has a column per language; one
# not yet filled in shows the English (MODELTRANSLATION_FALLBACK_LANGUAGES).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Files staff upload (a resource's PDF) go to STORAGES["default"]: this folder
# under `make run`; production points that storage at object storage (README,
# "Uploaded files"). Django serves them only while DEBUG is on.
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", "") or BASE_DIR / "media")
# The largest file staff may upload in the admin. Only signed-in staff can send
# files at all (config/handlers.py), and no more than this is written to disk.
STAFF_UPLOAD_MAX_BYTES = int(os.environ.get("STAFF_UPLOAD_MAX_MB", "20")) * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Request bodies bigger than this are refused with 400 before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# Security headers, on every response (Django's SecurityMiddleware). The
# Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy
# are config/middleware.py's.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Strict-Transport-Security: browsers use only HTTPS for the site for this many
# seconds after a visit (a year; sent only on HTTPS responses, so harmless over
# the plain HTTP of `make run` and `make serve`), subdomains included.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" asks browsers to ship the site in their built-in HTTPS-only list once
# it is submitted to hstspreload.org. That list holds whole registrable domains
# (nyc.gov and every subdomain, for months even after removal), so it is the
# domain owner's decision: off unless DJANGO_SECURE_HSTS_PRELOAD=true.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@ocep.example.org")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A slow mail server must not hold a request for long.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))

# How many listings a public list page shows at once.
LISTINGS_PER_PAGE = 20
# A listing not confirmed by staff for this many days is flagged in the admin.
LISTING_STALE_AFTER_DAYS = int(os.environ.get("LISTING_STALE_AFTER_DAYS", "180"))

# Meetings: the domain part of calendar event UIDs. Set it once and never change it:
# calendars use UIDs to recognise an event they already have.
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "meetings.ocep.invalid")
# Seconds a browser or proxy may reuse a calendar feed before asking again.
MEETING_FEED_MAX_AGE = int(os.environ.get("MEETING_FEED_MAX_AGE", "900"))

# Plain lines on the console here; prod.py switches the same handler to one JSON
# object a line on stdout, with the request id (config/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver prints its own start-up lines; don't repeat them.
        "django.utils.autoreload": {"level": "WARNING"},
        # One line a request (config.logs): runserver already prints one, so only
        # production turns it on.
        "ocep.request": {"level": "WARNING"},
    },
}

# Workshops
# Demystifying ACS workshop requests (the workshops app).
# Where new requests are announced to OCEP staff.
OCEP_MAILBOX = os.environ.get("OCEP_MAILBOX", "OCEPMailbox@acs.nyc.gov")
# The earliest preferred date a requester may pick, in days from today.
WORKSHOP_MIN_LEAD_DAYS = int(os.environ.get("WORKSHOP_MIN_LEAD_DAYS", "14"))
# At most this many request submissions per client address in each period (seconds).
WORKSHOP_RATE_LIMIT = int(os.environ.get("WORKSHOP_RATE_LIMIT", "5"))
WORKSHOP_RATE_LIMIT_PERIOD = int(os.environ.get("WORKSHOP_RATE_LIMIT_PERIOD", "3600"))
# Closed requests (completed, declined, withdrawn) are purged this many days after closing.
WORKSHOP_REQUEST_RETENTION_DAYS = int(os.environ.get("WORKSHOP_REQUEST_RETENTION_DAYS", "730"))
# The e-mails of a request are sent by a background task (workshops/tasks.py). An
# attempt that could not send them all is tried again after WORKSHOP_EMAIL_RETRY_DELAY
# seconds, then twice as long each time, up to WORKSHOP_EMAIL_MAX_ATTEMPTS attempts
# (by default 1, 2, 4, 8 and 16 minutes apart: 31 minutes in all).
WORKSHOP_EMAIL_MAX_ATTEMPTS = int(os.environ.get("WORKSHOP_EMAIL_MAX_ATTEMPTS", "6"))
WORKSHOP_EMAIL_RETRY_DELAY = int(os.environ.get("WORKSHOP_EMAIL_RETRY_DELAY", "60"))
# send_pending_notifications only sweeps requests older than this many seconds: newer
# ones are still in the hands of their task. Keep it longer than all the retries.
WORKSHOP_EMAIL_SWEEP_AFTER = int(os.environ.get("WORKSHOP_EMAIL_SWEEP_AFTER", "3600"))

# Get involved: interest forms (the involvement app) go through the same machinery
# as workshop requests (core/submissions/), with their own rate limit and retention;
# their e-mails are retried and swept on the workshop requests' schedule.
INVOLVEMENT_RATE_LIMIT = int(os.environ.get("INVOLVEMENT_RATE_LIMIT", "5"))
INVOLVEMENT_RATE_LIMIT_PERIOD = WORKSHOP_RATE_LIMIT_PERIOD
# Closed interest forms (connected, closed) are purged this many days after closing.
INVOLVEMENT_RETENTION_DAYS = int(os.environ.get("INVOLVEMENT_RETENTION_DAYS", "365"))
INVOLVEMENT_EMAIL_MAX_ATTEMPTS = WORKSHOP_EMAIL_MAX_ATTEMPTS
INVOLVEMENT_EMAIL_RETRY_DELAY = WORKSHOP_EMAIL_RETRY_DELAY
INVOLVEMENT_EMAIL_SWEEP_AFTER = WORKSHOP_EMAIL_SWEEP_AFTER
# SQL logged at DEBUG level would carry requesters' names and e-mail addresses
# in its parameters: keep the database logger quiet whatever DJANGO_LOG_LEVEL says.
LOGGING["loggers"]["django.db.backends"] = {"level": "INFO"}

# Open data (the opendata app): the licence /open-data/ and the API name, and the
# HSDS API's rate limit, OPEN_DATA_API_RATE_LIMIT requests per client address in
# each period of OPEN_DATA_API_RATE_LIMIT_PERIOD seconds (then 429 with Retry-After).
OPEN_DATA_LICENSE_NAME = os.environ.get("OPEN_DATA_LICENSE_NAME", "CC BY 4.0")
OPEN_DATA_LICENSE_URL = os.environ.get(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_API_RATE_LIMIT = int(os.environ.get("OPEN_DATA_API_RATE_LIMIT", "120"))
OPEN_DATA_API_RATE_LIMIT_PERIOD = int(os.environ.get("OPEN_DATA_API_RATE_LIMIT_PERIOD", "60"))
