"""What staff write about a resource, in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Resource


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "description")
