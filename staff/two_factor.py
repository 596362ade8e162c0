"""Small pieces of the second step shared by the admin site and the views."""

import base64
import re
from urllib.parse import quote

import segno
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device

# A code from the app is six digits; a recovery code is eight letters and digits
# (django-otp's StaticToken.random_token). People type either with spaces.
TOTP_CODE = re.compile(r"^\d{6}$")


def clean_code(value: str) -> str:
    return "".join(value.split()).lower()


def safe_next(request, candidate: str | None = None) -> str:
    """Where to go once signed in: the page asked for, if it is on this site."""
    candidate = (
        candidate or request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    )
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def second_step_url(request, next_url: str | None = None) -> str:
    """Enrollment for staff without an authenticator, the code page for the others."""
    name = "staff:verify" if user_has_device(request.user) else "staff:enroll"
    return f"{reverse(name)}?{REDIRECT_FIELD_NAME}={quote(safe_next(request, next_url), safe='/')}"


def secret_in_groups(device) -> str:
    """The device's key as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device, title: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here: no image service."""
    # Presentation attributes only (fill, stroke): no style attribute for the
    # Content-Security-Policy to refuse, and a white quiet zone on dark themes.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="qr-code"
    )
