"""Staff triage of workshop requests, and the topics and programs the form offers.

Requests hold personal data: Django's model permissions keep them to the
"OCEP workshop coordinators" group and superusers. The triage itself (status
through the service that keeps the history, assignment, CSV) is the shared
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

from .models import AcsProgram, WorkshopRequest, WorkshopStatusChange, WorkshopTopic
from .services import KIND


class CatalogAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "order", "is_sample_data"]
    list_editable = ["is_active", "order"]
    list_filter = ["is_active", "is_sample_data"]
    search_fields = ["name", "description"]
    ordering = ["order", "name"]


@admin.register(WorkshopTopic)
class WorkshopTopicAdmin(CatalogAdmin):
    pass


@admin.register(AcsProgram)
class AcsProgramAdmin(CatalogAdmin):
    pass


class WorkshopStatusChangeInline(StatusChangeInline):
    model = WorkshopStatusChange


@admin.register(WorkshopRequest)
class WorkshopRequestAdmin(SubmissionAdminMixin, admin.ModelAdmin):
    kind = KIND
    list_display = [
        "reference",
        "organization_name",
        "borough",
        "status",
        "created",
        "assigned_to",
        "notified",
    ]
    list_filter = [
        "status",
        OpenFilter,
        "borough",
        "topics",
        ("created", admin.DateFieldListFilter),
        NotificationFilter,
        "assigned_to",
    ]
    list_select_related = ["assigned_to"]
    search_fields = ["reference", "organization_name", "contact_name", "contact_email"]
    date_hierarchy = "created"
    ordering = ["-created", "-pk"]
    inlines = [WorkshopStatusChangeInline]
    readonly_fields = [
        "reference",
        "created",
        "updated",
        "closed_at",
        "notification_state",
        "organization_name",
        "organization_type",
        "contact_name",
        "contact_email",
        "contact_phone",
        "borough",
        "format",
        "address",
        "audience",
        "expected_attendees",
        "preferred_date_1",
        "preferred_date_2",
        "preferred_date_3",
        "time_of_day",
        "language_list",
        "accessibility_needs",
        "topic_list",
        "program_list",
        "message",
        "consent",
    ]
    fieldsets = [
        (
            _("Triage"),
            {"fields": ["reference", "status", "assigned_to", "scheduled_for", "staff_notes"]},
        ),
        (
            _("Organization and contact"),
            {
                "fields": [
                    "organization_name",
                    "organization_type",
                    "borough",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "consent",
                ]
            },
        ),
        (
            _("Workshop asked for"),
            {
                "fields": [
                    "format",
                    "address",
                    "audience",
                    "expected_attendees",
                    "preferred_date_1",
                    "preferred_date_2",
                    "preferred_date_3",
                    "time_of_day",
                    "topic_list",
                    "program_list",
                    "language_list",
                    "accessibility_needs",
                    "message",
                ]
            },
        ),
        (
            _("Record"),
            {"fields": ["created", "updated", "closed_at", "notification_state"]},
        ),
    ]

    @admin.display(description=_("e-mails"))
    def notification_state(self, obj):
        return format_html(
            "{}: {}<br>{}: {}",
            _("Confirmation to the requester"),
            sent_state(obj.confirmation_sent_at),
            _("Notice to the OCEP mailbox"),
            sent_state(obj.mailbox_notified_at),
        )

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return joined(obj.topics.all())

    @admin.display(description=_("ACS programs to invite"))
    def program_list(self, obj):
        return joined(obj.programs.all())

    @admin.display(description=_("languages needed"))
    def language_list(self, obj):
        return joined(obj.languages.all())

    csv_filename = "workshop-requests"
    csv_prefetch_related = ("topics", "programs", "languages")
    csv_columns = [
        ("reference", lambda r: r.reference),
        ("received", lambda r: local_time(r.created)),
        ("status", lambda r: r.get_status_display()),
        ("organization", lambda r: r.organization_name),
        ("organization type", lambda r: r.get_organization_type_display()),
        ("contact name", lambda r: r.contact_name),
        ("contact e-mail", lambda r: r.contact_email),
        ("contact phone", lambda r: r.contact_phone),
        ("borough", lambda r: r.get_borough_display()),
        ("format", lambda r: r.get_format_display()),
        ("address", lambda r: r.address),
        ("audience", lambda r: r.get_audience_display()),
        ("expected attendees", lambda r: r.expected_attendees),
        ("preferred dates", lambda r: joined(d.isoformat() for d in r.preferred_dates)),
        ("time of day", lambda r: r.get_time_of_day_display()),
        ("topics", lambda r: joined(r.topics.all())),
        ("ACS programs", lambda r: joined(r.programs.all())),
        ("languages", lambda r: joined(r.languages.all())),
        ("accessibility needs", lambda r: r.accessibility_needs),
        ("message", lambda r: r.message),
        ("assigned to", lambda r: r.assigned_to.get_username() if r.assigned_to else ""),
        ("scheduled for", lambda r: local_time(r.scheduled_for)),
    ]
