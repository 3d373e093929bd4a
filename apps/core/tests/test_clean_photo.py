"""Uploaded photos are decoded, turned upright and re-encoded without metadata; bad files are
refused with the reason. Plain Pillow: no database needed."""

import io

import pytest
from PIL import Image

from apps.core.images import (
    LARGEST_SIDE,
    MAX_PHOTO_BYTES,
    THUMBNAIL_SIDE,
    PhotoProblem,
    UnusablePhotoError,
    clean_photo,
)

GPS_INFO, ORIENTATION, CAMERA_MAKE = 0x8825, 0x0112, 0x010F


def encode(image: Image.Image, image_format="JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def phone_photo(orientation=1) -> bytes:
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif[GPS_INFO] = {2: (20.0, 16.0, 30.0), 4: (85.0, 50.0, 0.0)}
    return encode(Image.new("RGB", (400, 300), "teal"), exif=exif)


def problem_of(data: bytes) -> PhotoProblem:
    with pytest.raises(UnusablePhotoError) as refusal:
        clean_photo(data)
    return refusal.value.problem


def test_camera_and_gps_metadata_are_gone():
    assert Image.open(io.BytesIO(phone_photo())).getexif()[CAMERA_MAKE] == "PhoneMaker"

    cleaned = clean_photo(phone_photo())

    for data in (cleaned.image, cleaned.thumbnail):
        picture = Image.open(io.BytesIO(data))
        assert picture.format == "JPEG"
        assert dict(picture.getexif()) == {}
        assert "exif" not in picture.info


def test_a_sideways_phone_photo_is_turned_upright():
    cleaned = clean_photo(phone_photo(orientation=6))  # "rotate 90° clockwise to view"

    assert (cleaned.width, cleaned.height) == (300, 400)


def test_the_thumbnail_is_small_and_keeps_the_shape():
    cleaned = clean_photo(phone_photo())

    thumbnail = Image.open(io.BytesIO(cleaned.thumbnail))
    assert thumbnail.size == (THUMBNAIL_SIDE, THUMBNAIL_SIDE * 3 // 4)


def test_transparent_png_and_webp_are_accepted_on_white():
    transparent = Image.new("RGBA", (50, 50), (255, 0, 0, 0))

    for image_format in ("PNG", "WEBP"):
        cleaned = clean_photo(encode(transparent, image_format))
        corner = Image.open(io.BytesIO(cleaned.image)).getpixel((0, 0))
        assert all(channel > 240 for channel in corner)


def test_files_that_are_not_usable_photos_are_refused_with_the_reason():
    gif = encode(Image.new("RGB", (10, 10)), "GIF")
    truncated = phone_photo()[:300]

    assert problem_of(b"%PDF-1.7 a letter") == PhotoProblem.NOT_AN_IMAGE
    assert problem_of(gif) == PhotoProblem.WRONG_FORMAT
    assert problem_of(truncated) == PhotoProblem.CORRUPT
    assert problem_of(b"\xff" * (MAX_PHOTO_BYTES + 1)) == PhotoProblem.TOO_LARGE


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_picture_with_too_many_pixels_is_refused_before_decoding():
    bomb = encode(Image.new("1", (10_000, 5_000)), "PNG")  # 50 MP in a few kilobytes
    just_over = encode(Image.new("1", (6_000, 4_001)), "PNG")

    webp_over = encode(Image.new("RGB", (4_000, 2_001)), "WEBP")  # WebP: 8 MP at most

    assert len(bomb) < 100_000
    assert problem_of(bomb) == PhotoProblem.TOO_MANY_PIXELS
    assert problem_of(just_over) == PhotoProblem.TOO_MANY_PIXELS
    assert problem_of(webp_over) == PhotoProblem.TOO_MANY_PIXELS


@pytest.mark.parametrize(
    ("mode", "image_format", "size"),
    [
        ("RGB", "JPEG", (6_000, 4_000)),  # 24 MP, the most accepted
        ("RGBA", "PNG", (6_000, 4_000)),
        ("P", "PNG", (6_000, 4_000)),
        ("RGBA", "WEBP", (3_000, 2_000)),
    ],
)
def test_a_large_picture_is_shrunk_and_keeps_its_colours(mode, image_format, size):
    picture = Image.new(mode, size, "teal")

    cleaned = clean_photo(encode(picture, image_format))

    assert cleaned.width == LARGEST_SIDE
    assert cleaned.height in {1_333, 1_334}  # rounded down or up by the decoder's scale
    red, green, blue = Image.open(io.BytesIO(cleaned.image)).getpixel((1_000, 600))
    assert red < 10
    assert 118 < green < 138
    assert 118 < blue < 138
