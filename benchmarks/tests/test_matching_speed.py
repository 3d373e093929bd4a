"""A developer measures matching speed with the documented script; no database is needed."""

import pytest

from benchmarks.bench_matching_speed import main


def test_the_speed_benchmark_prints_latency_face_search_and_memory(capsys):
    main(["--records", "300", "--queries", "8"])

    printed = capsys.readouterr().out
    assert "top_matches over 300 records, 8 queries" in printed
    assert "p95" in printed
    assert "exact face search over" in printed
    assert "peak memory" in printed


def test_the_speed_benchmark_refuses_an_empty_run(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--records", "0"])

    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err
