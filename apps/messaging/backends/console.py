import sys

from apps.messaging.backends import BaseSmsBackend, OutgoingSms


class ConsoleBackend(BaseSmsBackend):
    """Development: print each SMS instead of sending it."""

    def send(self, sms: OutgoingSms) -> str:
        sys.stdout.write(
            f"SMS to {sms.to} (DLT template {sms.dlt_template_id}"
            f"{', Unicode' if sms.is_unicode else ''}):\n{sms.text}\n{'-' * 40}\n"
        )
        sys.stdout.flush()
        return f"console-{sms.reference}"
