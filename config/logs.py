"""A request id on every log line, and logs as one JSON object a line in production.

Each request gets an id: the one the proxy in front sent in ``X-Request-ID``
when it is well formed, or a new one. It is kept in a context variable while
the request is handled, so every line logged meanwhile (by our code, Django
or a library) carries it, and it goes back in the ``X-Request-ID`` response
header, so a report ("this page failed, request id …") leads to its lines.

Nothing personal goes into a log line. The request line has the method, the
path without its query string, the status and the duration: never the query
string (a search can hold a name), the body, cookies or the client's
address. Gunicorn's own messages are scrubbed of both (``GunicornScrubFilter``).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished

HEADER = "X-Request-ID"

# What a proxy's id looks like (a UUID, nginx's $request_id, Heroku's): anything
# else, which could be used to smuggle text into the log, gets a fresh id.
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# Load balancers ask these every few seconds; a line for each answer that
# says "fine" would bury everything else.
QUIET_WHEN_OK = frozenset({"/healthz", "/readyz"})

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

request_logger = logging.getLogger("ocep.request")

# The extra fields of the request line, copied into its JSON object.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


class RequestIdMiddleware:
    """First in MIDDLEWARE: the id covers everything the request does, the line its whole time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        current = incoming if WELL_FORMED.fullmatch(incoming) else uuid.uuid4().hex
        # Kept until the response is closed (forget_request_id), not only until
        # this returns: Django logs errors ("Internal Server Error: /path") after
        # the last middleware, and those lines need the id most.
        request_id.set(current)
        started = time.perf_counter()
        response = self.get_response(request)
        # Set on every response, cached ones included: a stored copy's id is replaced.
        response[HEADER] = current
        if not (response.status_code == 200 and request.path in QUIET_WHEN_OK):
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
        return response


def forget_request_id(**kwargs) -> None:
    """After the response is sent: the thread's next lines belong to no request."""
    request_id.set(None)


request_finished.connect(forget_request_id, dispatch_uid="config.logs.forget_request_id")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: timestamp, level, logger, message, request_id (and a traceback).

    Only the fields named here are written, never a record's other extras:
    Django attaches the whole request to some records.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class GunicornScrubFilter(logging.Filter):
    """Take client addresses and query strings out of gunicorn's own messages.

    Gunicorn logs "Invalid request from ip=…: <the request line>" and "Error
    handling request GET /path?query"; the address and the query string are
    personal data the rest of our logs never hold.
    """

    ADDRESS = re.compile(r"\bip=\S+?(?=:?\s|:?$)")
    QUERY = re.compile(r"\?[^\s'\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = self.QUERY.sub("?…", self.ADDRESS.sub("ip=-", message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        return True
