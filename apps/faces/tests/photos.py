"""The face photos kept with the tests, for every app's tests that need real faces.

samples/ holds 45 small photos whose licences let the project carry them (sources, licences and
what dlib makes of them in samples/SOURCES.md), so face tests run in any clone.
"""

import csv
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"


def read_manifest() -> list[dict[str, str]]:
    """One row per photo: file, identity, n_faces, sex, source, licence, note."""
    with (SAMPLES / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
