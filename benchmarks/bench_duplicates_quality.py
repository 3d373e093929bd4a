"""How well the engine's duplicate comparison finds a child reported twice, and how many other
reports it proposes, on the synthetic evaluation set.

Run from the project root:

    .venv/bin/python benchmarks/bench_duplicates_quality.py [--children 1000 --distractors 20000]

From the evaluation set's generator (benchmarks/evaluation_set.py): for each of --children
children a missing report, and a second missing report of the same disappearance written with
its own noise (another spelling, script, nickname, parents' names as typed by another station),
filed 0-7 days later, in the same district (80%), another district of the state (15%) or
another State/UT (5%); and a found report with a second found report of the same child 0-14
days later (the police, then the CWC, with the police's papers: the name copied three times in
four, once in three of those with a typing slip), in the same place (90%), with its own guess at
the age.
Among --distractors other missing reports (a tenth of them namesakes) and as many found reports
of other children, each second report is compared with every report of its side sharing a name
key, a name key one slip away or its district (the portal's ways in) by `duplicate_log_odds`,
and the printout says how often the first report is proposed (score 50 or more), ranked first,
and how many other reports are proposed with it.
"""

import argparse
import datetime
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.matching.engine import blocking_keys
from apps.matching.engine.duplicates import (
    duplicate_exclusion,
    duplicate_log_odds,
    duplicate_score,
    ordered,
)
from apps.matching.engine.faces import face_distance
from apps.matching.engine.index import slipped_keys
from apps.matching.engine.profile import read_profile
from apps.matching.engine.records import ChildRecord
from benchmarks.evaluation_set import (
    Generator,
    csv_name_pools,
    faker_name_pools,
    typo,
)

SHARED_NAMES = Path("/work/shared/testdata/india/indian_names_faker.csv")
THRESHOLDS = (50, 65)


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    pools = csv_name_pools(options.names_csv) if options.names_csv else faker_name_pools()
    generator = Generator(options.seed, pools)
    started = time.perf_counter()
    sides = {"missing": _Side(), "found": _Side()}
    children = []
    for _ in range(options.children):
        child = generator.child()
        children.append(child)
        first = generator.missing_report(child)
        sides["missing"].add_pair(first, _second_missing(generator, child, first))
        found = generator.found_report(child, first)
        sides["found"].add_pair(found, _second_found(generator, child, first, found))
    for _ in range(options.distractors):
        namesake = generator.rng.random() < 0.1
        other = generator.namesake(generator.rng.choice(children)) if namesake else None
        sides["missing"].add(generator.missing_report(other or generator.child()))
        # Found distractors are other children only: a namesake keeps the mother drawn for
        # another region, whose name the generator cannot write as a child would tell it.
        sides["found"].add(generator.found_report(generator.child(), None))
    print(
        f"{options.children} children reported twice on each side among "
        f"{options.distractors} other reports of each side, seed {options.seed}; generated in "
        f"{time.perf_counter() - started:.1f} s"
    )
    print(
        f"\n{'side':8}{'proposed':>10}{'ranked 1st':>12}"
        + "".join(f"{f'others >= {score}':>14}" for score in THRESHOLDS)
        + f"{'scored':>9}{'seconds':>9}"
    )
    for name, side in sides.items():
        side.measure(name)


class _Side:
    """The reports of one side, their ways in, and the second reports to look for."""

    def __init__(self):
        self.profiles = {}
        self.by_key = defaultdict(list)
        self.by_district = defaultdict(list)
        self.pairs = []  # (the first report's id, the second report)

    def add(self, record: ChildRecord) -> None:
        self.profiles[record.id] = read_profile(record)
        for key in blocking_keys(record):
            self.by_key[key].append(record.id)
        self.by_district[record.district].append(record.id)

    def add_pair(self, first: ChildRecord, second: ChildRecord) -> None:
        self.add(first)
        self.pairs.append((first.id, second))

    def measure(self, name: str) -> None:
        started = time.perf_counter()
        proposed = first_ranked = scored = 0
        others = dict.fromkeys(THRESHOLDS, 0)
        for true_id, second in self.pairs:
            target = read_profile(second)
            scores = {}
            for candidate_id in self._candidates(second):
                first, later = ordered(self.profiles[candidate_id], target)
                if duplicate_exclusion(first, later) is not None:
                    continue
                distance = face_distance(first.record.face, later.record.face)
                scores[candidate_id] = duplicate_score(duplicate_log_odds(first, later, distance))
            scored += len(scores)
            true_score = scores.pop(true_id, 0.0)
            proposed += true_score >= THRESHOLDS[0]
            first_ranked += true_score >= THRESHOLDS[0] and all(
                score < true_score for score in scores.values()
            )
            for threshold in THRESHOLDS:
                others[threshold] += sum(score >= threshold for score in scores.values())
        count = len(self.pairs)
        print(
            f"{name:8}{proposed / count:>10.3f}{first_ranked / count:>12.3f}"
            + "".join(f"{others[score] / count:>14.3f}" for score in THRESHOLDS)
            + f"{scored / count:>9.0f}{time.perf_counter() - started:>9.1f}"
        )

    def _candidates(self, record: ChildRecord) -> set[str]:
        found = set(self.by_district[record.district])
        keys = blocking_keys(record)
        for key in [*keys, *slipped_keys(keys)]:
            found.update(self.by_key[key])
        return found


def _second_missing(generator: Generator, child, first: ChildRecord) -> ChildRecord:
    """The same disappearance reported again: written afresh, a few days later, mostly in the
    same district."""
    rng = generator.rng
    second = generator.missing_report(child)
    state, district = _elsewhere(generator, child.state, child.district, (0.8, 0.95))
    return replace(
        second,
        event_date=first.event_date + datetime.timedelta(days=rng.randint(0, 7)),
        state=state,
        district=district,
    )


def _second_found(generator: Generator, child, missing: ChildRecord, found: ChildRecord):
    """The same child registered again (the police found, the CWC registers): the child comes
    with the police's papers, so the name is mostly copied (half the time as it was, a quarter
    with a typing slip) and otherwise told afresh; the age is guessed afresh; a few days
    later, mostly in the same place."""
    rng = generator.rng
    second = generator.found_report(child, missing)
    state, district = _elsewhere(generator, found.state, found.district, (0.9, 0.97))
    roll = rng.random()
    if roll < 0.75:
        name = found.name if roll < 0.5 or not found.name else typo(found.name, rng)
        second = replace(second, name=name, local_name=found.local_name)
    return replace(
        second,
        event_date=found.event_date + datetime.timedelta(days=rng.randint(0, 14)),
        state=state,
        district=district,
    )


def _elsewhere(generator: Generator, state: str, district: str, shares) -> tuple[str, str]:
    """The same district, another district of the state or another state, by `shares`."""
    roll = generator.rng.random()
    if roll < shares[0]:
        return state, district
    if roll < shares[1]:
        return state, f"{district}-next"
    return "elsewhere", "elsewhere-1"


def _options(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--distractors", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--names-csv",
        type=Path,
        default=SHARED_NAMES if SHARED_NAMES.exists() else None,
        help="name lists as CSV (default: the shared extract when present, else Faker)",
    )
    parser.add_argument(
        "--faker-names", action="store_true", help="take names from Faker, not the CSV"
    )
    options = parser.parse_args(argv)
    if options.faker_names:
        options.names_csv = None
    return options


if __name__ == "__main__":
    main()
