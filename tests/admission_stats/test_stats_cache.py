"""A build from a warm content cache gives the same statistics as a cold one."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

pytestmark = pytest.mark.build

PLUGINS = ["portal_content", "vn_format", "admission_stats"]
STATS_FILES = ["thong-ke/index.html", "thong-ke/admissions.json", "thong-ke/admissions.csv"]


def outputs(build) -> dict[str, str]:
    return {str(p.relative_to(build.output)): p.read_text(encoding="utf-8")
            for p in sorted(build.output.rglob("*")) if p.suffix in {".html", ".json", ".csv"}}


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats-cache") / "content"
    write_article(folder, "nhiem-ky.md", Title="Tổng kết nhiệm kỳ", Date="2020-09-01 08:00",
                  Stats_Period="2015-2020", Stats_Target="250", Stats_Admitted="408")
    write_article(folder, "nam-2023-a.md", Title="Năm 2023 sơ bộ", Date="2024-01-10 08:00",
                  Stats_Period="2023", Stats_Target="60", Stats_Admitted="29")
    write_article(folder, "nam-2023-b.md", Title="Năm 2023", Date="2024-02-10 08:00",
                  Stats_Period="2023", Stats_Target="110", Stats_Admitted="126")
    write_article(folder, "phu-binh.md", Title="Phú Bình", Date="2020-09-02 08:00",
                  Stats_Unit="Đảng bộ huyện Phú Bình", Stats_Period="2020-01..2020-08",
                  Stats_Admitted="31")
    write_article(folder, "tin.md", Title="Sinh hoạt chi bộ", Date="2024-02-01 08:00")
    return folder


@pytest.fixture(scope="module")
def cold(content):
    build = run_pelican(content, content.parent / "cold", overrides={
        "PLUGINS": PLUGINS, "ADMISSION_STATS_TODAY": "2024-03-01",
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
    })
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_warm_cache_build_matches_a_cold_one(content, cold, layer):
    cache = content.parent / f"cache-{layer}"
    settings = {"PLUGINS": PLUGINS, "ADMISSION_STATS_TODAY": "2024-03-01",
                "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": layer, "CACHE_PATH": str(cache)}
    first = run_pelican(content, content.parent / f"{layer}-1", overrides=settings)
    assert first.returncode == 0, first.log
    assert any(cache.iterdir()), "the first build should fill the content cache"
    warm = run_pelican(content, content.parent / f"{layer}-2", overrides=settings)
    assert warm.returncode == 0, warm.log
    assert "both report" in warm.log  # the duplicate is still found from cached articles

    for build in (first, warm):
        for name in STATS_FILES:
            assert (build.output / name).read_text("utf-8") == (
                cold.output / name).read_text("utf-8"), (layer, name)
        assert outputs(build) == outputs(cold), layer  # panels and boxes on every page


def test_cold_build_has_the_statistics(cold):
    html = (cold.output / "index.html").read_text("utf-8")
    assert "stats-panel" in html and "vượt chỉ tiêu 14,55%" in html
    assert "stats-box" in (cold.output / "phat-trien-dang-vien/nam-2023.html").read_text("utf-8")
