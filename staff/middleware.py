"""Staff sessions end STAFF_SESSION_MAX_HOURS after sign-in, however busy.

The idle limit needs no code: the session lasts SESSION_COOKIE_AGE
(STAFF_IDLE_MINUTES) and SESSION_SAVE_EVERY_REQUEST pushes its end back on
every request, so a session nobody uses for that long is gone on the server
and in the browser. This middleware adds the absolute cap: it notes when a
signed-in session was first seen and signs it out once the cap has passed.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import ngettext

SIGNED_IN_AT = "staff_signed_in_at"


def note_sign_in(sender, request, user, **kwargs):
    """Start the clock at sign-in (connected to user_logged_in in StaffConfig.ready).

    Every way in, the admin form and tests' force_login alike, sends that signal.
    """
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class StaffSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: leave the session
        # unread, so public pages stay free of "Vary: Cookie" and its lookup.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            # A session from before this middleware starts its clock now.
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            hours = settings.STAFF_SESSION_MAX_HOURS
            if now - signed_in_at >= hours * 3600:
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(hours)d hour. Please sign in again.",
                        "You were signed out after %(hours)d hours. Please sign in again.",
                        hours,
                    )
                    % {"hours": hours},
                )
        return self.get_response(request)
