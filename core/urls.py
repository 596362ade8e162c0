from django.urls import path

from . import pages

app_name = "core"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("about/", pages.AboutView.as_view(), name="about"),
    path("initiative/", pages.InitiativeView.as_view(), name="initiative"),
    path("approach/", pages.ApproachView.as_view(), name="approach"),
    path(
        "parents-as-partners/",
        pages.ParentsAsPartnersView.as_view(),
        name="parents_as_partners",
    ),
]
