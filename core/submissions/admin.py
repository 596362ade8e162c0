"""Staff triage of any kind of submission: statuses with history, assignment, e-mails, CSV.

Submissions hold personal data: Django's model permissions keep them to the
groups given them (the "OCEP workshop coordinators") and superusers. Status
changes go through ``services.set_status`` so that every one is in the
history; the person's answers are read-only.
"""

import csv

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.csv import csv_safe

from . import services
from .kinds import SubmissionKind

# The staff who may be given a submission, besides superusers. The name stays
# (code, docs and people know it) though its members now triage every kind.
COORDINATORS_GROUP = "OCEP workshop coordinators"


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


class OpenFilter(admin.SimpleListFilter):
    """Still being handled, or closed: what "assigned to me" means on the staff home page."""

    title = _("open or closed")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Still open")), ("no", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.closed()
        return queryset


class StatusChangeInline(admin.TabularInline):
    """The history of a submission: written by the status service, never edited.

    Subclass it with ``model`` set to the kind's status-change model.
    """

    fields = ["changed_at", "changed_by", "from_status", "to_status", "assignment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "assigned_to")

    @admin.display(description=_("assignment"))
    def assignment(self, obj):
        return obj.assignment_in_words

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def sent_state(sent_at):
    """When an e-mail went, or a bold "not yet sent"."""
    if sent_at is None:
        return format_html("<strong>{}</strong>", _("not yet sent"))
    return date_format(timezone.localtime(sent_at), "DATETIME_FORMAT")


class SubmissionAdminMixin:
    """Mixed into a submission's ModelAdmin: no adding, status through the service, CSV.

    The ModelAdmin sets ``kind``, ``csv_filename`` ("workshop-requests") and
    ``csv_columns``: (header, value of a row) pairs, in order.
    """

    kind: SubmissionKind
    csv_filename: str
    csv_columns: list[tuple[str, object]]
    csv_select_related: tuple[str, ...] = ("assigned_to",)
    csv_prefetch_related: tuple[str, ...] = ()
    actions = ["assign_to_me", "export_csv"]

    def has_add_permission(self, request):
        # Submissions come from the public form, which numbers and e-mails them.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Only people who can see submissions can be given one.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(Q(is_superuser=True) | Q(groups__name=COORDINATORS_GROUP))
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        new_status, new_assignee = obj.status, obj.assigned_to
        # The services write the status or the assignment and its history entry together.
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        if change and "assigned_to" in form.changed_data:
            obj.assigned_to_id = form.initial["assigned_to"]
        super().save_model(request, obj, form, change)
        if change:
            services.set_status(self.kind, submission=obj, status=new_status, by=request.user)
            services.assign(self.kind, submission=obj, to=new_assignee, by=request.user)

    @admin.action(
        description=_("Assign the selected %(verbose_name_plural)s to me"), permissions=["change"]
    )
    def assign_to_me(self, request, queryset):
        assigned = 0
        for submission in queryset.select_related("assigned_to"):
            if submission.assigned_to_id != request.user.pk:
                services.assign(self.kind, submission=submission, to=request.user, by=request.user)
                assigned += 1
        already = queryset.count() - assigned
        if assigned:
            self.message_user(
                request,
                # The list's title says what they are; a noun here would not agree in
                # every language (model_ngettext finds no plural for a verbose name).
                ngettext("%(count)d assigned to you.", "%(count)d assigned to you.", assigned)
                % {"count": assigned},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext(
                    "%(count)d was assigned to you already.",
                    "%(count)d were assigned to you already.",
                    already,
                )
                % {"count": already},
                messages.INFO,
            )

    @admin.display(description=_("e-mails sent"), boolean=True)
    def notified(self, obj):
        return obj.is_notified

    @admin.action(
        description=_("Export the selected %(verbose_name_plural)s to CSV"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        rows = queryset.select_related(*self.csv_select_related).prefetch_related(
            *self.csv_prefetch_related
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow([header for header, _value in self.csv_columns])
        for row in rows.order_by("-created", "-pk"):
            writer.writerow([csv_safe(value(row)) for _header, value in self.csv_columns])
        return response
