"""The internal names of Pelican, pelican-sitemap and whoosh3 the project relies on
(plugins/upstream/): all there in the installed versions, behaving as relied on where
that is cheap to see, and an upgrade that takes one away stopping the plugins that
need it at register() with its name."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import types
from datetime import datetime

import pytest
from conftest import REPO
from search_index.schema import SearchedText
from upstream import ATTRIBUTE, TEXT, USED, pelican_names, sitemap_names, whoosh_names

pytestmark = pytest.mark.unit

LISTS = (pelican_names, sitemap_names, whoosh_names)


# (a) The lists ---------------------------------------------------------------------

@pytest.mark.parametrize("names", LISTS, ids=lambda module: module.__name__)
def test_every_listed_name_exists_in_the_installed_version(names):
    assert names.missing() == []
    names.require()


@pytest.mark.parametrize("names", LISTS, ids=lambda module: module.__name__)
def test_each_record_says_what_is_relied_on_and_by_which_existing_files(names):
    assert names.NAMES
    for record in names.NAMES:
        assert record.kind in (ATTRIBUTE, USED, TEXT)
        assert record.relied_on and record.users, record
        for user in record.users:
            assert (REPO / user).is_file(), user


OWN_PRIVATES = {"_ranking"}  # search_index.searching's, named in a docstring
# someone._name, not self._name or cls._name: what plugins/ reads off other objects
FOREIGN_PRIVATE = re.compile(r"(?<![\w.])(?!self\.|cls\.)[A-Za-z_]\w*(?:\.\w+)*\.(_[a-z]\w*)\b")


def test_every_private_name_read_off_another_object_in_plugins_is_listed():
    listed = {record.name for names in LISTS for record in names.NAMES}
    used = {}
    for path in sorted((REPO / "plugins").rglob("*.py")):
        if "upstream" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in FOREIGN_PRIVATE.finditer(line):
                used.setdefault(match[1], f"{path.relative_to(REPO)}:{number}")
    unlisted = {name: where for name, where in used.items()
                if name not in listed and name not in OWN_PRIVATES}
    assert unlisted == {}, "list them in plugins/upstream/"


def test_every_private_method_a_plugin_class_overrides_is_listed():
    """A private method of Pelican's or whoosh3's that a class of ours overrides is only
    called while the dependency keeps calling it by that name."""
    listed = {(record.owner, record.name) for names in LISTS for record in names.NAMES}
    overridden = set()
    for path in sorted((REPO / "plugins").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "__main__.py" or "upstream" in path.parts or not re.search(
                r"^(from|import) (pelican|whoosh)", text, re.M):
            continue
        module = importlib.import_module(".".join(
            path.relative_to(REPO / "plugins").with_suffix("").parts).removesuffix(".__init__"))
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            for base in cls.__mro__[1:]:
                if base.__module__.split(".")[0] not in ("pelican", "whoosh"):
                    continue
                overridden |= {(f"{base.__module__}:{base.__qualname__}", name)
                               for name in vars(cls)
                               if re.match(r"_[a-z]", name) and name in vars(base)}
    assert overridden == {("pelican.writers:Writer", "_open_w"),
                          ("whoosh.highlight:Formatter", "_text")}
    assert overridden <= listed


def test_a_name_that_is_gone_is_missing():
    from upstream import Name, missing

    gone = [Name("pelican.writers:Writer", "_no_such_method", "x", ("a",)),
            Name("pelican.writers:Writer.__init__", "_no_such_set", "x", ("a",), USED),
            Name("pelican.generators", "Could not process it", "x", ("a",), TEXT),
            Name("pelican.no_such_module", "x", "x", ("a",)),
            Name("pelican.writers:NoSuchClass", "x", "x", ("a",))]
    assert missing(gone) == gone


# (b) Pelican: the behaviour relied on ------------------------------------------------

def _settings(**overrides) -> dict:
    from pelican.settings import read_settings

    return read_settings(override={"PATH": str(REPO / "content"), **overrides})


def _article(body: str = "<p>Thân bài.</p>", **metadata):
    from pelican.contents import Article

    return Article(body, metadata={"title": "Tiêu đề", **metadata}, settings=_settings(),
                   source_path=str(REPO / "content" / "articles" / "a.md"),
                   context={"generated_content": {}, "static_content": {},
                            "localsiteurl": ""})


class _Template:
    def render(self, context):
        return f"page {context['output_file']}"


def test_writer_write_file_opens_every_page_through_open_w(tmp_path):
    from pelican.utils import sanitised_join
    from pelican.writers import FileOverwriteFailedError, Writer

    class Counting(Writer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.opened = []

        def _open_w(self, filename, encoding, override=False):
            self.opened.append((filename, override))
            return super()._open_w(filename, encoding, override=override)

    settings = _settings(PAGINATED_TEMPLATES={"index": None}, DEFAULT_PAGINATION=2)
    writer = Counting(str(tmp_path), settings=settings)
    writer.write_file("a/b.html", _Template(), {}, override_output=True)
    articles = [_article() for _ in range(5)]
    writer.write_file("index.html", _Template(), {}, articles=articles, dates=articles,
                      template_name="index", url="")
    written = ["a/b.html", "index.html", "index2.html", "index3.html"]
    assert writer.opened == [(sanitised_join(str(tmp_path), name), name == "a/b.html")
                             for name in written]
    assert (tmp_path / "index3.html").read_text(encoding="utf-8") == "page index3.html"
    # The bookkeeping the page skip keeps as Pelican keeps it.
    assert writer._written_files == {path for path, _ in writer.opened}
    assert writer._overridden_files == {sanitised_join(str(tmp_path), "a/b.html")}
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("index2.html", _Template(), {})


def test_get_content_renders_content_underscore_and_memoizes_in_a_dict():
    from pelican.contents import Content

    cache = Content.get_content.cache
    assert isinstance(cache, dict)
    article = _article()
    article._content = "<p>Thân bài đã sửa.</p>"  # as photos rewrites it, before rendering
    try:
        assert article.get_content("") == "<p>Thân bài đã sửa.</p>"
        assert (article, "") in cache
    finally:
        cache.pop((article, ""), None)


def test_the_link_regex_and_update_content_are_pelicans_link_replacement(monkeypatch):
    import pelican.contents
    from portal_content import build_report

    warnings = []
    monkeypatch.setattr(pelican.contents, "logger", types.SimpleNamespace(
        warning=lambda msg, *args, **kwargs: warnings.append((msg, args, kwargs))))
    article = _article()
    html = '<a href="{filename}/khong-co.md#muc">x</a> <a href="{la}/y">y</a>'
    assert [m["what"] for m in article._get_intrasite_link_regex().finditer(html)] == [
        "filename", "la"]
    replaced = article._update_content(html, "")
    assert "{filename}/khong-co.md" in replaced and "{la}/y" in replaced  # left as written
    (unable, args, kwargs), (unknown, _, _) = warnings
    # What the build report's log filter matches (portal_content/build_report.py).
    assert unable.startswith("Unable to find")
    assert args[0] == "/khong-co.md#muc"  # the value as links.py notes it (broken_links)
    assert kwargs["extra"]["limit_msg"] == build_report.UNABLE_TO_FIND_GROUP
    assert unknown.startswith(build_report.UNKNOWN_LINK_KIND)
    assert pelican.contents.__name__ in build_report.FILTERED_LOGGERS


def test_pelican_copies_summary_underscore_back_at_refresh():
    """Why a summary changed after the content was made must change `_summary` too."""
    article = _article(summary="<p>Cũ.</p>")
    assert article._summary == "<p>Cũ.</p>"
    article.metadata["summary"] = "<p>Mới.</p>"
    article.refresh_metadata_intersite_links()
    assert article.metadata["summary"] == "<p>Cũ.</p>"


def test_override_url_is_the_url():
    article = _article()
    article.override_url = "co-dinh/"
    assert article.url == "co-dinh/"


def test_a_file_pelican_fails_on_is_logged_and_left_as_none(tmp_path, monkeypatch):
    import pelican.generators
    from pelican.generators import PagesGenerator
    from portal_content import build_report

    logged = []
    monkeypatch.setattr(pelican.generators, "logger", types.SimpleNamespace(
        exception=lambda msg, *args, **kwargs: logged.append((msg, args)),
        debug=lambda *args, **kwargs: None, warning=lambda *args, **kwargs: None))
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "a.md").write_text("Title: A\n\nA.\n", encoding="utf-8")
    settings = _settings(PATH=str(content), CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False,
                         CACHE_PATH=str(tmp_path / "cache"))
    context = {**settings, "generated_content": {}, "static_links": set(),
               "static_content": {}, "localsiteurl": ""}
    generator = PagesGenerator(context=context, settings=settings, path=str(content),
                               theme=settings["THEME"], output_path=str(tmp_path / "out"))
    calls = []

    def failing(*args, **kwargs):  # as build_report.reporting_failures wraps it
        calls.append(kwargs["path"])
        raise ValueError("hỏng")

    generator.readers.read_file = failing  # on the instance
    generator.generate_context()
    assert calls == ["pages/a.md"]
    assert logged == [(build_report.COULD_NOT_PROCESS, ("pages/a.md",))]
    assert context["generated_content"] == {"pages/a.md": None}


def test_empty_alt_is_warned_with_the_text_the_report_drops(monkeypatch):
    import pelican.readers
    from portal_content import build_report

    warnings = []
    monkeypatch.setattr(pelican.readers, "logger", types.SimpleNamespace(
        warning=lambda msg, *args, **kwargs: warnings.append(msg)))
    pelican.readers.find_empty_alt('<img src="a.svg" alt="">', "a.md")
    assert warnings == [build_report.EMPTY_ALT]
    assert pelican.readers.__name__ in build_report.FILTERED_LOGGERS


def test_the_log_console_can_be_silenced():
    from pelican import log
    from rich.console import Console

    assert isinstance(log.console, Console)
    assert isinstance(log.console.quiet, bool)
    assert {"level", "handler"} <= set(inspect.signature(log.init).parameters)


# (b) pelican-sitemap ---------------------------------------------------------------

def test_the_sitemap_stamps_pages_without_a_date_with_now(tmp_path, monkeypatch):
    from pelican.plugins.sitemap import sitemap

    assert isinstance(sitemap.generator, sitemap.SitemapGenerator)
    assert isinstance(sitemap.generator.now, datetime)
    pelican = types.SimpleNamespace(output_path=str(tmp_path),
                                    settings={"SITEURL": "https://example.vn"})
    generator = sitemap.SitemapGenerator()
    generator.init(pelican)
    generator.queue_page(str(tmp_path / "index.html"), {})
    generator.now = datetime(2024, 5, 1, 8, 30)
    generator.finalize(pelican)
    assert "<lastmod>2024-05-01T08:30:00-00:00</lastmod>" in (
        tmp_path / "sitemap.xml").read_text(encoding="utf-8")

    from feeds.sitemap_clock import pin_sitemap_clock

    monkeypatch.setattr(sitemap.generator, "now", sitemap.generator.now)
    pin_sitemap_clock([types.SimpleNamespace(date=datetime(2023, 2, 3))])  # the plugin's
    assert sitemap.generator.now == datetime(2023, 2, 3)


# (b) whoosh3 -----------------------------------------------------------------------

@pytest.fixture
def ram_index():
    from search_index.schema import SearchedText
    from whoosh.fields import ID, Schema
    from whoosh.filedb.filestore import RamStorage

    return RamStorage().create_index(Schema(url=ID(stored=True), body=SearchedText()))


def test_segment_writer_ignores_poolclass_so_the_pool_is_set_after_init(ram_index):
    from whoosh.writing import PostingPool, SegmentWriter

    class Elsewhere:
        pass

    writer = SegmentWriter(ram_index, poolclass=Elsewhere)
    try:
        assert type(writer.pool) is PostingPool, (
            "whoosh3 now honours poolclass: see patches/README.md")
    finally:
        writer.cancel()


def test_segment_writer_writes_through_the_pool_it_holds(ram_index):
    from search_index.posting_pool import InMemoryPoolWriter, InMemoryPostings
    from whoosh.writing import SegmentWriter

    # The pool methods SegmentWriter calls: all InMemoryPostings has.
    called = set(re.findall(r"self\.pool\.(\w+)", inspect.getsource(SegmentWriter)))
    assert called <= {name for name in vars(InMemoryPostings) if not name.startswith("_")}
    added = []

    class Spying(InMemoryPostings):
        def add(self, item):
            added.append(item[:3])
            super().add(item)

    writer = InMemoryPoolWriter(ram_index)
    writer.pool = Spying()
    writer.add_document(url="/a", body="Đảng viên mới")
    writer.commit()
    assert (("body", b"dang", 0) in added) and (("url", b"/a", 0) in added)
    with ram_index.searcher() as searcher:
        assert searcher.doc_frequency("body", "vien") == 1


class Marked(SearchedText):  # at module level: Whoosh pickles the schema
    def index(self, value, **kwargs):
        yield b"marked", 1, 1.0, self.format.encode([0])


def test_a_fields_index_override_makes_its_postings():
    from whoosh.fields import Schema
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(Schema(body=Marked()))
    writer = ix.writer()
    writer.add_document(body="Đảng viên")
    writer.commit()
    with ix.searcher() as searcher:
        assert list(searcher.lexicon("body")) == [b"marked"]


def test_formatter_passes_the_text_around_matches_through_text():
    from search_index.searching import Snippets
    from whoosh import highlight

    seen = []

    class Recording(highlight.Formatter):
        def _text(self, text):
            seen.append(text)
            return text

        def format_token(self, text, token, replace=False):
            return highlight.get_text(text, token, replace).upper()

    fragment = highlight.Fragment("a < đảng > b", [highlight.Token(
        startchar=4, endchar=8, text="đảng", matched=True)])
    assert Recording().format_fragment(fragment) == "a < ĐẢNG > b"
    assert "".join(seen) == "a <  > b"
    snippet = Snippets("đảng")("Chi bộ <b> & đảng viên", "")
    assert "<mark>đảng</mark>" in snippet and "&lt;b&gt; &amp;" in snippet


def test_bm25f_scorer_figures_are_what_word_scores_reads(ram_index):
    from search_index.posting_pool import InMemoryPoolWriter
    from whoosh import scoring
    from whoosh.query import Term

    writer = InMemoryPoolWriter(ram_index)
    for number, body in enumerate(["đảng viên", "đảng viên đảng", "viên chức nhà nước"]):
        writer.add_document(url=f"/{number}", body=body)
    writer.commit()
    with ram_index.searcher() as searcher:
        assert isinstance(searcher.weighting, scoring.BM25F)
        scorer = searcher.weighting.scorer(searcher, "body", "vien")
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        matcher = Term("body", "vien").matcher(searcher)
        while matcher.is_active():
            doc, tf = matcher.id(), matcher.weight()
            length = searcher.doc_field_length(doc, "body")
            ours = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
            assert ours == pytest.approx(scorer.score(matcher))
            assert ours == pytest.approx(scoring.bm25(idf, tf, length, avgfl, b, k1))
            matcher.next()


def test_null_query_is_an_instance_of_the_type_query_py_tests_for(ram_index):
    from search_index.query import _bounded, make_parser
    from whoosh.query import AndNot, NullQuery, Term

    assert not isinstance(NullQuery, type)
    assert make_parser(ram_index.schema).parse("") is NullQuery
    assert not _bounded(NullQuery)
    assert AndNot(Term("body", "a"), Term("body", "b")).a == Term("body", "a")


# (c) An upgrade without one of them --------------------------------------------------

def _receivers() -> dict:
    from pelican import signals

    return {name: len(getattr(signals, name).receivers) for name in dir(signals)
            if hasattr(getattr(signals, name), "receivers")}


def test_pelican_without_writer_open_w_stops_portal_content_at_register(monkeypatch):
    import portal_content
    from pelican.writers import Writer

    monkeypatch.delattr(Writer, "_open_w")
    assert [str(r) for r in pelican_names.missing()] == [
        str(r) for r in pelican_names.NAMES
        if (r.owner, r.name) == ("pelican.writers:Writer", "_open_w")]
    with pytest.raises(RuntimeError) as error:
        pelican_names.require()
    message = str(error.value)
    assert "pelican.writers:Writer._open_w" in message
    assert "plugins/page_skip/pages.py" in message
    assert "plugins/upstream/pelican_names.py" in message
    before = _receivers()
    with pytest.raises(RuntimeError, match="Writer._open_w"):
        portal_content.register()
    assert _receivers() == before  # stopped before connecting anything


def test_pelican_sitemap_without_now_stops_feeds_at_register(monkeypatch):
    import feeds
    from pelican.plugins.sitemap import sitemap

    monkeypatch.delattr(sitemap.generator, "now")
    with pytest.raises(RuntimeError) as error:
        sitemap_names.require()
    message = str(error.value)
    assert "pelican.plugins.sitemap.sitemap:generator.now" in message
    assert "plugins/feeds/sitemap_clock.py" in message
    before = _receivers()
    with pytest.raises(RuntimeError, match="generator.now"):
        feeds.register()
    assert _receivers() == before


def test_whoosh_without_formatter_text_stops_search_index_and_the_service(monkeypatch,
                                                                          tmp_path):
    import search_index
    from search_index.service import create_app
    from whoosh import highlight

    monkeypatch.delattr(highlight.Formatter, "_text")
    with pytest.raises(RuntimeError) as error:
        whoosh_names.require()
    message = str(error.value)
    assert "whoosh.highlight:Formatter._text" in message
    assert "plugins/search_index/searching.py" in message
    assert re.match(r"whoosh3 [\d.]+ no longer has 1 internal name\(s\)", message)
    before = _receivers()
    with pytest.raises(RuntimeError, match="Formatter._text"):
        search_index.register()
    assert _receivers() == before
    with pytest.raises(RuntimeError, match="Formatter._text"):
        create_app(tmp_path / "search_index")


def test_the_search_services_check_loads_no_pelican():
    check = ("import sys, upstream.whoosh_names as names; names.require(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pelican'))")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"
