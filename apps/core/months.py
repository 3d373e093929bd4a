"""Calendar months as their first day: plain Python, shared by dashboards and alerts."""

from datetime import date


def months_before(month: date, count: int) -> date:
    """The first day of the month `count` months before `month` (after it, when negative)."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)
