"""Writes that touch several rows or the outside world (the mail server).

The flow of a request, start to end:

1. ``workshop_request_submit`` saves it and, in the same transaction, enqueues
   ``tasks.send_workshop_request_emails``: the task exists if and only if the
   request does. No e-mail is sent while the person waits (in production the
   task waits in the database for ``manage.py db_worker``).
2. The task calls ``workshop_requests_notify_pending`` for that request, which
   holds its row lock and calls ``workshop_request_notify``: each e-mail not
   sent yet is sent and the time it went recorded, so it never goes twice. A
   failure leaves the time empty and is logged (reference and error type
   only); the task tries again later, with a growing delay.
3. ``send_pending_notifications`` (a management command, the sweep) calls
   ``workshop_requests_notify_pending`` for whatever is still unsent once its
   task has had ``WORKSHOP_EMAIL_SWEEP_AFTER`` seconds to send it.
4. Staff move the request through its statuses with
   ``workshop_request_set_status``, which keeps the history.

Personal data never goes to the logs: only references, counts and reasons.
"""

import datetime
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import CLOSED_STATUSES, Status, WorkshopRequest, WorkshopStatusChange
from .tasks import send_workshop_request_emails

logger = logging.getLogger(__name__)

# Failures that mean no mail can get through now (as opposed to one refused address).
SERVER_UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)


class MailServerUnavailable(Exception):
    """The mail server cannot be reached: stop sending until the next run."""


M2M_FIELDS = ("topics", "programs", "languages")


def workshop_request_submit(*, data: dict, language: str = "en") -> WorkshopRequest:
    """Save a validated request with its reference and enqueue its e-mails, in one transaction."""
    fields = {key: value for key, value in data.items() if key not in M2M_FIELDS}
    with transaction.atomic():
        workshop_request = WorkshopRequest.objects.create(language=language, **fields)
        workshop_request.assign_reference()
        for name in M2M_FIELDS:
            if data.get(name):
                getattr(workshop_request, name).set(data[name])
        _enqueue_emails(workshop_request)
    logger.info("Workshop request %s received", workshop_request.reference)
    return workshop_request


def _enqueue_emails(workshop_request: WorkshopRequest) -> None:
    """Enqueue the e-mail task inside the caller's transaction, never at the request's cost.

    With a database task backend the task row commits or rolls back with the
    request. With the ImmediateBackend (tests, ``make run``) the task runs
    right here, before the commit: the savepoint undoes whatever it left
    half-done in the database, and the backend records a failed task instead
    of raising. Should enqueueing itself fail, the request is saved all the
    same and the person gets the thanks page; the sweep sends the e-mails.
    """
    try:
        with transaction.atomic():
            send_workshop_request_emails.enqueue(workshop_request.pk, 1)
    except Exception as error:  # noqa: BLE001 - the request must be saved whatever happens here
        logger.warning(
            "Workshop request %s: e-mail task not enqueued (%s); "
            "send_pending_notifications will send them",
            workshop_request.reference,
            type(error).__name__,
        )


def _email(template: str, language: str, context: dict, *, to: str, reply_to: str):
    """A plain-text e-mail from templates/workshops/email/<template>_{subject,body}.txt."""
    with translation.override(language):
        subject = render_to_string(f"workshops/email/{template}_subject.txt", context)
        body = render_to_string(f"workshops/email/{template}_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[to], reply_to=[reply_to])


def _confirmation_email(workshop_request: WorkshopRequest) -> EmailMessage:
    context = {"workshop_request": workshop_request, "mailbox": settings.OCEP_MAILBOX}
    return _email(
        "confirmation",
        workshop_request.language,
        context,
        to=workshop_request.contact_email,
        reply_to=settings.OCEP_MAILBOX,
    )


def _mailbox_email(workshop_request: WorkshopRequest) -> EmailMessage:
    # Staff read English; the requester's language is named in the message.
    return _email(
        "mailbox",
        "en",
        {"workshop_request": workshop_request},
        to=settings.OCEP_MAILBOX,
        reply_to=workshop_request.contact_email,
    )


EMAILS: dict[str, Callable[[WorkshopRequest], EmailMessage]] = {
    "confirmation_sent_at": _confirmation_email,
    "mailbox_notified_at": _mailbox_email,
}


def workshop_request_notify(*, workshop_request: WorkshopRequest) -> bool:
    """Send each e-mail of this request not sent yet; True when none is left to send.

    Each e-mail's timestamp is set right after that e-mail is accepted by the
    mail server, so a later run never sends it again. The caller holds the
    row lock (see ``workshop_requests_notify_pending``).
    """
    all_sent = True
    for field, build in EMAILS.items():
        if getattr(workshop_request, field) is not None:
            continue
        try:
            build(workshop_request).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any mail failure must leave the row saved
            # The error's text can quote addresses: log only its type.
            logger.warning(
                "Workshop request %s: %s not sent (%s); it stays pending",
                workshop_request.reference,
                field.removesuffix("_at"),
                type(error).__name__,
            )
            if isinstance(error, SERVER_UNREACHABLE):
                # Trying the next e-mail would only wait for the same timeout again.
                raise MailServerUnavailable from error
            all_sent = False
            continue
        sent_at = timezone.now()
        WorkshopRequest.objects.filter(pk=workshop_request.pk).update(**{field: sent_at})
        setattr(workshop_request, field, sent_at)
    return all_sent


def workshop_requests_notify_pending(
    *, pks: list[int] | None = None, created_before: datetime.datetime | None = None
) -> tuple[int, int]:
    """Send the missing e-mails of unnotified requests (all, ``pks``, or those created before).

    Each request is handled in its own transaction holding its row lock, taken
    with SKIP LOCKED: two runs at once (a task and the sweep, or two workers)
    never pick the same request, so nothing is sent twice. Returns (requests
    fully notified, requests still pending).
    """
    candidates = WorkshopRequest.objects.unnotified().order_by("pk")
    if pks is not None:
        candidates = candidates.filter(pk__in=pks)
    if created_before is not None:
        candidates = candidates.filter(created__lt=created_before)
    done = pending = 0
    candidate_pks = list(candidates.values_list("pk", flat=True))
    for index, pk in enumerate(candidate_pks):
        with transaction.atomic():
            workshop_request = (
                WorkshopRequest.objects.unnotified()
                .select_for_update(skip_locked=True)
                .filter(pk=pk)
                .first()
            )
            if workshop_request is None:
                continue  # another run has it, or it was notified meanwhile
            try:
                all_sent = workshop_request_notify(workshop_request=workshop_request)
            except MailServerUnavailable:
                all_sent = False
                stop = True
            else:
                stop = False
        if all_sent:
            done += 1
        else:
            pending += 1
        if stop:
            # The rest waits for the next run rather than for one timeout each.
            remaining = len(candidate_pks) - index - 1
            if remaining:  # a task handles one request: nothing else to skip, nothing to say
                logger.warning(
                    "Mail server unreachable: %d more request(s) left for the next run", remaining
                )
            return done, pending + remaining
    return done, pending


def workshop_request_set_status(
    *, workshop_request: WorkshopRequest, status: str, by=None
) -> WorkshopRequest:
    """Move a request to a new status and record who did it, when, from and to."""
    status = Status(status)
    previous = workshop_request.status
    if status == previous:
        return workshop_request
    now = timezone.now()
    with transaction.atomic():
        WorkshopStatusChange.objects.create(
            request=workshop_request,
            from_status=previous,
            to_status=status,
            changed_by=by,
            changed_at=now,
        )
        workshop_request.status = status
        if status in CLOSED_STATUSES:
            workshop_request.closed_at = workshop_request.closed_at or now
        else:
            workshop_request.closed_at = None
        workshop_request.save(update_fields=["status", "closed_at", "updated"])
    logger.info(
        "Workshop request %s moved from %s to %s", workshop_request.reference, previous, status
    )
    return workshop_request
