"""/open-data/: the page that explains the API and the downloads."""

from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from meetings.models import MeetingSeries
from partnerships.models import CommunityPartnership, FamilyEnrichmentCenter

from .downloads import COLUMNS, FILENAMES


def latest_change():
    """When a published listing or meeting series last changed (None if none is published).

    One query: each table's latest `updated`, joined by UNION ALL.
    """

    def latest(queryset):
        # Grouped by a column all rows share: one row, or none for an empty table.
        grouped = queryset.order_by().values("is_published").annotate(latest=Max("updated"))
        return grouped.values_list("latest", flat=True)

    rows = latest(CommunityPartnership.objects.published()).union(
        latest(FamilyEnrichmentCenter.objects.published()),
        latest(MeetingSeries.objects.published()),
        all=True,
    )
    return max((moment for moment in rows if moment), default=None)


def dictionaries():
    """The data dictionary of each plain CSV: its file name, URL and columns."""
    return [
        {
            "kind": kind,
            "filename": FILENAMES[kind],
            "url": reverse(f"opendata_files:{kind}"),
            "columns": COLUMNS[kind],
        }
        for kind in ("partnerships", "centers", "meetings")
    ]


def as_time(moment) -> str:
    """The day of `moment` in words, in the reader's language, as a <time> element."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>', local.date().isoformat(), date_format(local, "DATE_FORMAT")
    )


def license_link() -> str:
    name, url = settings.OPEN_DATA_LICENSE_NAME, settings.OPEN_DATA_LICENSE_URL
    if not url:
        return format_html('<bdi dir="ltr">{}</bdi>', name)
    return format_html('<a href="{}" rel="license"><bdi dir="ltr">{}</bdi></a>', url, name)


@require_safe
def index(request):
    context = {
        "latest_change": as_time(latest_change()),
        "license_link": license_link(),
        "api_base": request.build_absolute_uri(reverse("hsds:root")),
        "rate_limit": settings.OPEN_DATA_API_RATE_LIMIT,
        "rate_limit_period": settings.OPEN_DATA_API_RATE_LIMIT_PERIOD,
        "language_codes": [code for code, _name in settings.LANGUAGES],
        "package_url": reverse("opendata_files:package"),
        "dictionaries": dictionaries(),
        "feed_url": reverse("meetings:all_feed"),
    }
    return render(request, "opendata/index.html", context)
