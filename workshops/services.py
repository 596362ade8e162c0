"""Workshop requests through the shared submission machinery (core/submissions/).

``KIND`` says what is particular to workshop requests: their model, their two
e-mails (a confirmation to the requester, a notice to the OCEP mailbox),
their task and their settings (``WORKSHOP_*``). The flow itself (submit in a
transaction with the e-mail task, send with retries, the sweep, the status
history) is described and written once in ``core.submissions``.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage

from core.submissions import services as submissions
from core.submissions.kinds import SubmissionKind

from .models import WorkshopRequest
from .tasks import send_workshop_request_emails


def _confirmation_email(workshop_request: WorkshopRequest) -> EmailMessage:
    context = {"workshop_request": workshop_request, "mailbox": settings.OCEP_MAILBOX}
    return submissions.email(
        "workshops/email/confirmation",
        workshop_request.language,
        context,
        to=workshop_request.contact_email,
        reply_to=settings.OCEP_MAILBOX,
    )


def _mailbox_email(workshop_request: WorkshopRequest) -> EmailMessage:
    # Staff read English; the requester's language is named in the message.
    return submissions.email(
        "workshops/email/mailbox",
        "en",
        {"workshop_request": workshop_request},
        to=settings.OCEP_MAILBOX,
        reply_to=workshop_request.contact_email,
    )


KIND = SubmissionKind(
    model=WorkshopRequest,
    label="Workshop request",
    label_plural="Workshop requests",
    noun="request",
    settings_prefix="WORKSHOP",
    emails={
        "confirmation_sent_at": _confirmation_email,
        "mailbox_notified_at": _mailbox_email,
    },
    task=send_workshop_request_emails,
)


def workshop_request_submit(*, data: dict, language: str = "en") -> WorkshopRequest:
    """Save a validated request with its reference and enqueue its e-mails, in one transaction."""
    return submissions.submit(KIND, data=data, language=language)


def workshop_request_notify(*, workshop_request: WorkshopRequest) -> bool:
    """Send each e-mail of this request not sent yet; True when none is left to send."""
    return submissions.notify(KIND, workshop_request)


def workshop_requests_notify_pending(
    *, pks: list[int] | None = None, created_before: datetime.datetime | None = None
) -> tuple[int, int]:
    """Send the missing e-mails of unnotified requests (see ``submissions.notify_pending``)."""
    return submissions.notify_pending(KIND, pks=pks, created_before=created_before)


def workshop_request_set_status(
    *, workshop_request: WorkshopRequest, status: str, by=None
) -> WorkshopRequest:
    """Move a request to a new status and record who did it, when, from and to."""
    return submissions.set_status(KIND, submission=workshop_request, status=status, by=by)
