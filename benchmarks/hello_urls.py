"""The site's URLs plus /healthz answering "hello": the benchmark's reference view.

The smallest response Django gives through the same middleware as every page,
never cached, so a page's ratio to it shows what the page itself costs.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns


@never_cache
def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("healthz", hello), *site_urlpatterns]
