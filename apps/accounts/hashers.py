"""Argon2id with parameters measured on the portal's 2-core machine.

Measured 2026-12-04 with argon2-cffi 25.1.0 (argon2.low_level.hash_secret, median CPU time of 15
hashes, time.process_time, on one core of an "Intel Xeon Processor" with other work running):

    time_cost=2, memory_cost=100 MiB, parallelism=8 (Django's defaults)   228 ms
    time_cost=2, memory_cost=46 MiB,  parallelism=1                        77 ms
    time_cost=3, memory_cost=32 MiB,  parallelism=1                        69 ms  <- chosen
    time_cost=2, memory_cost=19 MiB,  parallelism=1                        20 ms

The chosen cost is about 70 ms of CPU a sign-in (PBKDF2 with Django's 1,000,000 iterations cost
about 1 s), inside the 50-100 ms aimed at, and stronger than OWASP's minimum (19 MiB, 2 passes).
Parallelism 1: a gunicorn worker serves one request at a time on 2 cores shared by 4 workers, so
more lanes only add threads competing for the same cores; 32 MiB a hash keeps 4 simultaneous
sign-ins at 128 MiB. Django re-hashes a stored password at the next sign-in whenever these
numbers change, so they can be raised when the machines get faster.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class MeasuredArgon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 3
    memory_cost = 32 * 1024  # KiB
    parallelism = 1
