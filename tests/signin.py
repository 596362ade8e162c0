"""Sign a test client in to the admin the way staff end up signed in: both steps done.

The admin demands a session verified by an authenticator (staff/sites.py), so
`client.force_login(user)` alone now stops at the second step. These helpers
give the user a confirmed TOTP device and mark the session verified by it, as
django-otp's login() does after a right code.
"""

from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def sign_in_staff(client, user) -> None:
    device = authenticator_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def current_code(device: TOTPDevice) -> str:
    """What the authenticator app shows right now (time-machine moves "now")."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def staff_in(django_user_model, group: str, username: str):
    """A staff member in one of the groups the migrations create."""
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user
