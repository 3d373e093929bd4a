"""Other capabilities (matching, alerts) react to reports without the reports app knowing them."""

from django.dispatch import Signal

# Sent after the transaction that filed or changed a report has committed; `report_id` and
# `created` (True for a new report) are passed. Receivers may enqueue Celery tasks safely.
report_saved = Signal()
