"""A damaged index generation never reaches the readers: the indexer checks a new one
before swapping it in, and the service keeps serving the previous good one when the
current cannot be opened or searched (one log line). Queries Whoosh cannot parse, the
per-query time budget, the fast path's fallback and the body cap, through the real
WSGI app over indexes the indexer builds (no Pelican)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from search_index import searching
from search_index.indexer import (
    CURRENT_LINK,
    MAX_BODY_CHARS,
    SITE_FILE,
    WHOOSH_DIR,
    InvalidGeneration,
    SearchDocument,
    _point_current_at,
    current_generation,
    prepare,
    publish,
    update_index,
)
from search_index.service import create_app
from search_kit import call

pytestmark = pytest.mark.build

TEMPLATES = [Path(__file__).resolve().parents[2] / "theme" / "templates"]


def documents(extra: str = "") -> list[SearchDocument]:
    found = [SearchDocument(url=f"tin/bai-{n}.html", title=f"Chi bộ số {n} kết nạp đảng viên",
                            body_html=f"<p>Chi bộ số {n} tổ chức lễ kết nạp đảng viên mới.</p>")
             for n in range(6)]
    if extra:
        found.append(SearchDocument(url="tin/moi.html", title=f"Bài mới {extra}",
                                    body_html=f"<p>Bài mới về {extra}.</p>"))
    return found


def api(app, text: str) -> tuple[int, dict]:
    response = call(app, "/api/search", "q=" + quote(text))
    return response.status, response.json()


def index(path: Path, found: list[SearchDocument]):
    """The indexer's update, with the theme's templates (the HTML page needs them)."""
    return update_index(path, found, site={"settings": {"SITENAME": "Cổng"}},
                        template_dirs=TEMPLATES)


@pytest.fixture
def two_generations(tmp_path):
    """An index whose current generation (with the article about 'biểu dương') came
    after a good one (without it); the app has served the first."""
    index(tmp_path, documents())
    first = current_generation(tmp_path)
    app = create_app(tmp_path, check_interval=0)
    assert api(app, "kết nạp")[1]["total"] == 6
    index(tmp_path, documents(extra="biểu dương"))
    second = current_generation(tmp_path)
    assert second != first
    return tmp_path, app, first, second


def _own_files(generation: Path, pattern: str) -> list[Path]:
    """Files of the generation not hard-linked with the previous one's."""
    return [path for path in (generation / WHOOSH_DIR).glob(pattern) if path.stat().st_nlink == 1]


def _damage(generation: Path, how: str) -> None:
    if how == "toc":
        newest = max((generation / WHOOSH_DIR).glob("_MAIN_*.toc"))
        assert newest.stat().st_nlink == 1
        newest.write_bytes(b"\x00not a table of contents")
    elif how == "segment":  # a new file: searchers open on the old one keep it
        segments = _own_files(generation, "*.seg")
        assert segments
        for segment in segments:
            cut = segment.with_suffix(".cut")
            cut.write_bytes(segment.read_bytes()[:100])
            cut.replace(segment)
    elif how == "site":
        (generation / SITE_FILE).write_text(json.dumps({"sections": [{"name": 1}]}))


@pytest.mark.parametrize("how", ["toc", "segment", "site"])
def test_a_damaged_current_generation_leaves_the_previous_one_serving(two_generations, how,
                                                                       caplog):
    base, app, first, second = two_generations
    _damage(second, how)
    with caplog.at_level(logging.ERROR, logger="search_index.searching"):
        for _ in range(3):
            status, found = api(app, "kết nạp")
            assert status == 200
            assert found["total"] == 6  # the first generation's answer
            status, found = api(app, "biểu dương")
            assert status == 200 and found["total"] == 0
        html = call(app, "/search", "q=" + quote("kết nạp"))
        assert html.status == 200
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1, [record.getMessage() for record in errors]
    assert str(second) in errors[0].getMessage()
    assert current_generation(base) == second  # the service only reads


def test_a_generation_that_fails_a_search_after_being_opened_is_dropped(two_generations,
                                                                         caplog):
    # Opened (checked, adopted) but not yet searched when its segment is damaged: the
    # first searcher opened on it fails.
    base, app, first, second = two_generations
    assert app.engine.generation().path == second
    _damage(second, "segment")
    with caplog.at_level(logging.ERROR, logger="search_index.searching"):
        answers = [api(app, text) for text in ("đảng viên", "chi bộ", "lễ", "biểu dương")]
    assert [status for status, _ in answers] == [200] * 4
    assert [found["total"] for _, found in answers] == [6, 6, 6, 0]
    assert app.engine.generation().path == first
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


def test_a_damaged_only_generation_is_unavailable_not_an_error(tmp_path):
    index(tmp_path, documents())
    _damage(current_generation(tmp_path), "site")
    status, found = api(create_app(tmp_path, check_interval=0), "kết nạp")
    assert status == 503
    assert "tạm thời" in found["message"]


def test_the_indexer_does_not_swap_in_a_generation_that_fails_its_check(tmp_path):
    index(tmp_path, documents())
    serving = current_generation(tmp_path)
    prepared = prepare(tmp_path, documents(extra="biểu dương"))
    newest = max((prepared.target / WHOOSH_DIR).glob("_MAIN_*.toc"))
    newest.write_bytes(b"garbage")
    with pytest.raises(InvalidGeneration, match="damaged"):
        publish(prepared)
    assert current_generation(tmp_path) == serving
    assert not prepared.target.exists()
    assert api(create_app(tmp_path, check_interval=0), "kết nạp")[1]["total"] == 6


def test_a_link_swapped_by_hand_to_a_damaged_generation_is_not_adopted(tmp_path, caplog):
    index(tmp_path, documents())
    good = current_generation(tmp_path)
    app = create_app(tmp_path, check_interval=0)
    assert api(app, "kết nạp")[1]["total"] == 6
    broken = good.parent / "broken"
    broken.mkdir()
    (broken / SITE_FILE).write_text("{}")
    _point_current_at(tmp_path, broken)
    assert (tmp_path / CURRENT_LINK).resolve() == broken
    with caplog.at_level(logging.ERROR, logger="search_index.searching"):
        assert [api(app, "kết nạp")[1]["total"] for _ in range(3)] == [6, 6, 6]
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


@pytest.mark.parametrize("text", ["a ANDNOT ANDNOT b", "đảng ANDMAYBE ANDNOT viên",
                                  "chi ANDNOT ANDMAYBE bộ", "(kết ANDNOT ANDNOT nạp)"])
def test_queries_whoosh_cannot_parse_get_a_message_not_an_error(tmp_path, text):
    index(tmp_path, documents())
    app = create_app(tmp_path, check_interval=0)
    status, found = api(app, text)
    assert status == 200
    assert found["total"] == 0
    assert "Không hiểu được từ khóa" in found["message"]
    page = call(app, "/search", "q=" + quote(text))
    assert page.status == 200
    assert "Không hiểu được từ khóa" in page.text
    assert "Traceback" not in page.text


def test_a_query_past_its_time_budget_shows_what_was_found_with_a_note(tmp_path,
                                                                        monkeypatch):
    # Three-word phrases are checked against positions, and the check stops at the
    # deadline: with no time at all, nothing is confirmed.
    index(tmp_path, documents())
    app = create_app(tmp_path, check_interval=0)
    monkeypatch.setattr(searching, "QUERY_SECONDS", -1.0)
    status, found = api(app, '"kết nạp đảng"')
    assert status == 200
    assert "quá nhiều thời gian" in found["message"]
    monkeypatch.setattr(searching, "QUERY_SECONDS", 10.0)
    status, found = api(app, '"kết nạp đảng"')  # a partial answer was not kept
    assert found["total"] == 6 and found["message"] is None


def test_the_fast_path_falls_back_to_whooshs_search_and_logs_once(tmp_path, caplog):
    index(tmp_path, documents())
    app = create_app(tmp_path, check_interval=0)
    expected = [api(app, text)[1]["results"] for text in ("kết nạp", "chi bộ số 3")]

    class Failing(searching.WordScores):
        def rank(self, *args, **kwargs):
            raise RuntimeError("fast path broken")

    fresh = create_app(tmp_path, check_interval=0)
    fresh.engine.generation().word_scores = Failing()
    searching._fast_path_failed.clear()
    with caplog.at_level(logging.ERROR, logger="search_index.searching"):
        found = [api(fresh, text)[1]["results"] for text in ("kết nạp", "chi bộ số 3")]
    assert [[hit["url"] for hit in hits] for hits in found] == \
        [[hit["url"] for hit in hits] for hits in expected]
    assert len([r for r in caplog.records if "fast ranking path" in r.getMessage()]) == 1


def test_body_text_is_capped_and_the_cap_reported(tmp_path):
    filler = " ".join(["công tác xây dựng đảng"] * (MAX_BODY_CHARS // 20))
    long = SearchDocument(url="tin/dai.html", title="Bài rất dài",
                          body_html=f"<p>mởđầuriêng {filler} kếtthúcriêng</p>")
    stats = index(tmp_path, [*documents(), long])
    assert [url for url, _ in stats.capped] == ["tin/dai.html"]
    assert stats.capped[0][1] > MAX_BODY_CHARS
    app = create_app(tmp_path, check_interval=0)
    assert api(app, "mởđầuriêng")[1]["total"] == 1
    assert api(app, "kếtthúcriêng")[1]["total"] == 0


def test_the_service_does_not_import_pelican():
    code = ("import sys, search_index.service, search_index.searching; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pelican'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_a_query_that_fails_on_a_sound_generation_does_not_drop_it(tmp_path, caplog):
    # Both ranking paths broken for multi-word queries (pair counts), a code fault and
    # not the index's: that request fails (500), the generation keeps serving.
    index(tmp_path, documents())

    class Broken(searching.WordScores):
        def rank(self, *args, **kwargs):
            raise RuntimeError("fast path broken")

        def pair_counts(self, *args, **kwargs):
            raise RuntimeError("pair counts broken")

    app = create_app(tmp_path, check_interval=0)
    generation = app.engine.generation()
    generation.word_scores = Broken()
    with caplog.at_level(logging.ERROR):
        assert call(app, "/api/search", "q=" + quote("kết nạp")).status == 500
    assert app.engine.generation() is generation
    assert api(app, "lễ")[1]["total"] == 6
    assert not [r for r in caplog.records if "failed a search" in r.getMessage()]
