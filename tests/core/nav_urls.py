"""The site's URLs plus stand-ins for the menu items other apps bring.

"Get involved" and "Resources" are built in their own apps; the main menu
shows each item only once its URL name exists. These stand-ins let a test see
the items appear before those apps arrive. Where the real app is already
installed, Django keeps the first namespace registered, which is the real one.
"""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site


def stand_in(request):
    return HttpResponse("stand-in")


urlpatterns = [
    *site,
    path("get-involved/", include(([path("", stand_in, name="index")], "involvement"))),
    path("resources/", include(([path("", stand_in, name="list")], "resources"))),
]
