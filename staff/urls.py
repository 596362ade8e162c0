from django.urls import path

from staff import views

app_name = "staff"

urlpatterns = [
    path("enroll/", views.enroll, name="enroll"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
