"""What every sitemap of the site has in common (the apps' sitemaps.py build on it).

Each URL is listed in every interface language, with its alternates in all
of them and an x-default (English), so search engines offer readers the page
in their own language. Imports no app of ours: the apps each describe their
own pages, and config/sitemaps.py gathers them.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    """Pages with no rows of their own, by URL name: one query-free entry each."""

    def __init__(self, *url_names: str):
        self.url_names = list(url_names)

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
