"""Load demo listings and meeting schedules: real program names, plainly marked samples.

Running it again changes nothing: a listing is only created when no listing
has its slug or its name (for a center: its operator and neighborhood), so
staff edits made through the admin, renames included, are never overwritten.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from core.places import CITY
from meetings.demo_data import seed_meetings
from pagecache.versions import invalidate as invalidate_pages
from partnerships.demo_data import CENTERS, PARTNERSHIPS
from partnerships.models import (
    Borough,
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    Language,
    Organization,
    ServiceMode,
)
from workshops.demo_data import seed_workshops

# Sample languages by borough: placeholders until staff confirm them.
SAMPLE_LANGUAGES = {
    "bronx": ["en", "es"],
    "brooklyn": ["en", "es", "ht", "ru"],
    "manhattan": ["en", "es", "zh"],
    "queens": ["en", "es", "zh", "bn", "ko"],
    "staten-island": ["en", "es", "ar", "pl"],
}
SAMPLE_ZIP = {
    "bronx": "10451",
    "brooklyn": "11201",
    "manhattan": "10029",
    "queens": "11432",
    "staten-island": "10301",
}
SERVICE_MODES = [ServiceMode.IN_PERSON, ServiceMode.IN_PERSON, ServiceMode.LIMITED_IN_PERSON]


def sample_phone(n: int) -> str:
    # 555-0100 to 555-0199 are reserved for fiction: they never reach a person.
    return f"(212) 555-01{n % 100:02d}"


def partnership_copy(name: str, neighborhoods: str) -> tuple[str, str]:
    description = (
        f"The {name} Community Partnership brings together residents, service providers, "
        f"faith-based groups and local leaders from {neighborhoods} to share resources, "
        "talk about what families in the neighborhood need, and work with ACS on ways "
        "to support children and families before a crisis."
    )
    involved = (
        "Come to a monthly meeting: they are open to everyone and free. You do not need "
        "to give your name or address. Bring ideas, share news about local events, or "
        "help lead a workshop or resource fair."
    )
    return description, involved


def center_copy(neighborhood: str) -> str:
    return (
        f"A warm, home-like space in {neighborhood} where neighbors connect, find "
        "resources, support one another and take part in activities the community "
        "designs for itself. Everything offered is free and voluntary."
    )


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
        self.districts = {d.code: d for d in CommunityDistrict.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        if len(self.districts) != 59 or "en" not in self.languages:
            raise CommandError("Reference data is missing: run `python manage.py migrate` first.")

        created = self.seed_partnerships() + self.seed_centers()
        if scale:
            created += self.seed_synthetic(scale)
        series = seed_meetings(partnership_slugs=[p[1] for p in PARTNERSHIPS], scale=scale)
        seed_workshops(stdout=self.stdout, verbosity=options.get("verbosity", 1))
        invalidate_pages()  # bulk_create() sends no signals
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data ready ({created} listings, {series} meeting series created)."
                )
            )

    def organization(self, name: str) -> Organization:
        # Only the name is a public fact: contact details are left for staff.
        org, _ = Organization.objects.get_or_create(name=name)
        return org

    def attach(self, listing, borough: str, district_codes: list[str]) -> None:
        listing.community_districts.set([self.districts[code] for code in district_codes])
        listing.languages.set([self.languages[code] for code in SAMPLE_LANGUAGES[borough]])

    def seed_partnerships(self) -> int:
        created = 0
        for n, (name, slug, borough, codes, neighborhoods, lead) in enumerate(PARTNERSHIPS):
            full_name = f"{name} Community Partnership"
            if CommunityPartnership.objects.filter(Q(slug=slug) | Q(name=full_name)).exists():
                continue
            description, involved = partnership_copy(name, neighborhoods)
            partnership = CommunityPartnership.objects.create(
                name=full_name,
                slug=slug,
                borough=borough,
                neighborhoods=neighborhoods,
                lead_organization=self.organization(lead) if lead else None,
                description=description,
                how_to_get_involved=involved,
                email=f"{slug}.partnership@example.org",
                phone=sample_phone(n),
                acs_contact_name="OCEP sample contact",
                acs_contact_email="ocep.sample@example.org",
                is_published=True,
                is_sample_data=True,
            )
            self.attach(partnership, borough, codes)
            created += 1
        return created

    def seed_centers(self) -> int:
        created = 0
        for n, (name, slug, operator, neighborhood, borough, codes) in enumerate(CENTERS):
            same_center = Q(slug=slug) | Q(operator__name=operator, neighborhood=neighborhood)
            if FamilyEnrichmentCenter.objects.filter(same_center).exists():
                continue
            center = FamilyEnrichmentCenter.objects.create(
                name=name,
                slug=slug,
                operator=self.organization(operator),
                neighborhood=neighborhood,
                borough=borough,
                description=center_copy(neighborhood.replace("/", " and ")),
                street_address=f"{100 + n * 7} Sample Street",
                city=CITY[borough],
                postal_code=SAMPLE_ZIP[borough],
                phone=sample_phone(40 + n),
                email=f"{slug}.fec@example.org",
                hours="Monday to Friday, 10 AM to 6 PM; Saturday, 10 AM to 2 PM",
                service_mode=SERVICE_MODES[n % len(SERVICE_MODES)],
                is_published=True,
                is_sample_data=True,
            )
            self.attach(center, borough, codes)
            created += 1
        return created

    def seed_synthetic(self, scale: int) -> int:
        """Add synthetic listings in bulk, so thousands load in seconds."""
        boroughs = list(Borough.values)
        districts_by_borough = {
            b: [d for d in self.districts.values() if d.borough == b] for b in boroughs
        }
        operator = self.organization("Sample Operator for Load Tests")
        partnership_slugs = {f"sample-partnership-{i:04d}" for i in range(1, scale + 1)}
        center_slugs = {f"sample-center-{i:04d}" for i in range(1, scale + 1)}
        existing_p = set(
            CommunityPartnership.objects.filter(slug__in=partnership_slugs).values_list(
                "slug", flat=True
            )
        )
        existing_c = set(
            FamilyEnrichmentCenter.objects.filter(slug__in=center_slugs).values_list(
                "slug", flat=True
            )
        )
        new_partnerships, new_centers = [], []
        for i in range(1, scale + 1):
            borough = boroughs[i % len(boroughs)]
            if f"sample-partnership-{i:04d}" not in existing_p:
                new_partnerships.append(
                    CommunityPartnership(
                        name=f"Sample Partnership {i:04d}",
                        slug=f"sample-partnership-{i:04d}",
                        borough=borough,
                        neighborhoods="Sample neighborhood",
                        description="A synthetic listing for load tests.",
                        is_published=True,
                        is_sample_data=True,
                    )
                )
            if f"sample-center-{i:04d}" not in existing_c:
                new_centers.append(
                    FamilyEnrichmentCenter(
                        name=f"Sample Center {i:04d}",
                        slug=f"sample-center-{i:04d}",
                        operator=operator,
                        neighborhood=f"Sample neighborhood {i:04d}",
                        borough=borough,
                        description="A synthetic listing for load tests.",
                        is_published=True,
                        is_sample_data=True,
                    )
                )
        CommunityPartnership.objects.bulk_create(new_partnerships)
        FamilyEnrichmentCenter.objects.bulk_create(new_centers)
        # bulk_create does not return primary keys on every database: read them back.
        for model, objs in (
            (CommunityPartnership, new_partnerships),
            (FamilyEnrichmentCenter, new_centers),
        ):
            rows = model.objects.filter(slug__in=[o.slug for o in objs]).values_list(
                "pk", "borough"
            )
            district_links, language_links = [], []
            for pk, borough in rows:
                index = pk % len(districts_by_borough[borough])
                district = districts_by_borough[borough][index]
                district_links.append(
                    model.community_districts.through(
                        **{f"{model._meta.model_name}_id": pk, "communitydistrict_id": district.pk}
                    )
                )
                for code in ("en", "es"):
                    language_links.append(
                        model.languages.through(
                            **{
                                f"{model._meta.model_name}_id": pk,
                                "language_id": self.languages[code].pk,
                            }
                        )
                    )
            model.community_districts.through.objects.bulk_create(district_links)
            model.languages.through.objects.bulk_create(language_links)
        return len(new_partnerships) + len(new_centers)
