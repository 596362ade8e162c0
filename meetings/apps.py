from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages.
PUBLIC_MODELS = ["MeetingSeries", "MeetingChange"]


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from pagecache.invalidation import watch

        watch(*(self.get_model(name) for name in PUBLIC_MODELS))
