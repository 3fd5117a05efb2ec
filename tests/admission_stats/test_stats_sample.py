"""The sample site's statistics: the real content/ built with the real pelicanconf.py."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import CONTENT, front_matter

pytestmark = pytest.mark.build

SITE_UNIT = "Đảng bộ Công an tỉnh Hải Dương"
TERM_ARTICLE = ("Nhiệm kỳ 2015-2020: Đảng bộ Công an tỉnh Hải Dương kết nạp 408 đảng viên, "
                "vượt chỉ tiêu")
PHU_BINH_8_MONTHS = "Phú Bình: tám tháng đầu năm 2020 mới kết nạp được 31 đảng viên"


def sample_records() -> dict[str, dict[str, str]]:
    """The Stats_* fields of every published sample article, by title (read directly)."""
    found = {}
    for path in sorted((CONTENT / "articles").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("status", "published") == "published" and "stats_period" in meta:
            found[meta["title"]] = meta
    return found


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def title_of(build, href: str) -> str:
    """The h1 of the page a link of the site points at (SITEURL is "" in development)."""
    assert "://" not in href, href
    return build.soup(href.lstrip("/")).find("h1").get_text(strip=True)


def stats_rows(build) -> list[dict]:
    page = build.soup("thong-ke/index.html")
    rows = []
    for section in page.select(".stats-unit"):
        for table in section.select("table"):
            heads = [th.get_text(strip=True) for th in table.select("thead th")]
            for tr in table.select("tbody tr"):
                cells = [text(c) for c in tr.find_all(["th", "td"])]
                rows.append(dict(zip(heads, cells, strict=True))
                            | {"unit": section.h2.get_text(strip=True), "link": tr.a})
    return rows


def test_the_sample_content_has_records_of_every_kind():
    records = sample_records().values()
    assert len(records) >= 5

    def has(meta, field):
        return f"stats_{field}" in meta

    with_both = [m for m in records if has(m, "target") and has(m, "admitted")]
    ratios = [int(m["stats_admitted"].replace(".", "")) / int(m["stats_target"]) for m in with_both]
    assert any(r > 1 for r in ratios) and any(r < 1 for r in ratios)  # over and under target
    assert any(has(m, "admitted") and not has(m, "target") for m in records)  # no target
    assert any(has(m, "target") and not has(m, "admitted") for m in records)  # a plan
    assert len({m.get("stats_unit", SITE_UNIT) for m in records}) >= 3


# Panel -----------------------------------------------------------------------------

def test_the_panel_shows_the_term_result_with_a_progress_bar(sample_build):
    for page in ("index.html", "thong-ke/index.html"):
        panel = sample_build.soup(page).select_one("aside .stats-panel")
        words = text(panel)
        assert SITE_UNIT in words and "Giai đoạn 2015–2020" in words
        assert "Kết nạp 408 / chỉ tiêu 250: vượt chỉ tiêu 63,2%" in words
        progress = panel.select_one("progress")
        # A full bar: a value above max is invalid HTML; the text says by how much.
        assert (progress["max"], progress["value"]) == ("250", "250")
        assert progress.get_text() == "163,2%"
        source = panel.select_one(".stats-panel__source a")
        assert title_of(sample_build, source["href"]) == TERM_ARTICLE
        assert "Chỉ tiêu 150" not in words  # not the 2020-2025 plan


def test_the_panel_is_on_every_page(sample_build):
    for page in sample_build.html_files():
        relative = str(page.relative_to(sample_build.output))
        if relative == "404.html":
            continue
        soup = sample_build.soup(relative)
        assert len(soup.select("aside .stats-panel progress")) == 1, relative


# Statistics page -------------------------------------------------------------------

def test_the_statistics_page_lists_every_sample_record_with_its_source(sample_build):
    expected = sample_records()
    rows = stats_rows(sample_build)
    assert len(rows) == len(expected)
    for row in rows:
        title = row["link"].get_text(strip=True)
        assert title in expected, title
        assert title_of(sample_build, row["link"]["href"]) == title
        assert row["unit"] == expected[title].get("stats_unit", SITE_UNIT)
    assert {r["link"].get_text(strip=True) for r in rows} == set(expected)


def test_the_rows_carry_the_right_derived_figures(sample_build):
    by_title = {r["link"].get_text(strip=True): r for r in stats_rows(sample_build)}
    term = by_title[TERM_ARTICLE]
    assert term["Tỷ lệ so với chỉ tiêu"] == "163,2% (vượt chỉ tiêu 63,2%)"
    assert (term["Chỉ tiêu"], term["Kết nạp"]) == ("250", "408")
    phu_binh = by_title[PHU_BINH_8_MONTHS]
    assert phu_binh["Tỷ lệ so với chỉ tiêu"] == "12,25%"
    percents = [r["Tỷ lệ so với chỉ tiêu"] for r in by_title.values()]
    assert "—" in percents  # a record without a target


def test_the_university_record_since_2008_is_a_48_month_period(sample_build):
    since = next(r for r in stats_rows(sample_build) if r.get("Kết nạp") == "1.365")
    assert since["unit"] == "Đảng bộ Trường Đại học Chính trị"
    assert "2008" in since["Kỳ báo cáo"] and "2011" in since["Kỳ báo cáo"]
    page = sample_build.soup("thong-ke/index.html")
    group = next(g for g in page.select(".stats-group") if "1.365" in text(g.table))
    assert group.h3.get_text(strip=True) == "Kỳ 4 năm"


def test_the_under_target_article_box_says_dat(sample_build):
    page = next(p for p in sample_build.output.glob("*/*.html")
                if sample_build.soup(str(p.relative_to(sample_build.output))).find("h1")
                .get_text(strip=True) == PHU_BINH_8_MONTHS)
    box = sample_build.soup(str(page.relative_to(sample_build.output))).select_one(
        "article .stats-box")
    assert "Kết quả đạt 12,25% chỉ tiêu" in text(box)


# Open data -------------------------------------------------------------------------

def test_the_open_data_has_every_sample_record(sample_build):
    expected = sample_records()
    raw = (sample_build.output / "thong-ke/admissions.csv").read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(raw)))
    data = json.loads((sample_build.output / "thong-ke/admissions.json").read_text("utf-8"))
    assert {r["source_title"] for r in table} == set(expected)
    assert {r["source"]["title"] for r in data["records"]} == set(expected)
    for row in table:
        meta = expected[row["source_title"]]
        assert row["period"] == meta["stats_period"]
        assert row["unit"] == meta.get("stats_unit", SITE_UNIT)
        assert title_of(sample_build, row["source_url"]) == row["source_title"]
        for field in ("target", "admitted", "trainees", "official", "members"):
            assert row[field] == meta.get(f"stats_{field}", "").replace(".", ""), field
    for item in data["records"]:
        assert title_of(sample_build, item["source"]["url"]) == item["source"]["title"]


@pytest.mark.parametrize("name", ["admissions.csv", "admissions.json"])
def test_the_open_data_is_linked_from_the_page(sample_build, name):
    links = {a["href"] for a in sample_build.soup("thong-ke/index.html").select("main a")}
    assert f"/thong-ke/{name}" in links
