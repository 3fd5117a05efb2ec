"""Pages that share a slug or take a path the site owns are left out of the pages
generator's lists and of the context the templates and the other plugins read."""

from __future__ import annotations

import pytest
from conftest import REPO
from pelican.generators import PagesGenerator
from pelican.settings import read_settings
from portal_content import plugin
from portal_content.build_report import BuildReport

pytestmark = pytest.mark.unit

PAGES = {
    "a.md": "Title: Giới thiệu\nSlug: gioi-thieu\n\nA.\n",
    "b.md": "Title: Khác\nSlug: gioi-thieu\n\nB.\n",  # a's slug
    "c.md": "Title: Ẩn\nSlug: an\nStatus: hidden\n\nC.\n",
    "d.md": "Title: Ẩn nữa\nSlug: an\nStatus: hidden\n\nD.\n",  # c's slug
    "e.md": "Title: Thống kê\nSlug: thong-ke\n\nE.\n",  # the statistics page's path
    "f.md": "Title: Nháp\nSlug: nhap\nStatus: draft\n\nF.\n",
}


def pages_generator(tmp_path) -> PagesGenerator:
    """Pelican's pages generator over PAGES, its context made (no plugin connected)."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for name, text in PAGES.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    settings = read_settings(str(REPO / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False})
    context = {**settings, "generated_content": {}, "static_links": set(),
               "static_content": {}, "localsiteurl": settings["SITEURL"]}
    generator = PagesGenerator(context=context, settings=settings, path=settings["PATH"],
                               theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])
    generator.generate_context()
    return generator


def names(contents) -> list[str]:
    return sorted(content.source_path.rsplit("/", 1)[-1] for content in contents)


def test_duplicate_and_owned_pages_leave_the_generator_and_the_context(tmp_path, monkeypatch):
    report = BuildReport()
    monkeypatch.setattr(plugin, "REPORT", report)
    generator = pages_generator(tmp_path)
    assert names(generator.context["pages"]) == ["a.md", "b.md", "e.md"]

    plugin.drop_duplicate_pages(generator)

    for name in ("pages", "hidden_pages", "draft_pages"):
        assert generator.context[name] is getattr(generator, name)
    assert names(generator.context["pages"]) == ["a.md"]
    assert names(generator.context["hidden_pages"]) == ["c.md"]
    assert names(generator.context["draft_pages"]) == ["f.md"]
    assert sorted((v.path, v.code) for v in report.violations) == [
        ("pages/b.md", "duplicate_slug"), ("pages/d.md", "duplicate_slug"),
        ("pages/e.md", "output_taken")]
