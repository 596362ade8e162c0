"""Plain CSVs of the partnerships, the centers and the next twelve months' meetings.

For journalists and anyone with a spreadsheet: one row a record, English text
whatever the reader's language, UTF-8 with a byte order mark (Excel then reads
accents and non-Latin scripts right), and every text cell defused so that no
spreadsheet runs it as a formula (core.csv). Each file's columns are listed
once, with what they hold, in COLUMNS: the header row and the data
dictionary on /open-data/ both come from there. The query string is ignored.

Each file costs a fixed number of queries, however many rows: meetings are
read from the schedule cache (meetings.schedule_cache), as the meeting pages
and feeds read them.
"""

import csv
import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.csv import csv_safe, joined
from meetings import schedule_cache
from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
MEETINGS_MONTHS = 12


@dataclass(frozen=True)
class Column:
    """One column of a CSV: its name (the header), what it holds, and its values or format."""

    name: str
    meaning: str
    values: tuple[str, ...] = ()


DATE = ("YYYY-MM-DD",)
TRUE_FALSE = ("true", "false")
LAST_VERIFIED = Column(
    "last_verified",
    _("The date staff last confirmed the listing with the program; empty if never."),
    DATE,
)
SAMPLE_DATA = Column(
    "sample_data",
    _("Whether the listing still holds placeholder details (sample data)."),
    TRUE_FALSE,
)
LAST_MODIFIED = Column(
    "last_modified",
    _("When the listing last changed on this site, in New York time."),
    ("ISO 8601",),
)
LANGUAGES = Column("languages", _("The languages spoken, in English, separated by semicolons."))
PAGE = Column("page", _("The address of its page on this site."))

# The columns of each file: its header row, and its data dictionary on /open-data/.
COLUMNS = {
    "partnerships": [
        Column("id", _("The partnership's open data identifier, also its HSDS id."), ("UUID",)),
        Column("name", _("The partnership's name.")),
        Column("borough", _("The borough it serves.")),
        Column("neighborhoods", _("The neighborhoods it serves, as written on its page.")),
        Column(
            "community_districts",
            _("The community districts it serves, by code, separated by semicolons."),
            ("BX04",),
        ),
        Column("lead_organization", _("The organization that leads it.")),
        Column("email", _("Its e-mail address.")),
        Column("phone", _("Its phone number.")),
        Column("website", _("Its website.")),
        LANGUAGES,
        Column("description", _("What it does, in English.")),
        Column("how_to_get_involved", _("How residents can take part, in English.")),
        PAGE,
        LAST_VERIFIED,
        SAMPLE_DATA,
        LAST_MODIFIED,
    ],
    "centers": [
        Column("id", _("The center's open data identifier, also its HSDS id."), ("UUID",)),
        Column(
            "name",
            _("The center's name, or a name made from its operator's while it has none."),
        ),
        Column("operator", _("The organization that runs it.")),
        Column("borough", _("Its borough.")),
        Column("neighborhood", _("Its neighborhood.")),
        Column("street_address", _("Its street address; empty while it is not confirmed.")),
        Column("city", _("Its city.")),
        Column("postal_code", _("Its ZIP code.")),
        Column("latitude", _("Its latitude, in decimal degrees.")),
        Column("longitude", _("Its longitude, in decimal degrees.")),
        Column(
            "service_mode",
            _(
                "How it serves families: in person; remote referrals and support; or limited "
                "in-person emergency resources."
            ),
            ("in_person", "remote", "limited_in_person"),
        ),
        Column("phone", _("Its phone number.")),
        Column("email", _("Its e-mail address.")),
        Column("website", _("Its website.")),
        LANGUAGES,
        Column("hours", _("Its opening hours, in English.")),
        Column("accessibility", _("How accessible it is, in English.")),
        Column("description", _("What it offers, in English.")),
        PAGE,
        LAST_VERIFIED,
        SAMPLE_DATA,
        LAST_MODIFIED,
    ],
    "meetings": [
        Column(
            "series_id",
            _("The open data identifier of the meeting series or event."),
            ("UUID",),
        ),
        Column("partnership", _("The name of the Community Partnership that holds it.")),
        Column("partnership_id", _("The partnership's open data identifier."), ("UUID",)),
        Column("title", _("The meeting's title, in English.")),
        Column("date", _("The date it takes place."), DATE),
        Column("start_time", _("When it starts, on a 24-hour clock."), ("HH:MM",)),
        Column("end_time", _("When it ends, on a 24-hour clock."), ("HH:MM",)),
        Column("timezone", _("The time zone of the date and times."), ("America/New_York",)),
        Column(
            "status",
            _(
                "As planned; cancelled; moved (the row gives the new date, time or place); "
                "or an extra meeting."
            ),
            ("scheduled", "cancelled", "moved", "extra"),
        ),
        Column(
            "how_to_attend",
            _("In person, online only, or both."),
            ("in_person", "virtual", "hybrid"),
        ),
        Column("venue", _("The name of the place where it is held.")),
        Column("address", _("The address of that place.")),
        Column("online", _("Whether people can join online or by phone."), TRUE_FALSE),
        Column("languages", _("The languages spoken or interpreted, separated by semicolons.")),
        Column(
            "accessibility",
            _("Wheelchair access and other provisions, and how to ask for an accommodation."),
        ),
        Column("note", _("A note about this date, such as why it was cancelled or moved.")),
        Column("page", _("The address of this meeting's page on this site.")),
        Column("sample_data", _("Whether the schedule is a sample."), TRUE_FALSE),
    ],
}

FILENAMES = {
    "partnerships": "partnerships.csv",
    "centers": "family-enrichment-centers.csv",
    "meetings": "meetings.csv",
}


def header(kind: str) -> list[str]:
    return [column.name for column in COLUMNS[kind]]


def boolean(value: bool) -> str:
    return "true" if value else "false"


def day(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def csv_response(kind: str, rows) -> HttpResponse:
    """The file: BOM, header, then each row, text cells defused (numbers stay numbers)."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{FILENAMES[kind]}"'
    response.write(BOM)
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(header(kind))
    for row in rows:
        writer.writerow([cell if isinstance(cell, int | float) else csv_safe(cell) for cell in row])
    return response


def partnership_rows(request):
    partnerships = (
        CommunityPartnership.objects.published()
        .select_related("lead_organization")
        .prefetch_related("community_districts", "languages")
        .order_by("name")
    )
    for p in partnerships:
        yield [
            str(p.uuid),
            p.name,
            p.get_borough_display(),
            p.neighborhoods,
            joined(d.code for d in p.community_districts.all()),
            p.lead_organization.name if p.lead_organization else "",
            p.email,
            p.phone,
            p.url,
            joined(language.name for language in p.languages.all()),
            p.description,
            p.how_to_get_involved,
            request.build_absolute_uri(p.get_absolute_url()),
            day(p.last_verified),
            boolean(p.is_sample_data),
            moment(p.updated),
        ]


def center_rows(request):
    centers = (
        FamilyEnrichmentCenter.objects.published()
        .select_related("operator")
        .prefetch_related("languages")
    )
    for c in centers:
        yield [
            str(c.uuid),
            c.display_name,
            c.operator.name,
            c.get_borough_display(),
            c.neighborhood,
            c.street_address,
            c.city,
            c.postal_code,
            # Numbers, not text: "-73.9" must stay a number, so no csv_safe.
            float(c.latitude) if c.latitude is not None else "",
            float(c.longitude) if c.longitude is not None else "",
            c.service_mode,
            c.phone,
            c.email,
            c.url,
            joined(language.name for language in c.languages.all()),
            c.hours,
            c.accessibility,
            c.description,
            request.build_absolute_uri(c.get_absolute_url()),
            day(c.last_verified),
            boolean(c.is_sample_data),
            moment(c.updated),
        ]


def meetings_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From today to the day before the same date twelve months on, both included."""
    return today, today + relativedelta(months=MEETINGS_MONTHS) - datetime.timedelta(days=1)


def accessibility(series) -> str:
    parts = [series.accessibility_in_words, series.accessibility_notes]
    parts.append(series.accommodation_requests)
    return "; ".join(part for part in parts if part)


def meeting_rows(request):
    start, end = meetings_window(timezone.localdate())
    found = schedule_cache.between(start, end)[:]
    # The occurrences of one series share its row: one query for all their languages.
    prefetch_related_objects(list({o.series.pk: o.series for o in found}.values()), "languages")
    for o in found:
        series = o.series
        yield [
            str(series.uuid),
            series.partnership.name,
            str(series.partnership.uuid),
            series.title,
            o.date.isoformat(),
            o.start.strftime("%H:%M"),
            o.end.strftime("%H:%M"),
            series.timezone,
            o.status,
            series.attending_type,
            o.venue_name if series.is_in_person else "",
            o.address if series.is_in_person else "",
            boolean(series.is_online),
            joined(language.name for language in series.languages.all()),
            accessibility(series),
            o.note,
            request.build_absolute_uri(o.get_absolute_url()),
            boolean(series.is_sample_data),
        ]


def download(kind: str, rows):
    """The view of one file: GET or HEAD, in English whatever the reader's language."""

    @require_safe
    def view(request):
        with translation.override("en"):
            return csv_response(kind, rows(request))

    view.__name__ = f"{kind}_csv"
    return view


partnerships_csv = download("partnerships", partnership_rows)
centers_csv = download("centers", center_rows)
meetings_csv = download("meetings", meeting_rows)
