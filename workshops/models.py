"""Demystifying ACS workshops: what can be asked for, and the requests providers send.

A request holds personal data (a contact's name, e-mail and phone). Only
OCEP workshop coordinators and superusers can read it, it never goes to the
logs, and closed requests are purged after a retention period.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.submissions.models import StatusChange, Submission, submission_constraints
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


class WorkshopRequest(Submission):
    """A provider's request for a workshop; reference, triage and e-mails come with Submission."""

    REFERENCE_PREFIX = "WR"
    Status = Status
    CLOSED_STATUSES = CLOSED_STATUSES
    RETENTION_SETTING = "WORKSHOP_REQUEST_RETENTION_DAYS"

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
    # Staff triage (assignment and notes come with Submission).
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)

    class Meta(Submission.Meta):
        verbose_name = _("workshop request")
        verbose_name_plural = _("workshop requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(borough__in=Borough.values), name="workshoprequest_borough_valid"
            ),
            models.CheckConstraint(
                condition=Q(expected_attendees__gte=1) & Q(expected_attendees__lte=MAX_ATTENDEES),
                name="workshoprequest_attendees_in_range",
            ),
            models.CheckConstraint(
                condition=Q(format=Format.VIRTUAL) | ~Q(address=""),
                name="workshoprequest_in_person_has_address",
            ),
            *submission_constraints("workshoprequest", Status, CLOSED_STATUSES),
        ]

    @property
    def preferred_dates(self) -> list[datetime.date]:
        return [
            d
            for d in (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3)
            if d is not None
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.format == Format.IN_PERSON and not self.address.strip():
            errors["address"] = _("Enter the address where the workshop would take place.")
        if self.status == Status.SCHEDULED and self.scheduled_for is None:
            errors["scheduled_for"] = _("Enter the date and time the workshop is scheduled for.")
        if errors:
            raise ValidationError(errors)


class WorkshopStatusChange(StatusChange):
    """One step in a request's history, written by workshop_request_set_status()."""

    request = models.ForeignKey(
        WorkshopRequest,
        verbose_name=_("workshop request"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
