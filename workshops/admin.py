"""Staff triage of workshop requests, and the topics and programs the form offers.

Requests hold personal data: Django's model permissions keep them to the
"OCEP workshop coordinators" group and superusers. Status changes go through
``workshop_request_set_status`` so that every one is in the history.
"""

import csv

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import AcsProgram, WorkshopRequest, WorkshopStatusChange, WorkshopTopic
from .services import workshop_request_set_status

COORDINATORS_GROUP = "OCEP workshop coordinators"


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


class NotificationFilter(admin.SimpleListFilter):
    title = _("e-mails")
    parameter_name = "notified"

    def lookups(self, request, model_admin):
        return [("no", _("Not yet sent")), ("yes", _("All sent"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unnotified()
        if self.value() == "yes":
            return queryset.exclude(pk__in=queryset.unnotified().values("pk"))
        return queryset


class StatusChangeInline(admin.TabularInline):
    """The history of a request: written by the status service, never edited."""

    model = WorkshopStatusChange
    fields = ["changed_at", "changed_by", "from_status", "to_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def joined(items) -> str:
    return "; ".join(str(item) for item in items)


@admin.register(WorkshopRequest)
class WorkshopRequestAdmin(admin.ModelAdmin):
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
    inlines = [StatusChangeInline]
    actions = ["export_csv"]
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

    def has_add_permission(self, request):
        # Requests come from the public form, which numbers and e-mails them.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Only people who can see requests can be given one.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(Q(is_superuser=True) | Q(groups__name=COORDINATORS_GROUP))
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            # The service writes the status and its history entry together.
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            workshop_request_set_status(workshop_request=obj, status=new_status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description=_("e-mails sent"), boolean=True)
    def notified(self, obj):
        return obj.is_notified

    @admin.display(description=_("e-mails"))
    def notification_state(self, obj):
        def state(sent_at):
            if sent_at is None:
                return format_html("<strong>{}</strong>", _("not yet sent"))
            return date_format(timezone.localtime(sent_at), "DATETIME_FORMAT")

        return format_html(
            "{}: {}<br>{}: {}",
            _("Confirmation to the requester"),
            state(obj.confirmation_sent_at),
            _("Notice to the OCEP mailbox"),
            state(obj.mailbox_notified_at),
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

    @admin.action(description=_("Export the selected requests to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        rows = queryset.select_related("assigned_to").prefetch_related(
            "topics", "programs", "languages"
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="workshop-requests-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for r in rows.order_by("-created", "-pk"):
            writer.writerow(
                [
                    csv_safe(value)
                    for value in [
                        r.reference,
                        timezone.localtime(r.created).strftime("%Y-%m-%d %H:%M"),
                        r.get_status_display(),
                        r.organization_name,
                        r.get_organization_type_display(),
                        r.contact_name,
                        r.contact_email,
                        r.contact_phone,
                        r.get_borough_display(),
                        r.get_format_display(),
                        r.address,
                        r.get_audience_display(),
                        r.expected_attendees,
                        joined(d.isoformat() for d in r.preferred_dates),
                        r.get_time_of_day_display(),
                        joined(r.topics.all()),
                        joined(r.programs.all()),
                        joined(r.languages.all()),
                        r.accessibility_needs,
                        r.message,
                        r.assigned_to.get_username() if r.assigned_to else "",
                        (
                            timezone.localtime(r.scheduled_for).strftime("%Y-%m-%d %H:%M")
                            if r.scheduled_for
                            else ""
                        ),
                    ]
                ]
            )
        return response


CSV_HEADER = [
    "reference",
    "received",
    "status",
    "organization",
    "organization type",
    "contact name",
    "contact e-mail",
    "contact phone",
    "borough",
    "format",
    "address",
    "audience",
    "expected attendees",
    "preferred dates",
    "time of day",
    "topics",
    "ACS programs",
    "languages",
    "accessibility needs",
    "message",
    "assigned to",
    "scheduled for",
]
