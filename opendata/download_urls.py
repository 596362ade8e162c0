"""The downloads /open-data/ offers, in English whatever the reader's language."""

from django.urls import path

from . import downloads, package

app_name = "opendata_files"

urlpatterns = [
    path("partnerships.csv", downloads.partnerships_csv, name="partnerships"),
    path("family-enrichment-centers.csv", downloads.centers_csv, name="centers"),
    path("meetings.csv", downloads.meetings_csv, name="meetings"),
    path("hsds-datapackage.zip", package.download, name="package"),
]
