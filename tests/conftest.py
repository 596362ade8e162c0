import pytest
from django.core.cache import cache
from django.utils import translation

from meetings import schedule_cache
from tests.signin import sign_in_staff, staff_in


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, whichever backend is configured."""
    cache.clear()
    schedule_cache.forget()
    yield
    cache.clear()
    schedule_cache.forget()


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


@pytest.fixture
def coordinator(django_user_model):
    return staff_in(django_user_model, "OCEP workshop coordinators", "coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    """Signed in as a coordinator: follows up workshop requests and interest forms."""
    sign_in_staff(client, coordinator)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    """Signed in as an OCEP editor: keeps listings current, sees no submissions."""
    sign_in_staff(client, staff_in(django_user_model, "OCEP editors", "editor"))
    return client
