"""The sweep: send workshop-request e-mails that their background task could not send.

Each request's e-mails are sent by its own task (workshops/tasks.py), which
retries with a growing delay. This command takes over only once a request is
older than WORKSHOP_EMAIL_SWEEP_AFTER seconds, e.g. after the mail server was
down for longer than all the retries, or when no worker was running. Safe to
run as often as you like (e.g. every 15 minutes from cron): each e-mail is sent
once, and two runs at the same time never pick the same request.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from workshops.services import workshop_requests_notify_pending


class Command(BaseCommand):
    help = (
        "Send the confirmation and OCEP mailbox e-mails still pending for workshop requests "
        "older than WORKSHOP_EMAIL_SWEEP_AFTER seconds (newer ones are left to their "
        "background task, which retries on its own)."
    )

    def handle(self, *args, **options):
        window = datetime.timedelta(seconds=settings.WORKSHOP_EMAIL_SWEEP_AFTER)
        done, pending = workshop_requests_notify_pending(created_before=timezone.now() - window)
        if options["verbosity"] >= 1:
            self.stdout.write(f"{done} request(s) notified, {pending} still pending.")
