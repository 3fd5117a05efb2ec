"""One photo: read it safely, turn it upright, strip it, size it, write it (cached by
content hash and settings, so an unchanged photo is never processed twice)."""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .settings import PhotoSettings

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


class PhotoError(Exception):
    """A file that is not a photo Pillow can read safely; `code` names the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Processed:
    path: Path  # the processed file, in the cache
    width: int
    height: int
    from_cache: bool


def cached_path(source: Path, settings: PhotoSettings) -> tuple[Path, bytes]:
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:24]
    suffix = ".jpg" if source.suffix.lower() == ".jpeg" else source.suffix.lower()
    return Path(settings.cache_dir) / f"{digest}-{settings.digest}{suffix}", data


def process(source: Path, settings: PhotoSettings) -> Processed:
    target, data = cached_path(source, settings)
    if target.is_file():
        with Image.open(target) as done:
            return Processed(target, done.width, done.height, True)
    image = _open(data, settings)
    upright = ImageOps.exif_transpose(image)
    if upright.width > settings.max_width:
        height = round(upright.height * settings.max_width / upright.width)
        upright = upright.resize((settings.max_width, height), Image.Resampling.LANCZOS)
    clean = upright.copy()
    clean.info = {}  # nothing of the camera's: no EXIF, GPS, XMP, ICC, comment, thumbnail
    fmt = FORMATS[source.suffix.lower()]
    out = io.BytesIO()
    if fmt == "JPEG":
        clean = clean.convert("RGB") if clean.mode not in ("RGB", "L") else clean
        clean.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=settings.jpeg_quality)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    partial.write_bytes(out.getvalue())
    os.replace(partial, target)
    return Processed(target, clean.width, clean.height, False)


def _open(data: bytes, settings: PhotoSettings) -> Image.Image:
    """Opening reads only the header: the size is checked against our limit before
    anything is decoded (Pillow's own bomb check is off meanwhile, ours is stricter)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > settings.max_pixels:
                raise PhotoError("photo_too_large", width=image.width, height=image.height,
                                 limit=settings.max_pixels // 1_000_000)
            image.load()  # decodes the whole file: a truncated one fails here
            return image
        except UnidentifiedImageError:
            raise PhotoError("photo_not_image") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise PhotoError("photo_broken", error=str(error)) from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous
