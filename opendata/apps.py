from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The directory as open data: the HSDS 3.0 API and the downloads of /open-data/."""

    default = True
    name = "opendata"
    verbose_name = _("Open data")
