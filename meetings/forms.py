"""The meeting series form in the admin: the rule chosen from lists, stored as before.

Staff choose "monthly, every 1 month, on the second Tuesday" or "on day 15 of
the month" instead of typing iCalendar codes. The form writes the same four
fields as ever (freq, interval, byday "2TU", bymonthday 15), so occurrences,
feeds and the schedule cache see no difference, and a saved rule opens with
its choices selected. The model's clean() still judges the rule
(`recurrence.check_rule`); its errors about byday and bymonthday are shown
beside the lists they come from.
"""

from django import forms
from django.contrib.admin.widgets import AdminRadioSelect
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import recurrence
from .models import Frequency, MeetingSeries

BLANK = ("", "---------")

# Which of its two ways a monthly meeting's day is given.
ON_A_WEEKDAY = "weekday"
ON_A_DAY_OF_THE_MONTH = "monthday"

# The model's field for a rule error, and the list it is shown beside.
ERROR_FIELDS = {"byday": "weekday", "bymonthday": "monthday"}


def optional_number(label, choices, help_text=""):
    """A list to choose a number from in words, or nothing; labelled as the admin labels."""
    return forms.TypedChoiceField(
        label=capfirst(label),
        choices=[BLANK, *choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


class MeetingSeriesForm(forms.ModelForm):
    interval = forms.TypedChoiceField(
        label=capfirst(_("every")),
        choices=[(n, str(n)) for n in range(1, 13)],
        coerce=int,
        initial=MeetingSeries._meta.get_field("interval").default,
        help_text=_("1 for every month (or week), 2 for every other one."),
    )
    monthly_on = forms.ChoiceField(
        label=_("A monthly meeting is on"),
        choices=[
            (ON_A_WEEKDAY, _("a week and a day of the week, such as the second Tuesday")),
            (ON_A_DAY_OF_THE_MONTH, _("a day of the month, such as day 15")),
        ],
        widget=AdminRadioSelect(attrs={"class": "radiolist"}),
        initial=ON_A_WEEKDAY,
        required=False,
    )
    week = optional_number(
        _("week of the month"),
        recurrence.WEEKS_OF_THE_MONTH.items(),
        _("Monthly meetings only: leave it empty for a weekly meeting."),
    )
    weekday = optional_number(_("day of the week"), recurrence.WEEKDAYS.items())
    monthday = optional_number(
        _("day of the month"),
        [*((n, str(n)) for n in range(1, 32)), (recurrence.LAST_DAY, recurrence.LAST_DAY_IN_WORDS)],
        _("Monthly meetings only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        series = self.instance
        if "freq" in self.fields and series.freq != Frequency.ONCE:
            # New one-time events are added under "Events"; an event opened here keeps its choice.
            self.fields["freq"].choices = [
                choice for choice in self.fields["freq"].choices if choice[0] != Frequency.ONCE
            ]
        self.initial.update(self.rule_choices(series.byday, series.bymonthday))

    @staticmethod
    def rule_choices(byday: str, bymonthday: int | None) -> dict:
        """The lists' choices showing a stored rule."""
        if bymonthday is not None:
            return {"monthly_on": ON_A_DAY_OF_THE_MONTH, "monthday": bymonthday}
        try:
            parsed = recurrence.parse_byday(byday) if byday else None
        except recurrence.RuleError:
            parsed = None  # a code no list holds: empty lists, and the form asks again
        if parsed is None:
            return {}
        return {"monthly_on": ON_A_WEEKDAY, "week": parsed.ordinal, "weekday": parsed.weekday}

    def clean(self):
        cleaned_data = super().clean()
        week = cleaned_data.get("week")
        weekday = cleaned_data.get("weekday")
        monthday = cleaned_data.get("monthday")
        if cleaned_data.get("freq") == Frequency.MONTHLY:
            # The radio says which of the two ways counts; the other lists are ignored.
            if cleaned_data.get("monthly_on") == ON_A_DAY_OF_THE_MONTH:
                week = weekday = None
            elif cleaned_data.get("monthly_on") == ON_A_WEEKDAY:
                monthday = None
        # Anything else chosen is passed on, for the model to refuse in plain words.
        self.instance.byday = "" if weekday is None else recurrence.ByDay(week, weekday).code
        self.instance.bymonthday = monthday
        return cleaned_data

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError(
                {ERROR_FIELDS.get(name, name): errors for name, errors in error.error_dict.items()}
            )
        super().add_error(ERROR_FIELDS.get(field, field), error)
