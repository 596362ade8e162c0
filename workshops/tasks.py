"""Background work of the workshops app: sending a request's e-mails.

``workshop_request_submit`` enqueues ``send_workshop_request_emails`` in the
transaction that saves the request. In production the task waits in the
database (django-tasks-db) for ``manage.py db_worker``, so no web request waits
on the mail server; in tests and ``make run`` the ImmediateBackend runs it at
once. Each attempt, and the next one with a growing delay, is
``core.submissions.services.send_emails_attempt``.

Arguments are plain JSON (the request's primary key and the attempt number),
as stored tasks require; the task reads everything else from the database.
"""

import datetime

from django_tasks import task

from core.submissions import services as submissions


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …): doubling each time."""
    from .services import KIND

    return submissions.retry_delay(KIND, attempt)


@task()
def send_workshop_request_emails(pk: int, attempt: int = 1) -> bool:
    """Send the e-mails of request ``pk`` not sent yet; True when none is left for this task."""
    # Imported here: services imports this module to hand the task to its kind.
    from .services import KIND

    return submissions.send_emails_attempt(KIND, pk, attempt)
