"""Index builds: incremental by content hash, atomic swaps, failed builds change nothing."""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, run_pelican, write_article
from search_index import indexer
from search_index.indexer import SearchDocument, current_generation, update_index
from search_index.service import create_app
from search_kit import PLUGINS, build_search_site, call, url_of, urls

pytestmark = pytest.mark.build

THEME_TEMPLATES = REPO / "theme" / "templates"


def build_record(index: Path) -> dict:
    return json.loads((index / "current" / "build.json").read_text(encoding="utf-8"))


def test_incremental_builds_analyse_only_what_changed(tmp_path):
    index = tmp_path / "elsewhere" / "index"
    settings = {"SEARCH_INDEX_PATH": str(index)}
    site = build_search_site(tmp_path, only={"le-ket-nap", "dai-hoi", "dang-ky-du-thi"},
                             overrides=settings)
    assert not (tmp_path / "search_index").exists() and not list(site.output.rglob("*.toc"))
    first = build_record(index)
    assert (first["analysed"], first["reused"], first["full_rebuild"]) == (4, 0, True)

    content = tmp_path / "content"
    write_article(content, "dai-hoi.md", "Nội dung mới có từ khóa tuvungmoi.", Slug="dai-hoi",
                  Title="Đại hội Đảng bộ", Category="Xây dựng Đảng")
    (content / "articles" / "dang-ky-du-thi.md").unlink()
    rebuild = run_pelican(content, site.output, overrides={**PLUGINS, **settings})
    assert rebuild.returncode == 0, rebuild.log
    second = build_record(index)
    assert (second["analysed"], second["reused"], second["deleted"]) == (1, 2, 1)
    assert second["full_rebuild"] is False

    app = create_app(index, check_interval=0)
    assert urls(app, "q=tuvungmoi") == [url_of("dai-hoi")]
    assert urls(app, "q=dang+ky") == []
    assert url_of("le-ket-nap") in urls(app, "q=ket+nap")

    # Nothing changed: the current generation stays, untouched.
    serving = current_generation(index)
    unchanged = run_pelican(content, site.output, overrides={**PLUGINS, **settings})
    assert unchanged.returncode == 0 and current_generation(index) == serving
    assert len(list((index / "generations").iterdir())) == 2  # current and previous

    # A strict build with a content error fails before `finalized`: the index stays.
    write_article(content, "hong.md", "Bài lỗi có từ khóa bailoi.", Slug="hong", Date="hôm qua")
    failed = run_pelican(content, site.output,
                         overrides={**PLUGINS, **settings, "PORTAL_STRICT": True})
    assert failed.returncode != 0
    assert current_generation(index) == serving
    assert urls(app, "q=tuvungmoi") == [url_of("dai-hoi")]


def documents(version: int, count: int = 30) -> list[SearchDocument]:
    articles = [
        SearchDocument(url=f"tin-tuc/bai-{n}.html", title=f"Tin số {n} về đảng viên",
                       body_html=f"<p>Bài {n}: công tác đảng viên, phiên bản {version}.</p>",
                       section="Tin tức", category="tin-tuc", date=datetime(2024, 1, 1 + n % 28))
        for n in range(count)
    ]
    return [*articles, SearchDocument(url="moi.html", title=f"phienban{version}",
                                      body_html="<p>Trang mới.</p>", kind="page")]


def test_unchanged_documents_are_not_reanalysed(tmp_path, monkeypatch):
    update_index(tmp_path, documents(1))
    analysed = []
    original = SearchDocument.index_fields_and_length
    monkeypatch.setattr(SearchDocument, "index_fields_and_length",
                        lambda self, h: analysed.append(self.url) or original(self, h))
    changed = documents(1)
    changed[3] = SearchDocument(url=changed[3].url, title="Đã sửa", body_html="<p>mới</p>")
    stats = update_index(tmp_path, changed[:-1])
    assert analysed == [changed[3].url]
    assert (stats.analysed, stats.reused, stats.deleted) == (1, 29, 1)


def test_an_unchanged_build_writes_nothing(tmp_path):
    site = {"settings": {"SITENAME": "Cổng"}}
    first = update_index(tmp_path, documents(1), site=site, template_dirs=[THEME_TEMPLATES])
    files = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    again = update_index(tmp_path, documents(1), site=site, template_dirs=[THEME_TEMPLATES])
    assert again.generation == first.generation and again.analysed == 0
    assert {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")} == files
    renamed = update_index(tmp_path, documents(1), site={"settings": {"SITENAME": "Khác"}},
                           template_dirs=[THEME_TEMPLATES])
    assert renamed.generation != first.generation and renamed.analysed == 0


def test_a_failed_index_build_leaves_the_old_index(tmp_path):
    update_index(tmp_path, documents(1))
    serving = current_generation(tmp_path)
    class Unreadable(SearchDocument):
        def index_fields_and_length(self, content_hash):
            raise OSError("bài hỏng: đọc thất bại giữa chừng")  # after others were added

    unreadable = Unreadable(url="hong.html", title="Bài hỏng", body_html="<p>x</p>")
    with pytest.raises(OSError, match="đọc thất bại giữa chừng"):
        update_index(tmp_path, [*documents(2), unreadable])
    assert current_generation(tmp_path) == serving
    assert list((tmp_path / "generations").iterdir()) == [serving]


def test_searches_never_fail_while_the_index_is_swapped(tmp_path):
    update_index(tmp_path, documents(0), template_dirs=[THEME_TEMPLATES])
    app = create_app(tmp_path, check_interval=0)
    failures, served, stop = [], [0], threading.Event()

    def search_until_stopped(path: str) -> None:
        while not stop.is_set():
            for query in ("q=dang+vien", "q=%22cong+tac%22", "q=phienban&page=2", "q=tin+so+7"):
                response = call(app, path, query)
                if response.status != 200 or b"Traceback" in response.body:
                    failures.append((path, query, response.status, response.body[:200]))
                served[0] += 1

    threads = [threading.Thread(target=search_until_stopped, args=(path,))
               for path in ("/api/search", "/search", "/api/search", "/search")]
    for thread in threads:
        thread.start()
    def searches_since(count: int) -> None:
        """Each thread is searching across the swap, not only before or after it."""
        deadline = time.monotonic() + 30
        while served[0] < count + 8 and time.monotonic() < deadline:
            time.sleep(0.005)

    try:
        for version in range(1, 7):
            searches_since(served[0])
            update_index(tmp_path, documents(version), template_dirs=[THEME_TEMPLATES])
        searches_since(served[0])
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not failures, failures[:3]
    assert served[0] > 50
    assert urls(app, "q=phienban6") == ["/moi.html"]
    assert urls(app, "q=phienban5") == []
    assert len(list((tmp_path / "generations").iterdir())) == 2


def test_the_swap_is_a_symlink_replaced_atomically(tmp_path, monkeypatch):
    update_index(tmp_path, documents(1))
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(indexer.os, "replace",
                        lambda source, target: replaced.append(Path(target).name)
                        or real_replace(source, target))
    update_index(tmp_path, documents(2))
    assert replaced == ["current"]
    assert (tmp_path / "current").is_symlink()
    assert not os.path.isabs(os.readlink(tmp_path / "current"))


def test_html_page_renders_from_the_templates_copied_at_build_time(tmp_path):
    update_index(tmp_path, documents(1), site={"settings": {"SITENAME": "Cổng thử"}},
                 template_dirs=[THEME_TEMPLATES])
    response = call(create_app(tmp_path), "/search", "q=dang+vien")
    assert response.status == 200 and "Cổng thử" in response.text


def test_a_build_that_fails_while_writing_pages_leaves_the_old_index(tmp_path):
    # The new generation is written in a child process while Pelican writes the pages;
    # a build that fails then must stop it and leave nothing of it behind.
    index = tmp_path / "index"
    settings = {"SEARCH_INDEX_PATH": str(index)}
    site = build_search_site(tmp_path, only={"le-ket-nap", "dai-hoi"}, overrides=settings)
    serving = current_generation(index)
    broken = tmp_path / "broken-templates"
    broken.mkdir()
    (broken / "article.html").write_text("{{ article.title|no_such_filter }}", encoding="utf-8")
    write_article(tmp_path / "content", "moi.md", "Bài mới có từ khóa tuhong.", Slug="moi",
                  Title="Bài mới", Category="Tin tức")
    failed = run_pelican(tmp_path / "content", site.output,
                         overrides={**PLUGINS, **settings,
                                    "THEME_TEMPLATES_OVERRIDES": [str(broken)]})
    assert failed.returncode != 0, failed.log
    assert current_generation(index) == serving
    assert sorted((index / "generations").iterdir()) == [serving]
    assert urls(create_app(index, check_interval=0), "q=tuhong") == []


def test_a_deferred_swap_names_the_generation_and_leaves_current(tmp_path):
    # deploy/publish.py swaps the index right after the site, not inside Pelican.
    index, swap_file = tmp_path / "index", tmp_path / "swap.json"
    settings = {"SEARCH_INDEX_PATH": str(index)}
    site = build_search_site(tmp_path, only={"le-ket-nap"}, overrides=settings)
    serving = current_generation(index)
    write_article(tmp_path / "content", "moi.md", "Bài mới có từ khóa tuhoan.", Slug="moi",
                  Title="Bài mới", Category="Tin tức", Date="2023-05-06 07:00")
    deferred = {**PLUGINS, **settings, "SEARCH_INDEX_SWAP_FILE": str(swap_file)}
    built = run_pelican(tmp_path / "content", site.output, overrides=deferred)
    assert built.returncode == 0, built.log
    generation = Path(json.loads(swap_file.read_text(encoding="utf-8"))["generation"])
    assert current_generation(index) == serving and generation.is_dir()
    app = create_app(index, check_interval=0)
    assert urls(app, "q=tuhoan") == []

    indexer.swap_in(index, generation)
    assert current_generation(index) == generation
    assert urls(app, "q=tuhoan") == ["/tin-tuc/moi.html"]
    assert sorted((index / "generations").iterdir()) == sorted([serving, generation])

    again = run_pelican(tmp_path / "content", site.output, overrides=deferred)
    assert again.returncode == 0, again.log
    assert json.loads(swap_file.read_text(encoding="utf-8")) == {"generation": None}
