"""The held-out sets are written as their mix says: the hard set has more children without a
usable name and more found far from home than the set calibrated to issue 18's, each mix's
shares add up to one, and the benchmark can rank a set with another checkout's engine."""

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.bench_heldout_recall import _ranked, mean_and_error
from benchmarks.heldout_children import HARD, ISSUE18, MIXES, generate_heldout

ROOT = Path(__file__).resolve().parents[2]
NAMELESS = {"no name", "nickname only", "unreported pet name"}


@pytest.mark.parametrize("name", sorted(MIXES))
def test_every_mix_shares_out_every_found_child(name):
    mix = MIXES[name]
    assert sum(share for share, _ in mix.stories) == pytest.approx(1.0)
    assert 0 < mix.other_state < 1
    assert 0 < mix.age_misjudged < 1


def shares(mix, seed=7):
    evaluation = generate_heldout(600, 50, seed=seed, mix=mix)
    stories = Counter(evaluation.stories[found] for found in evaluation.truth)
    nameless = sum(stories[story] for story in NAMELESS) / len(evaluation.truth)
    far = len(evaluation.far_from_home & set(evaluation.truth)) / len(evaluation.truth)
    return nameless, far


def test_the_hard_set_has_more_nameless_children_found_far_from_home_than_issue_18s():
    hard_nameless, hard_far = shares(HARD)
    issue_nameless, issue_far = shares(ISSUE18)
    assert hard_nameless == pytest.approx(0.28, abs=0.05)
    assert issue_nameless == pytest.approx(0.16, abs=0.05)
    assert hard_far > issue_far + 0.08


def test_the_same_seed_and_mix_give_the_same_set():
    first = generate_heldout(20, 40, seed=3, mix=ISSUE18)
    assert first.found == generate_heldout(20, 40, seed=3, mix=ISSUE18).found
    assert first.found != generate_heldout(20, 40, seed=3, mix=HARD).found


def test_another_checkout_ranks_the_files_as_this_one_does():
    # This project as "another checkout": the subprocess must give the same ranking.
    evaluation = generate_heldout(15, 60, seed=4, mix=ISSUE18)
    here = _ranked(evaluation)
    assert here
    assert _ranked(evaluation, ROOT) == here


def test_the_mean_over_seeds_comes_with_how_far_reseeding_moves_it():
    # Three seeds of 0.94, 0.95 and 0.96: a spread of 0.01, over the square root of three.
    assert mean_and_error([0.94, 0.95, 0.96]) == "0.9500 ± 0.0058"
    assert mean_and_error([0.9497]) == "0.9497"
