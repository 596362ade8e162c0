from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages.
PUBLIC_MODELS = ["Resource"]


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from pagecache.invalidation import watch

        watch(*(self.get_model(name) for name in PUBLIC_MODELS))
