"""Hooks for alerts: sent after the transaction that proposed or confirmed a pair commits."""

from django.dispatch import Signal

# `candidate_id` is passed. Receivers (SMS, e-mail) must be quick or enqueue a task.
match_proposed = Signal()
match_confirmed = Signal()
