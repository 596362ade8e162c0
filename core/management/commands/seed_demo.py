"""Load the demo data of every app: real program names, plainly marked samples.

Each app seeds its own rows (`partnerships.demo_data.seed_listings`,
`meetings.demo_data.seed_meetings` and `seed_events`,
`workshops.demo_data.seed_workshops`, `resources.demo_data.seed_resources`,
`involvement.demo_data.seed_involvement`);
this command only calls them in order, in one transaction, and then starts
the page cache afresh. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from involvement.demo_data import seed_involvement
from meetings.demo_data import seed_events, seed_meetings
from pagecache.versions import invalidate as invalidate_pages
from partnerships.demo_data import PARTNERSHIPS, MissingReferenceData, seed_listings
from resources.demo_data import seed_resources
from workshops.demo_data import seed_workshops


class Command(BaseCommand):
    help = (
        "Load demo Community Partnerships, Family Enrichment Centers and sample meeting "
        "schedules (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic partnerships (each with a meeting series) and N synthetic "
            "centers, for load tests.",
        )

    @transaction.atomic
    def handle(self, *args, scale: int = 0, **options):
        if scale < 0:
            raise CommandError("--scale must be zero or more.")
        try:
            created = seed_listings(scale=scale)
        except MissingReferenceData as error:
            raise CommandError(str(error)) from error
        series = seed_meetings(partnership_slugs=[p[1] for p in PARTNERSHIPS], scale=scale)
        events = seed_events()
        seed_workshops(stdout=self.stdout, verbosity=options.get("verbosity", 1))
        seed_resources()
        seed_involvement(stdout=self.stdout, verbosity=options.get("verbosity", 1))
        invalidate_pages()  # bulk_create() sends no signals
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data ready ({created} listings, {series} meeting series, "
                    f"{events} events created)."
                )
            )
