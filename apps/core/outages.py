"""What an outage of PostgreSQL or Redis (cache or broker) raises: tasks that meet one run again,
and the API answers 503 with when to come back."""

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError

OUTAGE_ERRORS = (
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
