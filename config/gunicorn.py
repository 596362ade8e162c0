"""Gunicorn settings for the Procfile's ``web`` process, all from the environment.

Every variable is listed in .env.example; the defaults suit one machine with
PostgreSQL and Redis on the network.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# All interfaces by default (a container, or a machine behind a load balancer);
# `make serve` binds to loopback only.
bind = f"{os.environ.get('WEB_HOST', '0.0.0.0')}:{_int('PORT', 8000)}"  # noqa: S104

# Threaded workers: a thread waiting on PostgreSQL or Redis does not hold up the
# others, and browser and proxy connections are kept alive between requests
# (the sync worker closes every connection after one response). Processes use
# the cores (Python runs one thread at a time per process); gunicorn's 2 x cores
# + 1, capped because every thread may keep a database connection open
# (DJANGO_CONN_MAX_AGE): 8 x 2 = 16 per machine at most by default. Two threads,
# not four: pages mostly come from the cache, so a third and fourth thread
# mostly waited for the interpreter lock. On 2 cores (`make bench`), hello went
# from 2,250-2,700 to 2,400-2,900 requests a second and its p99 from 77-108 ms
# to 46-53 ms.
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))
threads = _int("GUNICORN_THREADS", 2)

# Seconds a worker may go silent before it is killed and replaced; requests
# themselves are bounded well below this by the database, Redis and mail timeouts.
timeout = _int("GUNICORN_TIMEOUT", 30)
# Seconds to finish requests in progress after a stop or restart signal, under the
# 30 s most platforms (Heroku, Kubernetes) wait before killing the process.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
# Seconds an idle kept-alive connection stays open; behind a load balancer set it
# above the balancer's own idle timeout, so gunicorn never closes one under it.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Gunicorn believes no forwarded header from anyone. Left to its defaults it
# would take X-Forwarded-Proto (and two other scheme headers) from any peer on
# 127.0.0.1 and mark the request HTTPS, and let such a peer set SCRIPT_NAME and
# PATH_INFO by header. Django decides the scheme alone, from the one setting
# DJANGO_BEHIND_TLS_PROXY (config/settings/prod.py), and the client's address
# from DJANGO_TRUSTED_PROXIES (config/clientip.py). Unaffected by the
# FORWARDED_ALLOW_IPS environment variable gunicorn would otherwise read.
forwarded_allow_ips = ""
secure_scheme_headers = {}
forwarder_headers = ""

# Requests larger than these are refused before Django sees them (bodies are
# limited by DATA_UPLOAD_MAX_MEMORY_SIZE in the settings). Gunicorn's defaults,
# already generous for this site's URLs and headers.
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)

# Replace each worker after this many requests (plus up to the jitter, so they
# do not all restart at once), bounding any slow memory growth. Large enough
# that a busy site replaces a worker every few minutes, not every few seconds:
# a worker answering 1,500 cached pages a second reaches it in about six
# minutes (at 20,000 it was every 13 seconds, each time with an empty local
# page cache and its connections dropped).
max_requests = _int("GUNICORN_MAX_REQUESTS", 500_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 50_000)

# Load Django once in the master: a configuration error stops the start at once
# instead of failing worker after worker, and replacing a worker is a fork.
preload_app = True

# Gunicorn 25+ opens a control socket at one path per user: two servers on the
# same machine (a benchmark, a test) would fight over it, and nothing here uses it.
control_socket_disable = True

# The heartbeat file on a memory file system: a slow disk cannot get a worker killed.
# (gunicorn makes its own private file there with mkstemp.)
SHARED_MEMORY = "/dev/shm"  # noqa: S108
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY

# No access log: Django's request line (config/logs.py) has the request id and
# no query string. Gunicorn's own messages: JSON on stdout, through the same
# formatter, without client addresses or query strings.
accesslog = None
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "INFO").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "filters": {"scrub": {"()": "config.logs.GunicornScrubFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"handlers": ["stdout"], "level": loglevel.upper()},
    # On the loggers, not the handler: once Django is loaded its own LOGGING
    # replaces the root handler, and these lines still go through the filter.
    "loggers": {
        "gunicorn.error": {
            "handlers": [],
            "filters": ["scrub"],
            "propagate": True,
            "level": loglevel.upper(),
        },
        # A logging configuration turns gunicorn's access log on; this turns it off.
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
}
