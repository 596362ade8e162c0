"""Django's Redis cache, without a new client object for every operation.

Django's ``RedisCacheClient.get_client()`` builds a ``redis.Redis`` for each
call; its constructor fills a table of some 170 reply callbacks, which costs
more than the round trip to a local Redis. A client only wraps its connection
pool and is safe to share between threads, so one per pool is kept.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
