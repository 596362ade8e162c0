"""Plain factory functions: each returns a saved object with sensible defaults."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from partnerships.models import (
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    Language,
    Organization,
)

_counter = itertools.count(1)
NEW_YORK = ZoneInfo("America/New_York")


def noon_in_new_york(year: int, month: int, day: int) -> datetime.datetime:
    """A moment for time_machine that is unambiguously that date in New York."""
    return datetime.datetime(year, month, day, 12, tzinfo=NEW_YORK)


def district(code: str) -> CommunityDistrict:
    return CommunityDistrict.objects.get(code=code)


def language(code: str) -> Language:
    return Language.objects.get(code=code)


def make_organization(**fields) -> Organization:
    n = next(_counter)
    fields.setdefault("name", f"Organization {n}")
    return Organization.objects.create(**fields)


def make_partnership(*, districts=("BX04",), languages=("en",), **fields) -> CommunityPartnership:
    n = next(_counter)
    fields.setdefault("name", f"Partnership {n}")
    fields.setdefault("slug", f"partnership-{n}")
    fields.setdefault("borough", "bronx")
    fields.setdefault("is_published", True)
    partnership = CommunityPartnership.objects.create(**fields)
    partnership.community_districts.set(CommunityDistrict.objects.filter(code__in=districts))
    partnership.languages.set(Language.objects.filter(code__in=languages))
    return partnership


def make_center(*, districts=("BX04",), languages=("en",), **fields) -> FamilyEnrichmentCenter:
    n = next(_counter)
    fields.setdefault("name", f"Center {n}")
    fields.setdefault("slug", f"center-{n}")
    fields.setdefault("borough", "bronx")
    fields.setdefault("neighborhood", f"Neighborhood {n}")
    fields.setdefault("is_published", True)
    if "operator" not in fields:
        fields["operator"] = make_organization()
    center = FamilyEnrichmentCenter.objects.create(**fields)
    center.community_districts.set(CommunityDistrict.objects.filter(code__in=districts))
    center.languages.set(Language.objects.filter(code__in=languages))
    return center
