from apps.messaging.backends import BaseSmsBackend, OutgoingSms

# Tests read what was "sent" here, as Django's mail.outbox.
outbox: list[OutgoingSms] = []


class LocmemBackend(BaseSmsBackend):
    def send(self, sms: OutgoingSms) -> str:
        outbox.append(sms)
        return f"locmem-{len(outbox)}"

    def look_up(self, reference: str) -> str | None:
        references = [sms.reference for sms in outbox]
        return f"locmem-{references.index(reference) + 1}" if reference in references else None
