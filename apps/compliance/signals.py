"""What compliance tells the apps above it (alerts) without importing them."""

from django.dispatch import Signal

# New overdue items of one event were opened by a computation, inside its transaction.
# Arguments: event (an apps.compliance.choices.Event value), detected_at (the computation's
# moment, the items' `detected_at`).
overdue_items_found = Signal()
