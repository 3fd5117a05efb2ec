"""Articles loaded from Pelican's content cache (which skips the reader) are checked like
freshly read ones: the photo must still exist, and a bad statistics field is reported
again, in a development build and a strict one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_pelican, sample_image, write_article

pytestmark = pytest.mark.build

PLUGINS = ["portal_content", "vn_format", "admission_stats"]
SECTION = "phat-trien-dang-vien"


def flat(log: str) -> str:
    return " ".join(log.split())


def build(content: Path, root: Path, name: str, conf: str = "pelicanconf.py", **settings):
    """A build into root/name that shares root/cache with the other builds of the test."""
    overrides = {"PLUGINS": PLUGINS, "CACHE_PATH": str(root / "cache"),
                 "ADMISSION_STATS_TODAY": "2024-03-01", **settings}
    return run_pelican(content, root / name, conf=conf, overrides=overrides)


def test_a_photo_deleted_after_a_build_is_noticed_with_a_warm_cache(tmp_path):
    content = tmp_path / "content"
    photo = sample_image(content)
    write_article(content, "co-anh.md", Title="Bài có ảnh", Image=photo)
    write_article(content, "khac.md", Title="Bài khác", Date="2022-05-01 08:00")
    first = build(content, tmp_path, "first")
    assert first.returncode == 0, first.log
    assert (first.output / SECTION / "bai-co-anh.html").is_file()

    (content / photo).unlink()
    message = (f"articles/co-anh.md:6: Image: '{photo}' không có; viết đường dẫn như "
               "images/ten-anh.svg, một tệp có trong content/images/")
    warm = build(content, tmp_path, "warm")
    assert warm.returncode == 0, warm.log
    assert flat(warm.log).count("articles/co-anh.md") == 1  # ours, not "Could not process"
    assert message in flat(warm.log)
    assert not (warm.output / SECTION / "bai-co-anh.html").exists()  # as a fresh read does
    assert (warm.output / SECTION / "bai-khac.html").is_file()

    cold = run_pelican(content, tmp_path / "cold", overrides={"PLUGINS": PLUGINS})
    assert message in flat(cold.log)
    assert sorted(p.name for p in (cold.output / SECTION).glob("*.html")) == sorted(
        p.name for p in (warm.output / SECTION).glob("*.html"))

    strict = build(content, tmp_path, "strict", PORTAL_STRICT=True)  # the cache still warm
    assert strict.returncode != 0
    assert "1 lỗi nội dung; không xuất bản gì" in flat(strict.log)
    assert message in flat(strict.log)


def test_a_bad_statistics_field_leaves_out_the_record_not_the_article(tmp_path):
    content = tmp_path / "content"
    write_article(content, "sai.md", Title="Số liệu sai", Stats_Period="2024",
                  Stats_Admitted="1,5", Stats_Target="40")
    write_article(content, "dung.md", Title="Số liệu đúng", Date="2024-01-10 08:00",
                  Stats_Period="2023", Stats_Admitted="29")
    message = "articles/sai.md:7: Stats_Admitted: '1,5' không phải số nguyên"
    for name in ("cold", "warm"):  # the second build reads both articles from the cache
        dev = build(content, tmp_path, name)
        assert dev.returncode == 0, dev.log
        assert flat(dev.log).count("articles/sai.md") == 1, dev.log
        assert message in flat(dev.log)
        article = dev.soup(f"{SECTION}/so-lieu-sai.html")
        assert article.h1.get_text(strip=True) == "Số liệu sai"
        assert article.select(".stats-box") == []  # no record: none of its figures
        records = json.loads((dev.output / "thong-ke/admissions.json").read_text("utf-8"))
        assert [r["source"]["title"] for r in records["records"]] == ["Số liệu đúng"]
        assert dev.soup(f"{SECTION}/so-lieu-dung.html").select(".stats-box")

    publish = build(content, tmp_path, "publish", conf="publishconf.py")
    assert publish.returncode != 0
    assert message in flat(publish.log)
