"""The downloads /open-data/ offers, in English whatever the reader's language."""

from django.urls import path

app_name = "opendata_files"

urlpatterns: list = []
