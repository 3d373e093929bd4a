"""A process keeps what it read from PostgreSQL for a while (district offices' phones, place
names), reads it again when that while is over, and at once when told to forget."""

from apps.core import kept
from apps.core.kept import KeptInProcess


def test_a_value_is_read_once_while_kept_and_again_after_or_when_forgotten(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(kept.time, "monotonic", lambda: clock[0])
    reads = []

    def read_phone():
        reads.append(clock[0])
        return f"phone read at {clock[0]:.0f}"

    phones = KeptInProcess(seconds=60)
    assert phones.get(212, read_phone) == "phone read at 1000"
    clock[0] += 59
    assert phones.get(212, read_phone) == "phone read at 1000"
    assert phones.get(196, read_phone) == "phone read at 1059"  # another key is read on its own
    clock[0] += 1
    assert phones.get(212, read_phone) == "phone read at 1060"
    phones.forget()
    assert phones.get(212, read_phone) == "phone read at 1060"
    assert reads == [1000, 1059, 1060, 1060]
