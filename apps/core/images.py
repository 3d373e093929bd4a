"""Checking and cleaning uploaded photos. Plain Pillow, no Django: bytes in, clean JPEGs out.

Every photo is decoded in full (a renamed PDF or a truncated file is refused), turned upright
from its EXIF orientation and re-encoded without any metadata, so no camera GPS position or
serial number ever leaves the server.
"""

import io
from dataclasses import dataclass
from enum import Enum

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
# Larger images are refused as possible decompression bombs; real phone photos are below this.
MAX_PIXELS = 50_000_000
LARGEST_SIDE = 2000
THUMBNAIL_SIDE = 240
JPEG_QUALITY = 85


class PhotoProblem(Enum):
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"
    WRONG_FORMAT = "wrong_format"
    CORRUPT = "corrupt"


class UnusablePhotoError(ValueError):
    def __init__(self, problem: PhotoProblem):
        super().__init__(problem.value)
        self.problem = problem


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
    picture = ImageOps.exif_transpose(picture)
    picture = _flatten(picture)
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
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise UnusablePhotoError(PhotoProblem.WRONG_FORMAT)
            if probe.width * probe.height > MAX_PIXELS:
                raise UnusablePhotoError(PhotoProblem.TOO_LARGE)
            probe.verify()
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except UnusablePhotoError:
        raise
    except UnidentifiedImageError as error:
        raise UnusablePhotoError(PhotoProblem.NOT_AN_IMAGE) from error
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise UnusablePhotoError(PhotoProblem.CORRUPT) from error
    return picture


def _flatten(picture: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent PNG/WebP pictures on white."""
    if picture.mode in {"RGBA", "LA"} or "transparency" in picture.info:
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
