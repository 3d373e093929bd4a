"""The face photos kept with the tests, for every app's tests that need real faces.

samples/ holds 45 small photos whose licences let the project carry them (sources, licences and
what dlib makes of them in samples/SOURCES.md), so face tests run in any clone.
"""

import csv
import functools
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"


def read_manifest() -> list[dict[str, str]]:
    """One row per photo: file, identity, n_faces, sex, source, licence, note."""
    with (SAMPLES / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def encoded_sample(name: str):
    """The sample photo `name` encoded by apps.faces.encoding.encode_photo, once a test run
    (about 0.2 s a photo): the face tests and the match_eval tests read the same photos."""
    from apps.faces import encoding

    # A test may have put encode_photo_samples_once in the module's place: use what it wraps.
    encode_photo = getattr(encoding.encode_photo, "wrapped", encoding.encode_photo)
    return encode_photo(SAMPLES / name)


def encode_photo_samples_once(real_encode_photo):
    """encode_photo as `real_encode_photo` does it, but a sample photo (a path into samples/,
    through a link or not) is encoded once a test run (encoded_sample)."""

    def encode_photo(source, **options):
        if isinstance(source, str | Path) and not options:
            path = Path(source).resolve()
            if path.parent == SAMPLES and path.is_file():
                return encoded_sample(path.name)
        return real_encode_photo(source, **options)

    encode_photo.wrapped = real_encode_photo
    return encode_photo
