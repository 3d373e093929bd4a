"""Recall of the matching engine on a synthetic evaluation set, against a name-only baseline.

Run from the project root:

    .venv/bin/python benchmarks/bench_matching_quality.py [--pairs 1000 --distractors 20000]

It writes missing.csv, found.csv and truth.csv into a temporary folder, ranks them exactly as
`manage.py match_eval` does (apps.matching.engine.match_csv_files), and prints recall@1 and
recall@10 for the engine and for plain rapidfuzz on names, then how well the scores are
calibrated (which share of pairs in each score band are the same child).
"""

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.matching.engine import CandidateIndex, match_csv_files, read_csv_records
from apps.matching.engine.scoring import SCORE_INTERCEPT, SCORE_SLOPE
from benchmarks.evaluation_set import (
    baseline_rows,
    calibration,
    csv_name_pools,
    faker_name_pools,
    fit_logistic,
    generate,
    read_ranked_rows,
    read_truth,
    recall_at,
    recall_by_story,
    write_csv_records,
    write_truth,
)

SHARED_NAMES = Path("/work/shared/testdata/india/indian_names_faker.csv")


def main() -> None:
    options = _options()
    if options.faker_names:
        options.names_csv = None
    pools = csv_name_pools(options.names_csv) if options.names_csv else faker_name_pools()
    started = time.perf_counter()
    evaluation = generate(
        options.pairs,
        options.distractors,
        seed=options.seed,
        pools=pools,
        told_home_share=options.told_home,
    )
    print(
        f"{len(evaluation.missing)} missing reports, {len(evaluation.found)} found reports "
        f"({len(evaluation.truth)} with a missing report), seed {options.seed}, "
        f"names from {options.names_csv or 'Faker'}; generated in "
        f"{time.perf_counter() - started:.1f} s"
    )
    with tempfile.TemporaryDirectory(prefix="match-eval-") as folder:
        folder = Path(folder)
        write_csv_records(evaluation.missing, folder / "missing.csv")
        write_csv_records(evaluation.found, folder / "found.csv")
        write_truth(evaluation.truth, folder / "truth.csv")
        started = time.perf_counter()
        match_csv_files(folder / "missing.csv", folder / "found.csv", folder / "pairs.csv", 10)
        elapsed = time.perf_counter() - started
        rows = read_ranked_rows(folder / "pairs.csv")
        truth = read_truth(folder / "truth.csv")
        missing = read_csv_records(folder / "missing.csv", "missing")
        found = read_csv_records(folder / "found.csv", "found")
    started = time.perf_counter()
    baseline = baseline_rows(missing, found, 10)
    baseline_elapsed = time.perf_counter() - started
    print(f"\n{'':22}{'recall@1':>10}{'recall@10':>11}{'seconds':>9}")
    for label, ranked, seconds in (
        ("engine (match_eval)", rows, elapsed),
        ("name-only rapidfuzz", baseline, baseline_elapsed),
    ):
        print(
            f"{label:22}{recall_at(ranked, truth, 1):>10.3f}{recall_at(ranked, truth, 10):>11.3f}"
            f"{seconds:>9.1f}"
        )
    print(f"\n{'how the found child gave their name':38}{'children':>9}{'@1':>7}{'@10':>7}")
    at_one, at_ten = recall_by_story(rows, evaluation, 1), recall_by_story(rows, evaluation, 10)
    for story, (count, recall) in at_one.items():
        print(f"{story:38}{count:>9}{recall:>7.2f}{at_ten[story][1]:>7.2f}")
    _print_calibration(rows, truth)
    if options.fit:
        _fit_calibration(evaluation)
    if options.misses:
        _print_misses(rows, evaluation, missing, found, options.misses)


def _print_calibration(rows, truth) -> None:
    result = calibration(rows, truth)
    print("\ncalibration over the engine's top-10 lists")
    print(f"{'score band':>12}{'pairs':>9}{'same child':>12}")
    for band, pairs, true in result.bins:
        print(f"{band:>6}-{band + 10:<5}{pairs:>9}{true / pairs:>12.1%}")
    print(
        f"score >= 50: {result.true_above_threshold:.1%} of the true pairs, "
        f"precision {result.precision_above_threshold:.1%}, "
        f"{result.pairs_above_threshold_per_found:.2f} pairs per found report"
    )


def _fit_calibration(evaluation) -> None:
    """Fit the score's slope and intercept to the top-10 lists (scoring.SCORE_SLOPE/INTERCEPT)."""
    index = CandidateIndex()
    for record in evaluation.missing:
        index.add(record)
    log_odds, outcomes = [], []
    for child in evaluation.found:
        for candidate, result in index.top_matches(child, top=10):
            log_odds.append(result.log_odds)
            outcomes.append(evaluation.truth.get(child.id) == candidate.id)
    slope, intercept = fit_logistic(log_odds, outcomes)
    print(
        f"\nlogistic fit over {len(log_odds)} ranked pairs: slope {slope:.3f}, "
        f"intercept {intercept:.3f} (in use: {SCORE_SLOPE}, {SCORE_INTERCEPT}); "
        f"50 is reached at summed evidence {-intercept / slope:.2f}"
    )
    # Where the review threshold could sit: the fitted chance that a pair is the same child.
    print(f"{'fitted chance':>14}{'true pairs above':>18}{'precision':>11}{'pairs/found':>13}")
    for chance in (0.1, 0.2, 0.25, 1 / 3, 0.5, 2 / 3):
        threshold = (math.log(chance / (1 - chance)) - intercept) / slope
        above = [y for x, y in zip(log_odds, outcomes, strict=True) if x >= threshold]
        print(
            f"{chance:>14.2f}{sum(above) / len(evaluation.truth):>18.1%}"
            f"{sum(above) / max(1, len(above)):>11.1%}{len(above) / len(evaluation.found):>13.2f}"
        )


def _print_misses(rows, evaluation, missing, found, count: int) -> None:
    """The true pairs the engine did not rank first, to see what the engine gets wrong."""
    by_id = {record.id: record for record in [*missing, *found]}
    first = {found_id: missing_id for found_id, missing_id, rank, _ in rows if rank == 1}
    rank_of = {(f, m): (rank, score) for f, m, rank, score in rows}
    shown = 0
    for found_id, missing_id in evaluation.truth.items():
        if first.get(found_id) == missing_id or shown >= count:
            continue
        shown += 1
        story = evaluation.stories[found_id]
        print(
            f"\n--- {found_id} ({story}): true {missing_id} "
            f"{rank_of.get((found_id, missing_id), 'not ranked')}, first {first.get(found_id)}"
        )
        for record_id in (found_id, missing_id, first.get(found_id)):
            if record_id:
                print("   ", by_id[record_id])


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--distractors", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--told-home",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="share of found children who name their home district (default 0)",
    )
    parser.add_argument(
        "--names-csv",
        type=Path,
        default=SHARED_NAMES if SHARED_NAMES.exists() else None,
        help="first names and surnames by locale (default: the shared Faker extract if present)",
    )
    parser.add_argument(
        "--faker-names", action="store_true", help="take names from Faker, not the CSV"
    )
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument(
        "--fit", action="store_true", help="fit the calibration's slope and intercept"
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
