"""Users in the admin: who has an authenticator, and a reset for a lost one.

Lockouts are axes' own admin ("Access attempts": delete a row to unlock);
devices are django-otp's (their secrets hidden by OTP_ADMIN_HIDE_SENSITIVE_DATA).
"""

import logging

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import services

logger = logging.getLogger("ocep.staff")

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "has_authenticator"]
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(authenticator=Exists(confirmed))

    @admin.display(boolean=True, description=_("Authenticator"), ordering="authenticator")
    def has_authenticator(self, user):
        return user.authenticator

    @admin.action(
        description=_("Reset authenticator and recovery codes (they enroll again)"),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.two_factor_reset(user)
            logger.warning(
                "Staff user %s reset the authenticator of user %s", request.user.pk, user.pk
            )
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d person will set up a new authenticator at their next sign-in.",
                "%(count)d people will set up a new authenticator at their next sign-in.",
                count,
            )
            % {"count": count},
        )

    def has_reset_two_factor_permission(self, request):
        return request.user.is_superuser
