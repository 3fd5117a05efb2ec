"""Processing time per new photo, by camera size: one photo of each shape bench/photos.py
makes, processed by the photos plugin (every copy, WebP and JPEG) into an empty cache,
in this process, on one core. The fastest of `repeat` runs counts."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from photos.processing import load_digests, process
from photos.settings import PhotoSettings

from .photos import SHAPES, camera_photo


def measure(folder: Path, repeat: int = 3) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    figures = []
    for width, height, orientation, _ in SHAPES:
        source = folder / f"camera-{width}x{height}-{orientation}.jpg"
        if not source.exists():
            camera_photo(source, width + orientation, (width, height, orientation))
        runs = []
        for attempt in range(repeat):
            cache = folder / f"cache-{attempt}"
            shutil.rmtree(cache, ignore_errors=True)
            settings = PhotoSettings.from_settings({"CACHE_PATH": str(cache)})
            load_digests(settings)  # nothing known: the photo is read and hashed too
            started = time.perf_counter()
            made = process(source, settings)
            runs.append(time.perf_counter() - started)
        figures.append({"shape": f"{width}×{height}", "orientation": orientation,
                        "megapixels": round(width * height / 1e6, 1),
                        "source_bytes": source.stat().st_size, "copies": 1 + len(made.variants),
                        "seconds": round(min(runs), 3)})
    return figures
