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


def make_series(*, partnership=None, languages=("en",), **fields):
    """A published monthly series: second Tuesday, 6 to 8 PM, in person."""
    from meetings.models import MeetingSeries

    n = next(_counter)
    fields.setdefault("partnership", partnership or make_partnership())
    fields.setdefault("title", "Monthly partnership meeting")
    fields.setdefault("slug", f"series-{n}")
    fields.setdefault("freq", "MONTHLY")
    fields.setdefault("byday", "" if "bymonthday" in fields else "2TU")
    fields.setdefault("start_time", datetime.time(18))
    fields.setdefault("end_time", datetime.time(20))
    fields.setdefault("valid_from", datetime.date(2026, 1, 1))
    fields.setdefault("attending_type", "in_person")
    fields.setdefault("venue_name", f"Community Room {n}")
    fields.setdefault("street_address", "1 Sample Street")
    fields.setdefault("city", "Bronx")
    fields.setdefault("postal_code", "10451")
    fields.setdefault("is_published", True)
    series = MeetingSeries.objects.create(**fields)
    series.languages.set(Language.objects.filter(code__in=languages))
    return series


def make_change(series, original_date, kind="cancelled", **fields):
    from meetings.models import MeetingChange

    return MeetingChange.objects.create(
        series=series, original_date=original_date, kind=kind, **fields
    )


def make_event(*, partnership=None, languages=("en",), **fields):
    """A published one-time event: a resource fair on Saturday 2026-12-12, 11 AM to 3 PM."""
    fields.setdefault("title", "Resource fair")
    fields.setdefault(
        "description", "Local programs for food, housing and child care, in one room."
    )
    fields.setdefault("freq", "ONCE")
    fields.setdefault("byday", "")
    fields.setdefault("valid_from", datetime.date(2026, 12, 12))
    fields.setdefault("start_time", datetime.time(11))
    fields.setdefault("end_time", datetime.time(15))
    return make_series(partnership=partnership, languages=languages, **fields)


def make_resource(*, languages=("en",), partnerships=(), **fields):
    """A published resource with a link (pass `file=` for an uploaded PDF instead)."""
    from resources.models import Resource

    n = next(_counter)
    fields.setdefault("title", f"Resource {n}")
    fields.setdefault("slug", f"resource-{n}")
    fields.setdefault("publisher", "Sample Publisher")
    fields.setdefault("description", "A short guide for neighbors.")
    fields.setdefault("topic", "approach")
    fields.setdefault("audience", "community")
    if "file" not in fields:
        fields.setdefault("url", f"https://example.org/resources/{n}")
    fields.setdefault("is_published", True)
    resource = Resource.objects.create(**fields)
    resource.languages.set(Language.objects.filter(code__in=languages))
    resource.partnerships.set(partnerships)
    return resource
