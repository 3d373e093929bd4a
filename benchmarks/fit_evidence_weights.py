"""How much each kind of evidence should count against the name, fitted on the engine's own
evaluation sets (docs/matching.md, "Fitted weights").

Run from the project root:

    .venv/bin/python benchmarks/fit_evidence_weights.py [--seeds 2026 11] [--faker-seeds 7]
        [--pairs 1000] [--distractors 20000]

For every found child with a missing report in the sets, every candidate the engine's index gives
is scored kind by kind (evidence.KINDS, with the weights in use). One factor per kind is then
fitted by maximum likelihood so that the child's own report gets the largest share of
exp(sum of factor x contribution) among her candidates (a conditional logit), held lightly
towards 1; sex and date of birth keep 1 (sex is known and equal in nearly every pair, a date of
birth is rare in the sets). It prints the factors as they came out and relative to the name's,
and recall@1/@10 with the weights in use and with the fitted factors (all candidates ranked by
their sum, without the shortlist of scoring.shortlist). Never run it on the held-out sets
(benchmarks/heldout_children.py): they exist to check what this fits.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.matching.engine.evidence import KINDS
from apps.matching.engine.index import CandidateIndex
from apps.matching.engine.profile import read_profile
from benchmarks.bench_matching_quality import SHARED_NAMES
from benchmarks.evaluation_set import csv_name_pools, faker_name_pools, generate

KEPT = ("sex", "birth")  # not fitted: see the module docstring
PULL_TO_ONE = 0.1
KEYS = tuple(kind.key for kind in KINDS)
CANDIDATES = 1000  # as many as the index gives a child (index.DEFAULT_CANDIDATE_LIMIT)


def candidate_lists(evaluation) -> list[tuple[np.ndarray, int]]:
    """(contributions of each candidate by kind, the row of the child's own report) for every
    found child whose report is among her candidates."""
    index = CandidateIndex()
    for record in evaluation.missing:
        index.add(record)
    lists = []
    for child in evaluation.found:
        own = evaluation.truth.get(child.id)
        if own is None:
            continue
        found = read_profile(child)
        candidates = index.candidates(child, CANDIDATES)
        rows = np.zeros((len(candidates), len(KINDS)))
        for row, candidate in enumerate(candidates):
            missing = read_profile(candidate)
            for column, kind in enumerate(KINDS):
                measure = kind.measure(missing, found)
                rows[row, column] = measure.value if measure is not None else 0.0
        ids = [candidate.id for candidate in candidates]
        if own in ids:
            lists.append((rows, ids.index(own)))
    return lists


def fit_factors(lists: list[tuple[np.ndarray, int]], kept: tuple[int, ...] = ()) -> np.ndarray:
    """The factors (one per column) that make each list's own row likeliest, pulled towards 1;
    the columns in `kept` stay 1."""
    width = lists[0][0].shape[1]
    free = np.array([column not in kept for column in range(width)], dtype=float)

    def cost(factors):
        total, gradient = 0.0, np.zeros(width)
        for rows, own in lists:
            scores = rows @ factors
            shares = np.exp(scores - scores.max())
            shares /= shares.sum()
            total -= np.log(shares[own] + 1e-300)
            gradient -= rows[own] - shares @ rows
        total += PULL_TO_ONE / 2 * ((factors - 1) ** 2).sum()
        return total, (gradient + PULL_TO_ONE * (factors - 1)) * free

    return minimize(cost, np.ones(width), jac=True, method="L-BFGS-B").x


def recall(lists, factors: np.ndarray) -> tuple[float, float]:
    ranks = []
    for rows, own in lists:
        scores = rows @ factors
        ranks.append(int((scores > scores[own]).sum()))
    ranks = np.array(ranks)
    return float(np.mean(ranks == 0)), float(np.mean(ranks < 10))


def main() -> None:
    options = _options()
    shared = csv_name_pools(SHARED_NAMES) if SHARED_NAMES.exists() else None
    sets = [(seed, shared) for seed in options.seeds]
    sets += [(seed, faker_name_pools()) for seed in options.faker_seeds]
    lists = []
    for seed, pools in sets:
        evaluation = generate(options.pairs, options.distractors, seed=seed, pools=pools)
        lists += candidate_lists(evaluation)
    factors = fit_factors(lists, kept=tuple(KEYS.index(key) for key in KEPT))
    name = factors[KEYS.index("name")]
    print(f"{len(lists)} found children with their report among the candidates")
    print(f"{'kind':<12}{'factor':>8}{'relative to the name':>22}")
    for key, factor in zip(KEYS, factors, strict=True):
        print(f"{key:<12}{factor:>8.2f}{factor / name:>22.2f}")
    in_use, fitted = recall(lists, np.ones(len(KEYS))), recall(lists, factors)
    print(f"recall@1/@10 on these sets: weights in use {in_use[0]:.3f}/{in_use[1]:.3f}, ", end="")
    print(f"fitted {fitted[0]:.3f}/{fitted[1]:.3f}")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[2026, 11])
    parser.add_argument("--faker-seeds", type=int, nargs="*", default=[7])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--distractors", type=int, default=20000)
    return parser.parse_args()


if __name__ == "__main__":
    main()
