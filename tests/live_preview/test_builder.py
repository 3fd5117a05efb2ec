"""The build process on a copy of the sample site: the saved article's page first, the
same bytes the full build then writes; anything that moves the article waits for the
full build; a broken file is in the state the server reads."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, REPO
from live_preview import state
from live_preview.client import BuilderGone, BuilderProcess

pytestmark = pytest.mark.build

ARTICLE = "articles/tin-hoat-dong/boi-duong-ly-luan-chinh-tri-cho-dang-vien-moi-nam-2024.md"
PAGE = "/tin-hoat-dong/boi-duong-ly-luan-chinh-tri-cho-dang-vien-moi-nam-2024.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    shutil.copytree(CONTENT, root / "content")
    early: list[dict] = []
    overrides = {"CACHE_PATH": str(root / "cache"), "SEARCH_INDEX_PATH": str(root / "index"),
                 "LIVE_PREVIEW_STATE": str(root / "state.json"),
                 "LIVE_PREVIEW_SCRIPT": "/__live/reload.js"}
    builder = BuilderProcess.for_site(str(REPO / "pelicanconf.py"), str(root / "content"),
                                      str(root / "output"), overrides, str(root / "lock"),
                                      early.append)
    first = builder.build([])
    assert first["failure"] is None and "/index.html" not in first["paths"]  # "/" it is
    assert "/" in first["paths"]
    yield root, builder, early
    builder.stop()


def edit(root, change):
    path = root / "content" / ARTICLE
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def page_digest(root) -> str:
    return hashlib.blake2b((root / "output" / PAGE.lstrip("/")).read_bytes()).hexdigest()


def current_generation(root) -> Path:
    return (root / "index" / "current").resolve()


def test_a_text_edit_renders_the_article_its_feeds_and_index_first_the_full_build_agrees(
        site):
    root, builder, early = site
    early.clear()
    seen: dict = {}

    def at_early(answer):  # while the full build has not started yet
        seen["generation"] = current_generation(root)
        seen["feed"] = (root / "output" / "feeds" / "all.atom.xml").read_bytes()
        early_answers.append(answer)

    early_answers = early
    builder._on_early = at_early
    try:
        edit(root, lambda text: text + "\nĐoạn viết thêm để thử xem trước.\n")
        built = builder.build([ARTICLE])
    finally:
        builder._on_early = early.append
    assert [answer["paths"] for answer in early] == [[PAGE]]
    assert early[0]["sources"] == [ARTICLE] and early[0]["complete"] is True
    assert "Đoạn viết thêm để thử xem trước." in seen["feed"].decode()
    # The full build wrote the same bytes everywhere (page, feeds): no change at all, and
    # the index it made is the one the early pass swapped in.
    assert built["paths"] == [] and built["failure"] is None
    assert early[0]["digests"][PAGE] == page_digest(root)
    assert current_generation(root) == seen["generation"]
    html = (root / "output" / PAGE.lstrip("/")).read_text(encoding="utf-8")
    assert "Đoạn viết thêm để thử xem trước." in html
    assert '<script src="/__live/reload.js" defer></script>' in html


def test_a_new_date_moves_the_article_so_only_the_full_build_writes_it(site):
    root, builder, early = site
    early.clear()
    edit(root, lambda text: re.sub(r"(?m)^(Date|Ngày): .*$", r"\1: 2024-06-30 07:15", text,
                                   count=1))
    built = builder.build([ARTICLE])
    assert early == []
    assert PAGE in built["paths"] and "/" in built["paths"]
    assert "30/06/2024" in (root / "output" / PAGE.lstrip("/")).read_text(encoding="utf-8")


def test_a_broken_save_is_in_the_state_with_its_page_and_the_fix_clears_it(site):
    root, builder, early = site
    saved = (root / "content" / ARTICLE).read_text(encoding="utf-8")
    early.clear()
    edit(root, lambda text: re.sub(r"(?m)^(Category|Chuyên mục): .*\n", "", text, count=1))
    builder.build([ARTICLE])
    assert early == []  # nothing rendered from a file the contract refuses
    broken = state.read(root / "state.json")
    assert broken.failing_sources_of(PAGE) == [ARTICLE]
    assert any(re.search(r":\d+: (Category|Chuyên mục): thiếu", line)
               for line in broken.messages[ARTICLE])
    (root / "content" / ARTICLE).write_text(saved, encoding="utf-8")
    builder.build([ARTICLE])
    assert state.read(root / "state.json").errors == set()


def test_a_build_process_that_died_is_started_again_for_the_next_build(site):
    root, builder, early = site
    import os
    import signal

    os.kill(builder.pid, signal.SIGKILL)
    with pytest.raises(BuilderGone):
        builder.build([])
    assert builder.build([])["failure"] is None
