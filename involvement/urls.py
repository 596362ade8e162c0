from django.urls import path

from . import views

app_name = "involvement"

urlpatterns = [
    path("", views.InvolvementView.as_view(), name="index"),
    path("thanks/<str:reference>/", views.ThanksView.as_view(), name="thanks"),
]
