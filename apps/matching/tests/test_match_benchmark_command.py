"""An operator measures matching speed with the documented command; no database is needed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_match_benchmark_prints_latency_face_search_and_memory():
    out = StringIO()

    call_command("match_benchmark", records=300, queries=8, stdout=out)

    printed = out.getvalue()
    assert "top_matches over 300 records, 8 queries" in printed
    assert "p95" in printed
    assert "exact face search over" in printed
    assert "peak memory" in printed


def test_match_benchmark_refuses_an_empty_run():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("match_benchmark", records=0)
