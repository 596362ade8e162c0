"""/api/hsds/: the directory in Open Referral's HSDS 3.0 API (opendata/api.py)."""

from django.urls import path

from . import api

app_name = "hsds"

urlpatterns = [
    path("", api.root, name="root"),
    path("services", api.services, name="services"),
    path("services/<str:record_id>", api.service, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:record_id>", api.organization, name="organization"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:record_id>",
        api.service_at_location,
        name="service_at_location",
    ),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:record_id>", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:record_id>", api.taxonomy_term, name="taxonomy_term"),
    # Anything else under /api/hsds/: a JSON 404, not the site's HTML page.
    path("<path:rest>", api.not_found),
]
