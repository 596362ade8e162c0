"""Recurring Community Partnership meetings and the changes staff make to single dates.

A series stores its rule (HSDS-style: freq, interval, byday or bymonthday);
its occurrences are computed by `meetings.occurrences`, never stored.

A one-time event (a resource fair, a family day, a workshop) is a series that
does not repeat (`freq` ONCE): its one date is `valid_from`. It needs no model
of its own: the list, the calendar, the feeds, its page, and cancelling or
moving it by a change all work as they do for a meeting. `Event` is the same
table seen through the admin's "Events" entry.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import NotSupportedError, models
from django.db.models import Count, F, Func, Max, Q, Sum
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from partnerships.models import (
    CommunityPartnership,
    Language,
    postal_code_validator,
    public_id_field,
)

from . import recurrence


class Frequency(models.TextChoices):
    MONTHLY = recurrence.MONTHLY, _("Monthly")
    WEEKLY = recurrence.WEEKLY, _("Weekly")
    ONCE = recurrence.ONCE, _("Does not repeat (one-time event)")


class AttendingType(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Online")
    HYBRID = "hybrid", _("In person and online")


class WheelchairAccess(models.TextChoices):
    YES = "yes", _("Wheelchair accessible")
    NO = "no", _("Not wheelchair accessible")
    UNKNOWN = "unknown", _("Wheelchair access not confirmed")


TIMEZONES = [("America/New_York", _("New York (Eastern Time)"))]

DESCRIPTION_MAX_LENGTH = 600


class Epoch(Func):
    """A datetime column in whole microseconds since 1970, exactly, computed by the database.

    PostgreSQL and SQLite only. On SQLite, Django stores "YYYY-MM-DD
    HH:MM:SS[.ffffff]" in UTC: the whole seconds, then the microseconds. The
    column appears twice there, so it must be a plain column (no parameters).
    """

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"Epoch() is not written for {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = (
            "(CAST(ROUND((julianday(substr(%(expressions)s, 1, 19)) - 2440587.5) * 86400)"
            " AS INTEGER) * 1000000 + CAST(substr(%(expressions)s, 21, 6) AS INTEGER))"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)


class MeetingSeriesQuerySet(models.QuerySet):
    def published(self):
        """Series residents may see: published, of a published partnership."""
        return self.filter(is_published=True, partnership__is_published=True)

    def for_borough(self, borough: str):
        return self.filter(partnership__borough=borough)

    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def events(self):
        """One-time events: series that do not repeat."""
        return self.filter(freq=Frequency.ONCE)

    def meetings(self):
        """Regular meetings: series that repeat."""
        return self.exclude(freq=Frequency.ONCE)

    def without_accessibility_information(self):
        """Series that tell residents nothing about access (Local Law 28 asks every listing to).

        Wheelchair access not confirmed, no ASL, CART or assistive listening, and
        neither accessibility notes nor how to ask for an accommodation, in English:
        what staff write first, whatever language the admin is in.
        """
        empty = Q()
        for name in ("accessibility_notes", "accommodation_requests"):
            column = build_localized_fieldname(name, settings.LANGUAGE_CODE)
            empty &= Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
        return self.filter(
            empty,
            wheelchair_access=WheelchairAccess.UNKNOWN,
            asl=False,
            cart=False,
            assistive_listening=False,
        )

    def for_listing(self):
        """What expanding occurrences needs, in two queries however many series."""
        return self.select_related("partnership").prefetch_related("changes")

    def with_details(self):
        """Also the languages, for pages and feeds that describe each series in full."""
        return self.for_listing().prefetch_related("languages")

    def stamp_groups(self, groups: int) -> dict[int, tuple[int, int, int, int]]:
        """A fingerprint of each group of series (primary key modulo `groups`), in one query.

        For each group: how many series, the sum of their keys, and the sums of
        their own and their partnerships' `updated`, in microseconds. Saving a
        series or its partnership moves one `updated`, so one sum; deleting,
        adding, publishing or unpublishing one changes the count. So a group's
        fingerprint changes whenever one of its `stamps()` rows does, and
        `meetings.schedule_cache` reads again only the rows of the groups whose
        fingerprint changed. Sums rather than latest times: a row saved with a
        clock behind another machine's moves its group's sum all the same.
        """
        return {
            group: tuple(map(int, sums))
            for group, *sums in self.order_by()
            .annotate(group=F("pk") % groups)
            .values("group")
            .annotate(
                n=Count("pk"),
                keys=Sum("pk"),
                series=Sum(Epoch("updated")),
                partnerships=Sum(Epoch("partnership__updated")),
            )
            .values_list("group", "n", "keys", "series", "partnerships")
        }

    def stamps(self, groups: int = 1, among=None) -> list:
        """One light row per series, by key: what names it, and what its meetings depend on.

        Only the series of the groups `among` (primary key modulo `groups`),
        when given. Times are read as the database writes them (text): they only
        need to differ when a row changed, and parsing thousands of them cost
        more than the query. The title comes as two columns, English
        (`title_en`) and the reader's language (`title_local`, empty until
        translated), and modeltranslation's rewriting is off: asking for `title`
        made it compute the fallback row by row in Python, which cost more than
        the query.
        """
        language = translation.get_language() or settings.LANGUAGE_CODE
        rows = self.rewrite(False).order_by("pk")  # columns as named: no per-row fallback
        if among is not None:
            rows = rows.alias(group=F("pk") % groups).filter(group__in=among)
        return list(
            rows.annotate(
                updated_stamp=Cast("updated", models.TextField()),
                partnership_stamp=Cast("partnership__updated", models.TextField()),
                title_local=F(build_localized_fieldname("title", language)),
            ).values_list(
                "pk",
                "slug",
                "title_en",
                "title_local",
                "timezone",
                "is_sample_data",
                "freq",
                "updated_stamp",
                "partnership__name",
                "partnership__slug",
                "partnership_stamp",
                named=True,
            )
        )


def change_stamps() -> dict[int, tuple[str, int]]:
    """For each series with changes, the latest `updated` of its changes and how many.

    Together they change whenever one of its changes is added, edited or
    deleted (a deletion lowers the count). One pass over the few changes.
    """
    return {
        series: (latest, count)
        for series, latest, count in MeetingChange.objects.order_by()
        .values("series")
        .annotate(latest=Cast(Max("updated"), models.TextField()), n=Count("pk"))
        .values_list("series", "latest", "n")
    }


class MeetingSeries(models.Model):
    partnership = models.ForeignKey(
        CommunityPartnership,
        on_delete=models.CASCADE,
        related_name="meeting_series",
        verbose_name=_("community partnership"),
    )
    # No default: each language's column would copy it, English text in every language.
    # The admin offers "Monthly partnership meeting" as the English title.
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_(
            "What happens, for whom, in two or three sentences. Needed for a one-time event."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Part of each meeting's web address. Changing it breaks saved links."),
    )

    # The rule, as in HSDS schedules and iCalendar RRULEs.
    freq = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 for every month (or week), 2 for every other one."),
    )
    byday = models.CharField(
        _("day of the week"),
        max_length=4,
        blank=True,
        help_text=_(
            "Monthly: 2TU is the second Tuesday, -1FR the last Friday. Weekly: TU. "
            "Leave empty to use a day of the month instead."
        ),
    )
    bymonthday = models.SmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        help_text=_("1 to 31, or -1 for the last day of the month. Only for monthly meetings."),
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"), max_length=40, choices=TIMEZONES, default="America/New_York"
    )
    valid_from = models.DateField(
        _("first date on or after"), help_text=_("For a one-time event: its date.")
    )
    until = models.DateField(
        _("last date on or before"), null=True, blank=True, help_text=_("Empty: no end date.")
    )

    attending_type = models.CharField(
        _("how to attend"),
        max_length=12,
        choices=AttendingType.choices,
        default=AttendingType.IN_PERSON,
    )
    venue_name = models.CharField(_("venue"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    postal_code = models.CharField(
        _("ZIP code"), max_length=10, blank=True, validators=[postal_code_validator]
    )
    join_url = models.URLField(
        _("online meeting link"), blank=True, help_text=_("For online and hybrid meetings.")
    )
    dial_in = models.CharField(
        _("dial-in"),
        max_length=120,
        blank=True,
        help_text=_("Phone number and access code, for joining by phone."),
    )
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("languages spoken or interpreted"),
        blank=True,
        related_name="meeting_series",
    )

    # Accessibility, as NYC Local Law 28 asks event listings to state.
    wheelchair_access = models.CharField(
        _("wheelchair access"),
        max_length=10,
        choices=WheelchairAccess.choices,
        default=WheelchairAccess.UNKNOWN,
    )
    asl = models.BooleanField(_("ASL interpretation"), default=False)
    cart = models.BooleanField(_("CART (live captioning)"), default=False)
    assistive_listening = models.BooleanField(_("assistive listening devices"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    accommodation_requests = models.TextField(
        _("how to ask for an accommodation"),
        blank=True,
        help_text=_("Who to contact, how, and how many days ahead."),
    )
    notes = models.TextField(_("notes for residents"), blank=True)

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published series of published partnerships appear on the site."),
    )
    is_sample_data = models.BooleanField(
        _("sample schedule"),
        default=False,
        help_text=_("Demo data: the site says the schedule is a sample."),
    )
    uuid = public_id_field()
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "title"]
        verbose_name = _("meeting series")
        # The same words in English; Spanish needs the plural ("series de reuniones").
        verbose_name_plural = pgettext_lazy("plural", "meeting series")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="meetingseries_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("valid_from")),
                name="meetingseries_until_after_valid_from",
            ),
            models.CheckConstraint(
                condition=Q(interval__gte=1, interval__lte=12),
                name="meetingseries_interval_range",
            ),
            models.CheckConstraint(
                condition=Q(freq__in=Frequency.values), name="meetingseries_freq_valid"
            ),
            models.CheckConstraint(
                condition=Q(attending_type__in=AttendingType.values),
                name="meetingseries_attending_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(freq=Frequency.ONCE) | ~Q(byday="") | Q(bymonthday__isnull=False),
                name="meetingseries_has_a_day",
            ),
            models.CheckConstraint(
                condition=~Q(freq=Frequency.ONCE)
                | Q(byday="", bymonthday__isnull=True, until__isnull=True, interval=1),
                name="meetingseries_once_does_not_repeat",
            ),
            models.CheckConstraint(
                condition=~Q(freq=Frequency.ONCE) | ~Q(description=""),
                name="meetingseries_event_has_description",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH),
                name="meetingseries_description_length",
            ),
        ]

    def __str__(self):
        return f"{self.partnership.name}: {self.title}"

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()

    # -- The rule ---------------------------------------------------------

    @cached_property
    def change_list(self) -> list["MeetingChange"]:
        """This series' changes, read once (from the prefetch cache when there is one)."""
        return list(self.changes.all())

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_event(self) -> bool:
        """A one-time event rather than a regular meeting."""
        return self.freq == Frequency.ONCE

    def rule(self, near: datetime.date | None = None):
        """The dateutil rrule of this series over naive local datetimes at the start time.

        With `near`, the rule starts at the latest period boundary on or before
        that date instead of at `valid_from`: the same dates from there on, without
        walking through years of past meetings first.
        """
        first = recurrence.period_start(
            self.freq, self.interval, self.valid_from, near or self.valid_from
        )
        until = datetime.datetime.combine(self.until, self.start_time) if self.until else None
        return recurrence.build_rrule(
            freq=self.freq,
            interval=self.interval,
            byday=self.byday,
            bymonthday=self.bymonthday,
            dtstart=datetime.datetime.combine(first, self.start_time),
            until=until,
        )

    def rule_dates(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        """Dates the rule gives from start to end inclusive (changes not applied)."""
        first = datetime.datetime.combine(start, datetime.time.min)
        last = datetime.datetime.combine(end, datetime.time.max)
        return [moment.date() for moment in self.rule(near=start).between(first, last, inc=True)]

    def is_rule_date(self, day: datetime.date) -> bool:
        return bool(self.rule_dates(day, day))

    def first_rule_date(self) -> datetime.date | None:
        first = self.rule().after(
            datetime.datetime.combine(self.valid_from, datetime.time.min), inc=True
        )
        return first.date() if first else None

    @property
    def rule_in_words(self) -> str:
        return recurrence.describe_rule(
            self.freq, self.interval, self.byday, self.bymonthday, first=self.valid_from
        )

    @property
    def time_range(self) -> str:
        return recurrence.format_time_range(self.start_time, self.end_time)

    @property
    def schedule_in_words(self) -> str:
        """“Second Tuesday of every month, 6:00–8:00 PM”, in the active language."""
        return gettext("%(rule)s, %(time)s") % {
            "rule": self.rule_in_words,
            "time": self.time_range,
        }

    @property
    def rule_warning(self) -> str:
        return recurrence.skipped_months_warning(self.freq, self.byday, self.bymonthday)

    # -- Where and how -----------------------------------------------------

    @property
    def is_in_person(self) -> bool:
        return self.attending_type in (AttendingType.IN_PERSON, AttendingType.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.attending_type in (AttendingType.VIRTUAL, AttendingType.HYBRID)

    @property
    def accessibility_in_words(self) -> str:
        """“Wheelchair accessible; ASL interpretation”: for lists and calendar descriptions."""
        items = [self.get_wheelchair_access_display()]
        if self.asl:
            items.append(gettext("ASL interpretation"))
        if self.cart:
            items.append(gettext("CART (live captioning)"))
        if self.assistive_listening:
            items.append(gettext("assistive listening devices"))
        return "; ".join(str(item) for item in items)

    @property
    def address(self) -> str:
        place = ", ".join(p for p in (self.street_address, self.city) if p)
        return f"{place} {self.postal_code}".strip()

    def clean(self):
        errors = {}
        try:
            recurrence.check_rule(self.freq, self.interval or 0, self.byday, self.bymonthday)
        except recurrence.RuleError as error:
            field = "bymonthday" if self.bymonthday is not None and not self.byday else "byday"
            if self.freq == Frequency.ONCE and not (self.byday or self.bymonthday is not None):
                field = "interval"
            errors[field] = str(error)
        else:
            if self.byday:
                self.byday = recurrence.parse_byday(self.byday).code
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = gettext("The meeting must end after it starts.")
        if self.valid_from and self.until and self.until < self.valid_from:
            errors["until"] = gettext("The last date cannot be before the first date.")
        if self.is_event:
            if self.until:
                errors["until"] = gettext(
                    "A one-time event has no last date: leave it empty. Its date is the first date."
                )
            if not self.description.strip():
                errors["description"] = gettext(
                    "Describe the event in a few sentences: what happens, and for whom."
                )
        if self.is_in_person and not (self.venue_name and self.street_address):
            errors["street_address"] = gettext(
                "In-person meetings need a venue and a street address."
            )
        if self.is_online and not (self.join_url or self.dial_in):
            errors["join_url"] = gettext("Online meetings need a link or a dial-in number.")
        complete = self.valid_from and self.start_time and self.end_time
        if not errors and complete and self.first_rule_date() is None:
            errors["until"] = gettext("No meeting falls between the first and the last date.")
        if errors:
            raise ValidationError(errors)


class Event(MeetingSeries):
    """One-time events, as the admin's "Events" entry shows them.

    The same rows as MeetingSeries (a proxy), with a form that asks only what
    an event needs, and permissions of their own that the "OCEP editors" hold.
    """

    class Meta:
        proxy = True
        ordering = ["-valid_from", "partnership__name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")


class ChangeKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")
    EXTRA = "extra", _("Extra meeting")


class MeetingChangeQuerySet(models.QuerySet):
    def between(self, start: datetime.date, end: datetime.date):
        """Changes to a date from start to end inclusive, or moving a meeting onto one."""
        return self.filter(Q(original_date__range=(start, end)) | Q(new_date__range=(start, end)))

    def without_note(self):
        """Changes residents are told nothing about: no note in English."""
        column = build_localized_fieldname("note", settings.LANGUAGE_CODE)
        return self.filter(Q(**{column: ""}) | Q(**{f"{column}__isnull": True}))


class MeetingChange(models.Model):
    """One date of a series cancelled or moved, or one extra meeting added."""

    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("meeting series"),
    )
    original_date = models.DateField(
        _("date"),
        help_text=_(
            "Cancelled or moved: the scheduled date it replaces. Extra: the date of the "
            "extra meeting."
        ),
    )
    kind = models.CharField(_("change"), max_length=10, choices=ChangeKind.choices)
    new_date = models.DateField(
        _("new date"), null=True, blank=True, help_text=_("Moved: leave empty to keep the date.")
    )
    new_start_time = models.TimeField(
        _("new start time"), null=True, blank=True, help_text=_("Empty: the usual time.")
    )
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    new_venue_name = models.CharField(
        _("new venue"), max_length=150, blank=True, help_text=_("Empty: the usual place.")
    )
    new_street_address = models.CharField(_("new street address"), max_length=200, blank=True)
    note = models.CharField(
        _("note for residents"),
        max_length=300,
        blank=True,
        help_text=_("Shown on the site and in calendars, e.g. why it was cancelled."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["original_date"]
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="meetingchange_one_per_date"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="meetingchange_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(new_end_time__isnull=True)
                | Q(new_start_time__isnull=True)
                | Q(new_end_time__gt=models.F("new_start_time")),
                name="meetingchange_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_date:%Y-%m-%d}"

    @property
    def is_cancellation(self) -> bool:
        return self.kind == ChangeKind.CANCELLED

    def clean(self):
        errors = {}
        try:
            series = self.series  # set, even before the series is saved, by the admin inline
        except MeetingSeries.DoesNotExist:
            series = None
        if series is not None and self.original_date:
            try:
                is_rule_date = series.is_rule_date(self.original_date)
            except recurrence.RuleError:
                is_rule_date = False
            if self.kind in (ChangeKind.CANCELLED, ChangeKind.MOVED) and not is_rule_date:
                errors["original_date"] = gettext(
                    "%(date)s is not a meeting date of this series, so it cannot be "
                    "cancelled or moved. Add an extra meeting instead."
                ) % {"date": self.original_date.isoformat()}
            if self.kind == ChangeKind.EXTRA and series.is_event:
                errors["kind"] = gettext(
                    "A one-time event has no extra dates. Add another event instead."
                )
            elif self.kind == ChangeKind.EXTRA and is_rule_date:
                errors["original_date"] = gettext(
                    "%(date)s is already a meeting date of this series."
                ) % {"date": self.original_date.isoformat()}
        if self.kind == ChangeKind.MOVED and not (
            self.new_date or self.new_start_time or self.new_venue_name
        ):
            errors["new_date"] = gettext("A moved meeting needs a new date, time or venue.")
        if self.kind == ChangeKind.CANCELLED and (
            self.new_date or self.new_start_time or self.new_end_time or self.new_venue_name
        ):
            errors["kind"] = gettext("A cancelled meeting has no new date, time or venue.")
        if self.new_venue_name and not self.new_street_address:
            errors["new_street_address"] = gettext("Give the new venue's street address.")
        if self.new_street_address and not self.new_venue_name:
            errors["new_venue_name"] = gettext("Give the name of the new venue.")
        if self.kind == ChangeKind.EXTRA and self.new_date:
            errors["new_date"] = gettext("For an extra meeting, put its date in “date”.")
        if bool(self.new_start_time) != bool(self.new_end_time):
            errors["new_end_time"] = gettext("Give both a new start time and a new end time.")
        elif self.new_start_time and self.new_end_time <= self.new_start_time:
            errors["new_end_time"] = gettext("The meeting must end after it starts.")
        if errors:
            raise ValidationError(errors)
