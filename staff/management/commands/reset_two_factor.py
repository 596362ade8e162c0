"""For the superuser who lost both phone and recovery codes, and so cannot open the admin."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff.services import two_factor_reset


class Command(BaseCommand):
    help = "Forget a staff member's authenticator and recovery codes: they enroll at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        two_factor_reset(user)
        self.stdout.write(f"{username} will set up a new authenticator at their next sign-in.")
