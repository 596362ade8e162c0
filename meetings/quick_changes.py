"""Cancel or move one date of a series from the admin's list, in one short form.

The admin's series list links each series to these forms (meetings/admin.py);
what they save is an ordinary `MeetingChange`, checked by the model's own
rules, so the site, the feeds and the series' change form all see it at once.
"""

import datetime

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.translated import SOURCE

from . import occurrences
from .models import ChangeKind, MeetingChange, MeetingSeries
from .recurrence import RuleError

# How many of the next dates the form offers: two months of a weekly series,
# most of a year of a monthly one.
OFFERED_COUNT = 8
NOTE_MAX_LENGTH = MeetingChange._meta.get_field("note").max_length


def day_in_words(day: datetime.date) -> str:
    return f"{date_format(day, 'l')}, {date_format(day, 'DATE_FORMAT')}"


def next_dates(series: MeetingSeries) -> tuple[list[occurrences.Occurrence], list]:
    """The next scheduled dates with no change yet, and the coming ones that already have one.

    The second list holds the changed dates' occurrences: the form says why
    they are not offered.
    """
    try:
        coming = occurrences.upcoming([series], days=occurrences.LOOKAHEAD_DAYS)
    except RuleError:
        return [], []
    free = [o for o in coming if o.status == occurrences.SCHEDULED][:OFFERED_COUNT]
    changed = [o for o in coming if o.change is not None and o.change.kind != ChangeKind.EXTRA]
    return free, changed


class QuickChangeForm(forms.Form):
    """One date of one series, cancelled (or moved), with a note for residents."""

    kind = ChangeKind.CANCELLED
    required_css_class = "required"  # the admin's bold labels

    original_date = forms.DateField(
        label=_("Date"),
        input_formats=["%Y-%m-%d"],
        widget=forms.Select,
        error_messages={"invalid": _("Choose one of the dates listed.")},
    )
    note = forms.CharField(
        label=_("Note for residents"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Shown on the site and in calendars, e.g. why it was cancelled."),
    )

    def __init__(self, *args, series: MeetingSeries, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        free, self.changed = next_dates(series)
        # No date chosen to start with: cancelling the first one by mistake is too easy.
        self.fields["original_date"].widget.choices = BLANK_CHOICE_DASH + [
            (o.original_date.isoformat(), f"{day_in_words(o.original_date)}, {o.time_range}")
            for o in free
        ]
        self.has_dates = bool(free)

    def clean_original_date(self):
        day = self.cleaned_data["original_date"]
        words = date_format(day, "DATE_FORMAT")
        try:
            is_meeting = self.series.is_rule_date(day)
        except RuleError:
            is_meeting = False
        if not is_meeting:
            raise forms.ValidationError(
                gettext("%(date)s is not a meeting date of this series: choose one listed.")
                % {"date": words}
            )
        if day < timezone.localdate():
            raise forms.ValidationError(
                gettext("%(date)s has passed: choose one of the coming dates.") % {"date": words}
            )
        existing = next((c for c in self.series.change_list if c.original_date == day), None)
        if existing is not None:
            raise forms.ValidationError(
                gettext(
                    "%(date)s already has a change (%(change)s). Open the series to edit or "
                    "remove it."
                )
                % {"date": words, "change": existing.get_kind_display()}
            )
        return day

    def change_fields(self) -> dict:
        """What the change holds besides its series, date, kind and note."""
        return {}

    def save(self) -> MeetingChange:
        """Save the one change, or raise ValidationError if the model's rules refuse it."""
        change = MeetingChange(
            series=self.series,
            original_date=self.cleaned_data["original_date"],
            kind=self.kind,
            **{build_localized_fieldname("note", SOURCE): self.cleaned_data["note"]},
            **self.change_fields(),
        )
        change.full_clean()
        try:
            with transaction.atomic():
                change.save()
        except IntegrityError as error:
            # Someone else changed the same date between the page and this save.
            raise forms.ValidationError(
                gettext("This date has just been changed by someone else. Reload the page.")
            ) from error
        return change


class QuickMoveForm(QuickChangeForm):
    """One date moved to another day, and to another start time if given."""

    kind = ChangeKind.MOVED

    new_date = forms.DateField(
        label=_("New date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the new date as year-month-day.")},
    )
    new_start_time = forms.TimeField(
        label=_("New start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Empty: the usual time. The meeting keeps its usual length."),
    )
    field_order = ["original_date", "new_date", "new_start_time", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _(
            "Shown on the site and in calendars, e.g. why the meeting moved."
        )

    def clean(self):
        cleaned = super().clean()
        original, new_date = cleaned.get("original_date"), cleaned.get("new_date")
        start = cleaned.get("new_start_time")
        if original and new_date == original and start in (None, self.series.start_time):
            self.add_error(
                "new_date", gettext("Give a new date or a new start time to move the meeting.")
            )
        if new_date and new_date < timezone.localdate():
            self.add_error("new_date", gettext("The new date has passed."))
        if start is not None and self.new_end_time(start) is None:
            self.add_error("new_start_time", gettext("The meeting would end after midnight."))
        return cleaned

    def new_end_time(self, start: datetime.time) -> datetime.time | None:
        """The end that keeps the usual length, or None past midnight."""
        day = datetime.date(2000, 1, 1)
        length = datetime.datetime.combine(day, self.series.end_time) - datetime.datetime.combine(
            day, self.series.start_time
        )
        end = datetime.datetime.combine(day, start) + length
        return end.time() if end.date() == day else None

    def change_fields(self) -> dict:
        start = self.cleaned_data.get("new_start_time")
        fields = {"new_date": self.cleaned_data["new_date"]}
        if start is not None and start != self.series.start_time:
            fields.update(new_start_time=start, new_end_time=self.new_end_time(start))
        return fields
