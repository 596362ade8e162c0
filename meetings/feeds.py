"""iCalendar feeds: subscribe once, and every later change reaches the calendar.

Each series is one VEVENT with an RRULE, so calendar apps show all future
meetings. Cancelled dates are EXDATEs; a moved date is a second VEVENT with
the same UID and a RECURRENCE-ID naming the date it replaces; an extra
meeting is its own VEVENT. A one-time event is a single VEVENT with no RRULE,
as its change (if any) leaves it: moved, or kept with STATUS:CANCELLED so that
calendars which had it mark it cancelled. UIDs come from primary keys, so they
stay the same when staff rename a series or change its slug.
"""

import datetime
from collections.abc import Callable, Iterable
from operator import attrgetter
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from . import occurrences
from .models import ChangeKind, MeetingChange, MeetingSeries

UTC = datetime.UTC
CONTENT_TYPE = "text/calendar; charset=utf-8"


def new_york_vtimezone() -> Timezone:
    """America/New_York as calendar apps write it: two yearly rules, not a list of dates.

    Outlook and dateutil-based readers use the VTIMEZONE itself rather than
    their own time zone database, and some of them only understand RRULE
    observances. These are New York's rules since 2007, which covers every
    meeting this site lists.
    """
    timezone = Timezone()
    timezone.add("tzid", "America/New_York")
    daylight = TimezoneDaylight()
    daylight.add("tzname", "EDT")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=-5))
    daylight.add("tzoffsetto", datetime.timedelta(hours=-4))
    daylight.add("dtstart", datetime.datetime(2007, 3, 11, 2))  # noqa: DTZ001 (local time)
    daylight.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "2SU"})
    standard = TimezoneStandard()
    standard.add("tzname", "EST")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=-4))
    standard.add("tzoffsetto", datetime.timedelta(hours=-5))
    standard.add("dtstart", datetime.datetime(2007, 11, 4, 2))  # noqa: DTZ001 (local time)
    standard.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 11, "BYDAY": "1SU"})
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone


def add_timezones(calendar: Calendar) -> None:
    if "America/New_York" in calendar.get_missing_tzids():
        calendar.subcomponents.insert(0, new_york_vtimezone())
    calendar.add_missing_timezones()  # any other zone, should one ever be used


def series_uid(series: MeetingSeries) -> str:
    return f"meeting-series-{series.pk}@{settings.CALENDAR_UID_DOMAIN}"


def extra_uid(change: MeetingChange) -> str:
    return f"meeting-extra-{change.pk}@{settings.CALENDAR_UID_DOMAIN}"


def single_uid(occurrence: occurrences.Occurrence) -> str:
    day = occurrence.original_date.strftime("%Y%m%d")
    return f"meeting-{occurrence.series.pk}-{day}@{settings.CALENDAR_UID_DOMAIN}"


def location(series: MeetingSeries, venue: str, address: str) -> str:
    """Where, as the pages say it (pass an occurrence's venue and address for a changed one)."""
    if not series.is_in_person:
        return gettext("Online")
    place = ", ".join(p for p in (venue, address) if p)
    if series.is_online:
        return gettext("%(place)s, or online") % {"place": place}
    return place


def description(series: MeetingSeries, page_url: str, note: str = "") -> str:
    lines = [note] if note else []
    if series.description:
        lines.append(series.description)
    lines.append(series.schedule_in_words)
    languages = ", ".join(language.display_name for language in series.languages.all())
    if languages:
        lines.append(gettext("Languages: %(languages)s") % {"languages": languages})
    if series.is_online and series.join_url:
        lines.append(gettext("Join online: %(url)s") % {"url": series.join_url})
    if series.is_online and series.dial_in:
        lines.append(gettext("Join by phone: %(dial_in)s") % {"dial_in": series.dial_in})
    provisions = series.accessibility_in_words
    if provisions:
        lines.append(gettext("Accessibility: %(provisions)s") % {"provisions": provisions})
    if series.accommodation_requests:
        lines.append(series.accommodation_requests)
    lines.append(gettext("Open to everyone and free. Details: %(url)s") % {"url": page_url})
    return "\n".join(lines)


def _event(
    series: MeetingSeries, uid: str, start, end, summary: str, url: str, modified=None
) -> Event:
    modified = (modified or series.updated).astimezone(UTC)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("url", url)
    event.add("status", "CONFIRMED")
    return event


def changed_event(series, uid: str, change: MeetingChange, page_url: str, absolute) -> Event:
    """The VEVENT of a moved or extra meeting, with its own time, place and note."""
    occurrence = occurrences.occurrence_for(series, change.original_date, change)
    event = _event(
        series,
        uid,
        occurrence.start,
        occurrence.end,
        str(series),
        absolute(occurrence.get_absolute_url()),
    )
    event.add("location", location(series, occurrence.venue_name, occurrence.address))
    note = change.note
    if change.kind == ChangeKind.MOVED and not note:
        note = gettext("This meeting has been moved.")
    event.add("description", description(series, page_url, note))
    return event


def one_time_event(series: MeetingSeries, day: datetime.date, absolute) -> Event:
    """The VEVENT of an event that does not repeat, with its change (if any) applied."""
    change = next(
        (c for c in series.change_list if c.original_date == day and c.kind != ChangeKind.EXTRA),
        None,
    )
    occurrence = occurrences.occurrence_for(series, day, change)
    page_url = absolute(occurrence.get_absolute_url())
    modified = max(series.updated, change.updated) if change else series.updated
    event = _event(
        series,
        series_uid(series),
        occurrence.start,
        occurrence.end,
        str(series),
        page_url,
        modified,
    )
    if occurrence.is_cancelled:
        event["status"] = "CANCELLED"
    event.add("location", location(series, occurrence.venue_name, occurrence.address))
    event.add("description", description(series, page_url, occurrence.note))
    return event


def series_events(series: MeetingSeries, absolute: Callable[[str], str]) -> list[Event]:
    """The VEVENTs of one series: the rule, its moved dates and its extra meetings."""
    first = series.first_rule_date()
    if first is None:
        return []
    if series.is_event:
        return [one_time_event(series, first, absolute)]
    tz = series.tz
    page_url = absolute(series.partnership.get_absolute_url())
    summary = str(series)
    main = _event(
        series,
        series_uid(series),
        datetime.datetime.combine(first, series.start_time, tzinfo=tz),
        datetime.datetime.combine(first, series.end_time, tzinfo=tz),
        summary,
        page_url,
    )
    rule = {"FREQ": series.freq, "INTERVAL": series.interval}
    if series.byday:
        rule["BYDAY"] = series.byday
    else:
        rule["BYMONTHDAY"] = series.bymonthday
    if series.until:
        # With a TZID'd DTSTART, UNTIL must be in UTC (RFC 5545, 3.3.10).
        last = datetime.datetime.combine(series.until, series.start_time, tzinfo=tz)
        rule["UNTIL"] = last.astimezone(UTC)
    main.add("rrule", rule)
    main.add("location", location(series, series.venue_name, series.address))
    main.add("description", description(series, page_url))
    events = [main]

    cancelled = []
    for change in series.change_list:
        if change.kind == ChangeKind.EXTRA:
            if not series.is_rule_date(change.original_date):
                events.append(changed_event(series, extra_uid(change), change, page_url, absolute))
            continue
        if not series.is_rule_date(change.original_date):
            continue  # the rule was edited since; the change no longer applies
        original = datetime.datetime.combine(change.original_date, series.start_time, tzinfo=tz)
        if change.kind == ChangeKind.CANCELLED:
            cancelled.append(original)
            continue
        moved = changed_event(series, series_uid(series), change, page_url, absolute)
        moved.add("recurrence-id", original)
        events.append(moved)
    if cancelled:
        main.add("exdate", cancelled)
    return events


def _feed(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//NYC ACS OCEP//Community Partnership meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Ask subscribed calendars to check for cancellations and moves twice a day.
    calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", datetime.timedelta(hours=12))
    return calendar


def build_calendar(
    series_list: Iterable[MeetingSeries], *, name: str, absolute: Callable[[str], str]
) -> bytes:
    """The feed of these series, built whole (see `assemble_calendar` for the cached way).

    Series in the order they were created (by key), as the schedule cache keeps them.
    """
    calendar = _feed(name)
    for series in sorted(series_list, key=attrgetter("pk")):
        for event in series_events(series, absolute):
            calendar.add_component(event)
    add_timezones(calendar)
    return calendar.to_ical()


def series_ical(series: MeetingSeries, absolute: Callable[[str], str]) -> bytes:
    """One series' VEVENTs as they appear inside a feed (empty if no date falls in its rule)."""
    return b"".join(event.to_ical() for event in series_events(series, absolute))


END = b"END:VCALENDAR\r\n"


def assemble_calendar(events: list[bytes], *, name: str) -> bytes:
    """The same bytes as `build_calendar`, around VEVENTs of New York series already written.

    Each content line is folded on its own, so a component written alone is
    byte for byte what it is inside a calendar: only the VTIMEZONE, which
    `add_timezones` puts first when an event uses it, has to be added here.
    """
    calendar = _feed(name)
    if events:
        calendar.subcomponents.insert(0, new_york_vtimezone())
    head = calendar.to_ical()
    return head[: -len(END)] + b"".join(events) + END


def single_event_calendar(occurrence: occurrences.Occurrence, absolute) -> bytes:
    """One meeting, for “Add to calendar”: not linked to the series' feed."""
    series = occurrence.series
    page_url = absolute(occurrence.get_absolute_url())
    event = _event(
        series,
        single_uid(occurrence),
        occurrence.start,
        occurrence.end,
        str(series),
        page_url,
    )
    if occurrence.is_cancelled:
        event["status"] = "CANCELLED"
    event.add("location", location(series, occurrence.venue_name, occurrence.address))
    event.add("description", description(series, page_url, occurrence.note))
    calendar = Calendar()
    calendar.add("prodid", "-//NYC ACS OCEP//Community Partnership meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    add_timezones(calendar)
    return calendar.to_ical()


def subscribe_links(request, path: str) -> dict[str, str]:
    """The plain https address of a feed, its webcal:// twin, and one-click subscribe links."""
    https = request.build_absolute_uri(path)
    webcal = "webcal://" + https.split("://", 1)[1]
    return {
        "https": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?url=" + quote(https, safe=""),
    }
