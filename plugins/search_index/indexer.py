"""Build-time indexing: published content in, a new index generation swapped in atomically.

Layout of SEARCH_INDEX_PATH:

    current -> generations/<name>      the generation the service reads (a symlink)
    generations/<name>/whoosh/         the Whoosh index
    generations/<name>/manifest.json   url -> content hash of every document, site fingerprint
    generations/<name>/site.json       settings, navigation and filters for the search page
    generations/<name>/templates/<n>/  the theme's templates as they were at build time
    generations/<name>/build.json      what this build did (counts, seconds)

A build hard-links the previous generation's Whoosh files (segments are never modified
in place), deletes documents that changed or disappeared, analyses only new and
changed ones, commits, then replaces `current`. Any failure removes the new
generation, so the old one keeps serving. A build that changes nothing writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from vn_format.filters import PORTAL_TZ
from whoosh import index
from whoosh.query import And, Term

from .posting_pool import InMemoryPoolWriter
from .schema import (
    EXACT_FIELDS,
    PAIR_FIELD,
    PAIRED_FIELDS,
    SCHEMA_VERSION,
    build_schema,
    pair_hashes,
    words,
)
from .text import clean, html_to_text

CURRENT_LINK = "current"
GENERATIONS = "generations"
WHOOSH_DIR = "whoosh"
MANIFEST = "manifest.json"
SITE_FILE = "site.json"
BUILD_FILE = "build.json"
TEMPLATES_DIR = "templates"
ABANDONED_AFTER_SECONDS = 3600
# Documents one writer holds in memory (posting_pool.py) before it writes them out as
# a segment: about 150 MB of postings at this portal's article length.
DOCUMENTS_PER_SEGMENT = 5000
HASHED_AS_BYTES = ("body_html", "summary_html")  # SearchDocument's long fields
# Characters of text indexed (and stored for snippets) per document: a reader's search
# never needs more, and one 5 MB article made every phrase query slow. Longer texts
# are cut at a space and reported (BuildStats.capped).
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class SearchDocument:
    """One published article or page, as raw as Pelican gives it (HTML not yet reduced)."""

    url: str
    title: str
    body_html: str
    summary_html: str = ""
    kind: str = "article"
    section: str = ""  # category name
    category: str = ""  # category slug
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    editor: str = ""
    date: datetime | None = None
    stats_unit: str = ""  # the statistics record's unit (Stats_Unit)
    source: str = ""  # where the article was first published (Source)

    def content_hash(self) -> str:
        """Changes whenever anything indexed about the document (or the schema) changes.

        Every field, by name; the HTML fields go in as bytes after their length (no
        copy of the document, no JSON escaping of whole bodies: a rebuild of 10,000
        articles hashes them all)."""
        small = {field.name: getattr(self, field.name) for field in fields(self)
                 if field.name not in HASHED_AS_BYTES}
        small["date"] = self.date.isoformat() if self.date else None
        digest = hashlib.sha256(json.dumps([SCHEMA_VERSION, small], ensure_ascii=False,
                                           sort_keys=True).encode("utf-8"))
        for name in HASHED_AS_BYTES:
            data = getattr(self, name).encode("utf-8")
            digest.update(b"\0%d:" % len(data) + data)
        return digest.hexdigest()[:32]

    def index_fields(self, content_hash: str) -> dict:
        """The Whoosh fields: this is where the HTML is reduced to text and analysed."""
        return self.index_fields_and_length(content_hash)[0]

    def index_fields_and_length(self, content_hash: str) -> tuple[dict, int]:
        """The Whoosh fields and the length of the whole text (over MAX_BODY_CHARS:
        the indexed body was cut)."""
        summary, body = html_to_text(self.summary_html), html_to_text(self.body_html)
        if summary not in body:  # a Summary field of its own must be searchable too
            body = f"{summary} {body}"
        length = len(body)
        body = cap_text(body, MAX_BODY_CHARS)
        fields = {
            "url": self.url,
            "hash": content_hash,
            "kind": self.kind,
            "title": clean(self.title),
            "body": body,
            "summary": summary,
            "section": clean(self.section),
            "category": self.category,
            "tags": ", ".join(clean(tag) for tag in self.tags),
            "author": ", ".join(clean(name) for name in self.authors),
            "editor": clean(self.editor),
        }
        fields["meta"] = " · ".join(part for part in (
            fields["section"], fields["tags"], fields["author"], fields["editor"],
            clean(self.stats_unit), clean(self.source)) if part)
        for folded, exact in EXACT_FIELDS.items():
            fields[exact] = fields[folded]
        fields[PAIR_FIELD] = pair_hashes([fields[name] for name in PAIRED_FIELDS])
        if self.date is not None:
            local = portal_time(self.date)
            fields["date"] = local
            fields["year"] = str(local.year)
        return {name: value for name, value in fields.items() if value != ""}, length


def cap_text(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a space where there is one."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[:cut if cut > limit // 2 else limit]


@dataclass
class BuildStats:
    analysed: int = 0  # new or changed documents run through the analyzers
    reused: int = 0  # unchanged documents kept from the previous generation
    deleted: int = 0  # documents gone since the previous generation
    full_rebuild: bool = True
    seconds: float = 0.0
    generation: str = ""
    # (url, characters of text) of documents whose text was cut to MAX_BODY_CHARS
    capped: list = field(default_factory=list)


def portal_time(value: datetime) -> datetime:
    """Naive Asia/Ho_Chi_Minh time: Whoosh stores naive datetimes."""
    if value.tzinfo is None:
        return value
    return value.astimezone(PORTAL_TZ).replace(tzinfo=None)


def current_generation(index_path: str | os.PathLike) -> Path | None:
    link = Path(index_path) / CURRENT_LINK
    return Path(os.path.realpath(link)) if link.exists() else None


def update_index(index_path: str | os.PathLike, documents: Iterable[SearchDocument],
                 site: dict | None = None, template_dirs: Sequence[str | os.PathLike] = ()
                 ) -> BuildStats:
    """Make the current generation hold exactly `documents` (and this site data).

    When nothing changed, the current generation stays: no file is written, so an
    upload of an unchanged build moves nothing.
    """
    return publish(prepare(index_path, documents, site, template_dirs))


@dataclass
class Prepared:
    """A generation written but not yet serving (`target` None: nothing changed)."""

    base: Path
    previous: Path | None
    target: Path | None
    stats: BuildStats


def new_target(index_path: str | os.PathLike) -> Path:
    """Where the next generation will be written (not created yet)."""
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    return Path(index_path) / GENERATIONS / name


def prepare(index_path: str | os.PathLike, documents: Iterable[SearchDocument],
            site: dict | None = None, template_dirs: Sequence[str | os.PathLike] = (),
            target: Path | None = None) -> Prepared:
    """Write the new generation beside the serving one; `publish` swaps it in."""
    started = time.perf_counter()
    base = Path(index_path)
    wanted = {document.url: document for document in documents}  # a later duplicate wins
    hashes = {url: document.content_hash() for url, document in wanted.items()}
    site = site or {}
    fingerprint = _site_fingerprint(site, template_dirs)
    previous = current_generation(base)
    manifest = _reusable_manifest(previous)
    if manifest and manifest["documents"] == hashes and manifest.get("site") == fingerprint:
        stats = BuildStats(reused=len(hashes), full_rebuild=False, generation=previous.name,
                           seconds=round(time.perf_counter() - started, 3))
        return Prepared(base, previous, None, stats)
    target = target or new_target(base)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.mkdir()
    try:
        stats = _write_whoosh(target, previous if manifest else None,
                              manifest["documents"] if manifest else None, wanted, hashes)
        _write_json(target / MANIFEST, {"schema": SCHEMA_VERSION, "site": fingerprint,
                                        "documents": hashes})
        _write_json(target / SITE_FILE, {
            **site, "template_dirs": _copy_templates(template_dirs, target),
        })
        stats.generation = target.name
        stats.seconds = round(time.perf_counter() - started, 3)
        _write_json(target / BUILD_FILE, asdict(stats))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return Prepared(base, previous, target, stats)


def publish(prepared: Prepared) -> BuildStats:
    """Point `current` at the prepared generation and remove the ones nobody reads.

    A generation that fails its check (`check_generation`) is removed instead and the
    error raised: the current one keeps serving."""
    if prepared.target is not None:
        try:
            swap_in(prepared.base, prepared.target)
        except InvalidGeneration:
            shutil.rmtree(prepared.target, ignore_errors=True)
            raise
    return prepared.stats


class InvalidGeneration(RuntimeError):
    """A generation that cannot be opened or searched."""


def check_generation(path: str | os.PathLike) -> int:
    """Open the generation, count its documents and run a probe query (the first
    document found by its URL and by its title's words); its number of documents, or
    InvalidGeneration. The service runs the same check before it adopts one."""
    path = Path(path)
    try:
        site = json.loads((path / SITE_FILE).read_text(encoding="utf-8"))
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(site, dict) or not isinstance(manifest.get("documents"), dict):
            raise ValueError("site.json or manifest.json is not an object as written")
        for section in site.get("sections", []):
            if not {"name", "slug", "url"} <= set(section):
                raise ValueError(f"site.json: a section without name, slug or url: {section}")
        ix = index.open_dir(str(path / WHOOSH_DIR))
        try:
            with ix.searcher() as searcher:
                count = searcher.doc_count()
                if count != len(manifest["documents"]):
                    raise ValueError(f"{count} documents, the manifest lists "
                                     f"{len(manifest['documents'])}")
                _probe(searcher)
        finally:
            ix.close()
    except InvalidGeneration:
        raise
    except Exception as error:
        raise InvalidGeneration(f"search index {path} is damaged: "
                                f"{type(error).__name__}: {error}") from error
    return count


def _probe(searcher) -> None:
    for doc in searcher.reader().all_doc_ids():
        stored = searcher.stored_fields(doc)
        probes = [Term("url", stored["url"])]
        title_words = words(stored.get("title", ""), folded=True)[:3]
        if title_words:
            probes.append(And([Term("title", word) for word in title_words]))
        for probe in probes:
            if doc not in {hit.docnum for hit in searcher.search(probe, limit=None)}:
                raise ValueError(f"the probe query {probe} does not find {stored['url']}")
        return  # one document suffices


def swap_in(index_path: str | os.PathLike, generation: str | os.PathLike) -> None:
    """Make `generation` the current one in one atomic step, once it passed
    `check_generation`; the one it replaces stays (for searchers still open on it),
    older ones go."""
    base, generation = Path(index_path), Path(generation)
    check_generation(generation)
    previous = current_generation(base)
    _point_current_at(base, generation)
    _remove_old_generations(base / GENERATIONS, keep={generation, previous})


def remove_generations(index_path: str | os.PathLike, keep: Iterable[Path | None]) -> None:
    """Remove the generations other than `keep` (and unfinished ones over an hour old)."""
    _remove_old_generations(Path(index_path) / GENERATIONS, keep=set(keep))


def _write_whoosh(target: Path, previous: Path | None, old_hashes: dict[str, str] | None,
                  wanted: dict[str, SearchDocument], hashes: dict[str, str]) -> BuildStats:
    """The Whoosh index of the new generation: the previous one's, updated."""
    stats = BuildStats(full_rebuild=old_hashes is None)
    whoosh_dir = target / WHOOSH_DIR
    if old_hashes is None:
        old_hashes = {}
        whoosh_dir.mkdir()
        ix = index.create_in(whoosh_dir, build_schema())
    else:
        shutil.copytree(previous / WHOOSH_DIR, whoosh_dir, copy_function=os.link,
                        ignore=shutil.ignore_patterns("*LOCK*"))
        ix = index.open_dir(whoosh_dir)
    stale = [url for url, old in old_hashes.items() if hashes.get(url) != old]
    fresh = [url for url, new in hashes.items() if old_hashes.get(url) != new]
    stats.deleted = sum(1 for url in stale if url not in hashes)
    stats.analysed = len(fresh)
    stats.reused = len(hashes) - len(fresh)
    if stale or fresh or stats.full_rebuild:
        writer = InMemoryPoolWriter(ix)
        try:
            for url in stale:
                writer.delete_by_term("url", url)
            for number, url in enumerate(fresh, 1):
                indexed, length = wanted[url].index_fields_and_length(hashes[url])
                if length > MAX_BODY_CHARS:
                    stats.capped.append((url, length))
                writer.add_document(**indexed)
                if number % DOCUMENTS_PER_SEGMENT == 0 and number < len(fresh):
                    writer.commit(merge=False)  # a segment of its own, not merged
                    writer = InMemoryPoolWriter(ix)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    ix.close()
    return stats


def _reusable_manifest(previous: Path | None) -> dict | None:
    """The previous generation's manifest, or None when it cannot be built on."""
    if previous is None or not (previous / WHOOSH_DIR).is_dir():
        return None
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("schema") != SCHEMA_VERSION or "documents" not in manifest:
        return None
    return manifest


def _site_fingerprint(site: dict, template_dirs: Sequence[str | os.PathLike]) -> str:
    """Changes with the site data or any template the search page may render."""
    digest = hashlib.sha256(json.dumps(site, sort_keys=True, default=str).encode("utf-8"))
    for folder in map(Path, template_dirs):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _copy_templates(template_dirs: Sequence[str | os.PathLike], target: Path) -> list[str]:
    """Copies the template folders (first wins, as in Jinja) into the generation."""
    copied = []
    for number, folder in enumerate(template_dirs):
        if Path(folder).is_dir():
            relative = f"{TEMPLATES_DIR}/{number}"
            shutil.copytree(folder, target / relative)
            copied.append(relative)
    return copied


def _point_current_at(base: Path, target: Path) -> None:
    temporary = base / f".{CURRENT_LINK}-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(target, base), temporary)
    os.replace(temporary, base / CURRENT_LINK)


def _remove_old_generations(generations: Path, keep: set[Path | None]) -> None:
    """Completed generations other than `keep`, and ones abandoned over an hour ago.

    A generation without build.json may belong to a build still running elsewhere.
    """
    kept = {path.resolve() for path in keep if path is not None}
    abandoned_before = time.time() - ABANDONED_AFTER_SECONDS
    for folder in generations.iterdir():
        if folder.resolve() in kept:
            continue
        if (folder / BUILD_FILE).exists() or folder.stat().st_mtime < abandoned_before:
            shutil.rmtree(folder, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
