"""Admin pieces every app's ModelAdmins share."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname

from core.translated import SOURCE, translated_fields
from pagecache.versions import invalidate as invalidate_pages

# Staff paste addresses like "example.org": assume https, as Django 6 will.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class BulkUpdateMixin:
    """Admin actions that set fields on the selected rows and say how many changed."""

    def update_selected(self, request, queryset, message, **values):
        count = queryset.update(updated=timezone.now(), **values)
        invalidate_pages()  # update() sends no signals
        self.message_user(request, message(count) % {"count": count})


class TranslatedFieldsMixin:
    """Staff write each translated field in English where it always was, and in every other
    language in a section of its own, closed until opened ("Español (Spanish)", ...).

    The form holds the columns themselves (`description_en`, `description_es`, ...),
    never the field that follows the reader's language, so what staff type lands in
    the language they see whatever language the admin is in. English keeps the
    field's rules (required, length); translations may stay empty, and the site
    then shows the English and says so.
    """

    def get_fieldsets(self, request, obj=None):
        translated = translated_fields(self.model)
        if not translated:
            return super().get_fieldsets(request, obj)

        def english(name):
            if isinstance(name, (list, tuple)):
                return type(name)(english(n) for n in name)
            return build_localized_fieldname(name, SOURCE) if name in translated else name

        fieldsets = [
            (title, {**options, "fields": english(options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]
        shown = [name for name in translated if _shown(name, fieldsets)]
        for code, name in settings.LANGUAGES:
            if code == SOURCE:
                continue
            info = get_language_info(code)
            fieldsets.append(
                (
                    f"{capfirst(info['name_local'])} ({name})",
                    {
                        "classes": ["collapse"],
                        "fields": [build_localized_fieldname(f, code) for f in shown],
                    },
                )
            )
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        translated = translated_fields(self.model)
        if not translated:
            return form
        form = type(form.__name__, (EnglishErrorsForm, form), {"translated": translated})
        for name in translated:
            field = form.base_fields.get(build_localized_fieldname(name, SOURCE))
            if field is not None:
                field.required = not self.model._meta.get_field(name).blank
        return form


class EnglishErrorsForm:
    """A model's clean() names the field ("description"); the form holds its English column."""

    translated: tuple[str, ...] = ()

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for name in self.translated:
                english = build_localized_fieldname(name, SOURCE)
                if name in errors.error_dict and name not in self.fields and english in self.fields:
                    moved = errors.error_dict.pop(name)
                    errors.error_dict.setdefault(english, []).extend(moved)
        super()._update_errors(errors)


def _shown(name: str, fieldsets) -> bool:
    english = build_localized_fieldname(name, SOURCE)
    for _title, options in fieldsets:
        for entry in options["fields"]:
            if english == entry or (isinstance(entry, (list, tuple)) and english in entry):
                return True
    return False
