"""What other apps may react to without messaging knowing them."""

from django.dispatch import Signal

# A phone sent us an SMS (through the gateway's inbound webhook), sent inside the transaction
# that writes it to the message log, the first time the gateway reports it: `message_id`,
# `mobile` (10 digits when it is an Indian mobile number) and `is_stop` (its first word asks for
# no more SMS: STOP and the like).
sms_received = Signal()
