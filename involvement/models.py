"""Get involved: the interest forms residents send to take part in OCEP's work.

An interest form holds personal data (a name if given, an e-mail address or a
phone number). Like workshop requests, only OCEP workshop coordinators and
superusers can read it, it never goes to the logs, and closed forms are
purged after a retention period (core/submissions/).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.submissions.models import StatusChange, Submission, submission_constraints
from partnerships.models import Borough, CommunityPartnership, Language, phone_validator

# "A short message": long enough for an idea, short enough to read in the admin.
MAX_MESSAGE_LENGTH = 1000


class Way(models.TextChoices):
    """The ways to take part, in the order the page explains them."""

    MEETINGS = "meetings", _("Come to a Community Partnership meeting")
    VOLUNTEER = "volunteer", _("Volunteer as a tutor, mentor or coach")
    LEADER = "leader", _("Become a Community Leader")
    LEAD_EVENT = "lead_event", _("Help lead a workshop, an event or a resource fair")
    IDEA = "idea", _("Share an idea")


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays, during the day")
    EVENINGS = "evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")


# Each choice is a yes/no column, so that the database can hold "at least one
# way" and staff can filter on each: field name by choice.
WAY_FIELDS = {way: f"way_{way.value}" for way in Way}
AVAILABILITY_FIELDS = {slot: f"available_{slot.value}" for slot in Availability}


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CONNECTED = "connected", _("Connected")
    CLOSED = "closed", _("Closed")


# Connected: put in touch with a partnership or a role. Closed: not taken further.
CLOSED_STATUSES = [Status.CONNECTED, Status.CLOSED]


def _yes_no(label):
    return models.BooleanField(label, default=False)


class InterestSubmission(Submission):
    """What a person would like to do, where, in which languages, when, and how to reach them."""

    REFERENCE_PREFIX = "GI"
    Status = Status
    CLOSED_STATUSES = CLOSED_STATUSES
    RETENTION_SETTING = "INVOLVEMENT_RETENTION_DAYS"
    NOTICE_FIELDS = ("confirmation_sent_at", "mailbox_notified_at", "partnership_notified_at")

    # What they would like to do (at least one).
    way_meetings = _yes_no(Way.MEETINGS.label)
    way_volunteer = _yes_no(Way.VOLUNTEER.label)
    way_leader = _yes_no(Way.LEADER.label)
    way_lead_event = _yes_no(Way.LEAD_EVENT.label)
    way_idea = _yes_no(Way.IDEA.label)
    # Where: a partnership, or a borough, or both.
    partnership = models.ForeignKey(
        CommunityPartnership,
        verbose_name=_("Community Partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    borough = models.CharField(_("borough"), max_length=20, choices=Borough.choices, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    # How to reach them: an e-mail address, a phone number, or both. A name is optional.
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    # When (none ticked: they did not say).
    available_weekdays = _yes_no(Availability.WEEKDAYS.label)
    available_evenings = _yes_no(Availability.EVENINGS.label)
    available_weekends = _yes_no(Availability.WEEKENDS.label)
    message = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH, blank=True)
    # Staff triage (the rest comes with Submission).
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    partnership_notified_at = models.DateTimeField(
        _("Community Partnership notified"), null=True, blank=True, editable=False
    )

    class Meta(Submission.Meta):
        verbose_name = _("interest form")
        verbose_name_plural = _("interest forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(borough="") | Q(borough__in=Borough.values),
                name="interestsubmission_borough_valid",
            ),
            models.CheckConstraint(
                condition=Q(partnership__isnull=False) | ~Q(borough=""),
                name="interestsubmission_has_a_place",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="interestsubmission_can_be_reached",
            ),
            models.CheckConstraint(
                condition=Q(_connector=Q.OR, **dict.fromkeys(WAY_FIELDS.values(), True)),
                name="interestsubmission_chose_a_way",
            ),
            *submission_constraints("interestsubmission", Status, CLOSED_STATUSES),
        ]

    @property
    def ways(self) -> list[Way]:
        return [way for way, field in WAY_FIELDS.items() if getattr(self, field)]

    @property
    def availability(self) -> list[Availability]:
        return [slot for slot, field in AVAILABILITY_FIELDS.items() if getattr(self, field)]

    @property
    def partnership_email(self) -> str:
        return self.partnership.email if self.partnership_id and self.partnership else ""

    @classmethod
    def unnotified_condition(cls) -> Q:
        """Always the mailbox; the person if they gave an address; the partnership if it has one."""
        return (
            Q(mailbox_notified_at__isnull=True)
            | (Q(confirmation_sent_at__isnull=True) & ~Q(email=""))
            | (
                Q(partnership_notified_at__isnull=True, partnership__isnull=False)
                & ~Q(partnership__email="")
            )
        )

    @property
    def is_notified(self) -> bool:
        return (
            self.mailbox_notified_at is not None
            and (not self.email or self.confirmation_sent_at is not None)
            and (not self.partnership_email or self.partnership_notified_at is not None)
        )


class InterestStatusChange(StatusChange):
    """One step in an interest form's history, written by the status service."""

    submission = models.ForeignKey(
        InterestSubmission,
        verbose_name=_("interest form"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
