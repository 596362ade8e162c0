"""Filters for the meetings list: which series (meetings, events or both), and over which dates."""

import datetime
import html
import threading
from collections import OrderedDict

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils import timezone, translation
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from core.filters import LanguageFilter, QuickSelect, chosen
from partnerships.models import Borough, CommunityPartnership, Language

from .converters import FIRST_YEAR, LAST_YEAR
from .models import AttendingType, MeetingSeries

DEFAULT_DAYS = 60
MAX_DAYS = 366


class HowToAttend(django_filters.ChoiceFilter):
    """“In person” includes hybrid meetings, and so does “online”."""

    CHOICES = [("in_person", _("In person")), ("online", _("Online"))]
    MATCHES = {
        "in_person": [AttendingType.IN_PERSON, AttendingType.HYBRID],
        "online": [AttendingType.VIRTUAL, AttendingType.HYBRID],
    }

    def filter(self, qs, value):
        if value in self.MATCHES:
            return qs.filter(attending_type__in=self.MATCHES[value])
        return qs


class KindFilter(django_filters.ChoiceFilter):
    """Regular meetings, one-time events, or (left empty) both."""

    CHOICES = [("meeting", _("Meetings")), ("event", _("Events"))]

    def filter(self, qs, value):
        if value == "meeting":
            return qs.meetings()
        if value == "event":
            return qs.events()
        return qs


class PartnershipChoices(django_filters.fields.ModelChoiceIterator):
    """(slug, name) rows rather than model instances: the list may name thousands."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Plain rows: modeltranslation would otherwise pass each through its fallback
        # machinery in Python, though no column here is translated.
        yield from self.queryset.rewrite(False).values_list(self.field.to_field_name, "name")


class PartnershipChoiceField(django_filters.fields.ModelChoiceField):
    iterator = PartnershipChoices


class PartnershipFilter(django_filters.ModelChoiceFilter):
    field_class = PartnershipChoiceField


def _escape(text) -> str:
    # django.utils.html.escape, without its lazy-string wrapper: thousands of calls.
    return text if isinstance(text, SafeData) else html.escape(str(text))


class PartnershipSelect(QuickSelect):
    """QuickSelect's HTML, written straight from the choices, and kept for the next page.

    Django builds a dictionary per option before any HTML; with thousands of
    partnerships (a load test has 5,000) that alone took most of the page's time.
    Even written directly, thousands of options took a fifth of the meeting list's
    time after an edit, so each process keeps the options of the last few lists
    (by their exact rows and language) and marks the chosen one in a copy.
    """

    KEEP = 4
    _kept: OrderedDict[tuple, str] = OrderedDict()
    _lock = threading.Lock()

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple(
            ("" if option_value is None else str(option_value), str(label))
            for option_value, label in self.choices
        )
        key = (translation.get_language(), choices)
        with self._lock:
            options = self._kept.get(key)
            if options is not None:
                self._kept.move_to_end(key)
        if options is None:
            options = "".join(
                f'<option value="{_escape(option_value)}">{_escape(label)}</option>'
                for option_value, label in choices
            )
            with self._lock:
                self._kept[key] = options
                while len(self._kept) > self.KEEP:
                    self._kept.popitem(last=False)
        chosen = self.format_value(value)
        if chosen:  # one choice only, as in Django's Select
            option = f'<option value="{_escape(chosen[0])}">'
            options = options.replace(option, option[:-1] + " selected>", 1)
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every value and label is escaped above
            f'<select name="{_escape(name)}"{attributes}>{options}</select>'
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MeetingFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        elif "start" not in self.errors and "end" not in self.errors:
            # A missing start is today, so "?end=2100-12-31" is a span like any other.
            first, last = self.dates(start, end)
            if (last - first).days > MAX_DAYS:
                self.add_error(
                    "end",
                    _("Choose dates at most a year apart (%(days)s days).") % {"days": MAX_DAYS},
                )
        return cleaned_data

    @staticmethod
    def dates(start, end) -> tuple[datetime.date, datetime.date]:
        """The window for these (possibly empty) dates: 60 days from today by default."""
        today = timezone.localdate()
        if start is None:
            start = today if end is None or end >= today else end - datetime.timedelta(DEFAULT_DAYS)
        if end is None:
            end = start + datetime.timedelta(days=DEFAULT_DAYS)
        return start, end

    def window(self) -> tuple[datetime.date, datetime.date, bool]:
        """The dates to show, and whether the list starts now (dropping finished meetings)."""
        data = chosen(self)
        start, end = self.dates(data.get("start"), data.get("end"))
        return start, end, start == timezone.localdate()


def sensible_date(value: datetime.date):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Choose a date between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


class MeetingFilterSet(django_filters.FilterSet):
    borough = django_filters.ChoiceFilter(
        label=_("Borough"),
        field_name="partnership__borough",
        choices=Borough.choices,
        empty_label=_("All boroughs"),
    )
    partnership = PartnershipFilter(
        label=_("Community Partnership"),
        to_field_name="slug",
        queryset=CommunityPartnership.objects.published().only("pk", "slug", "name"),
        empty_label=_("All partnerships"),
        widget=PartnershipSelect,
    )
    kind = KindFilter(
        label=_("Meetings or events"),
        choices=KindFilter.CHOICES,
        empty_label=_("Meetings and events"),
    )
    attending = HowToAttend(
        label=_("How to attend"), choices=HowToAttend.CHOICES, empty_label=_("Any way")
    )
    language = LanguageFilter(queryset=Language.objects.all())
    start = django_filters.DateFilter(
        label=_("From"), method="in_window", widget=DateInput, validators=[sensible_date]
    )
    end = django_filters.DateFilter(
        label=_("To"), method="in_window", widget=DateInput, validators=[sensible_date]
    )

    class Meta:
        model = MeetingSeries
        form = MeetingFilterForm
        fields = ["kind", "borough", "partnership", "attending", "language", "start", "end"]

    def in_window(self, queryset, name, value):
        # Dates choose which occurrences to compute, not which series: see the view.
        return queryset

    def filter_queryset(self, queryset):
        # Filtering on languages (many-to-many) can repeat a series.
        return super().filter_queryset(queryset).distinct()
