from django import forms
from django.utils.translation import gettext_lazy as _

from staff.two_factor import TOTP_CODE, clean_code


class EnrollForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from the app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = clean_code(self.cleaned_data["code"])
        if not TOTP_CODE.match(code):
            raise forms.ValidationError(_("Enter the six digits the app shows."))
        return code


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return clean_code(self.cleaned_data["code"])
