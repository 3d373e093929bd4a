"""Hooks for alerts: sent inside the transaction that proposes or confirms a pair, so what a
receiver queues (through `apps.outbox.services.enqueue`) is stored with the pair and runs once
it commits."""

from django.dispatch import Signal

# `candidate_id` is passed. Receivers (SMS, e-mail) must be quick: they enqueue a task.
match_proposed = Signal()
match_confirmed = Signal()
