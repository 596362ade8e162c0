"""What staff write about meetings and events, in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, MeetingChange, MeetingSeries


@register(MeetingSeries)
class MeetingSeriesTranslation(TranslationOptions):
    fields = ("title", "description", "accessibility_notes", "accommodation_requests", "notes")


@register(MeetingChange)
class MeetingChangeTranslation(TranslationOptions):
    fields = ("note",)


@register(Event)
class EventTranslation(TranslationOptions):
    """The admin's Events are a proxy of series: their fields are the series' above."""

    fields = ()
