"""A rejected pair is looked at again only when a record says something new: its fingerprint
must be the same in every worker process, whatever order a set of languages comes out in."""

import subprocess
import sys
from pathlib import Path

from apps.matching.engine.records import ChildRecord, pair_fingerprint

ROOT = Path(__file__).resolve().parents[4]
PRINT_FINGERPRINT = """
from apps.matching.engine.records import ChildRecord, pair_fingerprint
missing = ChildRecord(id="M-1", side="missing", name="Priya", languages=frozenset(
    {"hi", "bn", "or", "ta", "te", "mr", "gu", "kn", "ml", "pa", "ur", "as"}))
found = ChildRecord(id="F-1", side="found", languages=frozenset({"or", "hi", "en"}))
print(pair_fingerprint(missing, found))
"""


def fingerprint_in_a_process(hash_seed: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own arguments
        [sys.executable, "-c", PRINT_FINGERPRINT],
        cwd=ROOT,
        env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_two_worker_processes_fingerprint_a_pair_alike():
    fingerprints = {fingerprint_in_a_process(seed) for seed in ("1", "2", "3", "4")}

    assert len(fingerprints) == 1


def test_a_record_saying_something_new_changes_the_fingerprint():
    missing = ChildRecord(id="M-1", side="missing", languages=frozenset({"hi"}))
    found = ChildRecord(id="F-1", side="found")
    spoke_bengali = ChildRecord(id="F-1", side="found", languages=frozenset({"bn"}))

    assert pair_fingerprint(missing, found) != pair_fingerprint(missing, spoke_bengali)


def test_home_changes_the_fingerprint_only_when_a_record_gives_one():
    missing = ChildRecord(id="M-1", side="missing", district="Gaya, Bihar")
    found = ChildRecord(id="F-1", side="found")
    # Pairs stored before the engine read homes keep their fingerprints (this one was computed
    # by the engine before it read homes).
    assert pair_fingerprint(missing, found) == (
        "36a64c6e82ed03c6001d700c31a93a52aa6731e706fb209ecbdbf5c388f070f5"
    )
    named_home = ChildRecord(
        id="F-1",
        side="found",
        home_districts=frozenset({"Gaya, Bihar"}),
        home_states=frozenset({"Bihar"}),
        home_told="Gaya",
    )
    assert pair_fingerprint(missing, found) != pair_fingerprint(missing, named_home)
