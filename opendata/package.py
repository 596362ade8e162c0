"""The HSDS tabular data package: a zip of datapackage.json and one CSV per table.

The same records the API serves (opendata/hsds.py builds them), flattened
into the tables of HSDS 3.0's `schema/compiled/tabular.json`: each nested
record becomes a row of its own table and carries its parent's id (a
service's phones go to phones.csv with their `service_id`, a center's
location to locations.csv, its address to addresses.csv with the
`location_id`, and so on). `datapackage.json` describes it as a Frictionless
Tabular Data Package, so a validator can check every CSV against it.

Every table our records fill is in the package, always, with its header even
while it has no rows (no partnership with an ACS contact leaves contacts.csv
a header only); the tables HSDS defines that nothing of ours maps to
(cost_options, required_documents, organization_identifiers, metadata,
meta_table_descriptions) are left out.

Only published records; the queries are the same in number however many
rows. In English whatever the reader's language, like the other downloads.
"""

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from core.csv import csv_safe

from . import api, hsds

FILENAME = "hsds-datapackage.zip"

# Table Schema types of the short names used in COLUMNS below.
TYPES = {
    "": {"type": "string"},
    "uuid": {"type": "string", "format": "uuid"},
    "email": {"type": "string", "format": "email"},
    "uri": {"type": "string", "format": "uri"},
    "number": {"type": "number"},
    "date": {"type": "date"},
    "time": {"type": "time"},
    "datetime": {"type": "datetime"},
}

# Where an `…_id` column points: the table of that id.
REFERENCES = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "program_id": "program",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "phone_id": "phone",
    "taxonomy_term_id": "taxonomy_term",
    "parent_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
}


@dataclass(frozen=True)
class Table:
    """One HSDS table: its name, its CSV, its columns in order and what HSDS requires."""

    name: str
    path: str
    columns: str  # "name" or "name:type", type as in TYPES; array fields left out
    required: tuple[str, ...]
    enums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unique: tuple[str, ...] = ()

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [(*column.split(":"), "")[:2] for column in self.columns.split()]


# HSDS 3.0's schema/compiled/tabular.json for the tables we fill, in its order:
# `required` is its `required` with its `tabular_required`, types are its `format`
# or `datapackage_type`. Left out of its constraints: `unique` on programs'
# organization_id (one organization runs many programs: ACS runs both of ours).
TABLES = [
    Table(
        "organization",
        "organizations.csv",
        "id:uuid name alternate_name description email:email website:uri tax_status tax_id "
        "year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid",
        required=("id", "name", "description"),
    ),
    Table(
        "program",
        "programs.csv",
        "id:uuid organization_id:uuid name alternate_name description",
        required=("id", "name", "description", "organization_id"),
    ),
    Table(
        "service",
        "services.csv",
        "id:uuid organization_id:uuid program_id:uuid name alternate_name description url:uri "
        "email:email status interpretation_services application_process fees_description "
        "wait_time fees accreditations eligibility_description minimum_age:number "
        "maximum_age:number assured_date:date assurer_email:email licenses alert "
        "last_modified:datetime",
        required=("id", "name", "status", "organization_id"),
        enums=(("status", ("active", "inactive", "defunct", "temporarily closed")),),
    ),
    Table(
        "attribute",
        "attributes.csv",
        "id:uuid link_id:uuid taxonomy_term_id:uuid link_type link_entity value",
        required=("id", "link_id", "taxonomy_term_id", "link_entity"),
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        "id:uuid service_id:uuid location_id:uuid description",
        required=("id", "service_id", "location_id"),
    ),
    Table(
        "location",
        "locations.csv",
        "id:uuid location_type url:uri organization_id:uuid name alternate_name description "
        "transportation latitude:number longitude:number external_identifier "
        "external_identifier_type",
        required=("id", "location_type"),
        enums=(("location_type", ("physical", "postal", "virtual")),),
    ),
    Table(
        "phone",
        "phones.csv",
        "id:uuid location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
        "service_at_location_id:uuid number extension:number type description",
        required=("id", "number"),
    ),
    Table(
        "contact",
        "contacts.csv",
        "id:uuid organization_id:uuid service_id:uuid service_at_location_id:uuid "
        "location_id:uuid name title department email:email",
        required=("id",),
    ),
    Table(
        "address",
        "addresses.csv",
        "id:uuid location_id:uuid attention address_1 address_2 city region state_province "
        "postal_code country address_type",
        required=(
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        enums=(("address_type", ("physical", "postal", "virtual")),),
    ),
    Table(
        "schedule",
        "schedules.csv",
        "id:uuid service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date "
        "valid_to:date dtstart:date timezone:number until:date count:number wkst freq "
        "interval:number byday byweekno bymonthday byyearday description opens_at:time "
        "closes_at:time schedule_link:uri attending_type notes",
        required=("id",),
        enums=(
            ("wkst", ("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
            ("freq", ("WEEKLY", "MONTHLY")),
        ),
    ),
    Table(
        "funding",
        "funding.csv",
        "id:uuid organization_id:uuid service_id:uuid source",
        required=("id",),
    ),
    Table(
        "service_area",
        "service_areas.csv",
        "id:uuid service_id:uuid name description extent extent_type uri",
        required=("id",),
    ),
    Table(
        "language",
        "languages.csv",
        "id:uuid service_id:uuid location_id:uuid phone_id:uuid name code note",
        required=("id",),
    ),
    Table(
        "accessibility",
        "accessibility.csv",
        "id:uuid location_id:uuid description details url:uri",
        required=("id",),
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        "id:uuid code name description parent_id:uuid taxonomy language taxonomy_id:uuid "
        "term_uri:uri",
        required=("id", "name", "description"),
        unique=("code",),
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        "id:uuid name description uri:uri version",
        required=("id", "name", "description"),
    ),
]
TABLE_NAMES = {table.name for table in TABLES}

# The API writes a schedule's times as HSDS's words ask, "HH:MM" and the offset
# ("18:00-05:00"). A Table Schema `time` (the type tabular.json gives them) is
# ISO 8601 with seconds: frictionless accepts "18:00:00-05:00" but not
# "18:00-05:00". Here they get their seconds, as in tabular.json's own example.
TIME_WITHOUT_SECONDS = re.compile(r"^(\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$")


def with_seconds(value: str) -> str:
    found = TIME_WITHOUT_SECONDS.match(value)
    return f"{found[1]}:00{found[2] or ''}" if found else value


def table_schema(table: Table) -> dict:
    required = set(table.required)
    enums = dict(table.enums)
    fields = []
    for name, short in table.fields:
        field = {"name": name, **TYPES[short]}
        constraints = {}
        if name in required:
            constraints["required"] = True
        if name in table.unique:
            constraints["unique"] = True
        if name in enums:
            constraints["enum"] = list(enums[name])
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    foreign_keys = [
        {"fields": name, "reference": {"resource": REFERENCES[name], "fields": "id"}}
        for name, _short in table.fields
        if REFERENCES.get(name) in TABLE_NAMES
    ]
    return {"fields": fields, "primaryKey": "id", "foreignKeys": foreign_keys}


def cell(value, short: str) -> str:
    """A CSV cell: text a spreadsheet would run as a formula defused, numbers and dates as is."""
    if value is None:
        return ""
    if short == "number":
        return str(value)
    if short == "time":
        return with_seconds(str(value))
    if short in ("date", "datetime"):
        return str(value)
    return csv_safe(value)


def write_csv(table: Table, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    fields = table.fields
    writer.writerow([name for name, _short in fields])
    for row in rows:
        writer.writerow([cell(row.get(name), short) for name, short in fields])
    return out.getvalue().encode("utf-8")


# Rows ------------------------------------------------------------------------------


def services(builder: hsds.Builder) -> list[dict]:
    """Every published partnership and center, fully nested as /services/{id} serves it."""
    records = []
    for rows in (api.partnerships(full=True), api.centers(full=True)):
        for listing in rows:
            api.last_modified(listing)
            records.append(builder.service_full(listing))
    return records


def organizations(builder: hsds.Builder) -> list[dict]:
    """ACS, then each organization leading a published partnership or running a center."""
    records = [builder.organization_full(None, [])]
    for org in api.organizations_query():
        records.append(builder.organization_full(org, []))
    return records


# A fully nested service's lists of parts, and the table of each.
SERVICE_PARTS = {
    "phones": "phone",
    "languages": "language",
    "service_areas": "service_area",
    "funding": "funding",
    "schedules": "schedule",
    "contacts": "contact",
    "attributes": "attribute",
}


def collect(builder: hsds.Builder) -> dict[str, list[dict]]:
    """The rows of every table, each nested record flattened into its own table."""
    tables: dict[str, list[dict]] = {table.name: [] for table in TABLES}
    for org in organizations(builder):
        tables["organization"].append(org)
        tables["phone"].extend(org["phones"])
        tables["program"].extend(org["programs"])
    for service in services(builder):
        tables["service"].append(service)
        for part, table in SERVICE_PARTS.items():
            tables[table].extend(service[part])
        for link in service["service_at_locations"]:
            tables["service_at_location"].append(link)
            tables["schedule"].extend(link["schedules"])
            tables["phone"].extend(link["phones"])
            tables["contact"].extend(link["contacts"])
            tables["attribute"].extend(link["attributes"])
            location = link["location"]
            tables["location"].append(location)
            tables["language"].extend(location["languages"])
            tables["phone"].extend(location["phones"])
            tables["accessibility"].extend(location["accessibility"])
            # HSDS requires an address's ZIP code, which staff may not have recorded:
            # such an address is left out rather than make the package invalid.
            tables["address"].extend(a for a in location["addresses"] if a.get("postal_code"))
    tables["taxonomy"].append(hsds.TAXONOMY)
    tables["taxonomy_term"].extend(hsds.TERMS)
    return {name: merged(rows) for name, rows in tables.items()}


def merged(rows: list[dict]) -> list[dict]:
    """One row per id: a part met twice is one record with both its links.

    The builder gives a center's phone and languages the same id as the
    service's and as the location's (they are the same phone, the same
    language): in a table they are one row with both `service_id` and
    `location_id`.
    """
    by_id: dict[str, dict] = {}
    for row in rows:
        known = by_id.get(row["id"])
        if known is None:
            by_id[row["id"]] = dict(row)
        else:
            for key, value in row.items():
                known.setdefault(key, value)
    return list(by_id.values())


def descriptor(request, created: str) -> dict:
    license_name, license_url = settings.OPEN_DATA_LICENSE_NAME, settings.OPEN_DATA_LICENSE_URL
    return {
        "profile": "tabular-data-package",
        "name": "nyc-acs-ocep-directory",
        "title": "NYC ACS Community Partnerships and Family Enrichment Centers (HSDS 3.0)",
        "description": (
            "The directory of NYC Administration for Children's Services' Office of Community "
            "Engagement and Partnerships: the Community Partnerships, their meeting schedules, "
            "and the Family Enrichment Centers, in Open Referral's Human Services Data "
            f"Specification {hsds.VERSION}, tabular format. The same records as the HSDS API "
            f"at {request.build_absolute_uri(reverse('hsds:root'))}."
        ),
        "homepage": request.build_absolute_uri(reverse("opendata:index")),
        "created": created,
        # An Open Definition license id has no spaces: "CC BY 4.0" is CC-BY-4.0.
        "licenses": [
            {"name": license_name.replace(" ", "-"), "title": license_name, "path": license_url}
        ],
        "resources": [
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


def build(request) -> bytes:
    """The zip, in English."""
    with translation.override("en"):
        builder = hsds.Builder(absolute=request.build_absolute_uri, locale="en")
        tables = collect(builder)
        meta = descriptor(request, hsds.stamp(timezone.now()))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", json.dumps(meta, indent=2, ensure_ascii=False))
            for table in TABLES:
                archive.writestr(table.path, write_csv(table, tables[table.name]))
    return out.getvalue()


@require_safe
def download(request):
    response = HttpResponse(build(request), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    return response
