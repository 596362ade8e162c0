"""The admin's home page: what needs the signed-in person today, and two charts.

Each count is of rows the person may see (the ModelAdmin's own view
permission decides, so the "OCEP editors" see no submissions and the
coordinators no listings unless they were given them), and each links to the
change list that shows exactly those rows, through the list filters the
admins offer (`open`, `notified`, `verification`, `coming`, `note`, `meets`,
`accessibility`).

Everything is counted in the database or, for meetings (which are computed,
never stored), by expanding the series read in two queries: the page costs
the same number of queries however many rows there are.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from involvement.models import InterestSubmission
from meetings import occurrences, schedule_cache
from meetings.admin import COMING_DAYS, coming_days
from meetings.models import ChangeKind, MeetingChange, MeetingSeries
from partnerships.models import (
    Borough,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    stale_condition,
)
from workshops.models import WorkshopRequest

from .charts import PALETTE, Chart, horizontal_bars, stacked_columns

CHART_MONTHS = 12  # requests received: this month and the eleven before
MEETING_MONTHS = 3  # meetings per borough: from today, this far ahead


@dataclass
class Tally:
    """A number of rows, the words that say what they are, and the list that shows them."""

    label: str
    count: int
    url: str
    note: str = ""
    parts: list["Tally"] = field(default_factory=list)


@dataclass
class Section:
    title: str
    counts: list[Tally]


class Home:
    def __init__(self, request, site):
        self.request = request
        self.site = site
        self.today = timezone.localdate()

    def may_view(self, model) -> bool:
        model_admin = self.site._registry.get(model)
        return model_admin is not None and model_admin.has_view_or_change_permission(self.request)

    def changelist(self, model, **params) -> str:
        opts = model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.site.name
        )
        return f"{url}?{urlencode(params)}" if params else url

    # -- What needs you today ---------------------------------------------

    def sections(self) -> list[Section]:
        found = [
            self.submissions(model)
            for model in (WorkshopRequest, InterestSubmission)
            if self.may_view(model)
        ]
        found += [
            self.listings(model)
            for model in (CommunityPartnership, FamilyEnrichmentCenter)
            if self.may_view(model)
        ]
        meetings = self.meetings()
        if meetings.counts:
            found.append(meetings)
        return found

    def submissions(self, model) -> Section:
        new = Q(status=model.Status.NEW)
        row = model.objects.aggregate(
            new=Count("pk", filter=new),
            oldest=Min("created", filter=new),
            mine=Count(
                "pk",
                filter=Q(assigned_to=self.request.user) & ~Q(status__in=model.CLOSED_STATUSES),
            ),
            unsent=Count("pk", filter=model.unnotified_condition()),
        )
        waited = ""
        if row["oldest"] is not None:
            waited = _("the oldest has waited %(time)s") % {"time": timesince(row["oldest"])}
        return Section(
            capfirst(model._meta.verbose_name_plural),
            [
                Tally(
                    _("New"),
                    row["new"],
                    self.changelist(model, status__exact=model.Status.NEW),
                    note=waited,
                ),
                Tally(
                    _("Assigned to you and still open"),
                    row["mine"],
                    self.changelist(model, assigned_to__id__exact=self.request.user.pk, open="yes"),
                ),
                Tally(
                    _("E-mails not yet sent"), row["unsent"], self.changelist(model, notified="no")
                ),
            ],
        )

    def listings(self, model) -> Section:
        rows = {
            row["borough"]: row
            for row in model.objects.published()
            .values("borough")
            .annotate(
                stale=Count("pk", filter=stale_condition(self.today)),
                sample=Count("pk", filter=Q(is_sample_data=True)),
            )
            .order_by()
        }
        published = {"is_published__exact": "1"}
        stale = {**published, "verification": "stale"}
        by_borough = [
            Tally(
                label,
                rows[value]["stale"],
                self.changelist(model, **stale, borough__exact=value),
            )
            for value, label in Borough.choices
            if value in rows and rows[value]["stale"]
        ]
        days = settings.LISTING_STALE_AFTER_DAYS
        return Section(
            capfirst(model._meta.verbose_name_plural),
            [
                Tally(
                    _("Published, needs verifying"),
                    sum(row["stale"] for row in rows.values()),
                    self.changelist(model, **stale),
                    note=ngettext(
                        "never verified, or not in the last %(count)d day",
                        "never verified, or not in the last %(count)d days",
                        days,
                    )
                    % {"count": days},
                    parts=by_borough,
                ),
                Tally(
                    _("Published, still holding sample data"),
                    sum(row["sample"] for row in rows.values()),
                    self.changelist(model, **published, is_sample_data__exact="1"),
                ),
            ],
        )

    def meetings(self) -> Section:
        start, end = coming_days(self.today)
        counts = []
        if self.may_view(MeetingChange):
            changes = MeetingChange.objects.filter(series__is_published=True).between(start, end)
            coming = {"coming": "next", "series__is_published__exact": "1"}
            counts += [
                Tally(
                    _("Cancelled or moved"),
                    changes.filter(kind__in=[ChangeKind.CANCELLED, ChangeKind.MOVED]).count(),
                    self.changelist(
                        MeetingChange,
                        kind__in=f"{ChangeKind.CANCELLED},{ChangeKind.MOVED}",
                        **coming,
                    ),
                ),
                Tally(
                    _("Cancelled with no note for residents"),
                    changes.filter(kind=ChangeKind.CANCELLED).without_note().count(),
                    self.changelist(
                        MeetingChange, kind__exact=ChangeKind.CANCELLED, note="none", **coming
                    ),
                ),
            ]
        if self.may_view(MeetingSeries):
            series = (
                MeetingSeries.objects.filter(is_published=True)
                .without_accessibility_information()
                .for_listing()
            )
            found = occurrences.expand(series, start, end)
            meeting = {o.series.pk for o in found if not o.is_cancelled}
            counts.append(
                Tally(
                    _("Meeting with no accessibility information"),
                    len(meeting),
                    self.changelist(
                        MeetingSeries,
                        is_published__exact="1",
                        accessibility="missing",
                        meets="next",
                    ),
                    note=_("series and events"),
                )
            )
        title = ngettext(
            "Meetings and events in the next %(count)d day",
            "Meetings and events in the next %(count)d days",
            COMING_DAYS,
        ) % {"count": COMING_DAYS}
        return Section(title, counts)

    # -- Charts -------------------------------------------------------------

    def charts(self) -> list[Chart]:
        found = []
        if self.may_view(WorkshopRequest):
            found.append(self.requests_per_month())
        if self.may_view(MeetingSeries):
            found.append(self.meetings_per_borough())
        return found

    def requests_per_month(self) -> Chart:
        months = [add_months(self.today.replace(day=1), n) for n in range(1 - CHART_MONTHS, 1)]
        since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
        counted = Counter()
        for row in (
            WorkshopRequest.objects.filter(created__gte=since)
            .annotate(month=TruncMonth("created"))
            .values("month", "status")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            month = timezone.localtime(row["month"]).date() if row["month"] else None
            counted[month, row["status"]] += row["n"]
        statuses = WorkshopRequest.Status.choices
        stacks = [
            (str(label), PALETTE[i], [counted[month, value] for month in months])
            for i, (value, label) in enumerate(statuses)
        ]
        totals = [sum(counted[month, value] for value, _label in statuses) for month in months]
        first, last = (
            date_format(months[0], "YEAR_MONTH_FORMAT"),
            date_format(months[-1], "YEAR_MONTH_FORMAT"),
        )
        chart = Chart(
            key="chart-requests",
            title=_("Workshop requests received per month"),
            description=_(
                "Stacked columns: the workshop requests received each month from %(first)s "
                "to %(last)s, %(total)d in all, each column divided by the status the "
                "requests have now."
            )
            % {"first": first, "last": last, "total": sum(totals)},
            headers=[_("Month"), *(str(label) for _value, label in statuses), _("Total")],
            rows=[
                [date_format(month, "YEAR_MONTH_FORMAT"), *values, total]
                for month, values, total in zip(
                    months, zip(*(s[2] for s in stacks), strict=True), totals, strict=True
                )
            ],
        )
        return stacked_columns(chart, [date_format(m, "M") for m in months], stacks)

    def meetings_per_borough(self) -> Chart:
        start = self.today
        end = add_months(start, MEETING_MONTHS) - datetime.timedelta(days=1)
        # From the schedule cache, as the public pages: expanding every series here
        # on each visit would cost a second at 5,000 series.
        taking_place = Counter(
            pk
            for _key, slot, pk in schedule_cache.between(start, end).entries
            if slot[schedule_cache.STATUS] != occurrences.CANCELLED
        )
        boroughs = MeetingSeries.objects.filter(pk__in=taking_place).values_list(
            "pk", "partnership__borough"
        )
        counted = Counter()
        for pk, borough in boroughs:
            counted[borough] += taking_place[pk]
        bars = [(str(label), counted[value]) for value, label in Borough.choices]
        chart = Chart(
            key="chart-meetings",
            title=_("Meetings and events per borough, next three months"),
            description=_(
                "Bars: the meetings and events on the site from %(first)s to %(last)s, "
                "%(total)d in all, by the borough of their Community Partnership. "
                "Cancelled meetings are not counted."
            )
            % {
                "first": date_format(start, "DATE_FORMAT"),
                "last": date_format(end, "DATE_FORMAT"),
                "total": sum(counted.values()),
            },
            headers=[_("Borough"), _("Meetings and events")],
            rows=[[label, count] for label, count in bars],
        )
        return horizontal_bars(chart, bars)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), or that month's last day if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def home_context(request, site) -> dict:
    home = Home(request, site)
    return {"needs_you": home.sections(), "charts": home.charts()}
