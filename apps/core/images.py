"""Checking and cleaning uploaded photos. Plain Pillow, no Django: bytes in, clean JPEGs out.

Every photo is decoded (a renamed PDF or a truncated file is refused), turned upright from its
EXIF orientation and re-encoded without any metadata, so no camera GPS position or serial number
ever leaves the server.

A small file may declare a huge picture (a decompression bomb), so the size is read from the
header before anything is decoded, JPEGs are decoded straight at a reduced scale, and other
pictures are shrunk a strip at a time: cleaning one photo stays under 200 MB of memory
(benchmarks/bench_photo_memory.py).
"""

import io
from dataclasses import dataclass
from enum import Enum

from PIL import ExifTags, Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
# Larger pictures are refused as possible decompression bombs; phone photos (12 MP by default)
# are well below this. Pillow warns above it, and refuses twice it, anywhere in the portal.
MAX_PIXELS = 24_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Pillow decodes WebP through full-size RGBA copies (libwebp's canvas, then its own), so WebP
# pictures are held to fewer pixels to stay within the same memory.
MAX_PIXELS_BY_FORMAT = {"WEBP": 8_000_000}
# Pictures are shrunk about this many pixels at a time, so no full-size copy is ever made.
STRIP_PIXELS = 1_000_000
LARGEST_SIDE = 2000
THUMBNAIL_SIDE = 240
JPEG_QUALITY = 85


class PhotoProblem(Enum):
    TOO_LARGE = "too_large"
    TOO_MANY_PIXELS = "too_many_pixels"
    NOT_AN_IMAGE = "not_an_image"
    WRONG_FORMAT = "wrong_format"
    CORRUPT = "corrupt"


class UnusablePhotoError(ValueError):
    def __init__(self, problem: PhotoProblem, *, max_pixels: int = MAX_PIXELS):
        super().__init__(problem.value)
        self.problem = problem
        self.max_pixels = max_pixels  # the limit that was passed, for TOO_MANY_PIXELS


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int


def clean_photo(data: bytes) -> CleanPhoto:
    """Decode, verify and re-encode one upload; raise UnusablePhotoError saying what is wrong."""
    if len(data) > MAX_PHOTO_BYTES:
        raise UnusablePhotoError(PhotoProblem.TOO_LARGE)
    picture = _decode(data)
    picture.thumbnail((LARGEST_SIDE, LARGEST_SIDE))
    thumbnail = picture.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return CleanPhoto(
        image=_jpeg(picture),
        thumbnail=_jpeg(thumbnail),
        width=picture.width,
        height=picture.height,
    )


def _decode(data: bytes) -> Image.Image:
    """The picture upright, in RGB on white, its longer side between LARGEST_SIDE and twice
    that (or as it is when smaller)."""
    try:
        _check_header(data)
        picture = Image.open(io.BytesIO(data))
        # Only JPEG can decode at 1/2, 1/4 or 1/8 scale; for other formats this does nothing.
        picture.draft("RGB", (LARGEST_SIDE, LARGEST_SIDE))
        picture.load()
        orientation = picture.getexif().get(ExifTags.Base.Orientation, 1)
        shrunk = _shrunk_on_white(picture)
    except UnusablePhotoError:
        raise
    except UnidentifiedImageError as error:
        raise UnusablePhotoError(PhotoProblem.NOT_AN_IMAGE) from error
    except Image.DecompressionBombError as error:
        raise UnusablePhotoError(PhotoProblem.TOO_MANY_PIXELS) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise UnusablePhotoError(PhotoProblem.CORRUPT) from error
    if orientation in UPRIGHT:
        return shrunk.transpose(UPRIGHT[orientation])
    return shrunk


def _check_header(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as probe:
        if probe.format not in ACCEPTED_FORMATS:
            raise UnusablePhotoError(PhotoProblem.WRONG_FORMAT)
        limit = MAX_PIXELS_BY_FORMAT.get(probe.format, MAX_PIXELS)
        if probe.width * probe.height > limit:
            raise UnusablePhotoError(PhotoProblem.TOO_MANY_PIXELS, max_pixels=limit)
        probe.verify()


# How to turn a picture upright from its EXIF orientation (as PIL.ImageOps.exif_transpose does).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _shrunk_on_white(picture: Image.Image) -> Image.Image:
    """Box-average by a whole factor, a strip of rows at a time: converting or resizing the
    whole picture at once would make full-size copies of it (four bytes a pixel with alpha)."""
    width, height = picture.size
    factor = max(1, max(width, height) // LARGEST_SIDE)
    shrunk = Image.new("RGB", (-(-width // factor), -(-height // factor)), "white")
    rows = factor * max(1, STRIP_PIXELS // (width * factor))
    for top in range(0, height, rows):
        strip = _flatten(picture.crop((0, top, width, min(top + rows, height))))
        shrunk.paste(strip.reduce(factor), (0, top // factor))
    return shrunk


def _flatten(picture: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent PNG/WebP pictures on white."""
    if picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return picture.convert("RGB")


def _jpeg(picture: Image.Image) -> bytes:
    output = io.BytesIO()
    # No exif= argument: Pillow writes no metadata at all unless asked to.
    picture.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()
