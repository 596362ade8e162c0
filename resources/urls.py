from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.ResourceListView.as_view(), name="list"),
]
