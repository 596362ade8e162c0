"""Publications and guides OCEP staff point residents and partners to.

A resource is either a link to a page elsewhere or a PDF kept in the
default file storage (STORAGES["default"]: a folder here, object storage in
production), never both.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.translated import SOURCE, LocalizedText, localized
from partnerships.models import CommunityPartnership, Language


class Topic(models.TextChoices):
    APPROACH = "approach", _("The community partnership approach")
    GETTING_STARTED = "getting-started", _("Starting and running a partnership")
    PRACTICE = "practice", _("Child welfare practice")
    RESEARCH = "research", _("Research and evaluation")
    FAMILY_SUPPORT = "family-support", _("Support for families")


class Audience(models.TextChoices):
    FAMILIES = "families", _("Families and parents")
    COMMUNITY = "community", _("Community members")
    PROVIDERS = "providers", _("Service providers")
    PARTNERS = "partners", _("Partnership members and leaders")


def resource_file_name(instance: "Resource", filename: str) -> str:
    """Stored as resources/<slug>.pdf whatever the upload was called.

    The name, not the upload's, decides the type the storage serves it with,
    so it always ends in .pdf (the form has checked the content is a PDF).
    """
    return f"resources/{instance.slug or 'resource'}.pdf"


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Resource(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Also the name of an uploaded PDF.")
    )
    description = models.TextField(
        _("short description"),
        max_length=500,
        help_text=_("One to three sentences: what it is and who it helps."),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The page where residents read or download it. Leave empty for an upload."),
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=resource_file_name,
        max_length=200,
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Or upload the PDF itself. Leave empty when you give a link."),
    )
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), null=True, editable=False)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("languages"),
        related_name="resources",
        help_text=_("The languages it is written in."),
    )
    partnerships = models.ManyToManyField(
        CommunityPartnership,
        verbose_name=_("Community Partnerships"),
        related_name="resources",
        blank=True,
        help_text=_("Partnerships whose pages list it."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published resources appear on the site.")
    )
    is_sample_data = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_(
            "Tick while the link or another detail is a placeholder. "
            "The site then says so. Untick once it is confirmed."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="resource_link_or_file",
            ),
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values), name="resource_topic_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="resource_audience_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.url and self.file:
            raise ValidationError(
                _("Give either a link or a PDF file, not both: clear one of them.")
            )
        if not self.url and not self.file:
            raise ValidationError(_("Give a link to the resource or upload its PDF."))
        if not self.file:
            self.file_size = None

    @property
    def href(self) -> str:
        """Where its title links to: the page elsewhere, or the stored PDF."""
        return self.file.url if self.file else self.url

    @property
    def link_host(self) -> str:
        """The site a link leads to ("example.org"), to say the reader leaves ours."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")

    @property
    def text_language(self) -> str:
        """The code of the language its title and description are in.

        Its only language when it has one; English when it comes in several,
        since staff then describe it in English. Read from the prefetched
        languages.
        """
        languages = list(self.languages.all())
        return languages[0].code if len(languages) == 1 else "en"

    def in_reader_language(self, field: str) -> LocalizedText:
        """Its title or description in the reader's language, or as staff first wrote it.

        What staff first wrote (the English column) is in the resource's own
        language (`text_language`), not always English.
        """
        text = localized(self, field)
        if text.lang != SOURCE:
            return text
        return LocalizedText(text, self.text_language, text.fallback)

    @property
    def title_text(self) -> LocalizedText:
        return self.in_reader_language("title")

    @property
    def description_text(self) -> LocalizedText:
        return self.in_reader_language("description")
