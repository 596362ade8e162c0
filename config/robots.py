"""/robots.txt: crawl everything, and find the pages through the sitemap.

Outside the language prefixes (one file for the whole site) and built from the
request, so the sitemap's address has the host and scheme the site is reached on.

It does not name the admin: DJANGO_ADMIN_PATH may be set to something less
obvious than "admin/", and robots.txt is the first file anyone reads. No
public page links to the admin, and it answers nothing without a sign-in.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow:",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
