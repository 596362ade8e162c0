from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopIndexView.as_view(), name="index"),
    path("request/", views.RequestWorkshopView.as_view(), name="request"),
    path("request/thanks/<str:reference>/", views.ThanksView.as_view(), name="thanks"),
]
