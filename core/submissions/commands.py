"""The management commands every kind shares: the sweep and the purge.

``send_pending_notifications`` and ``purge_submissions`` (in core) go through
every registered kind; an app may keep a command of its own name for its kind
alone (``purge_workshop_requests``) by subclassing with ``kinds()`` narrowed.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from . import services
from .kinds import SubmissionKind, registered


class SweepCommand(BaseCommand):
    """Send the e-mails that their background task could not send.

    Each submission's e-mails are sent by its own task, which retries with a
    growing delay. This command takes over only once a submission is older
    than its kind's <PREFIX>_EMAIL_SWEEP_AFTER seconds, e.g. after the mail
    server was down for longer than all the retries, or when no worker was
    running. Safe to run as often as you like (e.g. every 15 minutes from
    cron): each e-mail is sent once, and two runs at the same time never pick
    the same submission.
    """

    def kinds(self) -> list[SubmissionKind]:
        return registered()

    @property
    def help(self):
        names = ", ".join(kind.setting_name("EMAIL_SWEEP_AFTER") for kind in self.kinds())
        return (
            "Send the confirmation and notification e-mails still pending for submissions "
            f"older than their kind's sweep window ({names}, in seconds); newer ones are left "
            "to their background task, which retries on its own."
        )

    def handle(self, *args, **options):
        for kind in self.kinds():
            window = datetime.timedelta(seconds=kind.setting("EMAIL_SWEEP_AFTER"))
            done, pending = services.notify_pending(kind, created_before=timezone.now() - window)
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"{kind.label_plural}: {done} {kind.noun}(s) notified, {pending} still pending."
                )


class PurgeCommand(BaseCommand):
    """Delete closed submissions kept longer than their retention period.

    Closed means one of the kind's closed statuses; the age counts from when
    it was closed. Only references are printed, never personal data.
    """

    def kinds(self) -> list[SubmissionKind]:
        return registered()

    @property
    def help(self):
        names = ", ".join(kind.model.RETENTION_SETTING for kind in self.kinds())
        return f"Delete closed submissions older than their retention period ({names}, in days)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the references that would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        for kind in self.kinds():
            references = services.purge(kind, dry_run=dry_run)
            days = kind.model.retention_days()
            if dry_run:
                for reference in references:
                    self.stdout.write(reference)
                self.stdout.write(
                    f"Dry run: {len(references)} closed {kind.noun}(s) older than {days} days "
                    "would be deleted."
                )
            else:
                self.stdout.write(
                    f"Deleted {len(references)} closed {kind.noun}(s) older than {days} days."
                )
