"""Skip rendering pages whose inputs have not changed since the last build.

A rebuild after one article changes re-renders every one of tens of thousands of pages,
though almost none of them differ. This writer (Pelican's Writer, through the
`get_writer` signal) computes a digest of everything a page's template is given, and
when the digest, the template sources, the code and the settings are those of the
previous build, and the file on disk is exactly the one that build wrote (same size and
mtime), it leaves the file alone instead of rendering it again.

What a page's digest covers:

- the page's own article or page in full: every attribute, the rendered body and
  summary, every metadata field;
- every content object it lists (related articles, the sidebar's newest articles, the
  page of a list, featured articles, pages in the footer): every attribute but the body
  (lists show titles, dates, summaries and photos, never bodies);
- every other context value in full (settings, sections, FEEDS, admission_stats, …);
- for the site-wide lists, what the theme reads of them: the first HEAD items of
  `articles`, `dates`, `featured_articles` (the sidebar and the home page) and their
  length; for `categories`, `tags`, `authors` each name with its first GROUP_HEAD items
  and its length; pagination by its page count, not by the articles on other pages;
- once per build: the theme's templates, the plugins' source, the versions of the
  libraries that render, and every setting.

Left out on purpose: Pelican's bookkeeping (`generated_content`, `static_content`,
`static_links`, `staticfiles`, `period_archives`), which this theme does not show. A
template that starts to show more of those lists than their head must raise HEAD or
list the key in FULL_KEYS; any template change re-renders every page once anyway.

Enabled by SKIP_UNCHANGED_PAGES (default: on when Pelican's content cache is
loaded and saved); the digests live next to that cache. A publish build (cache off,
fresh output folder) renders everything.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
import logging
import os
import pickle
import re
from importlib import metadata as package_metadata
from pathlib import Path

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)

STATE_FILE = "portal-pages.pickle"
STATE_VERSION = 4  # 4: GROUP_HEAD
HEAD = 10  # list items the theme may show from the site-wide lists (the sidebar's ten)
# ...and from each section's, tag's and author's list: the home page's section blocks
# skip what the page shows above them (up to 5 featured and a page of 10), then show 4.
GROUP_HEAD = 5 + 10 + 4  # tests/page_skip/test_page_skip.py ties it
BOOKKEEPING = frozenset({"generated_content", "static_content", "static_links", "staticfiles",
                         "period_archives", "localsiteurl"})
HEAD_KEYS = frozenset({"articles", "dates", "featured_articles", "hidden_articles", "drafts",
                       "drafts_translations", "hidden_translations", "translations"})
GROUPED_KEYS = frozenset({"categories", "tags", "authors"})
FULL_KEYS: frozenset = frozenset()  # site-wide lists a template reads in full
OWN_CONTENT_KEYS = frozenset({"article", "page"})
BODY_ATTRIBUTES = frozenset({"_content", "content"})
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "markdown", "feedgen",
             "pelican-sitemap", "beautifulsoup4")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def enabled(settings) -> bool:
    default = bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"))
    return bool(settings.get("SKIP_UNCHANGED_PAGES", default))


class Digester:
    """Digests of context values; one per build (ids are only stable within a build).

    `value` gives a token: scalars as their text (cheap, no hashing), containers and
    objects as the digest of their parts, remembered by identity for the build.
    Modes for content objects: "full" (the page's own article: everything, the body
    too), "card" (an article a page lists: everything but the body) and "ref" (an
    article a listed article refers to, e.g. its related ones: URL, title and date).
    """

    def __init__(self):
        self._memo: dict = {}  # (id, mode) -> (object, token): keeps the object alive
        self._shared: dict = {}  # shared-context digests, see page()

    def value(self, obj, mode: str = "full", depth: int = 0) -> str:
        if obj is None or isinstance(obj, SCALARS):
            return _scalar(obj)
        key = (id(obj), mode)
        found = self._memo.get(key)
        if found is not None:
            return found[1]
        token = "#" + self._compute(obj, mode, depth)
        self._memo[key] = (obj, token)
        return token

    def _compute(self, obj, mode: str, depth: int) -> str:
        if depth > 12:
            return _h("deep", type(obj).__name__)
        if isinstance(obj, Content):
            return self._content(obj, mode)
        if isinstance(obj, URLWrapper):
            return _h(type(obj).__name__, obj.name, obj.slug, obj.url, obj.save_as)
        if isinstance(obj, Paginator):
            # Templates read the page count and the pages' URLs; the articles on the
            # other pages are in those pages' own digests.
            return _h("Paginator", obj.name, obj.url, obj.per_page, obj.orphans, obj.count,
                      self.value(obj.settings.get("PAGINATION_PATTERNS"), depth=depth + 1))
        if isinstance(obj, Page):
            return _h("Page", obj.full_name, obj.base_url, obj.number, obj.url, obj.save_as,
                      self.value(obj.paginator, depth=depth + 1),
                      self.sequence(obj.object_list, "card", depth))
        if isinstance(obj, dict):
            items = sorted((str(k), self.value(v, mode, depth + 1)) for k, v in obj.items())
            return _h("dict", *(part for item in items for part in item))
        if isinstance(obj, list | tuple):
            return self.sequence(obj, mode, depth)
        if isinstance(obj, set | frozenset):
            return _h("set", *sorted(self.value(v, mode, depth + 1) for v in obj))
        if _is_code(obj):
            return _h("code", getattr(obj, "__module__", ""),
                      getattr(obj, "__qualname__", getattr(obj, "__name__", type(obj).__name__)))
        attributes = getattr(obj, "__dict__", None)
        if attributes is None:
            return _h("repr", type(obj).__qualname__, _ADDRESS.sub("", repr(obj)))
        parts = [type(obj).__module__, type(obj).__qualname__]
        for name in sorted(attributes):
            if name not in SKIPPED_ATTRIBUTES:
                parts += [name, self.value(attributes[name], mode, depth + 1)]
        return _h("object", *parts)

    def sequence(self, items, mode: str, depth: int) -> str:
        return _h("seq", len(items), *[self.value(item, mode, depth + 1) for item in items])

    def head(self, items, size: int = HEAD) -> str:
        return _h("head", len(items), self.sequence(items[:size], "card", 0))

    def grouped(self, groups) -> str:
        parts = []
        for group in groups:
            if isinstance(group, tuple) and len(group) == 2 and isinstance(group[1], list):
                parts += [self.value(group[0]), self.head(group[1], GROUP_HEAD)]
            else:
                parts.append(self.value(group))
        return _h("grouped", len(groups), *parts)

    def _content(self, content: Content, mode: str) -> str:
        if mode == "ref":
            return _h("ref", content.url, getattr(content, "title", ""),
                      _scalar(getattr(content, "date", None)))
        if mode == "full":
            # Everything a card has, the body, and the contents it refers to as cards.
            parts = ["full", self.value(content, "card"), _scalar(content.content)]
            for name, value in sorted(vars(content).items()):
                if name not in SKIPPED_ATTRIBUTES and _holds_content(value):
                    parts += [name, self._inner(value, "card")]
            return _h(*parts)
        parts = ["card", type(content).__name__, content.url, content.save_as,
                 content.source_path, _scalar(getattr(content, "summary", None))]
        metadata = getattr(content, "metadata", None) or {}
        for name, value in sorted(vars(content).items()):
            if name in SKIPPED_ATTRIBUTES or name in BODY_ATTRIBUTES:
                continue
            if metadata.get(name, _MISSING) is value:
                continue  # Pelican's attribute for a metadata field: in `metadata` below
            if value is None or type(value) in PLAIN_SCALARS:
                parts += [name, _scalar(value)]  # most attributes: no call per value
            else:
                parts += [name, self._inner(value, "ref")]
        return _h(*parts)

    def _inner(self, value, inner: str) -> str:
        """A content object's attribute: other contents in it as cards or references."""
        if isinstance(value, Content):
            return self.value(value, inner)
        if isinstance(value, list | tuple) and any(isinstance(v, Content) for v in value):
            return _h("seq", len(value), *[self._inner(v, inner) for v in value])
        if isinstance(value, dict):
            if _holds_content(value):
                items = sorted((str(k), self._inner(v, inner)) for k, v in value.items())
                return _h("dict", *(part for item in items for part in item))
            # A content's own metadata: its values inline, one hash for the dict.
            items = sorted((str(k), _scalar(v) if v is None or type(v) in PLAIN_SCALARS
                            else self.value(v)) for k, v in value.items())
            return _h("dict", *(part for item in items for part in item))
        return self.value(value)

    def page(self, localcontext: dict, context: dict, template_name: str, paginated: bool,
             listing_keys: frozenset) -> str:
        """The digest of one page: its template and everything in its context."""
        own = sorted(k for k in localcontext if k not in BOOKKEEPING and (
            k not in context or localcontext[k] is not context[k]))
        # The shared context is the same dict for thousands of pages: its part of the
        # digest is computed once for each set of values (by identity) it holds.
        values = tuple(v for k, v in context.items() if k not in BOOKKEEPING)
        key = (id(context), tuple(own), tuple(map(id, values)), paginated, listing_keys)
        found = self._shared.get(key)
        if found is None:
            shared = sorted(k for k in context if k not in BOOKKEEPING and k not in own)
            digest = _h(*self._entries(context, shared, paginated, listing_keys))
            found = self._shared[key] = (values, digest)
        return _h(template_name, str(paginated), found[1],
                  *self._entries(localcontext, own, paginated, listing_keys),
                  "localsiteurl", str(localcontext.get("localsiteurl")))

    def _entries(self, mapping: dict, keys, paginated: bool, listing_keys) -> list:
        parts = []
        for key in keys:
            value = mapping[key]
            if key in OWN_CONTENT_KEYS and isinstance(value, Content):
                token = self.value(value, "full")
            elif key in GROUPED_KEYS and key not in FULL_KEYS and isinstance(value, list):
                token = self.value_of(("grouped", key), value, self.grouped)
            elif (key in HEAD_KEYS and key not in FULL_KEYS and isinstance(value, list)
                  and not (key in listing_keys and not paginated)):
                token = self.value_of(("head", key), value, self.head)
            elif isinstance(value, list | tuple) and any(isinstance(v, Content) for v in value):
                token = self.value(value, "card")
            else:
                token = self.value(value)
            parts += [key, token]
        return parts

    def value_of(self, kind: tuple, obj, compute) -> str:
        key = (id(obj), kind)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = (obj, compute(obj))
        return found[1]


SCALARS = (bool, int, float, str, bytes, decimal.Decimal, datetime.date, datetime.time,
           datetime.timedelta)
PLAIN_SCALARS = frozenset({bool, int, float, str, datetime.datetime, datetime.date})


def _scalar(obj) -> str:
    """A scalar as text that no other value of another type or length shares."""
    if isinstance(obj, str):  # Markup and str print differently: the type counts
        return f"{'s' if type(obj) is str else type(obj).__name__}{len(obj)}:{obj}"
    if isinstance(obj, datetime.datetime) and obj.tzinfo is not None:
        return f"dt:{obj.isoformat()}|{obj.tzinfo!s}"
    text = repr(obj)
    return f"{type(obj).__name__}{len(text)}:{text}"


_MISSING = object()


def _holds_content(value) -> bool:
    if isinstance(value, Content):
        return True
    if isinstance(value, list | tuple):
        return any(isinstance(v, Content) for v in value)
    if isinstance(value, dict):
        return any(_holds_content(v) for v in value.values())
    return False


def _is_code(obj) -> bool:
    import types

    return isinstance(obj, types.FunctionType | types.BuiltinFunctionType | types.MethodType |
                      types.ModuleType | type | functools.partial) or (
        callable(obj) and hasattr(obj, "__wrapped__"))


def _h(*parts) -> str:
    text = "\x1f".join(map(str, parts))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def build_digest(settings, context: dict, digester: Digester) -> str:
    """What every page depends on: templates, code, libraries, settings."""
    parts = []
    theme = Path(settings["THEME"])
    folders = [*map(Path, settings.get("THEME_TEMPLATES_OVERRIDES", [])), theme / "templates",
               Path(__import__("pelican").__file__).parent / "themes" / "simple" / "templates"]
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                parts += [str(path), hashlib.sha256(path.read_bytes()).hexdigest()]
    for folder in settings.get("PLUGIN_PATHS", []):
        for path in sorted(Path(folder).rglob("*.py")) if Path(folder).is_dir() else ():
            parts += [str(path), hashlib.sha256(path.read_bytes()).hexdigest()]
    for name in LIBRARIES:
        try:
            parts += [name, package_metadata.version(name)]
        except package_metadata.PackageNotFoundError:
            parts += [name, "-"]
    for key in sorted(k for k in settings if k.isupper()):
        parts += [key, digester.value(settings[key])]
    for key in sorted(k for k in context if k.isupper()):
        parts += [key, digester.value(context[key])]
    return _h(*parts)


class PageState:
    """The previous build's digests, and this build's, kept in CACHE_PATH."""

    def __init__(self, settings, output_path: str):
        self.path = Path(settings["CACHE_PATH"]) / STATE_FILE
        self.output_path = os.path.abspath(output_path)
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.previous: dict = {}
        self.build: str | None = None
        if settings.get("LOAD_CONTENT_CACHE"):
            self._load()
        self.current: dict[str, str] = {}  # path -> digest, rendered this build
        self.kept: dict[str, tuple] = {}  # path -> previous record, left alone this build
        self.skipped = 0

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                state = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return
        if (isinstance(state, dict) and state.get("version") == STATE_VERSION
                and state.get("output") == self.output_path):
            self.build = state.get("build")
            self.previous = state.get("pages", {})

    def unchanged(self, path: str, digest: str, build: str) -> bool:
        record = self.previous.get(path)
        if record is None or build != self.build or record[0] != digest:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == record[1:]

    def save(self, build: str) -> None:
        if not self.save_enabled:
            return
        pages = dict(self.kept)
        for path, digest in self.current.items():
            try:
                stat = os.stat(path)
            except OSError:
                continue
            pages[path] = (digest, stat.st_size, stat.st_mtime_ns)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump({"version": STATE_VERSION, "output": self.output_path, "build": build,
                         "pages": pages}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)


class _SkippableTemplate:
    """Stands in for a Jinja template: renders only when the page's inputs changed."""

    def __init__(self, template, writer: SkippingWriter, context: dict, template_name: str,
                 paginated: bool, listing_keys: frozenset):
        self._template = template
        self._context = context
        self._writer = writer
        self._template_name = template_name
        self._paginated = paginated
        self._listing_keys = listing_keys
        self.name = getattr(template, "name", template_name)

    def render(self, localcontext):
        writer = self._writer
        path = sanitised_join(writer.output_path, localcontext["output_file"])
        digest = writer.digester.page(localcontext, self._context, str(self.name),
                                      self._paginated, self._listing_keys)
        if writer.state.unchanged(path, digest, writer.build):
            try:
                # The page as it is: `_open_w` discards it, and should Pelican ever write
                # without `_open_w`, the file gets its own bytes again, never an empty page.
                with open(path, encoding="utf-8") as page:
                    kept = page.read()
            except OSError:
                kept = None  # gone since: rendered below
            if kept is not None:
                writer.skip_next.add(path)
                writer.state.kept[path] = writer.state.previous[path]
                writer.state.skipped += 1
                return kept
        writer.state.current[path] = digest
        return self._template.render(localcontext)

    def __getattr__(self, name):
        return getattr(self._template, name)


class SkippingWriter(Writer):
    """Pelican's Writer that leaves unchanged pages as the previous build wrote them."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.digester = Digester()
        self.state = PageState(self.settings, output_path)
        self.build: str | None = None
        self.skip_next: set[str] = set()
        _WRITERS.append(self)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if name and template is not None:
            if self.build is None:
                self.build = build_digest(self.settings, context, self.digester)
            is_paginated = bool(template_name in self.settings["PAGINATED_TEMPLATES"]
                                and (paginated if paginated is not None else
                                     {k for k in kwargs if k in ("articles", "dates")}))
            listing = frozenset(set(paginated or ()) |
                                {k for k in kwargs if k in ("articles", "dates")})
            template = _SkippableTemplate(template, self, context, str(template_name or ""),
                                          is_paginated, listing)
        return super().write_file(name, template, context, relative_urls=relative_urls,
                                  paginated=paginated, template_name=template_name,
                                  override_output=override_output, url=url, **kwargs)

    # Writer._open_w, _written_files, _overridden_files: Pelican internals, checked when
    # portal_content registers (plugins/upstream/pelican_names.py).
    def _open_w(self, filename, encoding, override=False):
        if filename not in self.skip_next:
            return super()._open_w(filename, encoding, override=override)
        self.skip_next.discard(filename)
        # Pelican's bookkeeping, as for a written file; the file itself stays as it is.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return _Discard()
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Discard()

    def finish(self) -> None:
        if self.skip_next:
            # Pages were kept without passing through `_open_w`: the hook this relies on
            # is not in effect (a Pelican upgrade). They hold their previous bytes, but the
            # next build must not trust this one's state.
            self.state.path.unlink(missing_ok=True)
            raise SkipNotInEffect(
                f"page_skip: {len(self.skip_next)} unchanged page(s) did not go through "
                "Pelican's Writer._open_w, which the page skip relies on (see "
                "plugins/page_skip/pages.py); set SKIP_UNCHANGED_PAGES = "
                "False until it is adapted")
        if self.build is not None:
            self.state.save(self.build)
        logger.info("page_skip: %d page(s) rendered, %d unchanged page(s) left as they were",
                    len(self.state.current), self.state.skipped)


class SkipNotInEffect(RuntimeError):
    exitcode = 1


class _Discard:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, text):
        return len(text)


_WRITERS: list[SkippingWriter] = []


def writer_class(settings):
    """The writer this build uses: SkippingWriter when enabled, Pelican's own otherwise."""
    _WRITERS.clear()  # a build that failed never reached `finalized`
    return SkippingWriter if enabled(settings) else None


def finish_writers() -> None:
    while _WRITERS:
        _WRITERS.pop().finish()
