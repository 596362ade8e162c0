from pagecache.redis import RedisCache


def test_the_redis_cache_shares_one_client_per_connection_pool():
    """A new redis.Redis per call cost more than a local round trip (see pagecache.redis)."""
    cache = RedisCache("redis://127.0.0.1:1/0", {})  # never connects: nothing is sent
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)
