"""Public facts about the real programs, and the demo listings made from them.

Names, boroughs, neighborhoods, community districts and the lead agencies
that are publicly known come from ACS pages, press releases and local news.
Everything else `seed_listings` fills in (addresses, phones, e-mail, hours,
languages) is sample data, and the listings say so.

Running it again changes nothing: a listing is only created when no listing
has its slug or its name (for a center: its operator and neighborhood), so
staff edits made through the admin, renames included, are never overwritten.
`manage.py seed_demo` (core) calls it, then each other app's seeding.
"""

from dataclasses import dataclass

from django.db.models import Q

from core.places import CITY

from .models import (
    Borough,
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    Language,
    Organization,
    ServiceMode,
)

# (name, slug, borough, community district codes, neighborhoods, lead organization)
PARTNERSHIPS = [
    ("Highbridge", "highbridge", "bronx", ["BX04"], "Highbridge, Concourse", "Bridge Builders"),
    ("Hunts Point", "hunts-point", "bronx", ["BX02"], "Hunts Point, Longwood", ""),
    ("Mott Haven", "mott-haven", "bronx", ["BX01"], "Mott Haven, Melrose, Port Morris", ""),
    ("Bedford-Stuyvesant", "bedford-stuyvesant", "brooklyn", ["BK03"], "Bedford-Stuyvesant", ""),
    ("Bushwick", "bushwick", "brooklyn", ["BK04"], "Bushwick", ""),
    ("East Flatbush", "east-flatbush", "brooklyn", ["BK17"], "East Flatbush, Farragut", ""),
    ("East New York", "east-new-york", "brooklyn", ["BK05"], "East New York, Cypress Hills", ""),
    ("East Harlem", "east-harlem", "manhattan", ["MN11"], "East Harlem", ""),
    (
        "Elmhurst",
        "elmhurst",
        "queens",
        ["QN04"],
        "Elmhurst, Corona",
        "Community Mediation Services",
    ),
    ("Jamaica", "jamaica", "queens", ["QN12"], "Jamaica, Hollis, St. Albans", ""),
    (
        "North Shore",
        "north-shore",
        "staten-island",
        ["SI01"],
        "St. George, Stapleton, Port Richmond",
        "The New York Foundling",
    ),
]

# (name or "" when only the operator is known, slug, operator, neighborhood,
#  borough, community district codes)
CENTERS = [
    ("The C.R.I.B.", "the-crib", "Good Shepherd Services", "East New York", "brooklyn", ["BK05"]),
    (
        "Circle of Dreams",
        "circle-of-dreams",
        "Bridge Builders with The Children's Village",
        "Highbridge",
        "bronx",
        ["BX04"],
    ),
    ("O.U.R. Place", "our-place", "Graham Windham", "Hunts Point/Longwood", "bronx", ["BX02"]),
    (
        "",
        "mott-haven-melrose",
        "Reggio Emilia Montessori Center",
        "Mott Haven/Melrose",
        "bronx",
        ["BX01"],
    ),
    (
        "",
        "soundview-parkchester",
        "Youth Ministries for Peace and Justice",
        "Soundview/Parkchester",
        "bronx",
        ["BX09"],
    ),
    (
        "",
        "bedford-stuyvesant",
        "Little Flower Children and Family Services",
        "Bedford-Stuyvesant",
        "brooklyn",
        ["BK03"],
    ),
    ("", "brownsville", "RiseBoro Community Partnership", "Brownsville", "brooklyn", ["BK16"]),
    ("", "central-harlem", "Living Redemption CDC", "Central Harlem", "manhattan", ["MN10"]),
    ("", "east-harlem", "Union Settlement", "East Harlem", "manhattan", ["MN11"]),
    (
        "",
        "jamaica-hollis-queens-village",
        "Forestdale",
        "Jamaica/Hollis/Queens Village",
        "queens",
        ["QN12", "QN13"],
    ),
    ("", "rockaway-broad-channel", "Ocean Bay CDC", "Rockaway/Broad Channel", "queens", ["QN14"]),
    (
        "",
        "st-george-stapleton",
        "Fund for the City of New York with the Staten Island Justice Center",
        "St. George/Stapleton",
        "staten-island",
        ["SI01"],
    ),
    (
        "",
        "ozone-park-woodhaven",
        "Martin De Porres",
        "Ozone Park/Woodhaven",
        "queens",
        ["QN10", "QN09"],
    ),
    ("", "elmhurst-corona", "Community Mediation Services", "Elmhurst/Corona", "queens", ["QN04"]),
    ("", "jackson-heights", "Queens Community House", "Jackson Heights", "queens", ["QN03"]),
    ("", "astoria", "Jacob A. Riis Neighborhood Settlement", "Astoria", "queens", ["QN01"]),
    (
        "",
        "flushing-south-briarwood",
        "Samuel Field Y",
        "Flushing South/Briarwood",
        "queens",
        ["QN08"],
    ),
    (
        "",
        "kingsbridge-bedford-park",
        "Kingsbridge Heights Community Center",
        "Kingsbridge/Bedford Park",
        "bronx",
        ["BX07"],
    ),
    ("", "williamsbridge-baychester", "BronxWorks", "Williamsbridge/Baychester", "bronx", ["BX12"]),
    ("", "sunset-park", "Center for Family Life", "Sunset Park", "brooklyn", ["BK07"]),
    (
        "",
        "coney-island",
        "Brooklyn Bureau of Community Service",
        "Coney Island",
        "brooklyn",
        ["BK13"],
    ),
    ("", "flatbush-midwood", "Ohel", "Flatbush/Midwood", "brooklyn", ["BK14"]),
    (
        "",
        "lower-east-side-chinatown",
        "Real Dads Network",
        "Lower East Side/Chinatown",
        "manhattan",
        ["MN03"],
    ),
    (
        "",
        "morningside-hamilton-heights",
        "America Works",
        "Morningside/Hamilton Heights",
        "manhattan",
        ["MN09"],
    ),
    (
        "",
        "pelham-parkway-morris-park",
        "Mosholu Montefiore Community Center",
        "Pelham Parkway/Morris Park",
        "bronx",
        ["BX11"],
    ),
]

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


class MissingReferenceData(Exception):
    """The community districts and languages the migrations load are not there."""


@dataclass(frozen=True)
class _Reference:
    districts: dict[str, CommunityDistrict]
    languages: dict[str, Language]


def seed_listings(*, scale: int = 0) -> int:
    """Add the real programs' listings that are missing, and `scale` synthetic ones of each kind.

    Returns how many listings were created.
    """
    reference = _Reference(
        districts={d.code: d for d in CommunityDistrict.objects.all()},
        languages={lang.code: lang for lang in Language.objects.all()},
    )
    if len(reference.districts) != 59 or "en" not in reference.languages:
        raise MissingReferenceData(
            "Reference data is missing: run `python manage.py migrate` first."
        )
    created = _seed_partnerships(reference) + _seed_centers(reference)
    if scale:
        created += _seed_synthetic(scale, reference)
    return created


def _organization(name: str) -> Organization:
    # Only the name is a public fact: contact details are left for staff.
    org, _ = Organization.objects.get_or_create(name=name)
    return org


def _attach(listing, borough: str, district_codes: list[str], reference: _Reference) -> None:
    listing.community_districts.set([reference.districts[code] for code in district_codes])
    listing.languages.set([reference.languages[code] for code in SAMPLE_LANGUAGES[borough]])


def _seed_partnerships(reference: _Reference) -> int:
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
            lead_organization=_organization(lead) if lead else None,
            description=description,
            how_to_get_involved=involved,
            email=f"{slug}.partnership@example.org",
            phone=sample_phone(n),
            acs_contact_name="OCEP sample contact",
            acs_contact_email="ocep.sample@example.org",
            is_published=True,
            is_sample_data=True,
        )
        _attach(partnership, borough, codes, reference)
        created += 1
    return created


def _seed_centers(reference: _Reference) -> int:
    created = 0
    for n, (name, slug, operator, neighborhood, borough, codes) in enumerate(CENTERS):
        same_center = Q(slug=slug) | Q(operator__name=operator, neighborhood=neighborhood)
        if FamilyEnrichmentCenter.objects.filter(same_center).exists():
            continue
        center = FamilyEnrichmentCenter.objects.create(
            name=name,
            slug=slug,
            operator=_organization(operator),
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
        _attach(center, borough, codes, reference)
        created += 1
    return created


def _seed_synthetic(scale: int, reference: _Reference) -> int:
    """Add synthetic listings in bulk, so thousands load in seconds."""
    boroughs = list(Borough.values)
    districts_by_borough = {
        b: [d for d in reference.districts.values() if d.borough == b] for b in boroughs
    }
    operator = _organization("Sample Operator for Load Tests")
    partnership_slugs = {f"sample-partnership-{i:04d}" for i in range(1, scale + 1)}
    center_slugs = {f"sample-center-{i:04d}" for i in range(1, scale + 1)}
    existing_p = set(
        CommunityPartnership.objects.filter(slug__in=partnership_slugs).values_list(
            "slug", flat=True
        )
    )
    existing_c = set(
        FamilyEnrichmentCenter.objects.filter(slug__in=center_slugs).values_list("slug", flat=True)
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
        rows = model.objects.filter(slug__in=[o.slug for o in objs]).values_list("pk", "borough")
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
                            "language_id": reference.languages[code].pk,
                        }
                    )
                )
        model.community_districts.through.objects.bulk_create(district_links)
        model.languages.through.objects.bulk_create(language_links)
    return len(new_partnerships) + len(new_centers)
