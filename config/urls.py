from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import health, robots
from config.sitemaps import SITEMAPS

admin.site.site_header = _("OCEP staff administration")
admin.site.site_title = _("OCEP staff")

urlpatterns = [
    # The second step of staff sign-in, beside the admin it opens (staff/sites.py).
    path(f"{settings.ADMIN_PATH}two-factor/", include("staff.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    # For load balancers and orchestrators: one URL whatever the language.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # One of each for the whole site: the sitemap lists every page in every language.
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Open data in English whatever the reader's language (?locale= asks for another).
    path("api/hsds/", include("opendata.api_urls")),
    path("open-data/", include("opendata.download_urls")),
]

# English at /, Spanish under /es/: every public URL works in every language.
urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("", include("partnerships.urls")),
    path("", include("meetings.urls")),
    path("", include("resources.urls")),
    path("workshops/", include("workshops.urls")),
    path("get-involved/", include("involvement.urls")),
    path("open-data/", include("opendata.urls")),
    prefix_default_language=False,
)

# Uploaded files (resources' PDFs) under `make run`; static() adds nothing unless
# DEBUG is on. Production serves them from the storage itself (README).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
