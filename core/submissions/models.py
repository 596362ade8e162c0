"""Abstract bases for a submission and its status history: no table of their own.

Each concrete model (``WorkshopRequest``, ``InterestSubmission``) adds what its
form asks, its ``status`` field with its own choices, and its constraints
(``submission_constraints`` gives the ones every kind holds), and sets the
class attributes below.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class SubmissionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created", "-pk")

    def unnotified(self):
        """Submissions with an e-mail still to send."""
        return self.filter(self.model.unnotified_condition())

    def closed(self):
        return self.filter(status__in=self.model.CLOSED_STATUSES)

    def open(self):
        """Submissions still being handled: any status but the closed ones."""
        return self.exclude(status__in=self.model.CLOSED_STATUSES)

    def purgeable(self, now: datetime.datetime | None = None):
        """Closed submissions past the retention period, counted from when they were closed."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=self.model.retention_days())
        return self.closed().filter(closed_at__lt=cutoff)


class Submission(models.Model):
    """A form a person sent: a reference, their consent and language, staff triage, e-mails.

    A concrete model sets:

    - ``REFERENCE_PREFIX``: "WR" gives WR-2026-00042;
    - ``Status`` (its TextChoices) and ``CLOSED_STATUSES``;
    - ``RETENTION_SETTING``: the setting naming the days a closed one is kept;
    - ``NOTICE_FIELDS``: the timestamp of each e-mail it sends, set once sent.
    """

    REFERENCE_PREFIX: str
    Status: type[models.TextChoices]
    CLOSED_STATUSES: list
    RETENTION_SETTING: str
    NOTICE_FIELDS: tuple[str, ...] = ("confirmation_sent_at", "mailbox_notified_at")

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    consent = models.BooleanField(_("consent to be contacted"), default=False)
    language = models.CharField(
        _("language of the request"), max_length=10, default="en", editable=False
    )
    # Staff triage (each model declares its own `status`).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_%(class)ss",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
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

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.reference or str(_("(reference pending)"))

    def assign_reference(self) -> None:
        """Give a saved submission its reference: the prefix, the year it came in, its number.

        The number is the primary key, so the row must be saved first; the
        year is New York's when it came in. People quote the reference, and
        the thank-you page's URL carries it.
        """
        year = timezone.localdate(self.created).year
        self.reference = f"{self.REFERENCE_PREFIX}-{year}-{self.pk:05d}"
        self.save(update_fields=["reference"])

    @classmethod
    def retention_days(cls) -> int:
        return getattr(settings, cls.RETENTION_SETTING)

    @classmethod
    def unnotified_condition(cls) -> Q:
        """Rows with an e-mail still to send: one of the notice timestamps is empty.

        A model whose e-mails depend on the answers (no address given, nobody
        to tell) narrows this down, and ``is_notified`` with it.
        """
        condition = Q()
        for field in cls.NOTICE_FIELDS:
            condition |= Q(**{f"{field}__isnull": True})
        return condition

    @property
    def is_notified(self) -> bool:
        return all(getattr(self, field) is not None for field in self.NOTICE_FIELDS)


def submission_constraints(name: str, statuses, closed_statuses) -> list[models.CheckConstraint]:
    """The rules every kind's table holds: a known status, consent, a closing time iff closed."""
    return [
        models.CheckConstraint(
            condition=Q(status__in=statuses.values), name=f"{name}_status_valid"
        ),
        models.CheckConstraint(condition=Q(consent=True), name=f"{name}_consent_given"),
        models.CheckConstraint(
            condition=Q(status__in=closed_statuses, closed_at__isnull=False)
            | (~Q(status__in=closed_statuses) & Q(closed_at__isnull=True)),
            name=f"{name}_closed_at_matches_status",
        ),
    ]


class StatusChange(models.Model):
    """One step in a submission's history, written by ``services.set_status``.

    A concrete model adds the foreign key to its submission, with
    ``related_name="status_changes"``, and ``from_status``/``to_status`` with
    the submission's status choices.
    """

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # A step that gives the submission to someone (or to nobody) leaves the
    # status as it was: from_status == to_status. Written by ``services.assign``.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        if self.is_assignment:
            return self.assignment_in_words
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def is_assignment(self) -> bool:
        return self.from_status == self.to_status

    @property
    def assignment_in_words(self) -> str:
        """ "Assigned to jdoe", "No longer assigned", or "" for a change of status."""
        if not self.is_assignment:
            return ""
        if self.assigned_to is None:
            return gettext("No longer assigned")
        return gettext("Assigned to %(person)s") % {"person": self.assigned_to.get_username()}
