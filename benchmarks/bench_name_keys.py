"""How many names per second name_keys() handles.

Run from the project root: .venv/bin/python benchmarks/bench_name_keys.py
Uses the Faker name list in the shared test data when it is there, else a small built-in list.
"""

import csv
import sys
import time
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.names.keys import name_keys

NAMES_CSV = Path("/work/shared/testdata/india/indian_names_faker.csv")
BUILT_IN_NAMES = (
    "Mohammad Ali",
    "मोहम्मद अली",
    "Sourav Ganguly",
    "সৌরভ গাঙ্গুলী",
    "Pooja Sharma",
    "पूजा शर्मा",
    "Vishal Das",
    "বিশাল দাস",
    "Priya Nayak",
    "ପ୍ରିୟା ନାୟକ",
    "Murugan",
    "முருகன்",
)
ROUNDS = 20


def load_names() -> list[str]:
    """The names to time: the shared CSV's name column, or the built-in list."""
    if not NAMES_CSV.exists():
        return list(BUILT_IN_NAMES)
    with NAMES_CSV.open(encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle) if row["name"]]


def main() -> None:
    names = load_names()
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for name in names:
            name_keys(name)
    elapsed = time.perf_counter() - started
    count = len(names) * ROUNDS
    source = NAMES_CSV.name if NAMES_CSV.exists() else "built-in list"
    print(f"{count} names ({source}) in {elapsed:.2f} s: {count / elapsed:,.0f} names/s")


if __name__ == "__main__":
    main()
