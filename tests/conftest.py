import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, whichever backend is configured."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client
