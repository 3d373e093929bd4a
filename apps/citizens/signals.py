"""What Khoya-Paya tells the apps above it."""

from django.dispatch import Signal

# Sent inside the transaction that grants a family's request to erase their data, with
# `report_id`: retention minimises the report at once, as for a case closed long ago.
erasure_granted = Signal()
