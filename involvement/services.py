"""Interest forms through the shared submission machinery (core/submissions/).

Up to three e-mails, each sent once: a confirmation to the person if they
gave an e-mail address (in their language, repeating nothing they typed), a
notice to the OCEP mailbox, and a notice to the chosen Community
Partnership if it has an e-mail address (both in English, with everything
the person wrote: they consented to hear from both).
"""

from django.conf import settings
from django.core.mail import EmailMessage

from core.submissions import services as submissions
from core.submissions.kinds import SubmissionKind

from .models import InterestSubmission
from .tasks import send_interest_emails


def _confirmation_email(submission: InterestSubmission) -> EmailMessage | None:
    if not submission.email:
        return None
    return submissions.email(
        "involvement/email/confirmation",
        submission.language,
        {"submission": submission, "mailbox": settings.OCEP_MAILBOX},
        to=submission.email,
        reply_to=settings.OCEP_MAILBOX,
    )


def _mailbox_email(submission: InterestSubmission) -> EmailMessage:
    return submissions.email(
        "involvement/email/mailbox",
        "en",
        {"submission": submission},
        to=settings.OCEP_MAILBOX,
        reply_to=submission.email or None,
    )


def _partnership_email(submission: InterestSubmission) -> EmailMessage | None:
    if not submission.partnership_email:
        return None
    return submissions.email(
        "involvement/email/partnership",
        "en",
        {"submission": submission, "mailbox": settings.OCEP_MAILBOX},
        to=submission.partnership_email,
        reply_to=submission.email or settings.OCEP_MAILBOX,
    )


KIND = SubmissionKind(
    model=InterestSubmission,
    label="Interest form",
    label_plural="Interest forms",
    noun="form",
    settings_prefix="INVOLVEMENT",
    emails={
        "confirmation_sent_at": _confirmation_email,
        "mailbox_notified_at": _mailbox_email,
        "partnership_notified_at": _partnership_email,
    },
    task=send_interest_emails,
)


def interest_submit(*, data: dict, language: str = "en") -> InterestSubmission:
    """Save a validated interest form with its reference and enqueue its e-mails."""
    return submissions.submit(KIND, data=data, language=language)


def interest_set_status(*, submission: InterestSubmission, status: str, by=None):
    """Move an interest form to a new status and record who did it, when, from and to."""
    return submissions.set_status(KIND, submission=submission, status=status, by=by)
