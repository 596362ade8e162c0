"""Admin for meeting schedules: a series with its cancelled, moved and extra dates inline.

"Meeting series" lists every series, one-time events included; "Events" shows
only the events, with a form that asks for a date instead of a rule.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.admin_helpers import URL_FIELD_OVERRIDES, BulkUpdateMixin, TranslatedFieldsMixin

from . import occurrences
from .forms import MeetingSeriesForm
from .models import ChangeKind, Event, Frequency, MeetingChange, MeetingSeries
from .quick_changes import QuickChangeForm, QuickMoveForm
from .recurrence import RuleError

PREVIEW_COUNT = 6

# What the staff home page (staff/home.py) calls "coming up", and the filters it links to.
COMING_DAYS = 14


def coming_days(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Today and the days after it, COMING_DAYS in all, first and last included."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=COMING_DAYS - 1)


def in_the_next_days() -> str:
    return ngettext("In the next %(count)d day", "In the next %(count)d days", COMING_DAYS) % {
        "count": COMING_DAYS
    }


class ChangeComingFilter(admin.SimpleListFilter):
    """Changes to a date in the coming days, or moving a meeting into them."""

    title = _("date")
    parameter_name = "coming"

    def lookups(self, request, model_admin):
        return [("next", in_the_next_days())]

    def queryset(self, request, queryset):
        if self.value() == "next":
            return queryset.between(*coming_days())
        return queryset


class ChangeNoteFilter(admin.SimpleListFilter):
    title = _("note for residents")
    parameter_name = "note"

    def lookups(self, request, model_admin):
        return [("none", _("No note"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.without_note()
        return queryset


class SeriesMeetsFilter(admin.SimpleListFilter):
    """Series with a meeting that takes place (is not cancelled) in the coming days."""

    title = _("meets")
    parameter_name = "meets"

    def lookups(self, request, model_admin):
        return [("next", in_the_next_days())]

    def queryset(self, request, queryset):
        if self.value() != "next":
            return queryset
        found = occurrences.expand(queryset.for_listing(), *coming_days())
        return queryset.filter(pk__in={o.series.pk for o in found if not o.is_cancelled})


class AccessibilityFilter(admin.SimpleListFilter):
    title = _("accessibility information")
    parameter_name = "accessibility"

    def lookups(self, request, model_admin):
        return [("missing", _("None given"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.without_accessibility_information()
        return queryset


CHANGE_FIELDS = [
    "original_date",
    "kind",
    "new_date",
    "new_start_time",
    "new_end_time",
    "new_venue_name",
    "new_street_address",
    "note_en",
]


class MeetingChangeInline(admin.TabularInline):
    """Changes to one date, in English; each row's own page holds the note's translations."""

    model = MeetingChange
    extra = 0
    fields = CHANGE_FIELDS
    show_change_link = True


@admin.register(MeetingChange)
class MeetingChangeAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    """One change's page, opened from its series' list of changes: the note in every language.

    Not in the admin's menu: changes are made from their series.
    """

    fieldsets = [(None, {"fields": ["series", *CHANGE_FIELDS[:-1], "note"]})]
    readonly_fields = ["series"]
    # The list is reached from the staff home page's counts, already filtered.
    list_display = ["original_date", "series", "kind", "new_date", "note"]
    list_display_links = ["original_date"]
    list_filter = ["kind", ChangeComingFilter, ChangeNoteFilter, "series__is_published"]
    list_select_related = ["series__partnership"]
    ordering = ["original_date", "pk"]

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False


def coming(series: MeetingSeries, count: int) -> list[occurrences.Occurrence]:
    try:
        return occurrences.upcoming([series], days=occurrences.LOOKAHEAD_DAYS)[:count]
    except RuleError:
        return []


def preview_rows(series: MeetingSeries) -> list[tuple[str, str, str]]:
    """The next dates as (day, time, " (status)") rows, for the change form and the preview.

    The status in the same words residents read on the site.
    """
    rows = []
    for occurrence in coming(series, PREVIEW_COUNT):
        start = timezone.localtime(occurrence.start)
        when = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
        status = occurrence.status_in_words
        rows.append((when, occurrence.time_range, f" ({status})" if status else ""))
    return rows


WHAT = (
    None,
    {
        "fields": [
            "partnership",
            "title",
            "slug",
            "description",
            "is_published",
            "is_sample_data",
        ]
    },
)
WHERE = (
    _("Where"),
    {
        "fields": [
            "attending_type",
            "venue_name",
            "street_address",
            ("city", "postal_code"),
            "join_url",
            "dial_in",
        ]
    },
)
LANGUAGES_AND_ACCESSIBILITY = (
    _("Languages and accessibility"),
    {
        "fields": [
            "languages",
            "wheelchair_access",
            ("asl", "cart", "assistive_listening"),
            "accessibility_notes",
            "accommodation_requests",
        ]
    },
)
NOTES = (_("Notes"), {"fields": ["notes", ("created", "updated")]})


class SeriesAdminBase(TranslatedFieldsMixin, BulkUpdateMixin, admin.ModelAdmin):
    """What the series and the events admin share: lists, search, changes inline, actions."""

    list_filter = [
        "is_published",
        "partnership__borough",
        "attending_type",
        "is_sample_data",
        SeriesMeetsFilter,
        AccessibilityFilter,
    ]
    list_select_related = ["partnership"]
    search_fields = ["title", "slug", "partnership__name", "venue_name"]
    autocomplete_fields = ["partnership"]
    filter_horizontal = ["languages"]
    prepopulated_fields = {"slug": ["title_en"]}
    formfield_overrides = URL_FIELD_OVERRIDES
    inlines = [MeetingChangeInline]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("changes")

    @admin.action(description=_("Publish the selected series"), permissions=["change"])
    def publish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext("%(count)d series published.", "%(count)d series published.", n),
            is_published=True,
        )

    @admin.action(description=_("Unpublish the selected series"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext("%(count)d series unpublished.", "%(count)d series unpublished.", n),
            is_published=False,
        )


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(SeriesAdminBase):
    form = MeetingSeriesForm

    def get_changeform_initial_data(self, request):
        # Most series are a partnership's monthly meeting: the English title to start from.
        return {
            "title_en": "Monthly partnership meeting",
            **super().get_changeform_initial_data(request),
        }

    list_display = [
        "partnership",
        "title",
        "kind",
        "schedule",
        "next_meeting",
        "is_published",
        "is_sample_data",
    ]
    list_display_links = ["partnership", "title"]
    # "Repeats" tells regular meetings from one-time events ("Does not repeat").
    list_filter = ["freq", *SeriesAdminBase.list_filter]
    readonly_fields = ["next_dates", "created", "updated"]
    fieldsets = [
        WHAT,
        (
            _("When"),
            {
                "fields": [
                    # The rule from lists, in words: meetings.forms.
                    ("freq", "interval"),
                    "monthly_on",
                    ("week", "weekday"),
                    "monthday",
                    ("start_time", "end_time"),
                    "timezone",
                    ("valid_from", "until"),
                    "next_dates",
                ]
            },
        ),
        WHERE,
        LANGUAGES_AND_ACCESSIBILITY,
        NOTES,
    ]

    change_form_template = "admin/meetings/meetingseries/change_form.html"

    # -- Preview: the next dates of the rule as typed, before saving ---------

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        quick = self.admin_site.admin_view(self.quick_change_view)
        return [
            path("preview/", preview, name="meetings_meetingseries_preview"),
            path("<path:object_id>/preview/", preview, name="meetings_meetingseries_preview"),
            path(
                "<path:object_id>/cancel-date/",
                quick,
                {"kind": ChangeKind.CANCELLED},
                name="meetings_meetingseries_cancel_date",
            ),
            path(
                "<path:object_id>/move-date/",
                quick,
                {"kind": ChangeKind.MOVED},
                name="meetings_meetingseries_move_date",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        args = [object_id] if object_id else []
        extra_context["preview_url"] = reverse(
            "admin:meetings_meetingseries_preview", args=args, current_app=self.admin_site.name
        )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def preview_view(self, request, object_id=None):
        """Validate the posted form and its date changes, save nothing, list the next dates.

        The change form's "Preview" button posts here into a new tab, so what
        staff typed stays in the form they came from.
        """
        obj = None
        if object_id is not None:
            obj = self.get_object(request, object_id)
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=obj
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Next dates of this meeting series"),
            "form": form,
            "formset_errors": [],
            "dates": None,
        }
        if form.is_valid():
            series = form.save(commit=False)
            formsets, _inlines = self._create_formsets(request, series, change=obj is not None)
            changes = []
            for formset in formsets:
                if not formset.is_valid():
                    context["formset_errors"].extend(error for error in formset.errors if error)
                    continue
                changes.extend(
                    f.instance
                    for f in formset.forms
                    if (f.has_changed() or f.instance.pk)
                    and not (formset.can_delete and formset._should_delete_form(f))
                )
            if not context["formset_errors"]:
                series.__dict__["change_list"] = changes  # what was typed, not what is saved
                context["dates"] = preview_rows(series)
                context["warning"] = series.rule_warning
        return render(request, "admin/meetings/meetingseries/preview.html", context)

    # -- Quick actions: cancel or move one date from the list --------------

    def can_change_dates(self, request, series=None) -> bool:
        """What the series form's inline of changes asks: change the series, add changes."""
        opts = MeetingChange._meta
        return self.has_change_permission(request, series) and request.user.has_perm(
            f"{opts.app_label}.{get_permission_codename('add', opts)}"
        )

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if self.can_change_dates(request):
            return [*list_display, "quick_actions"]
        return list_display

    @admin.display(description=_("one date"))
    def quick_actions(self, obj):
        args = [obj.pk]
        return format_html(
            '<a href="{}">{}</a><br><a href="{}">{}</a>',
            reverse("admin:meetings_meetingseries_cancel_date", args=args),
            gettext("Cancel one date…"),
            reverse("admin:meetings_meetingseries_move_date", args=args),
            gettext("Move one date…"),
        )

    def quick_change_view(self, request, object_id, kind):
        """Cancel or move one of the next dates of a series: one MeetingChange, logged."""
        series = self.get_object(request, object_id)
        if series is None:
            raise Http404
        if not self.can_change_dates(request, series):
            raise PermissionDenied
        form_class = QuickMoveForm if kind == ChangeKind.MOVED else QuickChangeForm
        form = form_class(request.POST or None, series=series)
        if request.method == "POST" and form.is_valid():
            try:
                change = form.save()
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.log_quick_change(request, series, change)
                self.message_user(request, quick_change_done(series, change), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse(
                        "admin:meetings_meetingseries_changelist", current_app=self.admin_site.name
                    )
                )
        if kind == ChangeKind.MOVED:
            title = gettext("Move one date of %(series)s") % {"series": series}
        else:
            title = gettext("Cancel one date of %(series)s") % {"series": series}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": series,
            "title": title,
            "form": form,
            "is_move": kind == ChangeKind.MOVED,
            "changed": form.changed,
            "media": self.media + form.media,
        }
        return render(request, "admin/meetings/meetingseries/quick_change.html", context)

    def log_quick_change(self, request, series, change):
        """Who did it, in the history of the change and of its series, as the inline would."""
        added = [{"added": {"name": str(MeetingChange._meta.verbose_name), "object": str(change)}}]
        self.log_addition(request, change, [{"added": {}}])
        self.log_change(request, series, added)

    @admin.display(description=_("kind"), ordering="freq")
    def kind(self, obj):
        return gettext("Event") if obj.is_event else gettext("Meeting")

    @admin.display(description=_("schedule"))
    def schedule(self, obj):
        return obj.schedule_in_words

    @admin.display(description=_("next meeting"))
    def next_meeting(self, obj):
        upcoming = [o for o in coming(obj, PREVIEW_COUNT) if not o.is_cancelled]
        if not upcoming:
            return "—"
        return date_format(timezone.localtime(upcoming[0].start), "DATE_FORMAT")

    @admin.display(description=_("next dates"))
    def next_dates(self, obj):
        if obj.pk is None:
            return gettext("Use “Preview the next dates” below, or save, to see them here.")
        rows = preview_rows(obj)
        if not rows:
            return gettext("No meetings in the coming year.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}, {}{}</li>", rows))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.rule_warning:
            messages.warning(request, obj.rule_warning)


def quick_change_done(series: MeetingSeries, change: MeetingChange) -> str:
    """The list's message after a quick action: what residents now see, and where."""
    day = date_format(change.original_date, "DATE_FORMAT")
    if change.is_cancellation:
        return gettext(
            "The meeting of %(date)s of “%(series)s” is cancelled. The site shows it now."
        ) % {"date": day, "series": series}
    moved = occurrences.occurrence_for(series, change.original_date, change)
    return gettext(
        "The meeting of %(date)s of “%(series)s” is moved to %(new)s, %(time)s. "
        "The site shows it now."
    ) % {
        "date": day,
        "series": series,
        "new": date_format(moved.date, "DATE_FORMAT"),
        "time": moved.time_range,
    }


class EventForm(forms.ModelForm):
    """An event's form: no rule to fill in, its one date under "date"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An event does not repeat; set before validation, which checks the rule.
        self.instance.freq = Frequency.ONCE
        self.instance.interval = 1
        self.instance.byday = ""
        self.instance.bymonthday = None
        self.instance.until = None
        if "valid_from" in self.fields:
            self.fields["valid_from"].label = _("date")
            self.fields["valid_from"].help_text = ""


@admin.register(Event)
class EventAdmin(SeriesAdminBase):
    form = EventForm
    list_display = ["title", "partnership", "event_date", "is_published", "is_sample_data"]
    list_display_links = ["title"]
    date_hierarchy = "valid_from"
    readonly_fields = ["created", "updated"]
    fieldsets = [
        WHAT,
        (_("When"), {"fields": ["valid_from", ("start_time", "end_time"), "timezone"]}),
        WHERE,
        LANGUAGES_AND_ACCESSIBILITY,
        NOTES,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).events()

    @admin.display(description=_("date"), ordering="valid_from")
    def event_date(self, obj):
        """The event's date, as any change leaves it: "Dec. 12, 2026 (Cancelled)"."""
        occurrence = occurrences.find(obj, obj.valid_from)
        if occurrence is None:
            return "—"
        when = date_format(timezone.localtime(occurrence.start), "DATE_FORMAT")
        status = occurrence.status_in_words
        return f"{when} ({status})" if status else when
