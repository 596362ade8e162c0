"""The second step of staff sign-in, recovery codes, and the lockout page.

Flow: the admin's sign-in page takes the password (axes counts failures) and
sends the person here (staff/sites.py). Without a confirmed authenticator they
enroll: scan the QR code or type the secret, confirm with a first code, then
see their recovery codes once. With one, they type a code from the app or a
recovery code. Only then does the admin open (StaffAdminSite.has_permission).
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import services
from staff.forms import EnrollForm, VerifyForm
from staff.two_factor import TOTP_CODE, qr_code_svg, safe_next, second_step_url, secret_in_groups

logger = logging.getLogger("ocep.staff")

# The codes issued at enrollment wait here for the one page that shows them.
NEW_RECOVERY_CODES = "staff_new_recovery_codes"


def _page(request, template, context, status=200):
    context = {
        **admin.site.each_context(request),
        REDIRECT_FIELD_NAME: safe_next(request),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _signed_in_staff(request) -> bool:
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff


def _to_sign_in(request):
    return redirect_to_login(request.get_full_path(), reverse("admin:login"))


def _verified(request, device) -> None:
    # A new session key for the new privilege, as Django does at sign-in.
    request.session.cycle_key()
    otp_login(request, device)


def _throttled(devices) -> bool:
    """Every device that could take the code is refusing tries for now (django-otp)."""
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


@never_cache
def enroll(request):
    if not _signed_in_staff(request):
        return _to_sign_in(request)
    if request.user.is_verified():
        return HttpResponseRedirect(safe_next(request))
    if user_has_device(request.user):
        # Adding an authenticator takes a session verified by the current one.
        return HttpResponseRedirect(second_step_url(request))
    device = services.authenticator_for_enrollment(request.user)
    form = EnrollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled([device]):
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        elif (codes := services.authenticator_confirm(device, form.cleaned_data["code"])) is None:
            form.add_error(
                "code",
                _(
                    "That code does not match. Type the newest code the app shows; if it "
                    "still fails, check that the phone's clock is set automatically."
                ),
            )
        else:
            _verified(request, device)
            request.session[NEW_RECOVERY_CODES] = codes
            logger.info("Staff user %s enrolled an authenticator", request.user.pk)
            query = urlencode({REDIRECT_FIELD_NAME: safe_next(request)})
            return HttpResponseRedirect(f"{reverse('staff:recovery_codes')}?{query}")
    return _page(
        request,
        "staff/enroll.html",
        {
            "title": _("Set up your authenticator app"),
            "form": form,
            "qr_code": qr_code_svg(device, _("QR code to scan with your authenticator app")),
            "secret": secret_in_groups(device),
        },
    )


@never_cache
def verify(request):
    if not _signed_in_staff(request):
        return _to_sign_in(request)
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(safe_next(request))
    if not user_has_device(user):
        return HttpResponseRedirect(second_step_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        model = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
        devices = list(model.objects.devices_for_user(user))
        if _throttled(devices):
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        elif device := next(
            (d for d in devices if verify_token(user, d.persistent_id, code)), None
        ):
            _verified(request, device)
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(user)
                logger.warning("Staff user %s signed in with a recovery code", user.pk)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)d is left. "
                        "Make a new set under “Recovery codes” at the top of the page.",
                        "You signed in with a recovery code; %(count)d are left. "
                        "Make a new set under “Recovery codes” at the top of the page.",
                        left,
                    )
                    % {"count": left},
                )
            return HttpResponseRedirect(safe_next(request))
        else:
            logger.warning("Wrong second-step code for staff user %s", user.pk)
            form.add_error("code", _("That code is not right. Try the newest code in the app."))
    return _page(request, "staff/verify.html", {"title": _("Enter your code"), "form": form})


@never_cache
def recovery_codes(request):
    if not admin.site.has_permission(request):
        return _to_sign_in(request)
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = services.recovery_codes_issue(request.user)
        logger.info("Staff user %s made new recovery codes", request.user.pk)
        return HttpResponseRedirect(request.get_full_path())
    return _page(
        request,
        "staff/recovery_codes.html",
        {
            "title": _("Recovery codes"),
            # Shown once: a reload finds them gone.
            "codes": request.session.pop(NEW_RECOVERY_CODES, None),
            "codes_left": services.recovery_codes_left(request.user),
        },
    )


@require_POST
def sign_out(request):
    """Sign out between the two steps, where the admin's own "Log out" is not offered."""
    logout(request)
    return HttpResponseRedirect(reverse("admin:login"))


def locked_out(request, original_response=None, credentials=None):
    """What axes answers once an account or client is locked (AXES_LOCKOUT_CALLABLE)."""
    now = timezone.now()
    wait = timesince(now - settings.AXES_COOLOFF_TIME, now)
    response = _page(
        request,
        "staff/locked_out.html",
        {"title": _("Sign-in locked"), "failure_limit": settings.AXES_FAILURE_LIMIT, "wait": wait},
        status=429,
    )
    # Called from axes' middleware, past the point where Django renders responses.
    return response.render()
