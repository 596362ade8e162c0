"""Staff's text in the reader's language, or in English, saying which.

Models register the fields staff write (descriptions, notes, titles) with
django-modeltranslation (each app's translation.py): every field has a column
per language, `description_en` being the source. Reading `obj.description`
gives the reader's language and falls back to English; pages also need to know
which one they got, to mark it `lang="en"` and to tell the reader it has not
been translated yet. That is `localized(obj, "description")`.

A core helper: it imports no app of ours (tests/test_layering.py).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE = settings.LANGUAGE_CODE


class LocalizedText(str):
    """The text, with the language it is written in and whether it stands in for a translation."""

    lang: str
    fallback: bool

    def __new__(cls, text: str, lang: str, fallback: bool):
        self = super().__new__(cls, text)
        self.lang = lang
        self.fallback = fallback
        return self

    @property
    def dir(self) -> str:
        """The text's own direction: English stays left to right on an Arabic page."""
        return "rtl" if get_language_info(self.lang)["bidi"] else "ltr"


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """`obj.<field>` in `language` (the active one), or in English until someone translates it."""
    current = getattr(obj, field, None)
    if isinstance(current, LocalizedText):
        return current  # already told apart, as the month calendar's summaries are
    language = language or translation.get_language() or SOURCE
    text = getattr(obj, build_localized_fieldname(field, language), None)
    if text:
        return LocalizedText(text, language, False)
    english = getattr(obj, build_localized_fieldname(field, SOURCE), None) or ""
    return LocalizedText(english, SOURCE, bool(english) and language != SOURCE)


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` that have a column per language, in the model's order."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(f.name for f in model._meta.fields if f.name in options.all_fields)


def searched_columns(model, fields) -> list[str]:
    """The columns a search of `fields` reads: for a translated field, the reader's and English.

    Searching `title` alone would read only the reader's language's column
    (modeltranslation rewrites the lookup), missing every row not yet translated.
    """
    translated = translated_fields(model)
    language = translation.get_language() or SOURCE
    columns = []
    for field in fields:
        if field in translated:
            for code in (language, SOURCE):
                column = build_localized_fieldname(field, code)
                if column not in columns:
                    columns.append(column)
        else:
            columns.append(field)
    return columns
