"""Sample meeting schedules and events for the demo partnerships, plainly marked as samples.

The real partnerships meet monthly, but their exact days, times and places
are not published in our sources, so every schedule here is invented and
flagged `is_sample_data`, which the site states on every page showing it.
The same goes for the few one-time events, set in the weeks after seeding.
"""

import datetime

from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.places import CITY
from partnerships.models import CommunityPartnership, Language

from .models import (
    AttendingType,
    ChangeKind,
    Frequency,
    MeetingChange,
    MeetingSeries,
    WheelchairAccess,
)

# (byday, start, end, how to attend) for the real partnerships, in seeding order.
SCHEDULES = [
    ("2TU", datetime.time(18), datetime.time(20), AttendingType.IN_PERSON),
    ("-1FR", datetime.time(10), datetime.time(12), AttendingType.HYBRID),
    ("3WE", datetime.time(17, 30), datetime.time(19, 30), AttendingType.IN_PERSON),
    ("1TH", datetime.time(18), datetime.time(19, 30), AttendingType.VIRTUAL),
    ("2WE", datetime.time(12), datetime.time(14), AttendingType.IN_PERSON),
    ("4TU", datetime.time(18), datetime.time(20), AttendingType.HYBRID),
    ("1MO", datetime.time(17), datetime.time(19), AttendingType.IN_PERSON),
    ("3TH", datetime.time(10), datetime.time(12), AttendingType.IN_PERSON),
    ("2SA", datetime.time(11), datetime.time(13), AttendingType.IN_PERSON),
    ("-1WE", datetime.time(18), datetime.time(20), AttendingType.VIRTUAL),
    ("3TU", datetime.time(16), datetime.time(18), AttendingType.HYBRID),
]
# (partnership, slug suffix, title, description, at least this many days ahead,
# weekday (0 = Monday), start, end, how to attend): one of each kind the issue names.
EVENTS = [
    (
        "hunts-point",
        "resource-fair",
        "Community resource fair (sample)",
        "Meet local organizations that help with food, housing, child care, benefits and "
        "jobs, all in one room. Activities for children while you talk (sample event).",
        10,
        5,
        datetime.time(11),
        datetime.time(15),
        AttendingType.IN_PERSON,
    ),
    (
        "east-harlem",
        "family-day",
        "Family day in the park (sample)",
        "An afternoon of games, music, face painting and story time for families, with "
        "tables from neighborhood programs (sample event).",
        17,
        5,
        datetime.time(12),
        datetime.time(16),
        AttendingType.IN_PERSON,
    ),
    (
        "elmhurst",
        "teens-workshop",
        "Workshop: talking with teens (sample)",
        "A free workshop for parents and caregivers on keeping conversations going with "
        "teenagers, led by a family counselor. Come in person or join online (sample event).",
        8,
        2,
        datetime.time(18),
        datetime.time(19, 30),
        AttendingType.HYBRID,
    ),
]
ACCOMMODATIONS = (
    "Ask the partnership for an interpreter, ASL, CART or another accommodation at least "
    "five business days before the meeting (sample text)."
)


# The demo's one title, translated as staff would in the admin's language sections.
MONTHLY_MEETING = {
    "en": "Monthly partnership meeting",
    "es": "Reunión mensual de la alianza",
    "zh-hans": "伙伴联盟每月会议",
    "zh-hant": "夥伴聯盟每月會議",
    "ru": "Ежемесячное собрание партнёрства",
    "bn": "অংশীদারিত্বের মাসিক সভা",
    "ht": "Reyinyon chak mwa patenarya a",
    "ko": "파트너십 월례 회의",
    "ar": "الاجتماع الشهري للشراكة",
    "ur": "شراکت داری کا ماہانہ اجلاس",
    "fr": "Réunion mensuelle du partenariat",
    "pl": "Comiesięczne spotkanie partnerstwa",
}


def _series_fields(partnership: CommunityPartnership, n: int, valid_from: datetime.date) -> dict:
    byday, start, end, attending = SCHEDULES[n % len(SCHEDULES)]
    fields = {
        "partnership": partnership,
        **{build_localized_fieldname("title", code): t for code, t in MONTHLY_MEETING.items()},
        "slug": f"{partnership.slug}-monthly",
        "freq": "MONTHLY",
        "byday": byday,
        "start_time": start,
        "end_time": end,
        "valid_from": valid_from,
        "attending_type": attending,
        "wheelchair_access": [WheelchairAccess.YES, WheelchairAccess.UNKNOWN][n % 2],
        "asl": n % 3 == 0,
        "cart": n % 4 == 0,
        "assistive_listening": n % 5 == 0,
        "accommodation_requests": ACCOMMODATIONS,
        "is_published": True,
        "is_sample_data": True,
    }
    if attending != AttendingType.VIRTUAL:
        fields.update(
            venue_name=f"{partnership.neighborhoods.split(',')[0]} community room (sample)",
            street_address=f"{200 + n * 11} Sample Avenue",
            city=CITY[partnership.borough],
        )
    if attending != AttendingType.IN_PERSON:
        fields.update(
            join_url=f"https://example.org/meetings/{partnership.slug}",
            dial_in=f"(212) 555-01{60 + n:02d}, access code 000 000 (sample)",
        )
    return fields


def _next_rule_date(series: MeetingSeries, after: datetime.date) -> datetime.date | None:
    dates = series.rule_dates(after, after + datetime.timedelta(days=62))
    return dates[0] if dates else None


def seed_meetings(*, partnership_slugs: list[str], scale: int = 0) -> int:
    """Create a sample series for each listed partnership that has none; return how many."""
    today = timezone.localdate()
    valid_from = today.replace(month=1, day=1)
    created: list[MeetingSeries] = []
    partnerships = CommunityPartnership.objects.filter(slug__in=partnership_slugs)
    by_slug = {p.slug: p for p in partnerships.prefetch_related("languages", "meeting_series")}
    for n, slug in enumerate(partnership_slugs):
        partnership = by_slug.get(slug)
        if partnership is None or partnership.meeting_series.all():
            continue  # staff already set up (or removed) this partnership's schedule
        fields = _series_fields(partnership, n, valid_from)
        if MeetingSeries.objects.filter(slug=fields["slug"]).exists():
            continue
        series = MeetingSeries.objects.create(**fields)
        series.languages.set(partnership.languages.all())
        created.append(series)

    # One cancellation and one move in the coming weeks, so both show on the site.
    soon = today + datetime.timedelta(days=3)
    if len(created) >= 2:
        cancelled_date = _next_rule_date(created[0], soon)
        if cancelled_date:
            MeetingChange.objects.create(
                series=created[0],
                original_date=cancelled_date,
                kind=ChangeKind.CANCELLED,
                note="Cancelled for a holiday (sample).",
            )
        moved_date = _next_rule_date(created[1], soon)
        if moved_date:
            MeetingChange.objects.create(
                series=created[1],
                original_date=moved_date,
                kind=ChangeKind.MOVED,
                new_date=moved_date + datetime.timedelta(days=7),
                note="Moved one week later because the venue is closed (sample).",
            )
    return len(created) + (seed_synthetic(scale, valid_from) if scale else 0)


def seed_events() -> int:
    """A few sample one-time events in the coming weeks; return how many were created."""
    today = timezone.localdate()
    slugs = {row[0] for row in EVENTS}
    by_slug = {
        p.slug: p
        for p in CommunityPartnership.objects.filter(slug__in=slugs).prefetch_related("languages")
    }
    created = 0
    for n, (slug, suffix, title, description, ahead, weekday, start, end, attending) in enumerate(
        EVENTS
    ):
        partnership = by_slug.get(slug)
        event_slug = f"{slug}-{suffix}"
        if partnership is None or MeetingSeries.objects.filter(slug=event_slug).exists():
            continue
        fields = {  # an event has its own title, in English only, as staff first write it
            name: value
            for name, value in _series_fields(partnership, n, today).items()
            if not name.startswith("title")
        }
        day = today + datetime.timedelta(days=ahead)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        fields.update(
            title=title,
            slug=event_slug,
            description=description,
            freq=Frequency.ONCE,
            byday="",
            valid_from=day,
            start_time=start,
            end_time=end,
            attending_type=attending,
            venue_name=f"{partnership.neighborhoods.split(',')[0]} recreation center (sample)",
            street_address=f"{100 + n * 7} Sample Street",
            city=CITY[partnership.borough],
            join_url="",
            dial_in="",
        )
        if attending != AttendingType.IN_PERSON:
            fields.update(join_url=f"https://example.org/events/{event_slug}")
        event = MeetingSeries.objects.create(**fields)
        event.languages.set(partnership.languages.all())
        created += 1
    return created


def seed_synthetic(scale: int, valid_from: datetime.date) -> int:
    """One series for each synthetic load-test partnership, in bulk."""
    slugs = [f"sample-partnership-{i:04d}" for i in range(1, scale + 1)]
    partnerships = CommunityPartnership.objects.filter(slug__in=slugs, meeting_series=None)
    new = [
        MeetingSeries(**_series_fields(partnership, partnership.pk, valid_from))
        for partnership in partnerships
    ]
    MeetingSeries.objects.bulk_create(new)
    Through = MeetingSeries.languages.through
    english = Language.objects.get(code="en")
    created = MeetingSeries.objects.filter(slug__in=[s.slug for s in new])
    Through.objects.bulk_create(
        Through(meetingseries_id=pk, language_id=english.pk)
        for pk in created.values_list("pk", flat=True)
    )
    return len(new)
