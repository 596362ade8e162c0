"""Sample meeting schedules for the demo partnerships, plainly marked as samples.

The real partnerships meet monthly, but their exact days, times and places
are not published in our sources, so every schedule here is invented and
flagged `is_sample_data`, which the site states on every page showing it.
"""

import datetime

from django.utils import timezone

from core.places import CITY
from partnerships.models import CommunityPartnership, Language

from .models import AttendingType, ChangeKind, MeetingChange, MeetingSeries, WheelchairAccess

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
ACCOMMODATIONS = (
    "Ask the partnership for an interpreter, ASL, CART or another accommodation at least "
    "five business days before the meeting (sample text)."
)


def _series_fields(partnership: CommunityPartnership, n: int, valid_from: datetime.date) -> dict:
    byday, start, end, attending = SCHEDULES[n % len(SCHEDULES)]
    fields = {
        "partnership": partnership,
        "title": "Monthly partnership meeting",
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
