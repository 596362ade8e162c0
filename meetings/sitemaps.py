"""The meeting pages in the sitemap: the list and this month's calendar.

Single meetings are left out: a series has a page for every date for years
ahead, and the partnership pages and the calendar already lead to them.
"""

from django.urls import reverse
from django.utils import timezone

from core.sitemaps import PublicSitemap


class MeetingPagesSitemap(PublicSitemap):
    def items(self):
        return ["list", "calendar"]

    def location(self, item):
        if item == "calendar":
            # /meetings/calendar/ only redirects here; the sitemap names the page itself.
            today = timezone.localdate()
            return reverse("meetings:calendar", args=(today.year, today.month))
        return reverse("meetings:list")
