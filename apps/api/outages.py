"""What an outage of the database, the cache (Redis) or the broker raises: the API answers 503
and when to come back, and the rate limit counts in the process instead."""

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError

UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)
RETRY_AFTER_SECONDS = 30
