"""The resources page in the sitemap.

Resources have no page of their own (each links to its PDF or publisher), so
the list is the one page to offer.
"""

from core.sitemaps import PagesSitemap


def pages() -> PagesSitemap:
    return PagesSitemap("resources:list")
