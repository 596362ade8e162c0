"""The sweep, for every kind of submission: see core.submissions.commands.SweepCommand."""

from core.submissions.commands import SweepCommand


class Command(SweepCommand):
    pass
