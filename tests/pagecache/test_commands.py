import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from partnerships.models import CommunityPartnership
from tests.factories import make_partnership

pytestmark = pytest.mark.django_db


def test_invalidate_pages_shows_a_change_made_outside_django():
    partnership = make_partnership(name="Before")
    Client().get("/partnerships/")
    # As SQL in psql would: no signal, no new version.
    CommunityPartnership.objects.filter(pk=partnership.pk).update(name="After")
    assert "After" not in Client().get("/partnerships/").content.decode()
    call_command("invalidate_pages", verbosity=0)
    assert "After" in Client().get("/partnerships/").content.decode()


def test_invalidate_pages_fails_loudly_when_the_cache_is_unreachable(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("invalidate_pages", verbosity=0)
