"""Argon2id with parameters measured on the portal's 2-core machine.

Measured with argon2-cffi 25.1.0 (argon2.low_level.hash_secret, median CPU time of 15 hashes,
time.process_time, on one core of an "Intel Xeon Processor" with other work running), twice on
2026-12-04:

    time_cost=2, memory_cost=100 MiB, parallelism=8 (Django's defaults)   228 ms
    time_cost=2, memory_cost=46 MiB,  parallelism=1                        77 ms
    time_cost=3, memory_cost=32 MiB,  parallelism=1                        69 ms, 79 ms
    time_cost=1, memory_cost=46 MiB,  parallelism=1                        51 ms
    time_cost=2, memory_cost=19 MiB,  parallelism=1                        20 ms, 21 ms  <- chosen
    time_cost=3, memory_cost=12 MiB,  parallelism=1                        19 ms

OWASP's Password Storage Cheat Sheet gives these Argon2id settings as equally strong, and 19 MiB
with 2 passes as its first: it costs here the least of them but one. 3 passes over 32 MiB (used
first) made a sign-in wait 400 ms at p95 with 50 officials at work (benchmarks/bench_load.py),
above the 300 ms aimed at, for strength beyond what OWASP asks. Parallelism 1: a gunicorn worker
serves one request at a time, so more lanes only add threads competing for the same cores.
Django re-hashes a stored password at the next sign-in whenever these numbers change, so they
can be raised when the machines get faster.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class MeasuredArgon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
