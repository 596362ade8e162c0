"""Background work of the workshops app: sending a request's e-mails.

``workshop_request_submit`` enqueues ``send_workshop_request_emails`` in the
transaction that saves the request. In production the task waits in the
database (django-tasks-db) for ``manage.py db_worker``, so no web request waits
on the mail server; in tests and ``make run`` the ImmediateBackend runs it at
once.

An attempt that leaves an e-mail unsent enqueues the next attempt with a
growing delay (``retry_delay``), up to ``WORKSHOP_EMAIL_MAX_ATTEMPTS``, when the
backend can run a task later. Whatever is still unsent after that is left to
``send_pending_notifications``, the sweep.

Arguments are plain JSON (the request's primary key and the attempt number),
as stored tasks require; the task reads everything else from the database.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import WorkshopRequest

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …): doubling each time."""
    return datetime.timedelta(seconds=settings.WORKSHOP_EMAIL_RETRY_DELAY * 2 ** (attempt - 1))


@task()
def send_workshop_request_emails(pk: int, attempt: int = 1) -> bool:
    """Send the e-mails of request ``pk`` not sent yet; True when none is left for this task.

    Mail failures never raise out of here (their messages can quote addresses,
    and a failed task's traceback is logged and stored): they are logged by
    the service and answered with a later attempt.
    """
    # Imported here: services imports this module to enqueue the task.
    from .services import workshop_requests_notify_pending

    _, pending = workshop_requests_notify_pending(pks=[pk])
    if not pending:
        # Sent, or nothing to send, or another run holds the request and will finish it.
        return True

    reference = WorkshopRequest.objects.filter(pk=pk).values_list("reference", flat=True).first()
    if attempt >= settings.WORKSHOP_EMAIL_MAX_ATTEMPTS:
        logger.warning(
            "Workshop request %s: e-mails still unsent after %d attempt(s); "
            "left for send_pending_notifications",
            reference,
            attempt,
        )
        return False
    if not send_workshop_request_emails.get_backend().supports_defer:
        # The ImmediateBackend (tests, `make run`) cannot run a task later.
        logger.warning(
            "Workshop request %s: e-mails unsent and this task backend cannot retry later; "
            "left for send_pending_notifications",
            reference,
        )
        return False

    delay = retry_delay(attempt)
    send_workshop_request_emails.using(run_after=timezone.now() + delay).enqueue(pk, attempt + 1)
    logger.info(
        "Workshop request %s: e-mails unsent (attempt %d of %d); next attempt in %d seconds",
        reference,
        attempt,
        settings.WORKSHOP_EMAIL_MAX_ATTEMPTS,
        delay.total_seconds(),
    )
    return False
