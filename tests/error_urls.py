"""A URL configuration whose only page fails, to exercise the real 500 handler."""

from django.urls import path


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken)]
