import pytest

from pagecache import safe, versions


@pytest.fixture(autouse=True)
def _cache_up():
    """Each test starts with the cache trusted and no version left to write."""
    safe.breaker.reset()
    versions.pending.flag = False
    yield
    safe.breaker.reset()
    versions.pending.flag = False
