"""Camera photos for the corpus: JPEGs of a phone's or a camera's size, with the EXIF a
phone writes (make, model, orientation, GPS position, time), made deterministically.

Each photo is a seeded low-resolution random field scaled up (the large shapes a scene
has) with a tiled grain on top (the fine detail a sensor records), so it encodes to
about the bytes a real photo of that size does and decodes at the same cost.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageFilter, TiffImagePlugin

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
ORIENTATION, MAKE, MODEL, DATETIME = 0x0112, 0x010F, 0x0110, 0x0132
# (width, height, EXIF orientation, share): phones held upright store landscape pixels
# with orientation 6; a camera on a tripod; a photo forwarded through a chat app.
SHAPES = [(4000, 3000, 6, 4), (4032, 3024, 1, 3), (6000, 4000, 1, 1), (1600, 1200, 1, 2)]
GRAIN = 256
GRAIN_WEIGHT = 0.06  # a phone's JPEG of 12 MP is 3-5 MB


def _field(rng: random.Random, size: tuple[int, int], cells: int = 24) -> Image.Image:
    small = Image.frombytes("RGB", (cells, cells * size[1] // size[0]),
                            rng.randbytes(3 * cells * (cells * size[1] // size[0])))
    return small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))


def _grain(rng: random.Random) -> Image.Image:
    tile = Image.frombytes("L", (GRAIN, GRAIN), rng.randbytes(GRAIN * GRAIN))
    return Image.merge("RGB", [tile, tile, tile])


def camera_photo(path: Path, seed: int, shape: tuple[int, int, int] | None = None) -> Path:
    """Write one photo to `path` (a .jpg); the same seed gives the same bytes."""
    rng = random.Random(seed)
    if shape is None:
        shape = rng.choices([s[:3] for s in SHAPES], weights=[s[3] for s in SHAPES])[0]
    width, height, orientation = shape
    image = _field(rng, (width, height))
    grain = _grain(rng)
    texture = Image.new("RGB", (width, height))
    for x in range(0, width, GRAIN):
        for y in range(0, height, GRAIN):
            texture.paste(grain, (x, y))
    image = Image.blend(image, texture, GRAIN_WEIGHT)
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE], exif[MODEL] = "SAMSUNG", "SM-A536E"
    exif[DATETIME] = f"2024:0{rng.randint(1, 9)}:1{rng.randint(0, 9)} 08:{rng.randint(10, 59)}:00"
    ratio = TiffImagePlugin.IFDRational
    exif.get_ifd(GPS_IFD).update({
        1: "N", 2: (ratio(20), ratio(rng.randint(0, 59)), ratio(rng.randint(0, 59))),
        3: "E", 4: (ratio(106), ratio(rng.randint(0, 59)), ratio(rng.randint(0, 59)))})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=92, exif=exif)
    return path
