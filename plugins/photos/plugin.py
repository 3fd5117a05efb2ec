"""Signal wiring for photos; the work is in processing.py.

static_generator_init        start processing the new photos on the spare cores (early.py)
static_generator_finalized   take raster photos and SVG drawings out of Pelican's
                             copying; process each photo (new ones in parallel) and
                             check each drawing (svg.py), report bad ones, and write what
                             is published where Pelican would have copied the originals
                             (the output folder is cleaned before this, and the feeds,
                             written next, give the published file's length)
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from portal_content.build_report import REPORT
from portal_content.messages import Violation

from . import markup
from .early import EARLY, spare_cores, static_photos
from .processing import (
    FORMATS,
    PhotoError,
    Processed,
    cached_path,
    process,
    save_digests,
)
from .settings import RASTER, PhotoSettings
from .svg import clean_svg

logger = logging.getLogger(__name__)
LAST_BUILD = "last-build.json"


def take_photos(static_generator) -> None:
    settings = PhotoSettings.from_settings(static_generator.settings)
    written: list[tuple[Path, str]] = []
    markup.PUBLISHED.clear()
    photos, drawings, kept = [], [], []
    for static in static_generator.staticfiles:
        name = static.source_path.lower()
        if name.endswith(RASTER):
            photos.append(static)
        elif name.endswith(".svg"):
            drawings.append(static)
        else:
            kept.append(static)
    static_generator.staticfiles[:] = kept  # Pelican copies none of the originals
    publish_drawings(static_generator.output_path, drawings)
    sources = [Path(p.source_path) for p in photos]
    started = time.perf_counter()
    early = EARLY.wait()
    late = {s for s in sources if s not in early and not cached_path(s, settings).is_file()}
    new = late | (early & set(sources))
    results = _process_all(sources, late, settings)
    waited = time.perf_counter() - started  # what the photos added to the build's time
    save_digests(settings, sources)
    fresh = cached = ahead = 0
    for static, source, result in zip(photos, sources, results, strict=True):
        if isinstance(result, PhotoError):
            REPORT.add([Violation(static.relative_source_path, None, None, result.code,
                                  result.params)])
            continue
        fresh += source in new
        ahead += source in early
        cached += source not in new
        written += _copies(static.save_as, result)
        markup.PUBLISHED[static.save_as] = markup.PhotoSet(
            result.width, result.height, FORMATS[source.suffix.lower()],
            tuple((save_as, width, fmt) for save_as, width, fmt in _named(static.save_as,
                                                                           result)))
    write_photos(static_generator.output_path, written)
    _rewrite_bodies(static_generator.context)
    REPORT.add(small_lead_photos(static_generator.context))
    logger.info("photos: %d processed (%d while the articles were read), %d from the cache; "
                "the build waited %.1f s for them", fresh, ahead, cached, waited)
    record_build(settings, {"processed": fresh, "started_early": ahead,
                            "from_cache": cached, "waited_seconds": round(waited, 3)})


def start_early(static_generator) -> None:
    settings = PhotoSettings.from_settings(static_generator.settings)
    photos = static_photos(Path(static_generator.path), static_generator.settings.get(
        "STATIC_PATHS", []))
    EARLY.start(photos, settings, spare_cores())


def stop_early(_pelican) -> None:
    EARLY.stop()  # a build that failed before take_photos leaves no work running


def record_build(settings: PhotoSettings, figures: dict) -> None:
    """What this build's photo work was, in the cache folder: for the benchmarks and for
    a webmaster asking why a build took long."""
    folder = Path(settings.cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LAST_BUILD).write_text(json.dumps(figures), encoding="utf-8")


def publish_drawings(output_path: str, drawings) -> None:
    """Each SVG as svg.clean_svg leaves it; what it took out is reported."""
    for static in drawings:
        cleaned = clean_svg(Path(static.source_path).read_bytes())
        where = static.relative_source_path
        if cleaned.data is None:
            items = f" ({cleaned.unsafe[0]})" if cleaned.unsafe else ""
            REPORT.add([Violation(where, None, None, "svg_broken", {"items": items})])
            continue
        if cleaned.unsafe:
            REPORT.add([Violation(where, None, None, "svg_unsafe",
                                  {"items": ", ".join(cleaned.unsafe[:8])}, drops_file=False)])
        if cleaned.metadata:
            REPORT.add([Violation(where, None, None, "svg_metadata",
                                  {"items": ", ".join(sorted(set(cleaned.metadata))[:8])},
                                  drops_file=False, warning=True)])
        _write_bytes(Path(output_path) / static.save_as, cleaned.data)


def _named(save_as: str, result: Processed) -> list[tuple[str, int, str]]:
    """(save_as, width, format) of every copy: the largest at the original's path, the
    others beside it as <name>-<width>.<ext>."""
    stem, _, extension = save_as.rpartition(".")
    named = [(save_as, result.width, FORMATS["." + extension.lower()])]
    suffixes = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
    for variant in result.variants:
        named.append((f"{stem}-{variant.width}.{suffixes[variant.fmt]}", variant.width,
                      variant.fmt))
    return named


def _copies(save_as: str, result: Processed) -> list[tuple[Path, str]]:
    files = [result.path, *(variant.path for variant in result.variants)]
    return [(file, name) for file, (name, _, _) in zip(files, _named(save_as, result),
                                                       strict=True)]


def _rewrite_bodies(context) -> None:
    siteurl = context.get("SITEURL", "")
    for name in ("articles", "hidden_articles", "pages", "hidden_pages"):
        for content in context.get(name) or ():
            finish_body(content, siteurl)


def finish_body(content, siteurl: str) -> None:
    """In-body photos as this build published them (the live preview's early render of a
    saved article calls it too)."""
    # Pelican's internal `_content`, which get_content renders (upstream/pelican_names.py).
    body = getattr(content, "_content", None)
    if body:
        content._content = markup.in_body(body, siteurl)


LEAD_WIDTH = 640  # narrower than this, a lead photo shows blurred in its 760 px slot


def small_lead_photos(context) -> list[Violation]:
    found = []
    for article in [*context.get("articles", ()), *context.get("hidden_articles", ())]:
        photo = markup.PUBLISHED.get(getattr(article, "image", None) or "")
        if photo is not None and photo.width < LEAD_WIDTH:
            line, written = article.metadata.get("portal_field_lines", {}).get(
                "image", (None, None))
            found.append(Violation(article.relative_source_path, line, "image", "photo_small",
                                   {"width": photo.width, "wanted": LEAD_WIDTH}, written,
                                   drops_file=False, warning=True))
    return found


def add_markup_function(generator) -> None:
    """Templates reach the markup through partials/photo.html."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["photo_markup"] = markup.picture


def _process_all(sources: list[Path], new: set[Path], settings: PhotoSettings) -> list:
    """The `new` photos are processed on every core into the cache first; then each
    result (or error) is read in this process, in order."""
    if len(new) > 2 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(_safely, sorted(new), [settings] * len(new)))
    return [_safely(source, settings) for source in sources]


def _safely(source: Path, settings: PhotoSettings) -> Processed | PhotoError:
    try:
        return process(source, settings)
    except PhotoError as error:
        return error


def write_photos(output_path: str, written: list[tuple[Path, str]]) -> None:
    for processed, save_as in written:
        _write_bytes(Path(output_path) / save_as, processed.read_bytes())


def _write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and target.read_bytes() == data:
        return  # unchanged: keep its time (ETag), write nothing
    target.write_bytes(data)


def register() -> None:
    signals.generator_init.connect(add_markup_function)
    signals.static_generator_init.connect(start_early)
    signals.finalized.connect(stop_early)
    signals.static_generator_finalized.connect(take_photos)
