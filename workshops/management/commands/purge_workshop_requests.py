"""Delete closed workshop requests kept longer than the retention period.

Closed means completed, declined or withdrawn; the age counts from when the
request was closed. The period is WORKSHOP_REQUEST_RETENTION_DAYS (730 days
unless set). Only references are printed, never personal data.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from workshops.models import WorkshopRequest


class Command(BaseCommand):
    help = "Delete closed workshop requests older than WORKSHOP_REQUEST_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the references that would be deleted, and delete nothing.",
        )

    @transaction.atomic
    def handle(self, *args, dry_run: bool = False, **options):
        expired = WorkshopRequest.objects.purgeable().order_by("closed_at", "pk")
        rows = list(expired.values_list("pk", "reference"))
        references = [reference for _pk, reference in rows]
        days = settings.WORKSHOP_REQUEST_RETENTION_DAYS
        if dry_run:
            for reference in references:
                self.stdout.write(reference)
            self.stdout.write(
                f"Dry run: {len(references)} closed request(s) older than {days} days "
                "would be deleted."
            )
            return
        # Delete what was listed, and only if it is still closed and old enough.
        WorkshopRequest.objects.purgeable().filter(pk__in=[pk for pk, _ref in rows]).delete()
        self.stdout.write(f"Deleted {len(references)} closed request(s) older than {days} days.")
