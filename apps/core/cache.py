"""The shared cache (rate-limit counters) in Redis, which a Redis outage must not turn into
error pages: while Redis does not answer, each web process counts in its own memory."""

import logging

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class RedisCacheWithLocalFallback(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache("redis-fallback", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def _either(self, name, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except redis.RedisError as error:
            logger.warning("Redis cache unavailable, counting locally: %r", error)
            return getattr(self._local, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._either("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._either("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._either("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._either("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._either("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._either("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._either("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._either("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._either("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._either("delete_many", *args, **kwargs)

    def clear(self):
        return self._either("clear")
