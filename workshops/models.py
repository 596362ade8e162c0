"""Demystifying ACS workshops: what can be asked for, and the requests providers send.

A request holds personal data (a contact's name, e-mail and phone). Only
OCEP workshop coordinators and superusers can read it, it never goes to the
logs, and closed requests are purged after a retention period.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import Borough, Language, phone_validator

MAX_ATTENDEES = 500
MAX_MESSAGE_LENGTH = 2000


class CatalogQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CatalogItem(models.Model):
    """A choice staff manage for the request form: a topic or an ACS program."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active entries are shown on the site.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_sample_data = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Tick for demo entries; replace or deactivate them before going live."),
    )

    objects = CatalogQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class WorkshopTopic(CatalogItem):
    class Meta(CatalogItem.Meta):
        verbose_name = _("workshop topic")
        verbose_name_plural = _("workshop topics")


class AcsProgram(CatalogItem):
    """An ACS program or division that can join a workshop on request."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("ACS program")
        verbose_name_plural = _("ACS programs")


class OrganizationType(models.TextChoices):
    COMMUNITY = "community", _("Community organization")
    PROVIDER = "provider", _("Provider agency")
    SCHOOL = "school", _("School")
    FAITH = "faith", _("Faith-based group")
    TENANT = "tenant", _("Tenant or block association")
    OTHER = "other", _("Other")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")


class Audience(models.TextChoices):
    PROVIDERS = "providers", _("Providers")
    PARENTS = "parents", _("Parents and residents")
    YOUTH = "youth", _("Youth")
    MIXED = "mixed", _("Mixed")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    ANY = "any", _("Any time")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CLOSED_STATUSES = [Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN]


class WorkshopRequestQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created", "-pk")

    def unnotified(self):
        """Requests whose confirmation or mailbox notice has not been sent yet."""
        return self.filter(
            Q(confirmation_sent_at__isnull=True) | Q(mailbox_notified_at__isnull=True)
        )

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def purgeable(self, now: datetime.datetime | None = None):
        """Closed requests past the retention period, counted from when they were closed."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.WORKSHOP_REQUEST_RETENTION_DAYS)
        return self.closed().filter(closed_at__lt=cutoff)


class WorkshopRequest(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    # The requester's answers.
    organization_name = models.CharField(_("organization name"), max_length=200)
    organization_type = models.CharField(
        _("type of organization"), max_length=20, choices=OrganizationType.choices
    )
    contact_name = models.CharField(_("contact name"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254)
    contact_phone = models.CharField(
        _("contact phone"), max_length=25, validators=[phone_validator]
    )
    borough = models.CharField(_("borough"), max_length=20, choices=Borough.choices)
    format = models.CharField(_("in person or virtual"), max_length=20, choices=Format.choices)
    address = models.CharField(
        _("address of the venue"),
        max_length=300,
        blank=True,
        help_text=_("Needed for an in-person workshop."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    expected_attendees = models.PositiveSmallIntegerField(
        _("expected number of attendees"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTENDEES)],
    )
    preferred_date_1 = models.DateField(_("first preferred date"))
    preferred_date_2 = models.DateField(_("second preferred date"), null=True, blank=True)
    preferred_date_3 = models.DateField(_("third preferred date"), null=True, blank=True)
    time_of_day = models.CharField(_("time of day"), max_length=20, choices=TimeOfDay.choices)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages needed"), blank=True, related_name="+"
    )
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    topics = models.ManyToManyField(
        WorkshopTopic, verbose_name=_("topics"), related_name="requests"
    )
    programs = models.ManyToManyField(
        AcsProgram, verbose_name=_("ACS programs to invite"), blank=True, related_name="requests"
    )
    message = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH, blank=True)
    consent = models.BooleanField(_("consent to be contacted"), default=False)
    language = models.CharField(
        _("language of the request"), max_length=10, default="en", editable=False
    )
    # Staff triage.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_workshop_requests",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    staff_notes = models.TextField(_("staff notes"), blank=True)
    # Each e-mail has its own timestamp, set only once it was sent.
    confirmation_sent_at = models.DateTimeField(
        _("confirmation e-mail sent"), null=True, blank=True, editable=False
    )
    mailbox_notified_at = models.DateTimeField(
        _("OCEP mailbox notified"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("received"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    objects = WorkshopRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("workshop request")
        verbose_name_plural = _("workshop requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(borough__in=Borough.values), name="workshoprequest_borough_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="workshoprequest_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(expected_attendees__gte=1) & Q(expected_attendees__lte=MAX_ATTENDEES),
                name="workshoprequest_attendees_in_range",
            ),
            models.CheckConstraint(
                condition=Q(format=Format.VIRTUAL) | ~Q(address=""),
                name="workshoprequest_in_person_has_address",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="workshoprequest_consent_given"),
            models.CheckConstraint(
                condition=Q(status__in=CLOSED_STATUSES, closed_at__isnull=False)
                | (~Q(status__in=CLOSED_STATUSES) & Q(closed_at__isnull=True)),
                name="workshoprequest_closed_at_matches_status",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("(reference pending)"))

    def assign_reference(self) -> None:
        """Give a saved request its reference: WR-2026-00042, the year it came in and its number.

        The number is the primary key, so the row must be saved first; the
        year is New York's when it came in. Requesters quote the reference,
        and the thank-you page's URL carries it.
        """
        self.reference = f"WR-{timezone.localdate(self.created).year}-{self.pk:05d}"
        self.save(update_fields=["reference"])

    @property
    def preferred_dates(self) -> list[datetime.date]:
        return [
            d
            for d in (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3)
            if d is not None
        ]

    @property
    def is_notified(self) -> bool:
        return self.confirmation_sent_at is not None and self.mailbox_notified_at is not None

    def clean(self):
        super().clean()
        errors = {}
        if self.format == Format.IN_PERSON and not self.address.strip():
            errors["address"] = _("Enter the address where the workshop would take place.")
        if self.status == Status.SCHEDULED and self.scheduled_for is None:
            errors["scheduled_for"] = _("Enter the date and time the workshop is scheduled for.")
        if errors:
            raise ValidationError(errors)


class WorkshopStatusChange(models.Model):
    """One step in a request's history, written by workshop_request_set_status()."""

    request = models.ForeignKey(
        WorkshopRequest,
        verbose_name=_("workshop request"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
