"""Other capabilities (matching, alerts) react to reports without the reports app knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that files or changes a report, with `report_id` and `created`
# (True for a new report): receivers record their background work through
# apps.outbox.services.enqueue, so it is stored with the save and runs once it commits.
report_saved = Signal()

# Sent inside the transaction that closes a report as a duplicate of another, with `report_id`
# (the closed one), `primary_id` (where the case goes on) and `closed_by_id`.
report_closed_as_duplicate = Signal()

# Sent inside the transaction that records a report's outcome shared with the child's other
# reports (choices.is_shared_outcome: restored, or closed for what became of the child), with
# `report_id`, `status`, `closure_reason` and `changed_by_id`: matching moves the matched report
# along, care the child's stay (each, or a request in its owner's queue when the official may
# not change it: services.follow_outcome).
report_outcome_recorded = Signal()

# Sent before such an outcome is recorded, with `report_id`: each receiver returns the ids of
# the reports whose outcome may move with it (matching: the confirmed partners), so that all
# are locked together in one order and two officials ending one child's case at once wait for
# each other instead of deadlocking (services.lock_case).
reports_moving_with = Signal()

# Sent inside the transaction that records or withdraws the consent to face matching of a
# report's photos, with `report_id` and `refused` (True once the family withdrew it and gave it
# no more): matching deletes the report's face encodings, or encodes its photos again.
face_matching_consent_changed = Signal()
