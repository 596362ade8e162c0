"""Writes of every kind of submission: submit, send its e-mails, move its status, purge.

See the package's docstring for the whole flow. Each function takes the kind
(``kinds.SubmissionKind``) it works for; each app's services module gives its
own names to the ones it uses (``workshop_request_submit``…).
"""

import datetime
import smtplib

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .kinds import SubmissionKind
from .models import Submission

# Failures that mean no mail can get through now (as opposed to one refused address).
SERVER_UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)


class MailServerUnavailable(Exception):
    """The mail server cannot be reached: stop sending until the next run."""


def submit(kind: SubmissionKind, *, data: dict, language: str = "en") -> Submission:
    """Save validated answers with a reference and enqueue the e-mails, in one transaction."""
    m2m_fields = {f.name for f in kind.model._meta.many_to_many}
    fields = {key: value for key, value in data.items() if key not in m2m_fields}
    with transaction.atomic():
        submission = kind.model.objects.create(language=language, **fields)
        submission.assign_reference()
        for name in m2m_fields:
            if data.get(name):
                getattr(submission, name).set(data[name])
        _enqueue_emails(kind, submission)
    kind.logger.info("%s %s received", kind.label, submission.reference)
    return submission


def _enqueue_emails(kind: SubmissionKind, submission: Submission) -> None:
    """Enqueue the e-mail task inside the caller's transaction, never at the person's cost.

    With a database task backend the task row commits or rolls back with the
    submission. With the ImmediateBackend (tests, ``make run``) the task runs
    right here, before the commit: the savepoint undoes whatever it left
    half-done in the database, and the backend records a failed task instead
    of raising. Should enqueueing itself fail, the submission is saved all the
    same and the person gets the thanks page; the sweep sends the e-mails.
    """
    try:
        with transaction.atomic():
            kind.task.enqueue(submission.pk, 1)
    except Exception as error:  # noqa: BLE001 - the submission must be saved whatever happens
        kind.logger.warning(
            "%s %s: e-mail task not enqueued (%s); send_pending_notifications will send them",
            kind.label,
            submission.reference,
            type(error).__name__,
        )


def email(template: str, language: str, context: dict, *, to: str, reply_to: str | None):
    """A plain-text e-mail from <template>_subject.txt and <template>_body.txt, in ``language``."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    )


def notify(kind: SubmissionKind, submission: Submission) -> bool:
    """Send each e-mail of this submission not sent yet; True when none is left to send.

    Each e-mail's timestamp is set right after that e-mail is accepted by the
    mail server, so a later run never sends it again. The caller holds the
    row lock (see ``notify_pending``).
    """
    all_sent = True
    for field, build in kind.emails.items():
        if getattr(submission, field) is not None:
            continue
        message = build(submission)
        if message is None:
            continue  # nobody to send this one to
        try:
            message.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any mail failure must leave the row saved
            # The error's text can quote addresses: log only its type.
            kind.logger.warning(
                "%s %s: %s not sent (%s); it stays pending",
                kind.label,
                submission.reference,
                field.removesuffix("_at"),
                type(error).__name__,
            )
            if isinstance(error, SERVER_UNREACHABLE):
                # Trying the next e-mail would only wait for the same timeout again.
                raise MailServerUnavailable from error
            all_sent = False
            continue
        sent_at = timezone.now()
        kind.model.objects.filter(pk=submission.pk).update(**{field: sent_at})
        setattr(submission, field, sent_at)
    return all_sent


def notify_pending(
    kind: SubmissionKind,
    *,
    pks: list[int] | None = None,
    created_before: datetime.datetime | None = None,
) -> tuple[int, int]:
    """Send the missing e-mails of unnotified submissions (all, ``pks``, or those created before).

    Each one is handled in its own transaction holding its row lock, taken
    with SKIP LOCKED: two runs at once (a task and the sweep, or two workers)
    never pick the same submission, so nothing is sent twice. Returns
    (submissions fully notified, submissions still pending).
    """
    candidates = kind.model.objects.unnotified().order_by("pk")
    if pks is not None:
        candidates = candidates.filter(pk__in=pks)
    if created_before is not None:
        candidates = candidates.filter(created__lt=created_before)
    done = pending = 0
    candidate_pks = list(candidates.values_list("pk", flat=True))
    for index, pk in enumerate(candidate_pks):
        with transaction.atomic():
            submission = (
                kind.model.objects.unnotified()
                .select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk)
                .first()
            )
            if submission is None:
                continue  # another run has it, or it was notified meanwhile
            try:
                all_sent = notify(kind, submission)
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
            if remaining:  # a task handles one submission: nothing else to skip, nothing to say
                kind.logger.warning(
                    "Mail server unreachable: %d more %s(s) left for the next run",
                    remaining,
                    kind.noun,
                )
            return done, pending + remaining
    return done, pending


def retry_delay(kind: SubmissionKind, attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …): doubling each time."""
    return datetime.timedelta(seconds=kind.setting("EMAIL_RETRY_DELAY") * 2 ** (attempt - 1))


def send_emails_attempt(kind: SubmissionKind, pk: int, attempt: int) -> bool:
    """The body of each kind's e-mail task: one attempt, and the next one booked if needed.

    Sends the e-mails of submission ``pk`` not sent yet; True when none is
    left for this task. An attempt that leaves one unsent enqueues the next
    attempt with a growing delay (``retry_delay``), up to
    ``<PREFIX>_EMAIL_MAX_ATTEMPTS``, when the backend can run a task later;
    whatever is still unsent after that is left to the sweep.

    Mail failures never raise out of here (their messages can quote
    addresses, and a failed task's traceback is logged and stored): they are
    logged by ``notify`` and answered with a later attempt.
    """
    _, pending = notify_pending(kind, pks=[pk])
    if not pending:
        # Sent, or nothing to send, or another run holds it and will finish it.
        return True

    reference = kind.model.objects.filter(pk=pk).values_list("reference", flat=True).first()
    max_attempts = kind.setting("EMAIL_MAX_ATTEMPTS")
    if attempt >= max_attempts:
        kind.logger.warning(
            "%s %s: e-mails still unsent after %d attempt(s); left for send_pending_notifications",
            kind.label,
            reference,
            attempt,
        )
        return False
    if not kind.task.get_backend().supports_defer:
        # The ImmediateBackend (tests, `make run`) cannot run a task later.
        kind.logger.warning(
            "%s %s: e-mails unsent and this task backend cannot retry later; "
            "left for send_pending_notifications",
            kind.label,
            reference,
        )
        return False

    delay = retry_delay(kind, attempt)
    kind.task.using(run_after=timezone.now() + delay).enqueue(pk, attempt + 1)
    kind.logger.info(
        "%s %s: e-mails unsent (attempt %d of %d); next attempt in %d seconds",
        kind.label,
        reference,
        attempt,
        max_attempts,
        delay.total_seconds(),
    )
    return False


def set_status(kind: SubmissionKind, *, submission: Submission, status: str, by=None) -> Submission:
    """Move a submission to a new status and record who did it, when, from and to."""
    status = submission.Status(status)
    previous = submission.status
    if status == previous:
        return submission
    now = timezone.now()
    with transaction.atomic():
        submission.status_changes.create(
            from_status=previous, to_status=status, changed_by=by, changed_at=now
        )
        submission.status = status
        if status in submission.CLOSED_STATUSES:
            submission.closed_at = submission.closed_at or now
        else:
            submission.closed_at = None
        submission.save(update_fields=["status", "closed_at", "updated"])
    kind.logger.info(
        "%s %s moved from %s to %s", kind.label, submission.reference, previous, status
    )
    return submission


def assign(kind: SubmissionKind, *, submission: Submission, to, by=None) -> Submission:
    """Give a submission to `to` (a user, or None for nobody) and record who did it, when.

    The step goes in the same history as the status changes, its status left
    as it was; giving it to whoever already has it records nothing.
    """
    if submission.assigned_to_id == (to.pk if to else None):
        return submission
    with transaction.atomic():
        submission.status_changes.create(
            from_status=submission.status,
            to_status=submission.status,
            assigned_to=to,
            changed_by=by,
            changed_at=timezone.now(),
        )
        submission.assigned_to = to
        submission.save(update_fields=["assigned_to", "updated"])
    # Who it went to is a person's name: the log keeps only that it changed hands.
    kind.logger.info("%s %s reassigned", kind.label, submission.reference)
    return submission


def purge(kind: SubmissionKind, *, dry_run: bool = False) -> list[str]:
    """Delete closed submissions past the retention period; their references, oldest first.

    Only what was listed is deleted, and only if it is still closed and old
    enough. With ``dry_run`` nothing is deleted.
    """
    with transaction.atomic():
        expired = kind.model.objects.purgeable().order_by("closed_at", "pk")
        rows = list(expired.values_list("pk", "reference"))
        if not dry_run:
            kind.model.objects.purgeable().filter(pk__in=[pk for pk, _ref in rows]).delete()
    return [reference for _pk, reference in rows]
