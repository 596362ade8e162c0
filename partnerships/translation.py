"""What staff write about a listing, in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CommunityPartnership, FamilyEnrichmentCenter


@register(CommunityPartnership)
class CommunityPartnershipTranslation(TranslationOptions):
    fields = ("description", "how_to_get_involved")


@register(FamilyEnrichmentCenter)
class FamilyEnrichmentCenterTranslation(TranslationOptions):
    fields = ("description", "hours", "accessibility")
