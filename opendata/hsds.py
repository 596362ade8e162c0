"""Our directory in Open Referral's Human Services Data Specification (HSDS) 3.0.

How our records map onto HSDS:

- A Community Partnership is a **service** of its lead organization (of ACS
  where none is recorded), in the program "Community Partnerships". Its
  community districts are its **service areas**, and each published meeting
  series is a **schedule**: an RFC 5545 rule (freq, interval, byday or
  bymonthday, valid_from, valid_to, opens_at, closes_at) with the rule in words.
  A one-time event is a schedule without freq, valid for its one day.
- A Family Enrichment Center is a **service** of its operator, in the program
  "Family Enrichment Centers", offered at one **location** (its address and
  accessibility): a **service_at_location**, whose schedule holds the hours.
- ACS itself is an **organization**: it runs both programs, and it stands
  in as the organization of a partnership with no lead recorded.
- One **taxonomy** of ours ("OCEP directory") tells the two kinds of services
  apart, and marks records that hold sample data; services carry its terms
  as **attributes**, so `taxonomy_term_id` filters by them.

Ids are UUIDs, never database keys. Records with a table of their own carry
their `uuid` column; the parts of a record (its phone, its location, one of
its languages) get a UUID derived from the record's own (`part_id`), the
same on every call; ACS, the programs and the taxonomy have fixed ones.

Everything here builds plain dicts from rows the views fetched; the text is
English unless the caller asks for another language (`Builder.locale`), and
staff's text then comes in that language where it was translated.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.translated import localized
from meetings.models import AttendingType, Frequency, MeetingSeries
from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter, Organization

VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# The namespace of every UUID derived here (uuid5), chosen once and never changed.
NAMESPACE = uuid.UUID("7d0c6f3e-4c61-4d55-9a53-3c1f4b7a2e10")


def fixed_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def part_id(owner: uuid.UUID, *parts) -> str:
    """A stable id for a part of a record: its phone, its location, one of its languages."""
    return str(uuid.uuid5(owner, ":".join(str(p) for p in parts)))


ACS_ID = fixed_id("organization:acs")
ACS = {
    "id": ACS_ID,
    "name": "NYC Administration for Children's Services",
    "alternate_name": "ACS",
    "description": (
        "New York City's child welfare agency. Its Office of Community Engagement and "
        "Partnerships (OCEP) funds the Community Partnerships and the Family Enrichment "
        "Centers listed here."
    ),
    "website": "https://www.nyc.gov/site/acs/index.page",
}

# The same wherever the organization appears (a list, a service, a package row).
ORGANIZATION_DESCRIPTION = (
    "A community organization that works with NYC ACS's Office of Community Engagement "
    "and Partnerships (OCEP): it leads a Community Partnership or runs a Family "
    "Enrichment Center listed here."
)

PARTNERSHIPS_PROGRAM = {
    "id": fixed_id("program:community-partnerships"),
    "organization_id": ACS_ID,
    "name": "Community Partnerships",
    "description": (
        "Neighborhood coalitions of residents, community organizations and ACS that hold "
        "open monthly meetings in all five boroughs, to help children and families thrive."
    ),
}
CENTERS_PROGRAM = {
    "id": fixed_id("program:family-enrichment-centers"),
    "organization_id": ACS_ID,
    "name": "Family Enrichment Centers",
    "description": (
        "Warm, home-like community spaces, designed with the neighbors they serve, where "
        "families connect, take part in activities and find resources. Free and voluntary."
    ),
}

TAXONOMY = {
    "id": fixed_id("taxonomy:ocep-directory"),
    "name": "OCEP directory",
    "description": (
        "The kinds of listings in the directory of NYC ACS's Office of Community Engagement "
        "and Partnerships, and whether a listing holds sample data."
    ),
    "version": "1",
}


def _term(code: str, name: str, description: str) -> dict:
    return {
        "id": fixed_id(f"taxonomy_term:{code}"),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": TAXONOMY["name"],
        "taxonomy_id": TAXONOMY["id"],
        "language": "en",
    }


PARTNERSHIP_TERM = _term(
    "community-partnership",
    "Community Partnership",
    "A neighborhood coalition with open monthly meetings.",
)
CENTER_TERM = _term(
    "family-enrichment-center",
    "Family Enrichment Center",
    "A community space where families connect and find resources.",
)
SAMPLE_TERM = _term(
    "sample-data",
    "Sample data",
    "Some details of this record are placeholders, not yet confirmed with the program.",
)
TERMS = [PARTNERSHIP_TERM, CENTER_TERM, SAMPLE_TERM]

SAMPLE_NOTE = "Sample data: some details of this listing are placeholders, not yet confirmed."
SAMPLE_SCHEDULE_NOTE = "Sample schedule: not yet confirmed with the partnership."

ATTENDING = {
    AttendingType.IN_PERSON: "In person",
    AttendingType.VIRTUAL: "Online",
    AttendingType.HYBRID: "In person or online",
}


def stamp(moment: datetime.datetime | None) -> str | None:
    """An ISO 8601 date-time with New York's offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def compact(record: dict) -> dict:
    """Leave out what we do not know: HSDS types allow no null, and "" is no e-mail or URL."""
    return {key: value for key, value in record.items() if value not in (None, "")}


@dataclass(frozen=True)
class Builder:
    """Builds HSDS records from our rows: absolute links, and the language of staff's text."""

    absolute: Callable[[str], str]
    locale: str = "en"

    def text(self, obj, field: str) -> str:
        return str(localized(obj, field, self.locale))

    # Organizations --------------------------------------------------------------

    def organization(self, org: Organization | None) -> dict:
        """One-to-one fields only (the shape of organization_list.json); None is ACS."""
        if org is None:
            return dict(ACS)
        return compact(
            {
                "id": str(org.uuid),
                "name": org.name,
                "description": ORGANIZATION_DESCRIPTION,
                "email": org.email,
                "website": org.url,
            }
        )

    def organization_full(self, org: Organization | None, services: list[dict]) -> dict:
        record = self.organization(org)
        record["phones"] = (
            self.phones(org.uuid, org.phone, organization_id=record["id"]) if org else []
        )
        record["programs"] = [PARTNERSHIPS_PROGRAM, CENTERS_PROGRAM] if org is None else []
        record["services"] = services
        return record

    # Parts ----------------------------------------------------------------------

    def phones(self, owner: uuid.UUID, number: str, **link) -> list[dict]:
        if not number:
            return []
        return [{"id": part_id(owner, "phone"), **link, "number": number}]

    def languages(self, owner: uuid.UUID, languages, **link) -> list[dict]:
        return [
            {
                "id": part_id(owner, "language", lang.code),
                **link,
                "name": lang.name,
                "code": lang.code,
            }
            for lang in languages
        ]

    def service_areas(self, listing) -> list[dict]:
        service_id = str(listing.uuid)
        return [
            {
                "id": part_id(listing.uuid, "service_area", district.code),
                "service_id": service_id,
                "name": district.code,
                "description": (
                    f"{district.get_borough_display()} Community District {district.number}: "
                    f"{district.name}"
                ),
                "extent_type": "text",
            }
            for district in listing.community_districts.all()
        ]

    def attributes(self, listing, term: dict) -> list[dict]:
        link = {"link_id": str(listing.uuid), "link_type": "program", "link_entity": "service"}
        attributes = [
            {
                "id": part_id(listing.uuid, "attribute", term["code"]),
                "taxonomy_term_id": term["id"],
                **link,
                "value": term["name"],
                "taxonomy_term": term,
            }
        ]
        if listing.is_sample_data:
            attributes.append(
                {
                    "id": part_id(listing.uuid, "attribute", SAMPLE_TERM["code"]),
                    "taxonomy_term_id": SAMPLE_TERM["id"],
                    **link,
                    "link_type": "data_quality",
                    "value": "true",
                    "taxonomy_term": SAMPLE_TERM,
                }
            )
        return attributes

    def description(self, listing) -> str:
        text = self.text(listing, "description")
        if listing.is_sample_data:
            text = f"{SAMPLE_NOTE} {text}".strip()
        return text

    # Services -------------------------------------------------------------------

    def service(self, listing) -> dict:
        """One-to-one fields, with the organization and the program (service_list.json)."""
        if isinstance(listing, CommunityPartnership):
            return self._partnership(listing)
        return self._center(listing)

    def _common(self, listing, name: str, org: Organization | None, program: dict) -> dict:
        return compact(
            {
                "id": str(listing.uuid),
                "organization_id": str(org.uuid) if org else ACS_ID,
                "program_id": program["id"],
                "name": name,
                "description": self.description(listing),
                "url": self.absolute(listing.get_absolute_url()),
                "email": listing.email,
                "status": "active",
                "fees_description": "Free.",
                "assured_date": listing.last_verified.isoformat()
                if listing.last_verified
                else None,
                "alert": SAMPLE_NOTE if listing.is_sample_data else None,
                "last_modified": stamp(getattr(listing, "last_modified", None) or listing.updated),
                "organization": self.organization(org),
                "program": program,
            }
        )

    def _partnership(self, partnership: CommunityPartnership) -> dict:
        record = self._common(
            partnership,
            partnership.name,
            partnership.lead_organization,
            PARTNERSHIPS_PROGRAM,
        )
        record["application_process"] = self.text(partnership, "how_to_get_involved")
        record["eligibility_description"] = "Open to everyone who lives or works in the area."
        return compact(record)

    def _center(self, center: FamilyEnrichmentCenter) -> dict:
        return self._common(center, center.display_name, center.operator, CENTERS_PROGRAM)

    def service_full(self, listing) -> dict:
        """The fully nested service (compiled/service.json)."""
        record = self.service(listing)
        service_id = record["id"]
        record["phones"] = self.phones(listing.uuid, listing.phone, service_id=service_id)
        record["languages"] = self.languages(
            listing.uuid, listing.languages.all(), service_id=service_id
        )
        record["service_areas"] = self.service_areas(listing)
        record["funding"] = [
            {
                "id": part_id(listing.uuid, "funding"),
                "service_id": service_id,
                "source": "NYC Administration for Children's Services (ACS)",
            }
        ]
        if isinstance(listing, CommunityPartnership):
            record["schedules"] = [
                self.schedule(series, record["url"], service_id=service_id)
                for series in listing.published_series
            ]
            record["service_at_locations"] = []
            record["contacts"] = self.partnership_contacts(listing)
            record["attributes"] = self.attributes(listing, PARTNERSHIP_TERM)
        else:
            record["schedules"] = []
            record["service_at_locations"] = [self.service_at_location_full(listing, nested=False)]
            record["contacts"] = []
            record["attributes"] = self.attributes(listing, CENTER_TERM)
        return record

    def partnership_contacts(self, partnership: CommunityPartnership) -> list[dict]:
        if not (partnership.acs_contact_name or partnership.acs_contact_email):
            return []
        return [
            compact(
                {
                    "id": part_id(partnership.uuid, "contact", "acs"),
                    "service_id": str(partnership.uuid),
                    "name": partnership.acs_contact_name,
                    "title": "ACS contact",
                    "department": "Office of Community Engagement and Partnerships",
                    "email": partnership.acs_contact_email,
                }
            )
        ]

    # Schedules ------------------------------------------------------------------

    def schedule(self, series: MeetingSeries, page: str, **link) -> dict:
        """A meeting series as an RFC 5545 rule, with the same dates as the site's.

        `page` is the partnership's page, where the series' dates are listed.
        """
        tz = ZoneInfo(series.timezone)
        offset = datetime.datetime.now(tz).utcoffset()
        hours = offset.total_seconds() / 3600
        suffix = _offset_suffix(offset)
        title = self.text(series, "title")
        if series.freq == Frequency.ONCE:
            when = series.valid_from.isoformat()
            rule = {"valid_from": when, "valid_to": when, "dtstart": when}
            words = f"{title}. One-time event on {series.valid_from:%Y-%m-%d}, {series.time_range}"
        else:
            rule = {
                "valid_from": series.valid_from.isoformat(),
                "valid_to": series.until.isoformat() if series.until else None,
                "dtstart": series.valid_from.isoformat(),
                "until": series.until.isoformat() if series.until else None,
                "wkst": "MO",
                "freq": series.freq,
                "interval": series.interval,
                "byday": series.byday,
                "bymonthday": str(series.bymonthday) if series.bymonthday is not None else None,
            }
            words = f"{title}: {series.schedule_in_words}"
        notes = [f"Times are New York time ({series.timezone}); the offset shown is today's."]
        if series.freq != Frequency.ONCE:
            notes.append(
                "Single dates cancelled or moved are in the iCalendar feeds, not in this rule."
            )
        if series.is_in_person:
            notes.append(f"At {series.venue_name}, {series.address}.")
        if series.accessibility_in_words:
            notes.append(f"Accessibility: {series.accessibility_in_words}.")
        staff_notes = self.text(series, "notes")
        if staff_notes:
            notes.append(staff_notes)
        if series.is_sample_data:
            notes.insert(0, SAMPLE_SCHEDULE_NOTE)
        return compact(
            {
                "id": str(series.uuid),
                **link,
                **rule,
                "timezone": int(hours) if hours.is_integer() else hours,
                "description": words,
                "opens_at": f"{series.start_time:%H:%M}{suffix}",
                "closes_at": f"{series.end_time:%H:%M}{suffix}",
                "schedule_link": page,
                "attending_type": ATTENDING.get(series.attending_type, ""),
                "notes": " ".join(notes),
            }
        )

    # Locations ------------------------------------------------------------------

    def location(self, center: FamilyEnrichmentCenter) -> dict:
        """One-to-one fields of a center's location (service_at_location_list.json)."""
        return compact(
            {
                "id": part_id(center.uuid, "location"),
                "location_type": "physical" if center.has_address else "virtual",
                "url": self.absolute(center.get_absolute_url()),
                "organization_id": str(center.operator.uuid),
                "name": center.display_name,
                "description": f"{center.neighborhood}, {center.get_borough_display()}",
                "latitude": float(center.latitude) if center.latitude is not None else None,
                "longitude": float(center.longitude) if center.longitude is not None else None,
            }
        )

    def location_full(self, center: FamilyEnrichmentCenter) -> dict:
        record = self.location(center)
        location_id = record["id"]
        record["addresses"] = (
            [
                {
                    "id": part_id(center.uuid, "address"),
                    "location_id": location_id,
                    "address_1": center.street_address,
                    "city": center.city or "New York",
                    "region": center.get_borough_display(),
                    "state_province": "NY",
                    "postal_code": center.postal_code or "",
                    "country": "US",
                    "address_type": "physical",
                }
            ]
            if center.has_address
            else []
        )
        accessibility = self.text(center, "accessibility")
        record["accessibility"] = (
            [
                {
                    "id": part_id(center.uuid, "accessibility"),
                    "location_id": location_id,
                    "description": accessibility,
                }
            ]
            if accessibility
            else []
        )
        record["languages"] = self.languages(
            center.uuid, center.languages.all(), location_id=location_id
        )
        record["phones"] = self.phones(center.uuid, center.phone, location_id=location_id)
        return record

    def service_at_location(self, center: FamilyEnrichmentCenter) -> dict:
        """service_at_location_list.json: the link, its location and its service."""
        return {
            "id": part_id(center.uuid, "service_at_location"),
            "service_id": str(center.uuid),
            "location_id": part_id(center.uuid, "location"),
            "location": self.location(center),
            "service": self.service(center),
        }

    def service_at_location_full(self, center: FamilyEnrichmentCenter, *, nested=True) -> dict:
        """compiled/service_at_location.json; within a service, without the service again."""
        sal_id = part_id(center.uuid, "service_at_location")
        hours = self.text(center, "hours")
        record = {
            "id": sal_id,
            "service_id": str(center.uuid),
            "location_id": part_id(center.uuid, "location"),
            "description": f"{center.display_name} at {center.neighborhood}",
            "location": self.location_full(center),
            "schedules": (
                [
                    {
                        "id": part_id(center.uuid, "hours"),
                        "service_at_location_id": sal_id,
                        "description": hours,
                    }
                ]
                if hours
                else []
            ),
            "phones": [],
            "contacts": [],
            "attributes": [],
        }
        if nested:
            record["service"] = self.service(center)
        return record


def _offset_suffix(offset: datetime.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
