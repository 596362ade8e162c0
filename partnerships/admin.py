"""Admin for OCEP staff: every listing, with stale and sample listings easy to spot."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_helpers import URL_FIELD_OVERRIDES, BulkUpdateMixin, TranslatedFieldsMixin

from .models import (
    CommunityDistrict,
    CommunityPartnership,
    FamilyEnrichmentCenter,
    Language,
    Organization,
)


@admin.register(CommunityDistrict)
class CommunityDistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "borough", "number", "name"]
    list_filter = ["borough"]
    search_fields = ["code", "name"]
    ordering = ["borough", "number"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "native_name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "native_name", "code"]


class OrganizationRoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [
            ("lead", _("Leads a Community Partnership")),
            ("operator", _("Operates a Family Enrichment Center")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "lead":
            return queryset.filter(led_partnerships__isnull=False).distinct()
        if self.value() == "operator":
            return queryset.filter(operated_centers__isnull=False).distinct()
        return queryset


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "url", "email", "phone", "updated"]
    list_filter = [OrganizationRoleFilter]
    search_fields = ["name", "email"]


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Needs verifying")),
            ("never", _("Never verified")),
            ("current", _("Verified recently")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        if self.value() == "current":
            return queryset.verified_recently()
        return queryset


class ListingAdminForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        districts = cleaned_data.get("community_districts")
        if districts is not None and cleaned_data.get("borough"):
            # clean() runs before the form copies its values onto the instance.
            self.instance.borough = cleaned_data["borough"]
            try:
                self.instance.clean_community_districts(districts)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class ListingAdmin(TranslatedFieldsMixin, BulkUpdateMixin, admin.ModelAdmin):
    form = ListingAdminForm
    formfield_overrides = URL_FIELD_OVERRIDES
    list_filter = [
        "is_published",
        "borough",
        VerificationFilter,
        "is_sample_data",
        "languages",
    ]
    list_select_related = True
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["community_districts", "languages"]
    readonly_fields = ["created", "updated"]
    date_hierarchy = "last_verified"
    actions = ["publish", "unpublish", "mark_verified_today"]

    @admin.display(description=_("last verified"), ordering="last_verified")
    def verification(self, obj):
        """The date staff last confirmed the listing, flagged when it is overdue."""
        if obj.last_verified is None:
            return format_html("<strong>{}</strong>", _("Never: needs verifying"))
        shown = date_format(obj.last_verified, "DATE_FORMAT")
        if obj.is_stale:
            return format_html("<strong>{} ({})</strong>", shown, _("needs verifying"))
        return shown

    @admin.action(description=_("Publish the selected listings"), permissions=["change"])
    def publish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext("%(count)d listing published.", "%(count)d listings published.", n),
            is_published=True,
        )

    @admin.action(description=_("Unpublish the selected listings"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext(
                "%(count)d listing unpublished.", "%(count)d listings unpublished.", n
            ),
            is_published=False,
        )

    @admin.action(
        description=_("Mark the selected listings as verified today"), permissions=["change"]
    )
    def mark_verified_today(self, request, queryset):
        self.update_selected(
            request,
            queryset,
            lambda n: ngettext(
                "%(count)d listing marked as verified.", "%(count)d listings marked as verified.", n
            ),
            last_verified=timezone.localdate(),
        )


@admin.register(CommunityPartnership)
class CommunityPartnershipAdmin(ListingAdmin):
    list_display = [
        "name",
        "borough",
        "lead_organization",
        "is_published",
        "verification",
        "is_sample_data",
    ]
    search_fields = ["name", "neighborhoods", "lead_organization__name"]
    autocomplete_fields = [*ListingAdmin.autocomplete_fields, "lead_organization"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "borough", "community_districts", "neighborhoods"]}),
        (
            _("About"),
            {"fields": ["lead_organization", "description", "how_to_get_involved", "languages"]},
        ),
        (
            _("Contact"),
            {"fields": ["email", "phone", "url", "acs_contact_name", "acs_contact_email"]},
        ),
        (
            _("Publishing"),
            {"fields": ["is_published", "is_sample_data", "last_verified", "created", "updated"]},
        ),
    ]


@admin.register(FamilyEnrichmentCenter)
class FamilyEnrichmentCenterAdmin(ListingAdmin):
    list_display = [
        "display_name",
        "neighborhood",
        "borough",
        "operator",
        "service_mode",
        "is_published",
        "verification",
        "is_sample_data",
    ]
    list_filter = [*ListingAdmin.list_filter, "service_mode"]
    search_fields = ["name", "neighborhood", "operator__name"]
    prepopulated_fields = {"slug": ("name", "neighborhood")}
    autocomplete_fields = [*ListingAdmin.autocomplete_fields, "operator"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "operator",
                    "borough",
                    "community_districts",
                    "neighborhood",
                ]
            },
        ),
        (
            _("Address"),
            {"fields": ["street_address", "city", "postal_code", "latitude", "longitude"]},
        ),
        (
            _("Services"),
            {"fields": ["description", "service_mode", "hours", "languages", "accessibility"]},
        ),
        (_("Contact"), {"fields": ["email", "phone", "url"]}),
        (
            _("Publishing"),
            {"fields": ["is_published", "is_sample_data", "last_verified", "created", "updated"]},
        ),
    ]

    @admin.display(description=_("name"), ordering="name")
    def display_name(self, obj):
        return obj.display_name
