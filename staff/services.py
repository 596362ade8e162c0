"""Writes behind staff sign-in: authenticator enrollment, recovery codes, resets.

Enrollment: `authenticator_for_enrollment` gives the staff member an unconfirmed
TOTP device (the same one on every visit until confirmed, so a reload does not
change the QR code); `authenticator_confirm` confirms it when the first code
matches and issues a fresh set of one-time recovery codes, which are shown
once and never again. `two_factor_reset` is the superuser's answer to a lost
phone: every device goes, and the next sign-in enrolls anew.
"""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def authenticator_for_enrollment(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device if `code` is its current code; then the new recovery codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Devices left over from an abandoned enrollment would never be confirmed.
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return recovery_codes_issue(device.user)


@transaction.atomic
def recovery_codes_issue(user) -> list[str]:
    """A new set of one-time codes; any earlier set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.STAFF_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_reset(user) -> None:
    """Forget every authenticator and recovery code: the next sign-in enrolls anew.

    Sessions verified by the old devices lose their verification at once (the
    device they name is gone), so they are back at the second step.
    """
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
