"""The interest form. Only what the server checks is trusted."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from core.submissions.forms import (
    DeliverableEmailField,
    LanguageChoiceField,
    SubmissionForm,
    grouped,
    honeypot,
    with_limits,
)
from partnerships.models import CommunityPartnership, Language

from .models import (
    AVAILABILITY_FIELDS,
    MAX_MESSAGE_LENGTH,
    WAY_FIELDS,
    Availability,
    InterestSubmission,
    Way,
)


def limits() -> dict:
    """The limits the messages state, as the reader's language writes numbers ("1,000")."""
    return {"max_characters": grouped(MAX_MESSAGE_LENGTH)}


FIELD_ORDER = [
    "ways",
    "partnership",
    "borough",
    "name",
    "email",
    "phone",
    "languages",
    "availability",
    "message",
    "consent",
]
NO_CONTACT = _("Give an e-mail address or a phone number (or both), so that we can reach you.")
NO_PLACE = _("Choose a Community Partnership or your borough.")


class PartnershipChoiceField(forms.ModelChoiceField):
    """A published partnership; an id that is not one is a form error, whatever its size."""

    def to_python(self, value):
        text = str(value or "")
        if text and not (text.isascii() and text.isdigit() and len(text) <= 10):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class InterestForm(SubmissionForm, forms.ModelForm):
    single_line_fields = ("name", "phone")

    ways = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=Way.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose as many as you like."),
        error_messages={"required": _("Choose at least one way to take part.")},
    )
    partnership = PartnershipChoiceField(
        label=_("Community Partnership"),
        queryset=CommunityPartnership.objects.published().only("pk", "name"),
        required=False,
        empty_label=_("I don't know yet"),
        help_text=_("The one nearest you, if you know it."),
        error_messages={"invalid_choice": _("Choose a Community Partnership from the list.")},
    )
    languages = LanguageChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.all(),
        required=False,
        help_text=_("So that we can talk with you in your language."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional. Choose all that fit."),
    )
    consent = forms.BooleanField(
        label=_("OCEP and the Community Partnership I chose may contact me by e-mail or phone"),
        error_messages={"required": _("Tick this box so that we can reply to you.")},
    )

    class Meta:
        model = InterestSubmission
        fields = [
            "partnership",
            "borough",
            "name",
            "email",
            "phone",
            "languages",
            "message",
            "consent",
        ]
        field_classes = {"email": DeliverableEmailField}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "borough": _("Borough"),
            "name": _("Your name"),
            "email": _("E-mail address"),
            "phone": _("Phone number"),
            "message": _("Message"),
        }
        help_texts = {
            "borough": _("If you did not choose a partnership."),
            "name": _("Optional: what we should call you."),
            "email": _("We send a confirmation here."),
            "phone": _("For example (212) 555-0123."),
            "message": with_limits(
                _(
                    "Optional. An idea, a question, or what you are good at: "
                    "up to %(max_characters)s characters."
                ),
                limits,
            ),
        }
        error_messages = {
            "email": {"invalid": _("Enter an e-mail address like name@example.org.")},
            "message": {
                "max_length": with_limits(
                    _("Keep the message to %(max_characters)s characters or fewer."), limits
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        borough = self.fields["borough"]
        borough.choices = [("", _("Choose one")), *borough.choices[1:]]
        self.fields["message"].widget.attrs["maxlength"] = MAX_MESSAGE_LENGTH
        # The order of the page, for the error summary.
        self.order_fields(FIELD_ORDER)
        self.helper = self.build_helper()

    def build_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(_("What you would like to do"), "ways"),
            Fieldset(_("Where"), "partnership", "borough"),
            Fieldset(_("How we reach you"), "name", "email", "phone", "languages"),
            Fieldset(_("When"), "availability"),
            Fieldset(_("Anything else"), "message", "consent"),
            honeypot(),
        )
        return helper

    def clean(self):
        cleaned_data = super().clean()
        # Only when both were left empty: a mistake in one is explained on its own.
        if not self._answered("email", "phone"):
            self.add_error("email", NO_CONTACT)
        if not self._answered("partnership", "borough"):
            self.add_error("partnership", NO_PLACE)
        return cleaned_data

    def _answered(self, *names) -> bool:
        """True if any of these fields has an answer, or an error of its own."""
        return any(self.cleaned_data.get(name) or name in self.errors for name in names)

    def submission_data(self) -> dict:
        """The answers as the model holds them: each way and time slot its own yes/no."""
        data = super().submission_data()
        ways = set(data.pop("ways", []))
        slots = set(data.pop("availability", []))
        data.update({field: way in ways for way, field in WAY_FIELDS.items()})
        data.update({field: slot in slots for slot, field in AVAILABILITY_FIELDS.items()})
        return data
