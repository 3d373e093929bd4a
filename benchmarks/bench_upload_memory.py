"""Peak memory of reading a bulk upload, for hostile files and for the largest valid ones.

Run from the project root (no database needed):

    .venv/bin/python benchmarks/bench_upload_memory.py [--limit-mb 300]

It writes each file to a temporary folder, then reads it in a fresh Python process exactly as
the worker does (apps.bulk.sheets.read_rows, 45 template columns) and reports that process's
peak resident memory (VmHWM: ru_maxrss would include the parent's memory inherited through
fork), with what the process held before reading for comparison. It exits non-zero when any
file makes the reader exceed --limit-mb.
"""

import argparse
import csv
import io
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django import forms  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from apps.bulk import files  # noqa: E402
from apps.bulk.sheets import MAX_ROWS, REFERENCE, Column, SheetError, read_rows  # noqa: E402
from apps.bulk.tests.hostile_files import (  # noqa: E402
    declaring,
    edit_part,
    far_to_the_right,
    with_shared_strings,
    zip_bomb,
)

COLUMNS = [Column(REFERENCE, None)] + [
    Column(f"column_{n}", forms.CharField(label=f"Column {n}")) for n in range(44)
]
HEADER = [column.header for column in COLUMNS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-mb", type=int, default=300)
    parser.add_argument("--read", help=argparse.SUPPRESS)  # in the child: the file to read
    options = parser.parse_args()
    if options.read:
        _read(Path(options.read))
        return
    worst = 0
    print(f"{'file':<52} {'size':>9} {'outcome':<34} {'before':>7} {'peak':>7} {'time':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for name, build in CASES:
            path = Path(folder) / name
            path.write_bytes(build())
            before, peak, seconds, outcome = _measure(path)
            worst = max(worst, peak)
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            print(
                f"{name:<52} {size:>9} {outcome:<34} {before:>4} MB {peak:>4} MB {seconds:>5.1f}s"
            )
            path.unlink()
    print(f"worst peak {worst} MB (limit {options.limit_mb} MB)")
    if worst > options.limit_mb:
        sys.exit(1)


def _measure(path: Path):
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - this script, on a file it wrote
        [sys.executable, __file__, "--read", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    before, peak, outcome = result.stdout.strip().split("\t")
    return int(before), int(peak), time.perf_counter() - started, outcome


def _read(path: Path) -> None:
    data = path.read_bytes()
    before = _peak_mb()
    try:
        outcome = f"read, {len(read_rows(data, COLUMNS))} rows"
    except SheetError as error:
        outcome = f"refused: {str(error)[:25]}"
    print(f"{before}\t{_peak_mb()}\t{outcome}")


def _peak_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) // 1024  # given in kB


# --- The files ---


def _text(random_source: random.Random, length: int) -> str:
    return "".join(random_source.choices(string.ascii_letters + " ", k=length))


def _xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _full_rows(cell_length: int, rows: int = MAX_ROWS):
    """Every column filled with distinct text, so the file is as large as a valid one gets."""
    source = random.Random(1)  # noqa: S311 - filler text, not a secret
    return [[f"REG-{n}", *(_text(source, cell_length) for _ in COLUMNS[1:])] for n in range(rows)]


def valid_xlsx_at_the_size_limit() -> bytes:
    """As Excel saves it: every text in the shared strings."""
    return with_shared_strings(_xlsx(_full_rows(cell_length=52)))


def valid_csv_at_the_size_limit() -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(HEADER)
    writer.writerows(_full_rows(cell_length=44))
    return output.getvalue().encode("utf-8-sig")


def small_xlsx() -> bytes:
    return _xlsx([[f"REG-{n}", "Priya", "11"] for n in range(20)])


def declared_dimension_bomb() -> bytes:
    rows = [[f"REG-{n}", "Priya", "11"] for n in range(MAX_ROWS)]
    return declaring(far_to_the_right(_xlsx(rows)))


def far_cells_without_a_dimension() -> bytes:
    rows = [[f"REG-{n}", "Priya", "11"] for n in range(MAX_ROWS)]
    return declaring(far_to_the_right(_xlsx(rows)), ref="A1")


def very_wide_rows() -> bytes:
    """170 rows of 16,384 cells each: 90 MB of sheet, just under the unzipped limit."""
    return _xlsx([[f"REG-{n}", *([7] * 16383)] for n in range(170)])


def zip_bomb_of_a_gigabyte() -> bytes:
    return zip_bomb(small_xlsx(), unzipped_mb=1024)


def shared_strings_at_their_limit() -> bytes:
    """As many tiny distinct shared strings as the limit lets in."""
    count = (files.MAX_SHARED_STRINGS_BYTES - 4096) // len("<si><t>fffff</t></si>")
    strings = "".join(f"<si><t>{n:05x}</t></si>" for n in range(count))
    return with_shared_strings(small_xlsx(), strings.encode())


def styles_at_their_limit() -> bytes:
    """A styles part as large as allowed, all cell formats (openpyxl parses it whole)."""
    format_ = '<xf numFmtId="14" fontId="0"/>'
    count = (files.MAX_OTHER_PART_BYTES - 4096) // len(format_)
    formats = format_ * count

    def edit(xml: bytes) -> bytes:
        head, tail = xml.split(b"<cellXfs", 1)
        tail = tail.split(b"</cellXfs>", 1)[1]
        return head + f'<cellXfs count="{count}">{formats}</cellXfs>'.encode() + tail

    return edit_part(small_xlsx(), "xl/styles.xml", edit)


def one_tag_of_a_million_attributes() -> bytes:
    attributes = " ".join(f'a{n}=""' for n in range(1_000_000))
    return edit_part(
        small_xlsx(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<row r="2"', f'<row r="2" {attributes}'.encode(), 1),
    )


def csv_of_one_enormous_line() -> bytes:
    return (",".join(HEADER) + "\nREG-1" + ",ab" * 3_000_000 + "\n").encode()


CASES = [
    ("valid XLSX, 5,000 rows x 45 columns near 10 MB", valid_xlsx_at_the_size_limit),
    ("valid CSV, 5,000 rows x 45 columns near 10 MB", valid_csv_at_the_size_limit),
    ("declared A1:XFD1048576, 5,000 rows with far cells", declared_dimension_bomb),
    ("same cells far right, dimension A1", far_cells_without_a_dimension),
    ("very wide rows, 170 x 16,384 cells", very_wide_rows),
    ("zip bomb, 1 GB unzipped", zip_bomb_of_a_gigabyte),
    ("shared strings at their limit, tiny strings", shared_strings_at_their_limit),
    ("styles at their limit, all cell formats", styles_at_their_limit),
    ("one XML tag with a million attributes", one_tag_of_a_million_attributes),
    ("CSV, one line of 3,000,000 cells", csv_of_one_enormous_line),
]

if __name__ == "__main__":
    main()
