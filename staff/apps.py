from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff sign-in: two factors, lockouts, session limits."""

    default = True
    name = "staff"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from staff.middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="staff.note_sign_in")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with `admin.site` the site that demands a verified code.

    Every ModelAdmin registered with @admin.register (ours and the libraries')
    lands on that site, so no admin page is reachable on a password alone.
    """

    default = False
    default_site = "staff.sites.StaffAdminSite"
