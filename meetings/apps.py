from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages. Event is a proxy of
# MeetingSeries: a save through the "Events" admin sends its signals as Event.
PUBLIC_MODELS = ["MeetingSeries", "Event", "MeetingChange"]


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from pagecache.invalidation import watch

        watch(*(self.get_model(name) for name in PUBLIC_MODELS))
