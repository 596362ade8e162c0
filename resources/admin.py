"""Admin for OCEP staff: resources with their link or PDF, published and sample flags."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_helpers import URL_FIELD_OVERRIDES, BulkUpdateMixin, TranslatedFieldsMixin

from .forms import ResourceAdminForm
from .models import Resource


@admin.register(Resource)
class ResourceAdmin(TranslatedFieldsMixin, BulkUpdateMixin, admin.ModelAdmin):
    form = ResourceAdminForm
    # A link must be a well-formed http(s) address; "example.org" is taken as https.
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = [
        "title",
        "publisher",
        "topic",
        "link_or_file",
        "is_published",
        "is_sample_data",
    ]
    list_filter = ["is_published", "topic", "audience", "is_sample_data", "languages"]
    search_fields = ["title", "publisher", "description", "url"]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["languages", "partnerships"]
    readonly_fields = ["created", "updated"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "publisher", "description"]}),
        (
            _("Link or PDF"),
            {
                "fields": ["url", "file"],
                "description": _("Give a link to the resource or upload its PDF, not both."),
            },
        ),
        (_("Finding it"), {"fields": ["topic", "audience", "languages", "partnerships"]}),
        (_("Publishing"), {"fields": ["is_published", "is_sample_data", "created", "updated"]}),
    ]

    @admin.display(description=_("link or file"))
    def link_or_file(self, obj):
        if obj.file:
            size = filesizeformat(obj.file_size) if obj.file_size else ""
            return format_html('<a href="{}">PDF</a> {}', obj.file.url, size)
        return format_html('<a href="{}">{}</a>', obj.url, obj.link_host or obj.url)

    @admin.action(description=_("Publish the selected resources"), permissions=["change"])
    def publish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext(
                "%(count)d resource published.", "%(count)d resources published.", n
            ),
            is_published=True,
        )

    @admin.action(description=_("Unpublish the selected resources"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext(
                "%(count)d resource unpublished.", "%(count)d resources unpublished.", n
            ),
            is_published=False,
        )
