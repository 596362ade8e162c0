"""Form pieces every public submission form shares. Only what the server checks is trusted.

``SubmissionForm`` adds the honeypot, the error summary and the one-line check;
``DeliverableEmailField`` refuses addresses our mail server would choke on;
``CheckboxChoiceField`` turns an impossible id into a form error, not a 500.
"""

import unicodedata

from crispy_forms.layout import Div, Field
from django import forms
from django.core.validators import EmailValidator
from django.utils.encoding import punycode
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "fax_number"
CONTROL_CHARACTERS = {chr(n) for n in range(32)} | {chr(127)}
# Far more rows than the lists will ever hold, and within every database's integers.
MAX_PK = 2**31 - 1
# Checked before int(): Python refuses to convert strings of more than 4,300 digits.
MAX_PK_DIGITS = len(str(MAX_PK))


def grouped(number: int) -> str:
    """A number as the reader's language writes it ("2,000", "2.000")."""
    return number_format(number, force_grouping=True)


def with_limits(message, limits):
    """A message stating a limit, filled in from ``limits()`` when it is shown.

    Lazily, so that the message is translated into the reader's language
    rather than the one active when the form's module was imported.
    """
    return lazy(lambda: message % limits(), str)()


class CheckboxChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of rows; a value that cannot be a row's id is an error, not a query.

    Without this, an id too large for the database (99999999999999999999)
    reaches SQLite, which raises OverflowError: a 500 instead of a form error.
    """

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if (
                not (text.isascii() and text.isdigit())
                or len(text) > MAX_PK_DIGITS
                or int(text) > MAX_PK
            ):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class LanguageChoiceField(CheckboxChoiceField):
    """Checkboxes of languages, each named in the reader's language."""

    def label_from_instance(self, obj):
        return obj.display_name


class DeliverableEmailValidator(EmailValidator):
    """An address our mail server can send to, on a domain on the internet.

    Django's own check accepts what RFC 5322 allows: control characters inside
    a quoted local part (U+001C between the quotes of "…"@example.org),
    ``localhost`` and IP literals (user@[127.0.0.1]). None of them is a
    person's address, and the first is refused by the mail library at every
    send attempt, after the submission was saved and thanked.
    """

    message = _("Enter an e-mail address like name@example.org.")
    invisible_message = _(
        "Write the e-mail address without spaces, line breaks or other invisible characters."
    )
    not_public_message = _(
        "Enter an e-mail address with a full domain name, like name@example.org."
    )

    def __init__(self):
        super().__init__(allowlist=[])  # Django's default lets "localhost" through

    def is_public(self, domain: str) -> bool:
        return not (
            self.literal_regex.match(domain)  # user@[127.0.0.1]
            or "." not in domain
            or domain.endswith(".localhost")
        )

    def __call__(self, value):
        # Categories C* (control, format, unassigned…) and Z* (spaces, line separators).
        if any(unicodedata.category(character)[0] in "CZ" for character in value):
            raise forms.ValidationError(self.invisible_message, code="invisible")
        local_part, at, domain = value.rpartition("@")
        if at and domain and not self.is_public(domain.rstrip(".").lower()):
            raise forms.ValidationError(self.not_public_message, code="not_public")
        super().__call__(value)
        try:
            punycode(domain)  # what the mail library does to the domain when sending
        except UnicodeError:
            raise forms.ValidationError(self.message, code=self.code) from None


class DeliverableEmailField(forms.EmailField):
    default_validators = [DeliverableEmailValidator()]


class SubmissionForm(forms.Form):
    """Mixed into a public form (before ``forms.ModelForm``): what every such form does.

    A honeypot field people never see and bots fill in (the template puts it
    in a hidden ``Div``: see ``honeypot()``), a summary of every error linking
    to its control, and a check that one-line answers hold no line break.
    """

    # One-line answers: a line break or other control character in them is never meant.
    single_line_fields: tuple[str, ...] = ()

    fax_number = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        for name in self.single_line_fields:
            value = cleaned_data.get(name) or ""
            if CONTROL_CHARACTERS.intersection(value):
                self.add_error(name, _("Write this on one line, without line breaks or tabs."))
        return cleaned_data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def error_summary(self) -> list[dict]:
        """Every error with the id of the control it belongs to, in the form's order."""
        items = []
        for error in self.non_field_errors():
            items.append({"anchor": "", "label": "", "message": error})
        for field in self:
            if not field.errors:
                continue
            anchor = field.auto_id
            if field.widget_type in ("checkboxselectmultiple", "radioselect"):
                anchor = f"{field.auto_id}_0"
            for message in field.errors:
                items.append({"anchor": anchor, "label": field.label, "message": message})
        return items

    def submission_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT_FIELD}


def honeypot():
    """The crispy-forms layout piece that hides the honeypot from people (see site.css)."""
    return Div(Field(HONEYPOT_FIELD), css_class="workshop-hp", aria_hidden="true")
