"""No admin page without a code from an authenticator; enrollment on first sign-in."""

import base64
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.pages import text as text_of
from tests.signin import authenticator_for, current_code, sign_in_staff

from .conftest import INDEX, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

ENROLL = reverse("staff:enroll")
VERIFY = reverse("staff:verify")
RECOVERY = reverse("staff:recovery_codes")


def code_from_page(page: str) -> str:
    """What an authenticator app shows after the person typed the secret on the page."""
    secret = re.search(r'<p class="secret">([A-Z2-7 ]+)</p>', page).group(1)
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key):06d}"


def recovery_codes_on(page: str) -> list[str]:
    return re.findall(r"<li>([a-z2-7]{8})</li>", page)


def test_staff_without_a_device_cannot_reach_the_admin_index(client, staff_user):
    client.force_login(staff_user)  # the password step only
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROLL)
    page = text_of(response)
    assert "Set up your authenticator app" in page
    assert "Site administration" not in page


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:partnerships_communitypartnership_changelist"),
        reverse("admin:workshops_workshoprequest_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:password_change"),
        reverse("staff:recovery_codes"),
    ],
)
def test_a_password_alone_opens_no_admin_page(client, staff_user, url):
    authenticator_for(staff_user)
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 302
    assert client.get(response.url, follow=True).redirect_chain[-1][0].startswith(VERIFY)


def test_first_sign_in_enrolls_shows_recovery_codes_once_then_opens_the_admin(
    client, staff_user, clock
):
    response = sign_in(client)
    assert response.status_code == 302 and response.url.startswith(ENROLL)
    page = client.get(response.url).content.decode()
    assert '<svg width="' in page and 'class="qr-code"' in page
    assert re.search(r'<p class="secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</p>', page)
    assert client.get(INDEX).status_code == 302  # not yet

    response = client.post(response.url, {"code": code_from_page(page), "next": INDEX})
    assert response.status_code == 302 and response.url.startswith(RECOVERY)
    shown = client.get(response.url)
    codes = recovery_codes_on(shown.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "they are shown only once" in text_of(shown)
    again = client.get(response.url)
    assert recovery_codes_on(again.content.decode()) == []
    assert "You have 10 unused recovery codes." in text_of(again)
    index = client.get(INDEX)
    assert "Site administration" in text_of(index)
    assert f'<a href="{RECOVERY}">Recovery codes</a>' in index.content.decode()
    assert TOTPDevice.objects.get(user=staff_user).confirmed


def test_a_wrong_first_code_does_not_confirm_the_device(client, staff_user, clock):
    sign_in(client)
    page = client.get(ENROLL).content.decode()
    right = code_from_page(page)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(ENROLL, {"code": wrong})
    assert "That code does not match" in text_of(response)
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(INDEX).status_code == 302
    # The same secret on the next visit: the app set up a moment ago still works.
    assert code_from_page(client.get(ENROLL).content.decode()) == right


def test_later_sign_ins_ask_for_the_code_from_the_app(client, staff_user, clock):
    device = authenticator_for(staff_user)
    response = sign_in(client)
    assert response.url.startswith(VERIFY)
    assert "Enter your code" in text_of(client.get(response.url))
    response = client.post(response.url, {"code": current_code(device), "next": INDEX})
    assert response.status_code == 302 and response.url == INDEX
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_is_refused_and_repeated_tries_are_slowed(client, staff_user, clock):
    device = authenticator_for(staff_user)
    sign_in(client)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert "That code is not right" in text_of(client.post(VERIFY, {"code": wrong}))
    # django-otp refuses any code for a second after a failure, two after the next...
    assert "Too many wrong codes" in text_of(client.post(VERIFY, {"code": right}))
    assert client.get(INDEX).status_code == 302
    clock.shift(2)
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_recovery_code_signs_in_once(client, staff_user, clock):
    sign_in(client)
    client.post(ENROLL, {"code": code_from_page(client.get(ENROLL).content.decode())})
    code = recovery_codes_on(client.get(RECOVERY).content.decode())[0]
    client.post(reverse("admin:logout"))

    sign_in(client)
    response = client.post(VERIFY, {"code": code.upper()[:4] + " " + code[4:]}, follow=True)
    page = text_of(response)
    assert "Site administration" in page
    assert "You signed in with a recovery code; 9 are left." in page
    client.post(reverse("admin:logout"))

    clock.shift(5)
    sign_in(client)
    assert "That code is not right" in text_of(client.post(VERIFY, {"code": code}))
    assert StaticToken.objects.filter(device__user=staff_user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(staff_client, django_user_model):
    user = django_user_model.objects.get(username="admin")
    staff_client.post(RECOVERY)
    first = recovery_codes_on(staff_client.get(RECOVERY).content.decode())
    staff_client.post(RECOVERY)
    second = recovery_codes_on(staff_client.get(RECOVERY).content.decode())
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(second) and not stored & set(first)


def test_a_password_alone_cannot_add_a_second_authenticator(client, staff_user):
    authenticator_for(staff_user)
    client.force_login(staff_user)
    response = client.get(ENROLL)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1


def test_a_superuser_resets_a_lost_authenticator_and_the_person_enrolls_again(
    client, staff_client, django_user_model, clock
):
    lost = django_user_model.objects.create_user("ana", password=PASSWORD, is_staff=True)
    device = authenticator_for(lost)
    changelist = reverse("admin:auth_user_changelist")
    response = staff_client.post(
        changelist, {"action": "reset_two_factor", "_selected_action": [lost.pk]}, follow=True
    )
    assert "1 person will set up a new authenticator at their next sign-in." in text_of(response)
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert sign_in(client, "ana").url.startswith(ENROLL)


def test_only_superusers_are_offered_the_reset(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    target = django_user_model.objects.create_user("ana", password=PASSWORD, is_staff=True)
    device = authenticator_for(target)
    sign_in_staff(client, clerk)
    changelist = reverse("admin:auth_user_changelist")
    assert "reset_two_factor" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "reset_two_factor", "_selected_action": [target.pk]})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_reset_ends_the_verified_sessions_of_the_old_device(client, staff_user):
    sign_in_staff(client, staff_user)
    assert client.get(INDEX).status_code == 200
    TOTPDevice.objects.filter(user=staff_user).delete()
    assert client.get(INDEX).status_code == 302


def test_the_enrollment_page_loads_nothing_from_elsewhere_and_has_no_inline_code(
    client, staff_user
):
    client.force_login(staff_user)
    page = client.get(ENROLL).content.decode()
    step = page[page.index('<div id="content-main"') :]
    assert "<script" not in step and "style=" not in step and "<style" not in step
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_next_survives_both_steps_but_never_leads_off_the_site(client, staff_user, clock):
    device = authenticator_for(staff_user)
    wanted = reverse("admin:partnerships_communitypartnership_changelist")
    response = client.post(
        reverse("admin:login"), {"username": "maria", "password": PASSWORD, "next": wanted}
    )
    response = client.post(response.url, {"code": current_code(device)})
    assert response.url == wanted
    client.post(reverse("admin:logout"))
    clock.shift(30)
    sign_in(client)
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response.url == INDEX


def test_sign_out_between_the_steps(client, staff_user):
    client.force_login(staff_user)
    page = client.get(ENROLL).content.decode()
    assert reverse("staff:sign_out") in page
    client.post(reverse("staff:sign_out"))
    assert SESSION_KEY not in client.session


def test_a_superuser_without_phone_or_codes_is_reset_from_the_shell(client, staff_user):
    from io import StringIO

    from django.core.management import call_command

    authenticator_for(staff_user)
    out = StringIO()
    call_command("reset_two_factor", "maria", stdout=out)
    assert "maria will set up a new authenticator" in out.getvalue()
    assert sign_in(client).url.startswith(ENROLL)
