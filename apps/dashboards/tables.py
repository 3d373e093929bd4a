"""A dashboard's tables as plain data: shown on the page, drawn as charts, downloaded.

Plain Python: no Django here, so the same table feeds the template and the downloads.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | None, ...]
    url: str = ""  # where the row's area drills down to, if anywhere


@dataclass(frozen=True)
class Table:
    name: str  # in download links and file names
    title: str
    label_heading: str
    headings: tuple[str, ...]
    rows: tuple[Row, ...]
    chart: str = ""  # "line" or "bar" draws the table as a chart too; "" does not

    def header(self) -> list[str]:
        return [self.label_heading, *self.headings]

    def records(self) -> list[list]:
        return [[row.label, *row.values] for row in self.rows]


def median_of(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}; None when there are none."""
    total = sum(counts.values())
    if not total:
        return None

    def value_at(position: int) -> int:
        seen = 0
        for value in sorted(counts):
            seen += counts[value]
            if seen > position:
                return value
        raise IndexError(position)

    return (value_at((total - 1) // 2) + value_at(total // 2)) / 2
