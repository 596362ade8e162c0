"""Public meeting pages and calendar feeds: anonymous, published series only."""

import calendar
import datetime
import json

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.filters import chosen, refused
from core.views import FilteredListView
from pagecache import hints
from partnerships.models import Borough, CommunityPartnership

from . import feeds, occurrences, schedule_cache
from .filters import MeetingFilterSet
from .models import MeetingSeries

# The calendar pages cover this many years either side of today, so that a
# crawler following "next month" links stops somewhere.
CALENDAR_YEARS = 2


def expire_when_one_ends(request, listed) -> None:
    """The next few meetings change when the first listed one ends.

    A meeting not listed starts later than all of these; if it ends first, the
    few listed stay the same.
    """
    if listed:
        hints.expire_at(request, min(occurrence.end for occurrence in listed))


NEXT_MEETING_COUNT = 3
UPCOMING_EVENT_COUNT = 5


def partnership_meetings_context(request, partnership: CommunityPartnership) -> dict:
    """A partnership page's meetings section: its series, next dates, events and calendar feed.

    Rendered by the {% partnership_meetings %} tag (templatetags/meetings.py),
    so that partnerships, which meetings builds on, never imports meetings.
    Events are listed apart from the next meetings, so that a busy month of
    events never hides when the partnership regularly meets.
    """
    series = list(MeetingSeries.objects.published().for_partnership(partnership).for_listing())
    regular = [s for s in series if not s.is_event]
    events = [s for s in series if s.is_event]
    days = occurrences.LOOKAHEAD_DAYS
    next_meetings = occurrences.upcoming(regular, days=days)[:NEXT_MEETING_COUNT]
    upcoming_events = occurrences.upcoming(events, days=days)[:UPCOMING_EVENT_COUNT]
    expire_when_one_ends(request, next_meetings + upcoming_events)
    context = {
        "partnership": partnership,
        "meeting_series": regular,
        # Said once for what the section shows: its schedules and its coming events.
        "sample_schedule": any(s.is_sample_data for s in regular)
        or any(o.series.is_sample_data for o in upcoming_events),
        "next_meetings": next_meetings,
        "upcoming_events": upcoming_events,
    }
    if series:
        context["subscribe"] = feeds.subscribe_links(
            request, reverse("meetings:partnership_feed", args=[partnership.slug])
        )
    return context


def published_series():
    return MeetingSeries.objects.published().with_details()


class MeetingListView(FilteredListView):
    """Upcoming meetings of every published series, filtered, in date order."""

    template_name = "meetings/meeting_list.html"
    filterset_class = MeetingFilterSet
    # Only stamps are read for every series (kept by each process between changes); the rows
    # of the twenty shown are loaded later.
    queryset = MeetingSeries.objects.published()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # Languages only for the series shown on this page, not for every series.
        prefetch_related_objects([o.series for o in object_list], "languages")
        return paginator, page, object_list, is_paginated

    def get_queryset(self):
        series = super().get_queryset()
        form = self.filterset.form
        if refused(form):
            self.window = None
            return []
        start, end, from_now = form.window()
        self.window = (start, end)
        # The dates choose which meetings to compute, not which series; a page number
        # alone lists them all.
        keeps = [value for name, value in chosen(form).items() if name not in ("start", "end")]
        listed = series if any(value not in (None, "") for value in keeps) else None
        if not from_now:
            return schedule_cache.between(start, end, listed=listed)
        found = schedule_cache.upcoming(days=(end - start).days, listed=listed)
        # The list, on every page of it, loses a meeting as soon as one ends.
        if earliest_end := found.earliest_end():
            hints.expire_at(self.request, earliest_end)
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["window"] = self.window
        data = chosen(self.filterset.form)
        if data.get("partnership"):
            feed = reverse("meetings:partnership_feed", args=[data["partnership"].slug])
            context["feed_label"] = data["partnership"].name
        elif data.get("borough"):
            feed = reverse("meetings:borough_feed", args=[data["borough"]])
            context["feed_label"] = Borough(data["borough"]).label
        else:
            feed = reverse("meetings:all_feed")
            context["feed_label"] = ""
        context["subscribe"] = feeds.subscribe_links(self.request, feed)
        context["sample_schedule"] = any(o.series.is_sample_data for o in context["object_list"])
        today = timezone.localdate()
        context["this_month_url"] = reverse("meetings:calendar", args=[today.year, today.month])
        return context


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def first_weekday() -> int:
    """The reader's first day of the week, as the calendar module counts (0 = Monday).

    From the active language's FIRST_DAY_OF_WEEK (Django counts 0 = Sunday):
    Sunday in English, as New York's calendars print it; Monday in Spanish.
    """
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


@require_safe
def calendar_this_month(request):
    today = timezone.localdate()
    return redirect("meetings:calendar", today.year, today.month)


@require_safe
def calendar_month(request, year: int, month: int):
    today = timezone.localdate()
    lowest, highest = today.year - CALENDAR_YEARS, today.year + CALENDAR_YEARS
    if not 1 <= month <= 12 or not lowest <= year <= highest:
        return render(
            request,
            "meetings/calendar_out_of_range.html",
            {
                "year": year,
                "month": month,
                "lowest": lowest,
                "highest": highest,
                "this_month_url": reverse("meetings:calendar", args=[today.year, today.month]),
            },
            status=404,
        )
    first, last = month_bounds(year, month)
    found, away = schedule_cache.month(first, last)
    by_day: dict[datetime.date, list] = {}
    for occurrence in found:
        by_day.setdefault(occurrence.date, []).append(occurrence)
    moved_from: dict[datetime.date, list] = {}
    for occurrence in away:
        moved_from.setdefault(occurrence.original_date, []).append(occurrence)

    def calendar_day(day: datetime.date) -> dict:
        # Both lookups hold this month's days only, so the days around it stay empty.
        meetings = by_day.get(day, [])
        cancelled = sum(o.is_cancelled for o in meetings)
        events = sum(o.series.is_event and not o.is_cancelled for o in meetings)
        return {
            "date": day,
            "in_month": day.month == month,
            "is_today": day == today,
            "meetings": meetings,
            "moved_away": moved_from.get(day, []),
            "taking_place": len(meetings) - cancelled - events,
            "events": events,
            "cancelled": cancelled,
        }

    weeks = [
        [calendar_day(day) for day in week]
        for week in calendar.Calendar(first_weekday()).monthdatescalendar(year, month)
    ]
    previous, following = shift_month(year, month, -1), shift_month(year, month, 1)
    context = {
        "month_start": first,
        "weeks": weeks,
        "weekday_headers": [weeks[0][i]["date"] for i in range(7)],
        "days_with_meetings": [
            {"date": day, "meetings": by_day.get(day, []), "moved_away": moved_from.get(day, [])}
            for day in sorted(set(by_day) | set(moved_from))
        ],
        "previous_url": reverse("meetings:calendar", args=previous)
        if previous[0] >= lowest
        else None,
        "next_url": reverse("meetings:calendar", args=following)
        if following[0] <= highest
        else None,
        "previous_month": datetime.date(*previous, 1),
        "next_month": datetime.date(*following, 1),
        "subscribe": feeds.subscribe_links(request, reverse("meetings:all_feed")),
        "sample_schedule": any(o.series.is_sample_data for o in found + away),
    }
    return render(request, "meetings/calendar_month.html", context)


def json_ld(occurrence: occurrences.Occurrence, request) -> str:
    """schema.org Event data for search engines (rendered inside a JSON-LD script element)."""
    series = occurrence.series
    attendance = {
        "in_person": "https://schema.org/OfflineEventAttendanceMode",
        "virtual": "https://schema.org/OnlineEventAttendanceMode",
        "hybrid": "https://schema.org/MixedEventAttendanceMode",
    }[series.attending_type]
    status = "https://schema.org/EventScheduled"
    if occurrence.is_cancelled:
        status = "https://schema.org/EventCancelled"
    elif occurrence.is_moved:
        status = "https://schema.org/EventRescheduled"
    locations = []
    if series.is_in_person:
        locations.append(
            {
                "@type": "Place",
                "name": occurrence.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": occurrence.address,
                    "addressRegion": "NY",
                    "addressCountry": "US",
                },
            }
        )
    if series.is_online:
        locations.append(
            {
                "@type": "VirtualLocation",
                "url": series.join_url or request.build_absolute_uri(request.path),
            }
        )
    if series.is_event:
        name, description = series.title, series.description
    else:
        name = str(series)
        description = series.partnership.description or series.schedule_in_words
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": attendance,
        "location": locations[0] if len(locations) == 1 else locations,
        "description": description,
        "url": request.build_absolute_uri(occurrence.get_absolute_url()),
        "isAccessibleForFree": True,
        "inLanguage": [language.code for language in series.languages.all()],
        "organizer": {
            "@type": "Organization",
            "name": series.partnership.name,
            "url": request.build_absolute_uri(series.partnership.get_absolute_url()),
        },
    }
    if occurrence.date_changed:
        data["previousStartDate"] = occurrence.original_start.isoformat()
    return json.dumps(data, ensure_ascii=False)


@require_safe
def occurrence_detail(request, slug: str, day: datetime.date):
    series = get_object_or_404(published_series(), slug=slug)
    occurrence = occurrences.find(series, day)
    if occurrence is None:
        raise Http404(gettext("There is no meeting of this series on that date."))
    if occurrence.original_date != day:
        # A moved meeting has one page, at the date it was scheduled for.
        return redirect(occurrence.get_absolute_url())
    now = timezone.now()
    if occurrence.end >= now:
        hints.expire_at(request, occurrence.end)  # then it says the meeting took place
    context = {
        "occurrence": occurrence,
        "series": series,
        "partnership": series.partnership,
        "is_past": occurrence.end < now,
        "next_meeting": occurrences.next_after(series, occurrence.original_date),
        "json_ld": json_ld(occurrence, request),
        "subscribe": feeds.subscribe_links(
            request, reverse("meetings:partnership_feed", args=[series.partnership.slug])
        ),
    }
    return render(request, "meetings/occurrence_detail.html", context)


def absolute_builder(request):
    return request.build_absolute_uri


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=feeds.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FEED_CACHE = cache_control(public=True, max_age=settings.MEETING_FEED_MAX_AGE)


@require_safe
@FEED_CACHE
def all_feed(request):
    body = schedule_cache.feed(
        name=gettext("NYC Community Partnership meetings"),
        absolute=absolute_builder(request),
    )
    return calendar_response(body, "community-partnership-meetings.ics")


@require_safe
@FEED_CACHE
def borough_feed(request, borough: str):
    if borough not in Borough.values:
        raise Http404(gettext("There is no borough with that name."))
    body = schedule_cache.feed(
        name=gettext("Community Partnership meetings in %(borough)s")
        % {"borough": Borough(borough).label},
        absolute=absolute_builder(request),
        listed=MeetingSeries.objects.for_borough(borough),
    )
    return calendar_response(body, f"meetings-{borough}.ics")


@require_safe
@FEED_CACHE
def partnership_feed(request, slug: str):
    partnership = get_object_or_404(CommunityPartnership.objects.published(), slug=slug)
    body = schedule_cache.feed(
        name=gettext("%(partnership)s meetings") % {"partnership": partnership.name},
        absolute=absolute_builder(request),
        listed=MeetingSeries.objects.for_partnership(partnership),
    )
    return calendar_response(body, f"{partnership.slug}-meetings.ics")


@require_safe
def occurrence_ics(request, slug: str, day: datetime.date):
    series = get_object_or_404(published_series(), slug=slug)
    occurrence = occurrences.find(series, day)
    if occurrence is None or occurrence.original_date != day:
        raise Http404(gettext("There is no meeting of this series on that date."))
    body = feeds.single_event_calendar(occurrence, absolute_builder(request))
    return calendar_response(body, f"{series.slug}-{day.isoformat()}.ics")
