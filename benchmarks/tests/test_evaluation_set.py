"""The evaluation set is the same every time, noisy the way Indian records are, and the engine
finds the true reports in it far more often than matching names alone."""

import math
import random
from dataclasses import replace

from apps.matching.engine import match_records
from benchmarks.evaluation_set import (
    REGIONS,
    baseline_rows,
    fit_logistic,
    generate,
    recall_at,
    romanise,
    to_native,
)


def test_the_same_seed_gives_the_same_set():
    first, second = generate(20, 50, seed=5), generate(20, 50, seed=5)
    assert first.missing == second.missing
    assert first.found == second.found
    assert generate(20, 50, seed=6).missing != first.missing


def test_the_set_has_every_kind_of_difficulty():
    evaluation = generate(300, 300, seed=1)
    stories = set(evaluation.stories.values())
    assert {"nickname only", "local script only", "first name only", "surname first"} <= stories
    scripts = {record.local_name[:1] for record in evaluation.missing if record.local_name}
    assert len(scripts) >= 3  # Devanagari, Bengali, Odia, Tamil, Gujarati...
    states = {record.id: record.state for record in evaluation.missing + evaluation.found}
    pairs = evaluation.truth.items()
    found_elsewhere = sum(states[found] != states[missing] for found, missing in pairs)
    assert 0.2 < found_elsewhere / len(pairs) < 0.5


def test_names_are_written_the_ways_clerks_write_them():
    rng = random.Random(3)  # noqa: S311 - test data
    bengal = next(region for region in REGIONS if region.key == "bengal")
    spellings = {romanise("সৌরভ দেবব্রত", bengal, rng) for _ in range(30)}
    assert "Saurabh Debabrat" in spellings
    assert any("o" in spelling[1:] for spelling in spellings)  # Bengali a as o
    assert to_native("Priya", "devanagari") == "प्रिया"


def test_the_engine_finds_far_more_true_reports_than_names_alone():
    evaluation = generate(60, 600, seed=11)
    engine = match_records(evaluation.missing, evaluation.found, top=10)
    baseline = baseline_rows(evaluation.missing, evaluation.found, top=10)
    assert recall_at(engine, evaluation.truth, 10) >= 0.9
    assert recall_at(engine, evaluation.truth, 1) > recall_at(baseline, evaluation.truth, 1) + 0.3


def test_the_calibration_fit_recovers_a_known_curve():
    rng = random.Random(2)  # noqa: S311 - test data
    log_odds = [rng.uniform(-10, 20) for _ in range(3000)]
    outcomes = [rng.random() < 1 / (1 + math.exp(-(0.8 * x - 6))) for x in log_odds]
    slope, intercept = fit_logistic(log_odds, outcomes)
    assert abs(slope - 0.8) < 0.1
    assert abs(intercept + 6) < 0.8


def test_found_children_naming_home_change_nothing_else_and_are_found_more_often():
    plain = generate(200, 2000, seed=3)
    told = generate(200, 2000, seed=3, told_home_share=1.0)
    assert [
        replace(record, home_districts=frozenset(), home_states=frozenset(), home_told="")
        for record in told.found
    ] == plain.found
    assert plain.missing == told.missing
    named_home = [record for record in told.found if record.home_districts]
    assert len(named_home) == len(told.found)
    by_home = recall_at(match_records(told.missing, told.found, 10), told.truth, 1)
    without = recall_at(match_records(plain.missing, plain.found, 10), plain.truth, 1)
    assert by_home > without
