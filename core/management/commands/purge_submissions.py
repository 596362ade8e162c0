"""The purge, for every kind of submission: see core.submissions.commands.PurgeCommand."""

from core.submissions.commands import PurgeCommand


class Command(PurgeCommand):
    pass
