import pytest
import time_machine

from core.submissions import ratelimit
from pagecache import safe
from tests.factories import noon_in_new_york

from .helpers import DATABASE_TASKS, TODAY, make_program, make_topic


@pytest.fixture(autouse=True)
def fresh_cache_breaker():
    """Each test starts with a cache that is presumed up and warnings not yet given."""
    safe.breaker.reset()
    ratelimit.rate_limit_unchecked.reset()
    yield
    safe.breaker.reset()
    ratelimit.rate_limit_unchecked.reset()


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for the worker, as in production."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def today():
    """Freeze the clock at noon in New York on TODAY (time still ticks)."""
    with time_machine.travel(noon_in_new_york(TODAY.year, TODAY.month, TODAY.day)):
        yield TODAY


@pytest.fixture
def topics(db):
    return [make_topic(name="How ACS works", order=1), make_topic(name="Parents' rights", order=2)]


@pytest.fixture
def programs(db):
    return [make_program(name="Office of Advocacy"), make_program(name="Parents as Partners")]
