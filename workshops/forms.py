"""The public request form. Only what the server checks is trusted."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.submissions.forms import (
    CheckboxChoiceField,
    DeliverableEmailField,
    LanguageChoiceField,
    SubmissionForm,
    grouped,
    honeypot,
)
from core.submissions.forms import with_limits as _with_limits
from partnerships.models import Language

from .models import (
    MAX_ATTENDEES,
    MAX_MESSAGE_LENGTH,
    AcsProgram,
    WorkshopRequest,
    WorkshopTopic,
)


def limits() -> dict:
    """The limits the messages state, as the reader's language writes numbers ("2,000")."""
    return {"max_attendees": MAX_ATTENDEES, "max_characters": grouped(MAX_MESSAGE_LENGTH)}


def with_limits(message):
    """A message stating a limit, filled in from the constants when it is shown."""
    return _with_limits(message, limits)


ATTENDEES_RANGE = with_limits(_("Enter a whole number from 1 to %(max_attendees)s."))
# What to do, in the person's terms, when a required answer is missing.
REQUIRED_MESSAGES = {
    "organization_name": _("Enter the name of your organization."),
    "organization_type": _("Choose the type of organization."),
    "contact_name": _("Enter your name."),
    "contact_email": _("Enter your e-mail address."),
    "contact_phone": _("Enter a phone number we can call."),
    "borough": _("Choose a borough."),
    "format": _("Choose in person or virtual."),
    "audience": _("Choose who the workshop is for."),
    "expected_attendees": with_limits(
        _("Enter how many people you expect, from 1 to %(max_attendees)s.")
    ),
    "preferred_date_1": _("Enter at least one preferred date."),
    "time_of_day": _("Choose a time of day."),
}
DATE_FIELDS = ("preferred_date_1", "preferred_date_2", "preferred_date_3")
# Preferred dates further ahead than this are surely a typo (or not a person).
MAX_LEAD_DAYS = 365
SINGLE_LINE_FIELDS = ("organization_name", "contact_name", "contact_phone", "address")


class WorkshopRequestForm(SubmissionForm, forms.ModelForm):
    single_line_fields = SINGLE_LINE_FIELDS

    expected_attendees = forms.IntegerField(
        label=_("Expected number of attendees"),
        min_value=1,
        max_value=MAX_ATTENDEES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": ATTENDEES_RANGE,
            "min_value": ATTENDEES_RANGE,
            "max_value": with_limits(
                _(
                    "Enter a whole number from 1 to %(max_attendees)s. "
                    "For a bigger group, tell us in the message."
                )
            ),
        },
    )
    topics = CheckboxChoiceField(
        label=_("Topics"),
        queryset=WorkshopTopic.objects.active(),
        help_text=_("Choose at least one."),
        error_messages={"required": _("Choose at least one topic.")},
    )
    programs = CheckboxChoiceField(
        label=_("ACS programs to invite"),
        queryset=AcsProgram.objects.active(),
        required=False,
        help_text=_(
            "Optional. OCEP staff, Child Protection and Preventive Services always take part."
        ),
    )
    languages = LanguageChoiceField(
        label=_("Languages needed"),
        queryset=Language.objects.all(),
        required=False,
        help_text=_("Interpretation we should arrange, if any."),
    )
    consent = forms.BooleanField(
        label=_("OCEP may contact me about this request by e-mail or phone"),
        error_messages={"required": _("Tick this box so that we can reply to your request.")},
    )

    class Meta:
        model = WorkshopRequest
        fields = [
            "organization_name",
            "organization_type",
            "contact_name",
            "contact_email",
            "contact_phone",
            "borough",
            "format",
            "address",
            "audience",
            "expected_attendees",
            "preferred_date_1",
            "preferred_date_2",
            "preferred_date_3",
            "time_of_day",
            "languages",
            "accessibility_needs",
            "topics",
            "programs",
            "message",
            "consent",
        ]
        field_classes = {"contact_email": DeliverableEmailField}
        widgets = {
            "organization_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
            "format": forms.RadioSelect,
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "audience": forms.RadioSelect,
            "time_of_day": forms.RadioSelect,
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "contact_name": _("Your name"),
            "contact_email": _("E-mail address"),
            "contact_phone": _("Phone number"),
        }
        help_texts = {
            "contact_phone": _("For example (212) 555-0123."),
            "accessibility_needs": _(
                "For example ASL interpretation, CART captioning or wheelchair access."
            ),
            "message": with_limits(
                _("Optional. Anything else we should know, up to %(max_characters)s characters.")
            ),
        }
        error_messages = {
            "contact_email": {"invalid": _("Enter an e-mail address like name@example.org.")},
        }

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.earliest_date = self.today + datetime.timedelta(days=settings.WORKSHOP_MIN_LEAD_DAYS)
        self.latest_date = self.today + datetime.timedelta(days=MAX_LEAD_DAYS)
        earliest = date_format(self.earliest_date, "DATE_FORMAT")
        for name in DATE_FIELDS:
            field = self.fields[name]
            field.widget = forms.DateInput(
                attrs={
                    "type": "date",
                    "min": self.earliest_date.isoformat(),
                    "max": self.latest_date.isoformat(),
                },
                format="%Y-%m-%d",
            )
            field.error_messages["invalid"] = _("Enter a date like 2026-05-31.")
        days = settings.WORKSHOP_MIN_LEAD_DAYS
        self.fields["preferred_date_1"].help_text = ngettext(
            "On or after %(date)s: at least %(days)d day from today, so that we can plan "
            "with ACS staff.",
            "On or after %(date)s: at least %(days)d days from today, so that we can plan "
            "with ACS staff.",
            days,
        ) % {"date": earliest, "days": days}
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        for name in ("format", "audience", "time_of_day"):
            field = self.fields[name]
            field.choices = [choice for choice in field.choices if choice[0] != ""]
        for name in ("organization_type", "borough"):
            field = self.fields[name]
            field.choices = [("", _("Choose one")), *field.choices[1:]]
        self.fields["expected_attendees"].widget.attrs.update(min=1, max=MAX_ATTENDEES)
        self.fields["message"].widget.attrs["maxlength"] = MAX_MESSAGE_LENGTH
        self.helper = self.build_helper()

    def build_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(
                _("Your organization"),
                "organization_name",
                "organization_type",
                "borough",
            ),
            Fieldset(
                _("How we reach you"),
                "contact_name",
                "contact_email",
                "contact_phone",
            ),
            Fieldset(
                _("The workshop"),
                "format",
                "address",
                "audience",
                "expected_attendees",
                "topics",
                "programs",
            ),
            Fieldset(
                _("When"),
                "preferred_date_1",
                "preferred_date_2",
                "preferred_date_3",
                "time_of_day",
            ),
            Fieldset(
                _("Access and languages"),
                "languages",
                "accessibility_needs",
            ),
            Fieldset(
                _("Anything else"),
                "message",
                "consent",
            ),
            honeypot(),
        )
        return helper

    def clean(self):
        cleaned_data = super().clean()
        days = settings.WORKSHOP_MIN_LEAD_DAYS
        too_soon = ngettext(
            "Choose a date on or after %(date)s, at least %(days)d day from today.",
            "Choose a date on or after %(date)s, at least %(days)d days from today.",
            days,
        ) % {"date": date_format(self.earliest_date, "DATE_FORMAT"), "days": days}
        seen = set()
        for name in DATE_FIELDS:
            value = cleaned_data.get(name)
            if value is None:
                continue
            if value < self.earliest_date:
                self.add_error(name, too_soon)
            elif value > self.latest_date:
                self.add_error(
                    name,
                    _("Choose a date within the next year, on or before %(date)s.")
                    % {"date": date_format(self.latest_date, "DATE_FORMAT")},
                )
            elif value in seen:
                self.add_error(
                    name, _("You chose this date already: pick another or leave it empty.")
                )
            seen.add(value)
        return cleaned_data
