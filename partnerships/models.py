"""Listings residents browse: Community Partnerships and Family Enrichment Centers.

Field names follow Open Referral HSDS where they fit.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Borough(models.TextChoices):
    BRONX = "bronx", _("Bronx")
    BROOKLYN = "brooklyn", _("Brooklyn")
    MANHATTAN = "manhattan", _("Manhattan")
    QUEENS = "queens", _("Queens")
    STATEN_ISLAND = "staten-island", _("Staten Island")


phone_validator = RegexValidator(
    r"^\+?[0-9 ().-]{7,25}$",
    _("Enter a phone number using digits, spaces, brackets, dots or dashes."),
)
postal_code_validator = RegexValidator(r"^\d{5}(-\d{4})?$", _("Enter a five-digit ZIP code."))


def borough_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(borough__in=Borough.values), name=f"{name}_borough_valid"
    )


def public_id_field():
    """The record's identifier in open data (HSDS ids): set once, never a database key.

    Filled for existing rows by a migration; never changes after, so a 211
    line that stored it finds the same record again.
    """
    return models.UUIDField(
        _("open data identifier"), default=uuid.uuid4, unique=True, editable=False
    )


class CommunityDistrict(models.Model):
    """One of New York City's 59 community districts, loaded by a data migration."""

    code = models.CharField(_("code"), max_length=4, unique=True, help_text=_("For example BX04."))
    borough = models.CharField(_("borough"), max_length=20, choices=Borough.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(18)]
    )
    name = models.CharField(_("neighborhoods"), max_length=200)
    uuid = public_id_field()

    class Meta:
        ordering = ["borough", "number"]
        verbose_name = _("community district")
        verbose_name_plural = _("community districts")
        constraints = [
            borough_constraint("communitydistrict"),
            models.UniqueConstraint(fields=["borough", "number"], name="district_unique_number"),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"


class Language(models.Model):
    """A language a listing or meeting offers: English and the Local Law 30 languages."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("ISO 639 code."))
    name = models.CharField(_("name in English"), max_length=60, unique=True)
    native_name = models.CharField(_("name in the language itself"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uuid = public_id_field()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's interface language (names are in our catalog)."""
        return gettext(self.name)


class Organization(models.Model):
    """A lead agency of a partnership or an operator of a center."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    uuid = public_id_field()
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


def verification_due_before(today: datetime.date | None = None) -> datetime.date:
    """A listing last verified before this date (or never) needs verifying again.

    The one place the LISTING_STALE_AFTER_DAYS cut-off is computed: the
    queryset filters, `is_stale` and so the admin's filter and column all
    ask here.
    """
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.LISTING_STALE_AFTER_DAYS)


def stale_condition(today: datetime.date | None = None) -> Q:
    """Never verified, or not within the configured number of days: for filters and counts."""
    return Q(last_verified__isnull=True) | Q(last_verified__lt=verification_due_before(today))


class ListingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def stale(self, today: datetime.date | None = None):
        """Listings staff have not confirmed within the configured number of days."""
        return self.filter(stale_condition(today))

    def verified_recently(self, today: datetime.date | None = None):
        """The opposite of stale(): confirmed within the configured number of days."""
        return self.filter(last_verified__gte=verification_due_before(today))


class Listing(models.Model):
    """What a Community Partnership and a Family Enrichment Center have in common."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    borough = models.CharField(_("borough"), max_length=20, choices=Borough.choices)
    community_districts = models.ManyToManyField(
        CommunityDistrict, verbose_name=_("community districts"), blank=True
    )
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    url = models.URLField(_("website"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published listings appear on the site.")
    )
    is_sample_data = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_(
            "Tick while contact details, address or hours are placeholders. "
            "The public page then warns residents. Untick once real values are entered."
        ),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("The date staff last confirmed this listing with the program."),
    )
    uuid = public_id_field()
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_verified and self.last_verified > timezone.localdate():
            raise ValidationError(
                {"last_verified": _("The verification date cannot be in the future.")}
            )

    def clean_community_districts(self, districts) -> None:
        """A listing's districts must lie in its borough (called by the admin form's clean())."""
        wrong = [d.code for d in districts if d.borough != self.borough]
        if wrong:
            raise ValidationError(
                {
                    "community_districts": _(
                        "These community districts are not in %(borough)s: %(codes)s."
                    )
                    % {"borough": self.get_borough_display(), "codes": ", ".join(wrong)}
                }
            )

    @property
    def phone_href(self) -> str:
        """A tel: link a phone can dial, for a full US number; "" for anything else."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if len(digits) == 10:
            digits = f"1{digits}"
        if len(digits) == 11 and digits.startswith("1"):
            return f"tel:+{digits}"
        return ""

    @property
    def is_stale(self) -> bool:
        return self.last_verified is None or self.last_verified < verification_due_before()


class CommunityPartnership(Listing):
    """A neighborhood coalition that holds open monthly meetings."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    neighborhoods = models.CharField(
        _("neighborhoods"), max_length=300, blank=True, help_text=_("Comma-separated.")
    )
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_partnerships",
    )
    how_to_get_involved = models.TextField(_("how to get involved"), blank=True)
    acs_contact_name = models.CharField(_("ACS contact name"), max_length=120, blank=True)
    acs_contact_email = models.EmailField(_("ACS contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Community Partnership")
        verbose_name_plural = _("Community Partnerships")
        constraints = [borough_constraint("communitypartnership")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:partnership_detail", kwargs={"slug": self.slug})


class ServiceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote referrals and support")
    LIMITED_IN_PERSON = "limited_in_person", _("Limited in-person emergency resources")


class FamilyEnrichmentCenter(Listing):
    """A warm, home-like space where neighbors connect and find resources."""

    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_(
            'Leave blank while unknown: the site then shows "Family Enrichment Center '
            'operated by" and the operator.'
        ),
    )
    operator = models.ForeignKey(
        Organization,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="operated_centers",
    )
    neighborhood = models.CharField(_("neighborhood"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(
        _("ZIP code"), max_length=10, blank=True, validators=[postal_code_validator]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    hours = models.TextField(_("hours"), blank=True)
    service_mode = models.CharField(
        _("service mode"), max_length=20, choices=ServiceMode.choices, default=ServiceMode.IN_PERSON
    )
    accessibility = models.TextField(_("accessibility"), blank=True)

    class Meta:
        ordering = ["neighborhood", "name", "slug"]
        verbose_name = _("Family Enrichment Center")
        verbose_name_plural = _("Family Enrichment Centers")
        constraints = [
            borough_constraint("familyenrichmentcenter"),
            models.CheckConstraint(
                condition=Q(service_mode__in=ServiceMode.values), name="center_service_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="center_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="center_longitude_range",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("partnerships:center_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return gettext("Family Enrichment Center operated by %(operator)s") % {
            "operator": self.operator.name
        }

    @property
    def has_address(self) -> bool:
        return bool(self.street_address)
