"""Other capabilities (matching, alerts) react to reports without the reports app knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that files or changes a report, with `report_id` and `created`
# (True for a new report): receivers record their background work through
# apps.outbox.services.enqueue, so it is stored with the save and runs once it commits.
report_saved = Signal()

# Sent inside the transaction that closes a report as a duplicate of another, with `report_id`
# (the closed one), `primary_id` (where the case goes on) and `closed_by_id`.
report_closed_as_duplicate = Signal()
