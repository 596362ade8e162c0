import pytest
import time_machine
from django.urls import reverse

from tests.factories import noon_in_new_york

PASSWORD = "correct horse battery staple"
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture
def clock():
    """A clock that moves only when told (clock.shift(seconds)): codes change every 30 s."""
    with time_machine.travel(noon_in_new_york(2026, 3, 2), tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "maria", "maria@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, username="maria", password=PASSWORD, **extra):
    """The admin's sign-in form, as a browser posts it."""
    return client.post(LOGIN, {"username": username, "password": password, "next": INDEX}, **extra)
