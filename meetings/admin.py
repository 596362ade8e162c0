"""Admin for meeting schedules: a series with its cancelled, moved and extra dates inline."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partnerships.admin import URL_FIELD_OVERRIDES, BulkUpdateMixin

from . import occurrences
from .models import MeetingChange, MeetingSeries
from .recurrence import RuleError

PREVIEW_COUNT = 6


class MeetingChangeInline(admin.TabularInline):
    model = MeetingChange
    extra = 0
    fields = [
        "original_date",
        "kind",
        "new_date",
        "new_start_time",
        "new_end_time",
        "new_venue_name",
        "new_street_address",
        "note",
    ]


def coming(series: MeetingSeries, count: int) -> list[occurrences.Occurrence]:
    try:
        return occurrences.upcoming([series], days=occurrences.LOOKAHEAD_DAYS)[:count]
    except RuleError:
        return []


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(BulkUpdateMixin, admin.ModelAdmin):
    list_display = [
        "partnership",
        "title",
        "schedule",
        "next_meeting",
        "is_published",
        "is_sample_data",
    ]
    list_display_links = ["partnership", "title"]
    list_filter = ["is_published", "partnership__borough", "attending_type", "is_sample_data"]
    list_select_related = ["partnership"]
    search_fields = ["title", "slug", "partnership__name", "venue_name"]
    autocomplete_fields = ["partnership"]
    filter_horizontal = ["languages"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["next_dates", "created", "updated"]
    formfield_overrides = URL_FIELD_OVERRIDES
    inlines = [MeetingChangeInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["partnership", "title", "slug", "is_published", "is_sample_data"]}),
        (
            _("When"),
            {
                "fields": [
                    "freq",
                    "interval",
                    "byday",
                    "bymonthday",
                    ("start_time", "end_time"),
                    "timezone",
                    ("valid_from", "until"),
                    "next_dates",
                ]
            },
        ),
        (
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
        ),
        (
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
        ),
        (_("Notes"), {"fields": ["notes", ("created", "updated")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("changes")

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
            return gettext("Save the series to see its next dates here.")
        found = coming(obj, PREVIEW_COUNT)
        if not found:
            return gettext("No meetings in the coming year.")
        rows = []
        for occurrence in found:
            start = timezone.localtime(occurrence.start)
            when = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
            status = ""
            if occurrence.is_cancelled:
                status = gettext("cancelled")
            elif occurrence.date_changed:
                status = gettext("moved from %(date)s") % {
                    "date": date_format(occurrence.original_date, "DATE_FORMAT")
                }
            elif occurrence.is_moved:
                status = gettext("new time or place")
            elif occurrence.is_extra:
                status = gettext("extra meeting")
            rows.append((when, occurrence.time_range, f" ({status})" if status else ""))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}, {}{}</li>", rows))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.rule_warning:
            messages.warning(request, obj.rule_warning)

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
