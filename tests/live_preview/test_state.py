"""The build state the devserver reads: pages by source, messages, errors."""

from __future__ import annotations

import pytest
from live_preview import state

pytestmark = pytest.mark.unit


def test_a_file_left_out_keeps_its_last_page_so_that_page_can_say_why(tmp_path):
    good = state.BuildState(pages={"articles/a.md": "/tin/a.html", "pages/b.md": "/b/"})
    state.write(tmp_path / "s.json", good)
    broken = state.BuildState(pages={"pages/b.md": "/b/"},
                              messages={"articles/a.md": ["articles/a.md:3: Category: thiếu"]},
                              errors={"articles/a.md"})
    merged = broken.merged_with(state.read(tmp_path / "s.json"))
    state.write(tmp_path / "s.json", merged)
    again = state.read(tmp_path / "s.json")
    assert again.failing_sources_of("/tin/a.html") == ["articles/a.md"]
    assert again.failing_sources_of("/b/") == []
    assert again.messages["articles/a.md"] == ["articles/a.md:3: Category: thiếu"]


def test_a_missing_or_broken_state_file_is_an_empty_state(tmp_path):
    assert state.read(tmp_path / "none.json") == state.BuildState()
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert state.read(tmp_path / "bad.json") == state.BuildState()


def test_urls_as_request_paths():
    assert state.url_path("tin/a.html") == "/tin/a.html"
    assert state.url_path("gioi-thieu/") == "/gioi-thieu/"
