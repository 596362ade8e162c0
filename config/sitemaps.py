"""/sitemap.xml: every public page, in every language, from each app's sitemaps.py.

Here because only config (and core's pages) may know every app.
"""

from core.sitemaps import PagesSitemap
from meetings.sitemaps import MeetingPagesSitemap
from partnerships.sitemaps import CenterSitemap, PartnershipSitemap, list_pages
from resources.sitemaps import pages as resource_pages

SITEMAPS = {
    "pages": PagesSitemap(
        "core:home",
        "core:about",
        "core:initiative",
        "core:approach",
        "core:parents_as_partners",
        "involvement:index",
        "workshops:index",
        "opendata:index",
    ),
    "listings": list_pages(),
    "meetings": MeetingPagesSitemap(),
    "resources": resource_pages(),
    "partnerships": PartnershipSitemap(),
    "centers": CenterSitemap(),
}
