"""Delete closed workshop requests kept longer than the retention period.

The older name of ``purge_submissions`` for workshop requests alone, kept for
the schedules that run it. Closed means completed, declined or withdrawn; the
age counts from when the request was closed. The period is
WORKSHOP_REQUEST_RETENTION_DAYS (730 days unless set). Only references are
printed, never personal data.
"""

from core.submissions.commands import PurgeCommand
from workshops.services import KIND


class Command(PurgeCommand):
    def kinds(self):
        return [KIND]
