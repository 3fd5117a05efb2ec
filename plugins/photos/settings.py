"""The photos plugin's settings, read and checked once."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass

RASTER = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class PhotoSettings:
    max_width: int  # the widest the theme shows a photo (the article's lead, 2x)
    jpeg_quality: int
    max_pixels: int  # larger is refused: a decompression bomb, or a scan nobody meant
    cache_dir: str

    @classmethod
    def from_settings(cls, settings: Mapping) -> PhotoSettings:
        made = cls(int(settings.get("PHOTOS_MAX_WIDTH", 1280)),
                   int(settings.get("PHOTOS_JPEG_QUALITY", 82)),
                   int(settings.get("PHOTOS_MAX_PIXELS", 50_000_000)),
                   os.path.join(settings.get("CACHE_PATH", "cache"), "photos"))
        if not (320 <= made.max_width <= 4096 and 40 <= made.jpeg_quality <= 95
                and made.max_pixels > 0):
            raise ValueError(f"photos settings out of range: {made}")
        return made

    @property
    def digest(self) -> str:
        """What a processed photo depends on besides its bytes."""
        wanted = {k: v for k, v in asdict(self).items() if k != "cache_dir"}
        return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()[:12]
