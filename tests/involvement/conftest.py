import pytest

from tests.factories import make_partnership
from tests.submissions import database_tasks, fresh_cache_breaker, today  # noqa: F401 - fixtures


@pytest.fixture
def partnership(db):
    return make_partnership(
        name="Highbridge Community Partnership", email="highbridge@example.org", is_published=True
    )


@pytest.fixture
def partnership_without_email(db):
    return make_partnership(name="Jamaica Community Partnership", email="", is_published=True)
