"""One photo: read it safely, turn it upright, strip it, size it, write it (cached by
content hash and settings, so an unchanged photo is never processed twice)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

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
    variants: tuple[Variant, ...] = ()


# Each photo's content hash by (path, size, modification time): a rebuild reads no
# unchanged photo again (a camera photo is megabytes). Kept in the cache folder.
DIGESTS: dict[str, tuple[int, int, str]] = {}
DIGESTS_FILE = "digests.json"


def load_digests(settings: PhotoSettings) -> None:
    DIGESTS.clear()
    with contextlib.suppress(OSError, ValueError, TypeError):
        known = json.loads((Path(settings.cache_dir) / DIGESTS_FILE).read_text("utf-8"))
        DIGESTS.update({path: tuple(entry) for path, entry in known.items()})


def save_digests(settings: PhotoSettings, sources: list[Path]) -> None:
    """The hashes of this build's photos only: a deleted photo is forgotten."""
    kept = {str(s): DIGESTS[str(s)] for s in sources if str(s) in DIGESTS}
    path = Path(settings.cache_dir) / DIGESTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(kept, sort_keys=True)
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, encoding="utf-8")


def content_digest(source: Path) -> str:
    info = source.stat()
    known = DIGESTS.get(str(source))
    if known is not None and known[:2] == (info.st_size, info.st_mtime_ns):
        return known[2]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
    DIGESTS[str(source)] = (info.st_size, info.st_mtime_ns, digest)
    return digest


def cached_path(source: Path, settings: PhotoSettings) -> Path:
    suffix = ".jpg" if source.suffix.lower() == ".jpeg" else source.suffix.lower()
    return Path(settings.cache_dir) / f"{content_digest(source)}-{settings.digest}{suffix}"


def _variant_path(main: Path, width: int, fmt: str) -> Path:
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt]
    return main.with_name(f"{main.stem}-{width}{suffix}")


def process(source: Path, settings: PhotoSettings) -> Processed:
    target = cached_path(source, settings)
    fmt = FORMATS[source.suffix.lower()]
    if target.is_file():
        with Image.open(target) as done:
            size = done.size
        return Processed(target, *size, _variants(target, size, fmt, None, settings))
    largest = _upright_and_sized(_open(source.read_bytes(), settings), settings.max_width)
    _save(largest, target, fmt, settings)
    return Processed(target, largest.width, largest.height,
                     _variants(target, largest.size, fmt, largest, settings))


def _variants(main: Path, size: tuple[int, int], fmt: str, largest, settings) -> tuple:
    """Every width below the largest in the source's format, and all of them as WebP.
    Each height is the largest's scaled (what the markup says); each copy is made from
    the next wider one (given, or read from the cache), widest first: shrinking an
    already small image is the cheap part."""
    widths = [w for w in WIDTHS if w < size[0]] + [size[0]]
    wanted = {width: [kind for kind in ([fmt] if width < size[0] else [])
                      + ([] if fmt == "WEBP" else ["WEBP"])
                      if not _variant_path(main, width, kind).is_file()]
              for width in widths}
    if any(wanted.values()):
        wider = largest if largest is not None else _loaded(main)
        for width in reversed(widths):
            height = round(size[1] * width / size[0])
            if wider.size != (width, height):
                wider = wider.resize((width, height), Image.Resampling.LANCZOS,
                                     reducing_gap=REDUCING_GAP)
            for kind in wanted[width]:
                _save(wider, _variant_path(main, width, kind), kind, settings)
    return tuple(Variant(_variant_path(main, width, kind), width,
                         round(size[1] * width / size[0]), kind)
                 for width in widths
                 for kind in ([fmt] if width < size[0] else []) + ([] if fmt == "WEBP"
                                                                   else ["WEBP"]))


def _loaded(path: Path) -> Image.Image:
    with Image.open(path) as cached:
        cached.load()
        return cached.copy()


# EXIF orientation -> the turn that shows the photo as the camera saw it.
TURNS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
         4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
         6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
         8: Image.Transpose.ROTATE_90}
ORIENTATION = 0x0112
SIDEWAYS = (5, 6, 7, 8)  # turned a quarter: the stored width is the displayed height
REDUCING_GAP = 3.0  # shrink by whole factors first, then Lanczos: same look, a third of the work


def _upright_and_sized(image: Image.Image, max_width: int) -> Image.Image:
    """The largest copy: at most `max_width` wide as displayed. It is resized before it
    is turned upright (turning the smaller image is cheaper), so the size is worked
    out for the turned shape."""
    orientation = image.getexif().get(ORIENTATION, 1)
    turn, sideways = TURNS.get(orientation), orientation in SIDEWAYS
    shown_width, shown_height = image.size[::-1] if sideways else image.size
    width = min(shown_width, max_width)
    height = round(shown_height * width / shown_width)  # as _variants and the markup say
    stored = (height, width) if sideways else (width, height)
    sized = image if image.size == stored else image.resize(
        stored, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
    return sized.transpose(turn) if turn is not None else sized


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
        # method 2: a third of method 4's time for about 4 % more bytes
        clean.save(out, "WEBP", quality=settings.jpeg_quality, method=2)
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
            # A JPEG is decoded straight at the smallest scale (1/2, 1/4, 1/8) that
            # still gives the largest copy's width whichever way it is turned.
            sideways = image.getexif().get(ORIENTATION, 1) in SIDEWAYS
            image.draft(image.mode, (1, settings.max_width) if sideways
                        else (settings.max_width, 1))
            image.load()  # decodes the whole file: a truncated one fails here
            return image
        except UnidentifiedImageError:
            raise PhotoError("photo_not_image") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise PhotoError("photo_broken", error=str(error)) from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous
