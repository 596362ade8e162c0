"""Send the workshop-request e-mails that could not be sent at submission time.

Safe to run as often as you like (e.g. every few minutes from cron): each
e-mail is sent once, and two runs at the same time never pick the same request.
"""

from django.core.management.base import BaseCommand

from workshops.services import workshop_requests_notify_pending


class Command(BaseCommand):
    help = "Send pending confirmation and OCEP mailbox e-mails for workshop requests."

    def handle(self, *args, **options):
        done, pending = workshop_requests_notify_pending()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{done} request(s) notified, {pending} still pending.")
