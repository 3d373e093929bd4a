"""A developer measures how well duplicates are found with the documented script; no database
is needed."""

import re

from benchmarks.bench_duplicates_quality import main


def test_the_duplicates_benchmark_prints_recall_and_other_proposals_for_each_side(capsys):
    main(["--children", "40", "--distractors", "200", "--faker-names"])

    printed = capsys.readouterr().out
    assert "40 children reported twice on each side among 200 other reports" in printed
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines()[-2:]}
    assert set(rows) == {"missing", "found"}
    # The first report of nearly every child reported missing twice is proposed.
    assert float(rows["missing"][0]) >= 0.9
    assert all(re.fullmatch(r"\d+\.\d{3}", value) for value in rows["found"][:4])
