"""The background worker (the Procfile's `worker`): django-tasks-db's db_worker, kept running.

db_worker exits when the database goes away under it (a PostgreSQL restart,
a failover), and a process manager that sees one process exit may stop the
others with it (honcho does, so `make serve` stopped serving pages). This
command runs the same worker and, when the database is unreachable, waits and
starts it again: tasks wait in the database meanwhile, and none is lost.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

# Seconds between attempts while the database is unreachable: short at first,
# then no more often than this.
FIRST_WAIT, LONGEST_WAIT = 0.5, 5.0


class Command(db_worker.Command):
    help = "Run the background task worker, waiting out database restarts."

    def handle(self, *args, **options):
        wait = FIRST_WAIT
        while True:
            started = time.monotonic()
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > LONGEST_WAIT:
                    wait = FIRST_WAIT  # it had been running: a new outage
                # The error's text names the database host, not a person: still, the type is enough.
                logger.warning(
                    "Task worker: database unreachable (%s); starting again in %.1f s",
                    type(error).__name__,
                    wait,
                )
                close_old_connections()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
