"""Values each process reads once from PostgreSQL and keeps for a while, for pages and matching
that ask for the same few rows again and again (district offices' phones, every place name)."""

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class KeptInProcess(Generic[Value]):
    """Values by key, each kept `seconds` after it was read; `forget` drops them all, which a
    process does at once when it saves what they were read from (a signal handler)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._kept: dict[Hashable, tuple[float, Value]] = {}

    def get(self, key: Hashable, read: Callable[[], Value]) -> Value:
        now = time.monotonic()
        kept = self._kept.get(key)
        if kept is not None and now - kept[0] < self.seconds:
            return kept[1]
        value = read()
        self._kept[key] = (now, value)
        return value

    def forget(self) -> None:
        self._kept.clear()
