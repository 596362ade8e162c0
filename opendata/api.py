"""/api/hsds/: the directory in the HSDS 3.0 API (the paths of its openapi.json).

Read-only, anonymous JSON over plain Django views. Django REST framework is
the usual choice for an API, and it was weighed: every response here is an
HSDS shape we build ourselves (opendata/hsds.py) and validate against the
published JSON schemas, the paging is HSDS's `Page` (not one of DRF's), and
the rate limit must run before the shared page cache (opendata/middleware.py),
where DRF's throttles, inside the view, would never see a cached answer. What
was left for DRF (routing, a JSON 404) is a few lines here.

Every answer carries `Access-Control-Allow-Origin: *`; a list answers the
`Page` shape (`page`, `per_page`); a bad parameter gets 400 with a JSON body
naming it, an unknown id 404. Only published records appear. GET answers are
cached and revalidated (ETag, 304) by the page cache like every public page,
and any save that changes what residents see changes them too.
"""

import datetime
import functools
import math
import re
import uuid

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

from meetings.models import MeetingSeries
from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter, Organization

from . import hsds

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
LONGEST_SEARCH = 200
DIGITS = re.compile(r"[0-9]{1,9}")
# Parameters HSDS defines that this API does not offer: asked for, they get a 400
# rather than a list that silently ignored them.
UNSUPPORTED = ("minimal", "full_service", "proximity")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
    ),
}


def with_cors(response):
    for name, value in CORS.items():
        response[name] = value
    return response


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFound(Exception):
    pass


def answer(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    with_cors(response)
    return response


def error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return answer({"error": code, "message": message, **extra}, status=status)


def endpoint(view):
    """GET and HEAD only (and CORS preflight); JSON errors for bad parameters and unknown ids."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            with_cors(response)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return response
        if request.method not in ("GET", "HEAD"):
            response = error(405, "method_not_allowed", "This API only answers GET and HEAD.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            params = Params(request)
            with translation.override(params.locale):
                return view(request, params, *args, **kwargs)
        except BadParameter as bad:
            return error(400, "bad_parameter", bad.message, parameter=bad.parameter)
        except NotFound:
            return error(404, "not_found", "No published record has this id.")

    return wrapper


class Params:
    """The query parameters every endpoint shares, checked."""

    def __init__(self, request):
        self.query = request.GET
        for name, values in self.query.lists():
            if any("\x00" in value for value in values):
                raise BadParameter(name, f"{name} holds a character that is not allowed.")
        for name in UNSUPPORTED:
            if name in self.query:
                raise BadParameter(name, f"{name} is not supported by this API.")
        output = self.query.get("format", "json")
        if output != "json":
            raise BadParameter("format", "Only format=json is offered.")
        self.locale = self.query.get("locale", "en")
        if self.locale not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            raise BadParameter("locale", f"locale must be one of: {codes}.")
        self.builder = hsds.Builder(absolute=request.build_absolute_uri, locale=self.locale)

    def integer(self, name: str, default: int, low: int, high: int | None = None) -> int:
        value = self.query.get(name)
        if value is None or value == "":
            return default
        # Plain ASCII digits: int() would also take "1_000", " 7 " and other scripts' digits.
        number = int(value) if DIGITS.fullmatch(value) else None
        if number is None or number < low or (high is not None and number > high):
            limit = f"from {low} to {high}" if high else f"of {low} or more"
            raise BadParameter(name, f"{name} must be a whole number {limit}.")
        return number

    def boolean(self, name: str) -> bool:
        value = self.query.get(name, "false").lower()
        if value not in ("true", "false", "1", "0", ""):
            raise BadParameter(name, f"{name} must be true or false.")
        return value in ("true", "1")

    def uuid(self, name: str) -> str | None:
        value = self.query.get(name)
        if value is None or value == "":
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise BadParameter(name, f"{name} must be a UUID.") from None

    def search(self) -> str:
        text = self.query.get("search", "").strip()
        if len(text) > LONGEST_SEARCH:
            raise BadParameter("search", f"search must be at most {LONGEST_SEARCH} characters.")
        return text

    def modified_after(self):
        value = self.query.get("modified_after", "").strip()
        if not value:
            return None
        # A "+" in a query string arrives as a space: "…T00:00:00+00:00" unescaped.
        value = value.replace(" ", "+")
        try:
            moment = parse_datetime(value)
            day = None if moment else parse_date(value)
        except ValueError:
            moment = day = None
        if moment is None and day is not None:
            moment = datetime.datetime.combine(day, datetime.time.min)
        if moment is None:
            raise BadParameter(
                "modified_after",
                "modified_after must be an ISO 8601 date or date-time, e.g. 2026-01-31 "
                "or 2026-01-31T09:00:00-05:00.",
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def paging(self) -> tuple[int, int]:
        return (
            self.integer("page", 1, 1),
            self.integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        )


def page_of(params: Params, sources: list, render) -> dict:
    """The HSDS `Page` over one or more querysets (or lists), one after the other.

    Each source is counted, then only the rows of the asked page are read: the
    queries are the same in number whatever the page and however many rows.
    """
    number, size = params.paging()
    counts = [len(source) if isinstance(source, list) else source.count() for source in sources]
    total = sum(counts)
    start, end = (number - 1) * size, number * size
    contents, offset = [], 0
    for source, count in zip(sources, counts, strict=True):
        low, high = max(start - offset, 0), min(end - offset, count)
        if low < high:
            contents.extend(render(row) for row in source[low:high])
        offset += count
    pages = math.ceil(total / size) if total else 0
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }


# Querysets -------------------------------------------------------------------------


def published_series():
    return Prefetch(
        "meeting_series",
        queryset=MeetingSeries.objects.filter(is_published=True).order_by("valid_from", "pk"),
        to_attr="published_series",
    )


def partnerships(full: bool = False):
    # Every series, published or not: one taken off the site changed the service too.
    latest_series = (
        MeetingSeries.objects.filter(partnership=OuterRef("pk"))
        .order_by()
        .values("partnership")
        .annotate(latest=Max("updated"))
        .values("latest")
    )
    rows = (
        CommunityPartnership.objects.published()
        .select_related("lead_organization")
        .annotate(series_updated=latest_series)
        .order_by("name")
    )
    if full:
        rows = rows.prefetch_related("languages", "community_districts", published_series())
    return rows


def centers(full: bool = False):
    rows = (
        FamilyEnrichmentCenter.objects.published()
        .select_related("operator")
        .order_by("neighborhood", "name", "slug")
    )
    if full:
        rows = rows.prefetch_related("languages", "community_districts")
    return rows


def last_modified(listing) -> None:
    """The latest change to the service: the listing, its organization or a meeting series."""
    organization = getattr(listing, "lead_organization", None) or getattr(listing, "operator", None)
    moments = [listing.updated, getattr(listing, "series_updated", None)]
    if organization is not None:
        moments.append(organization.updated)
    listing.last_modified = max(moment for moment in moments if moment is not None)


def filter_services(params: Params, both: tuple) -> tuple:
    """Partnerships and centers narrowed by search, modified_after, taxonomy and organization."""
    partnership_rows, center_rows = both
    text = params.search()
    if text:
        partnership_rows = partnership_rows.filter(
            Q(name__icontains=text)
            | Q(neighborhoods__icontains=text)
            | Q(description_en__icontains=text)
            | Q(lead_organization__name__icontains=text)
        )
        center_rows = center_rows.filter(
            Q(name__icontains=text)
            | Q(neighborhood__icontains=text)
            | Q(description_en__icontains=text)
            | Q(operator__name__icontains=text)
        )
    since = params.modified_after()
    if since is not None:
        # Published or not: a series taken off the site took a schedule away.
        changed_series = MeetingSeries.objects.filter(
            partnership=OuterRef("pk"), updated__gte=since
        )
        partnership_rows = partnership_rows.filter(
            Q(updated__gte=since)
            | Q(lead_organization__updated__gte=since)
            | Exists(changed_series)
        )
        center_rows = center_rows.filter(Q(updated__gte=since) | Q(operator__updated__gte=since))
    taxonomy = params.uuid("taxonomy_id")
    if taxonomy is not None and taxonomy != hsds.TAXONOMY["id"]:
        partnership_rows, center_rows = partnership_rows.none(), center_rows.none()
    term = params.uuid("taxonomy_term_id")
    if term == hsds.PARTNERSHIP_TERM["id"]:
        center_rows = center_rows.none()
    elif term == hsds.CENTER_TERM["id"]:
        partnership_rows = partnership_rows.none()
    elif term == hsds.SAMPLE_TERM["id"]:
        partnership_rows = partnership_rows.filter(is_sample_data=True)
        center_rows = center_rows.filter(is_sample_data=True)
    elif term is not None:
        partnership_rows, center_rows = partnership_rows.none(), center_rows.none()
    organization = params.uuid("organization_id")
    if organization == hsds.ACS_ID:
        partnership_rows = partnership_rows.filter(lead_organization__isnull=True)
        center_rows = center_rows.none()
    elif organization is not None:
        partnership_rows = partnership_rows.filter(lead_organization__uuid=organization)
        center_rows = center_rows.filter(operator__uuid=organization)
    postcode = params.query.get("postcode", "").strip()
    if postcode:
        # Partnerships serve community districts, not ZIP codes: only centers can match.
        partnership_rows = partnership_rows.none()
        center_rows = center_rows.filter(postal_code=postcode)
    return partnership_rows, center_rows


def record_uuid(record_id: str) -> str:
    try:
        return str(uuid.UUID(record_id))
    except ValueError:
        raise NotFound from None


# Endpoints ---------------------------------------------------------------------------


@endpoint
def root(request, params):
    return answer(
        {
            "version": hsds.VERSION,
            "profile": request.build_absolute_uri(reverse("opendata:index")),
            "openapi_url": hsds.OPENAPI_URL,
        }
    )


def render_service(params: Params, full: bool):
    def render(listing):
        last_modified(listing)
        return params.builder.service_full(listing) if full else params.builder.service(listing)

    return render


@endpoint
def services(request, params):
    full = params.boolean("full")
    rows = filter_services(params, (partnerships(full), centers(full)))
    return answer(page_of(params, list(rows), render_service(params, full)))


@endpoint
def service(request, params, record_id):
    key = record_uuid(record_id)
    listing = partnerships(full=True).filter(uuid=key).first()
    if listing is None:
        listing = centers(full=True).filter(uuid=key).first()
    if listing is None:
        raise NotFound
    return answer(render_service(params, full=True)(listing))


def organizations_query():
    led = CommunityPartnership.objects.published().filter(lead_organization=OuterRef("pk"))
    operated = FamilyEnrichmentCenter.objects.published().filter(operator=OuterRef("pk"))
    return (
        Organization.objects.annotate(
            leads_partnership=Exists(led), operates_center=Exists(operated)
        )
        .filter(Q(leads_partnership=True) | Q(operates_center=True))
        .order_by("name")
    )


def organization_services(full: bool):
    if not full:
        return organizations_query()
    return organizations_query().prefetch_related(
        Prefetch(
            "led_partnerships",
            queryset=partnerships().select_related(None),
            to_attr="published_partnerships",
        ),
        Prefetch(
            "operated_centers",
            queryset=centers().select_related(None),
            to_attr="published_centers",
        ),
    )


def services_of(org, builder) -> list[dict]:
    """An organization's services, one-to-one fields (within a fully nested organization)."""
    listings = [*org.published_partnerships, *org.published_centers]
    for listing in listings:
        # The organization itself, known already, not read again row by row.
        if isinstance(listing, CommunityPartnership):
            listing.lead_organization = org
        else:
            listing.operator = org
        last_modified(listing)
    return [builder.service(listing) for listing in listings]


def acs_services(builder) -> list[dict]:
    rows = list(partnerships().filter(lead_organization__isnull=True))
    for listing in rows:
        last_modified(listing)
    return [builder.service(listing) for listing in rows]


@endpoint
def organizations(request, params):
    full = params.boolean("full")
    text = params.search()
    rows = organization_services(full)
    acs = [None]
    if text:
        rows = rows.filter(name__icontains=text)
        if not any(text.lower() in hsds.ACS[key].lower() for key in ("name", "alternate_name")):
            acs = []
    builder = params.builder

    def render(org):
        if not full:
            return builder.organization(org)
        services = acs_services(builder) if org is None else services_of(org, builder)
        return builder.organization_full(org, services)

    return answer(page_of(params, [acs, rows], render))


@endpoint
def organization(request, params, record_id):
    key = record_uuid(record_id)
    builder = params.builder
    if key == hsds.ACS_ID:
        return answer(builder.organization_full(None, acs_services(builder)))
    org = organization_services(full=True).filter(uuid=key).first()
    if org is None:
        raise NotFound
    return answer(builder.organization_full(org, services_of(org, builder)))


@endpoint
def service_at_locations(request, params):
    full = params.boolean("full")
    _none, rows = filter_services(params, (partnerships(), centers(full)))
    builder = params.builder

    def render(center):
        last_modified(center)
        if full:
            return builder.service_at_location_full(center)
        return builder.service_at_location(center)

    return answer(page_of(params, [rows], render))


@endpoint
def service_at_location(request, params, record_id):
    key = record_uuid(record_id)
    found = None
    for pk, center_uuid in centers().values_list("pk", "uuid"):
        if hsds.part_id(center_uuid, "service_at_location") == key:
            found = pk
            break
    center = centers(full=True).filter(pk=found).first() if found else None
    if center is None:
        raise NotFound
    last_modified(center)
    return answer(params.builder.service_at_location_full(center))


@endpoint
def taxonomies(request, params):
    text = params.search().lower()
    rows = [hsds.TAXONOMY] if text in hsds.TAXONOMY["name"].lower() else []
    return answer(page_of(params, [rows], dict))


@endpoint
def taxonomy(request, params, record_id):
    if record_uuid(record_id) != hsds.TAXONOMY["id"]:
        raise NotFound
    return answer(hsds.TAXONOMY)


@endpoint
def taxonomy_terms(request, params):
    text = params.search().lower()
    taxonomy_id = params.uuid("taxonomy_id")
    parent = params.uuid("parent_id")
    params.boolean("top_only")  # every term is a top term: checked, changes nothing
    rows = [
        term
        for term in hsds.TERMS
        if text in term["name"].lower()
        and taxonomy_id in (None, term["taxonomy_id"])
        and parent is None  # no term has a parent
    ]
    return answer(page_of(params, [rows], dict))


@endpoint
def taxonomy_term(request, params, record_id):
    key = record_uuid(record_id)
    for term in hsds.TERMS:
        if term["id"] == key:
            return answer(term)
    raise NotFound


@endpoint
def not_found(request, params, rest=""):
    raise NotFound
