"""Peak memory of cleaning one uploaded photo, for the files that cost the most: a
decompression bomb at the pixel limit, one over it, and large valid JPEG, PNG and WebP pictures.

    .venv/bin/python benchmarks/bench_photo_memory.py

Each picture is made by one process and cleaned by apps.core.images in another, whose peak
resident memory (ru_maxrss, including Python and Pillow) is reported; this process stays small,
as Linux counts a parent's memory at fork in its child's peak. Exits with status 1 if any case
goes above 200 MB, the portal's budget for a photo.
"""

import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_MB = 200
# Exactly MAX_PIXELS (24 MP), and MAX_PIXELS_BY_FORMAT["WEBP"] (8 MP).
AT_LIMIT = (6_000, 4_000)
AT_WEBP_LIMIT = (4_000, 2_000)


def _encoded(picture, image_format: str, **options) -> bytes:
    output = io.BytesIO()
    picture.save(output, format=image_format, **options)
    return output.getvalue()


def _photo_like(mode: str, *, noise: float, size=AT_LIMIT):
    """Shading with some noise, so the file is large yet under the 8 MB upload limit."""
    from PIL import Image

    shade = Image.linear_gradient("L").resize(size)
    grain = Image.blend(shade, Image.effect_noise(size, 64), noise)
    picture = Image.merge("RGB", [grain, shade, shade.transpose(Image.Transpose.ROTATE_180)])
    if mode == "RGBA":
        picture.putalpha(shade)
    return picture


def _one_colour(mode: str, size: tuple[int, int]):
    from PIL import Image

    return Image.new(mode, size)


CASES = {
    "PNG bomb at the limit (RGBA, one colour)": lambda: _encoded(
        _one_colour("RGBA", AT_LIMIT), "PNG"
    ),
    "PNG bomb over the limit (50 MP, refused)": lambda: _encoded(
        _one_colour("1", (10_000, 5_000)), "PNG"
    ),
    "JPEG photo at the limit": lambda: _encoded(_photo_like("RGB", noise=0.3), "JPEG", quality=90),
    "PNG picture at the limit (RGBA)": lambda: _encoded(_photo_like("RGBA", noise=0.004), "PNG"),
    "WebP picture at its limit (RGBA, 8 MP)": lambda: _encoded(
        _photo_like("RGBA", noise=0.2, size=AT_WEBP_LIMIT), "WEBP", quality=90
    ),
    "WebP bomb over its limit (RGBA, 24 MP, refused)": lambda: _encoded(
        _one_colour("RGBA", AT_LIMIT), "WEBP"
    ),
}


def make_one(case: str, path: str) -> None:
    """In a child process: write the picture of one case."""
    Path(path).write_bytes(CASES[case]())


def clean_one(path: str) -> None:
    """In a child process: clean the file and print its peak memory in MB and the outcome."""
    from apps.core.images import UnusablePhotoError, clean_photo

    data = Path(path).read_bytes()
    started = time.perf_counter()
    try:
        cleaned = clean_photo(data)
        outcome = f"accepted, {cleaned.width}x{cleaned.height}"
    except UnusablePhotoError as refusal:
        outcome = f"refused: {refusal.problem.value}"
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"{peak_mb:.0f}\t{seconds:.2f}\t{outcome}")


def _run(*arguments: str) -> str:
    return subprocess.run(  # noqa: S603 (this very script, with our own arguments)
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=True
    ).stdout


def main() -> int:
    from apps.core.images import MAX_PHOTO_BYTES, MAX_PIXELS

    print(f"Cleaning one photo; budget {BUDGET_MB} MB peak, limit {MAX_PIXELS:,} pixels\n")
    print("| case | file | peak memory | time | outcome |\n| --- | ---: | ---: | ---: | --- |")
    over = False
    with tempfile.TemporaryDirectory() as folder:
        for number, name in enumerate(CASES):
            path = Path(folder) / f"case{number}"
            _run("--make", name, str(path))
            size = path.stat().st_size
            assert size <= MAX_PHOTO_BYTES, f"{name}: {size} bytes is over the upload limit"
            peak, seconds, outcome = _run("--clean", str(path)).strip().split("\t")
            over |= float(peak) > BUDGET_MB
            print(f"| {name} | {size / 1024:,.0f} KB | {peak} MB | {seconds} s | {outcome} |")
    if over:
        print(f"\nOver the {BUDGET_MB} MB budget.")
    return 1 if over else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make_one(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["--clean"]:
        clean_one(sys.argv[2])
    else:
        sys.exit(main())
