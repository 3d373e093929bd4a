"""Production settings, but plain HTTP, fast password hashing and unhashed static names."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from trackchild.settings import *  # noqa: F403
from trackchild.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "apps.messaging.backends.locmem.LocmemBackend"
# Each test run counts its own rate limits, never another run's on the shared Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The CAPTCHA accepts the word "passed", so tests and the browser test can get through it.
CAPTCHA_TEST_MODE = True
# Tests call tasks inline; tests/test_celery_worker.py runs a real worker on the configured broker.
CELERY_TASK_ALWAYS_EAGER = True
# Lets tests/refused_side.py check that a test marked refused_side really was refused.
MIDDLEWARE = [*MIDDLEWARE, "tests.request_record.RecordRequests"]  # noqa: F405
