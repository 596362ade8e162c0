"""/open-data/ in every language: what the open data holds and how to use it."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
]
