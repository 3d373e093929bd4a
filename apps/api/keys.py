"""API keys: random, shown once, kept only as a hash. Plain Python, no Django.

A key carries 256 random bits, so a fast hash (SHA-256) is as safe as a slow password hash
would be, and costs nothing on every call.
"""

import hashlib
import secrets
from typing import NamedTuple

KEY_START = "tc_"
PREFIX_LENGTH = 8


class IssuedKey(NamedTuple):
    key: str
    prefix: str
    digest: str


def new_key() -> IssuedKey:
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    key = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    return IssuedKey(key=key, prefix=prefix, digest=digest_of(key))


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def prefix_of(key: str) -> str | None:
    """The prefix a well-formed key starts with, or None."""
    if not key.startswith(KEY_START):
        return None
    prefix = key[len(KEY_START) : len(KEY_START) + PREFIX_LENGTH]
    return prefix if len(prefix) == PREFIX_LENGTH else None
