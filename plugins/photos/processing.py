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


WIDTHS = (320, 640, 960)  # smaller copies for srcset, below the largest (max_width)


@dataclass(frozen=True)
class Variant:
    path: Path  # in the cache
    width: int
    height: int
    fmt: str  # "JPEG", "PNG" or "WEBP"


@dataclass(frozen=True)
class Processed:
    """One photo, ready: the largest copy in the source's format (what `{static}` links
    and the lead photo point to), and every width as that format and as WebP."""

    path: Path
    width: int
    height: int
    from_cache: bool
    variants: tuple[Variant, ...] = ()


def cached_path(source: Path, settings: PhotoSettings) -> tuple[Path, bytes]:
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:24]
    suffix = ".jpg" if source.suffix.lower() == ".jpeg" else source.suffix.lower()
    return Path(settings.cache_dir) / f"{digest}-{settings.digest}{suffix}", data


def _variant_path(main: Path, width: int, fmt: str) -> Path:
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt]
    return main.with_name(f"{main.stem}-{width}{suffix}")


def process(source: Path, settings: PhotoSettings) -> Processed:
    target, data = cached_path(source, settings)
    fmt = FORMATS[source.suffix.lower()]
    if target.is_file():
        with Image.open(target) as done:
            size = done.size
        return Processed(target, *size, True, _variants(target, size, fmt, None, settings))
    image = _open(data, settings)
    upright = ImageOps.exif_transpose(image)
    largest = _sized(upright, min(upright.width, settings.max_width))
    _save(largest, target, fmt, settings)
    return Processed(target, largest.width, largest.height, False,
                     _variants(target, largest.size, fmt, largest, settings))


def _variants(main: Path, size: tuple[int, int], fmt: str, largest, settings) -> tuple:
    """Every width below the largest in the source's format, and all of them as WebP;
    made from the largest copy (given, or read from the cache), so each height is the
    largest's scaled: what the markup says."""
    widths = [w for w in WIDTHS if w < size[0]] + [size[0]]
    made = []
    for width in widths:
        height = round(size[1] * width / size[0])
        for kind in ([fmt] if width < size[0] else []) + ([] if fmt == "WEBP" else ["WEBP"]):
            path = _variant_path(main, width, kind)
            if not path.is_file():
                if largest is None:
                    with Image.open(main) as cached:
                        _save(_sized(cached, width), path, kind, settings)
                else:
                    _save(_sized(largest, width), path, kind, settings)
            made.append(Variant(path, width, height, kind))
    return tuple(made)


def _sized(image: Image.Image, width: int) -> Image.Image:
    if image.width == width:
        return image
    height = round(image.height * width / image.width)  # as _variants and the markup say
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _save(image: Image.Image, target: Path, fmt: str, settings: PhotoSettings) -> None:
    clean = image.copy()
    clean.info = {}  # nothing of the camera's: no EXIF, GPS, XMP, ICC, comment, thumbnail
    out = io.BytesIO()
    if fmt == "JPEG":
        clean = clean.convert("RGB") if clean.mode not in ("RGB", "L") else clean
        clean.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=settings.jpeg_quality, method=4)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    partial.write_bytes(out.getvalue())
    os.replace(partial, target)


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
