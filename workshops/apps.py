from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages.
PUBLIC_MODELS = ["WorkshopTopic", "AcsProgram"]


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Demystifying ACS workshops")

    def ready(self):
        from core.submissions.kinds import register
        from pagecache.invalidation import watch

        from .services import KIND

        watch(*(self.get_model(name) for name in PUBLIC_MODELS))
        # The sweep and the purge go through every registered kind.
        register(KIND)
