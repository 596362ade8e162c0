from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "partnerships/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "family-enrichment-centers/",
        views.CenterListView.as_view(),
        name="center_list",
    ),
    path(
        "family-enrichment-centers/<slug:slug>/",
        views.CenterDetailView.as_view(),
        name="center_detail",
    ),
]
