import pytest
from django.core.cache import cache
from django.utils import translation

from tests.signin import sign_in_staff


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, whichever backend is configured."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_off_for_query_counts(request, settings):
    """Query-count guards measure what a page costs to build, not to fetch from the cache."""
    if request.node.path.name == "test_query_counts.py":
        settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in Spanish leaves Spanish active in the thread: start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def staff_client(client, django_user_model):
    """A client signed in to the admin as a superuser, password and code."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    sign_in_staff(client, user)
    return client
