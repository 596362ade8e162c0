from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages: none. The page
# reads published partnerships and languages, which their own apps watch.
PUBLIC_MODELS: list[str] = []


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = _("Get involved")

    def ready(self):
        from core.submissions.kinds import register

        from .services import KIND

        # The sweep and the purge go through every registered kind.
        register(KIND)
