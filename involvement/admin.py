"""Staff follow-up of interest forms: the triage every submission gets.

Forms hold personal data: Django's model permissions keep them to the "OCEP
workshop coordinators" group (who now follow up both kinds) and superusers;
the "OCEP editors" of listings do not see them. The triage (status through
the service that keeps the history, assignment, CSV) is the shared
``core.submissions.admin.SubmissionAdminMixin``.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.csv import joined
from core.submissions.admin import (
    NotificationFilter,
    OpenFilter,
    StatusChangeInline,
    SubmissionAdminMixin,
    local_time,
    sent_state,
)

from .models import (
    WAY_FIELDS,
    InterestStatusChange,
    InterestSubmission,
    Way,
)
from .services import KIND


class WayFilter(admin.SimpleListFilter):
    title = _("would like to")
    parameter_name = "way"

    def lookups(self, request, model_admin):
        return Way.choices

    def queryset(self, request, queryset):
        if self.value() in Way.values:
            return queryset.filter(**{WAY_FIELDS[Way(self.value())]: True})
        return queryset


class InterestStatusChangeInline(StatusChangeInline):
    model = InterestStatusChange


@admin.register(InterestSubmission)
class InterestSubmissionAdmin(SubmissionAdminMixin, admin.ModelAdmin):
    kind = KIND
    list_display = [
        "reference",
        "way_list",
        "place",
        "status",
        "created",
        "assigned_to",
        "notified",
    ]
    list_filter = [
        "status",
        OpenFilter,
        WayFilter,
        "borough",
        "partnership",
        ("created", admin.DateFieldListFilter),
        NotificationFilter,
        "assigned_to",
    ]
    list_select_related = ["assigned_to", "partnership"]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "created"
    ordering = ["-created", "-pk"]
    inlines = [InterestStatusChangeInline]
    readonly_fields = [
        "reference",
        "created",
        "updated",
        "closed_at",
        "notification_state",
        "way_list",
        "partnership",
        "borough",
        "name",
        "email",
        "phone",
        "language_list",
        "availability_list",
        "message",
        "consent",
    ]
    fieldsets = [
        (_("Follow-up"), {"fields": ["reference", "status", "assigned_to", "staff_notes"]}),
        (
            _("What they would like to do"),
            {
                "fields": [
                    "way_list",
                    "partnership",
                    "borough",
                    "availability_list",
                    "language_list",
                    "message",
                ]
            },
        ),
        (_("Contact"), {"fields": ["name", "email", "phone", "consent"]}),
        (_("Record"), {"fields": ["created", "updated", "closed_at", "notification_state"]}),
    ]

    @admin.display(description=_("would like to"))
    def way_list(self, obj):
        return joined(way.label for way in obj.ways)

    @admin.display(description=_("partnership or borough"))
    def place(self, obj):
        return obj.partnership or obj.get_borough_display()

    @admin.display(description=_("available"))
    def availability_list(self, obj):
        return joined(slot.label for slot in obj.availability)

    @admin.display(description=_("languages spoken"))
    def language_list(self, obj):
        return joined(obj.languages.all())

    @admin.display(description=_("e-mails"))
    def notification_state(self, obj):
        rows = [
            (_("Notice to the OCEP mailbox"), sent_state(obj.mailbox_notified_at)),
            (
                _("Confirmation to the person"),
                sent_state(obj.confirmation_sent_at) if obj.email else _("no e-mail address"),
            ),
            (
                _("Copy to the Community Partnership"),
                sent_state(obj.partnership_notified_at)
                if obj.partnership_email
                else _("no partnership e-mail"),
            ),
        ]
        return format_html("{}: {}<br>{}: {}<br>{}: {}", *(part for row in rows for part in row))

    csv_filename = "interest-forms"
    csv_select_related = ("assigned_to", "partnership")
    csv_prefetch_related = ("languages",)
    csv_columns = [
        ("reference", lambda s: s.reference),
        ("received", lambda s: local_time(s.created)),
        ("status", lambda s: s.get_status_display()),
        ("would like to", lambda s: joined(way.label for way in s.ways)),
        ("partnership", lambda s: s.partnership.name if s.partnership else ""),
        ("borough", lambda s: s.get_borough_display()),
        ("name", lambda s: s.name),
        ("e-mail", lambda s: s.email),
        ("phone", lambda s: s.phone),
        ("languages", lambda s: joined(s.languages.all())),
        ("available", lambda s: joined(slot.label for slot in s.availability)),
        ("message", lambda s: s.message),
        ("language of the form", lambda s: s.language),
        ("assigned to", lambda s: s.assigned_to.get_username() if s.assigned_to else ""),
    ]
