"""The downloads /open-data/ offers, in English whatever the reader's language."""

app_name = "opendata_files"

urlpatterns: list = []
