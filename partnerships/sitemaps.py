"""The partnership and center pages in the sitemap: the two lists and every published listing."""

from core.sitemaps import PagesSitemap, PublicSitemap

from .models import CommunityPartnership, FamilyEnrichmentCenter


def list_pages() -> PagesSitemap:
    return PagesSitemap("partnerships:partnership_list", "partnerships:center_list")


class ListingSitemap(PublicSitemap):
    """Published listings of one model, one query for all of them."""

    model = None

    def items(self):
        # Only what location() and lastmod() read.
        return self.model.objects.published().order_by("slug").only("slug", "updated")

    def lastmod(self, listing):
        return listing.updated


class PartnershipSitemap(ListingSitemap):
    model = CommunityPartnership


class CenterSitemap(ListingSitemap):
    model = FamilyEnrichmentCenter
