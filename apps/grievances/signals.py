"""What grievances tell the apps above them (alerts) without importing them."""

from django.dispatch import Signal

# Grievances went up a level (to the State/UT's nodal unit or the ministry), inside the
# escalation's transaction. Argument: escalated_at (their `escalated_at`).
grievances_escalated = Signal()
