from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopIndexView.as_view(), name="index"),
    path("request/", views.request_workshop, name="request"),
    path("request/thanks/<str:reference>/", views.thanks, name="thanks"),
]
