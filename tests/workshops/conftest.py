import pytest

from tests.submissions import database_tasks, fresh_cache_breaker, today  # noqa: F401 - fixtures

from .helpers import make_program, make_topic


@pytest.fixture
def topics(db):
    return [make_topic(name="How ACS works", order=1), make_topic(name="Parents' rights", order=2)]


@pytest.fixture
def programs(db):
    return [make_program(name="Office of Advocacy"), make_program(name="Parents as Partners")]
