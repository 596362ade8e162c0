from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The models whose rows residents read on the public pages.
PUBLIC_MODELS = [
    "CommunityDistrict",
    "Language",
    "Organization",
    "CommunityPartnership",
    "FamilyEnrichmentCenter",
]


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Community Partnerships and Family Enrichment Centers")

    def ready(self):
        from pagecache.invalidation import watch

        watch(*(self.get_model(name) for name in PUBLIC_MODELS))
