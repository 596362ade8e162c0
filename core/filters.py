"""Filter pieces the public lists share: word search, a fast drop-down, the language filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.translated import searched_columns


def chosen(form) -> dict:
    """The filters a visitor chose: the form's values, or none if not sent or refused."""
    return form.cleaned_data if form.is_bound and form.is_valid() else {}


def refused(form) -> bool:
    """The visitor sent filters the form refuses: show its errors and no results.

    Not silently everything: a list that ignored a mistyped filter would look
    like an answer.
    """
    return form.is_bound and not form.is_valid()


def every_word_in(fields, value: str) -> Q:
    """Each word of a search must appear (any case) in at least one of these fields."""
    query = Q()
    for term in value.split():
        term_query = Q()
        for field in fields:
            term_query |= Q(**{f"{field}__icontains": term})
        query &= term_query
    return query


class SearchFilterSet(django_filters.FilterSet):
    """A list searched word by word (`q`) over `search_fields`, each row once."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        columns = searched_columns(queryset.model, self.search_fields)
        return queryset.filter(every_word_in(columns, value))

    def filter_queryset(self, queryset):
        # Filtering across many-to-many relations can repeat a row.
        return super().filter_queryset(queryset).distinct()


class QuickSelect(forms.Select):
    """A drop-down whose options are rendered in Python rather than one template each.

    Django renders every <option> through its own template include, which
    costs milliseconds on a list of hundreds of partnerships; the HTML here
    is the same, escaped by format_html.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((o["value"], " selected" if o["selected"] else "", o["label"]) for o in options),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            groups.append((rendered,))
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", groups),
        )


class LanguageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # In the reader's language, with the endonym: "chino (中文)".
        return f"{obj.display_name} ({obj.native_name})" if obj.code != "en" else obj.display_name


class LanguageFilter(django_filters.ModelChoiceFilter):
    """Filter by one of the languages in `languages`, chosen by its ISO code (?language=es).

    The caller passes `queryset` (the Language rows), so this module needs no
    app's models and every app can build on it.
    """

    field_class = LanguageChoiceField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Language"))
        kwargs.setdefault("field_name", "languages")
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("empty_label", _("All languages"))
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(**kwargs)
