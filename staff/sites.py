"""The admin site: a password is the first step, a code from an authenticator the second.

Django's admin calls `has_permission()` before every page it serves; here it
also asks for a session verified by a device (django-otp's OTPMiddleware puts
`is_verified()` on the user). A staff member who has only given a password is
sent from the sign-in page to the second step: enrollment when they have no
authenticator yet, the code otherwise (staff/views.py).
"""

from django.contrib import admin
from django.http import HttpResponseRedirect

from staff.two_factor import second_step_url


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def index(self, request, extra_context=None):
        # Imported here: the apps' admin modules it reads register on this very site.
        from staff.home import home_context

        context = {**home_context(request, self), **(extra_context or {})}
        return super().index(request, context)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and not self.has_permission(request):
            # Signed in with a password but not yet with a code.
            return HttpResponseRedirect(second_step_url(request))
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            # The password was right: a new session, never verified yet.
            return HttpResponseRedirect(second_step_url(request, next_url=response.url))
        return response
