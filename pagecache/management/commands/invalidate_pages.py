"""Make every cached public page out of date, for changes made outside Django.

Saves through Django (the admin, commands, the shell) invalidate the pages
themselves. Run this after changing rows another way: SQL in psql, restoring a
backup, a bulk import with QuerySet.update().
"""

from django.core.management.base import BaseCommand, CommandError

from pagecache import versions


class Command(BaseCommand):
    help = "Make every cached public page out of date (after changes made outside Django)."

    def handle(self, *args, **options):
        if not versions.write_new_version():
            raise CommandError("The cache could not be reached; nothing was invalidated.")
        if options["verbosity"] >= 1:
            self.stdout.write("Every cached page will be rebuilt on its next request.")
