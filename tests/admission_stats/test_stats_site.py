"""The panel, the statistics page, the article box and the open data on a small site,
built with the real theme and the project's settings."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from conftest import run_pelican, write_article

pytestmark = pytest.mark.build

PLUGINS = ["portal_content", "vn_format", "admission_stats"]
SITEURL = "https://xaydungdang.example.vn"
SITE_UNIT = "Đảng bộ Công an tỉnh Hải Dương"
PHU_BINH = "Đảng bộ huyện Phú Bình"
NASTY_UNIT = "<script>alert('u')</script> Chi bộ & Đoàn"
FORMULA_UNIT = "=1+2 Chi bộ"
FORMULA_TITLE = '@SUM(1;2) Chi bộ báo cáo'
SECTION = "phat-trien-dang-vien"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats-site") / "content"
    write_article(folder, "nhiem-ky.md", Title="Tổng kết nhiệm kỳ 2015-2020",
                  Date="2020-09-01 08:00", Stats_Period="2015-2020", Stats_Target="250",
                  Stats_Admitted="408", Stats_Trainees="361", Stats_Official="404")
    write_article(folder, "nam-2023-so-bo.md", Title="Sơ bộ kết quả năm 2023",
                  Date="2024-01-10 08:00", Stats_Period="2023", Stats_Target="60",
                  Stats_Admitted="29")
    write_article(folder, "nam-2023.md", Title="Kết quả năm 2023", Date="2024-02-10 08:00",
                  Stats_Period="2023", Stats_Target="110", Stats_Admitted="126",
                  Stats_Members="1.250")
    write_article(folder, "phu-binh-8-thang.md", Title="Phú Bình <em>8 tháng</em> đầu năm",
                  Date="2020-09-02 08:00", Stats_Unit=PHU_BINH, Stats_Period="2020-01..2020-08",
                  Stats_Admitted="31", Stats_Trainees="282")
    write_article(folder, "phu-binh-2020.md", Title="Phú Bình năm 2020",  # typed decomposed
                  Date="2020-03-01 08:00", Stats_Unit=unicodedata.normalize("NFD", PHU_BINH),
                  Stats_Period="2020",
                  Stats_Target="253", Stats_Members="7.335")
    write_article(folder, "chi-bo.md", Title=FORMULA_TITLE, Date="2023-05-01 08:00",
                  Stats_Unit=NASTY_UNIT, Stats_Period="2023-01..2023-06", Stats_Admitted="4",
                  Stats_Target="20")
    write_article(folder, "cong-thuc.md", Title="-1+1 Sinh hoạt", Date="2021-05-01 08:00",
                  Stats_Unit=FORMULA_UNIT, Stats_Period="2021", Stats_Admitted="3")
    write_article(folder, "khong-so-lieu.md", Title="Sinh hoạt chi bộ", Date="2024-02-01 08:00")
    write_article(folder, "an.md", Title="Bài ẩn", Date="2024-02-03 08:00", Status="hidden",
                  Stats_Period="2024", Stats_Admitted="999")
    write_article(folder, "nhap.md", Title="Bài nháp", Date="2024-02-04 08:00", Status="draft",
                  Stats_Period="2024", Stats_Admitted="998")
    write_article(folder, "sai-so-lieu.md", Title="Số liệu sai", Date="2024-02-02 08:00",
                  Stats_Period="2024", Stats_Admitted="1,5")
    build = run_pelican(folder, folder.parent / "output", overrides={
        "PLUGINS": PLUGINS, "SITEURL": SITEURL, "ADMISSION_STATS_TODAY": "2024-03-01",
    })
    assert build.returncode == 0, build.log
    return build


def local(href: str) -> str:
    """An absolute link of the site -> the output file it points at."""
    assert href.startswith(SITEURL + "/"), href
    path = href[len(SITEURL) + 1:].split("#")[0]
    return path + "index.html" if path.endswith("/") or not path else path


# Build messages --------------------------------------------------------------------

def test_duplicate_period_warning_names_both_files(site):
    log = " ".join(site.log.split())  # the console wraps long lines
    assert "WARNING" in site.log
    assert "articles/nam-2023-so-bo.md and articles/nam-2023.md both report" in log
    assert f"{SITE_UNIT}, Năm 2023; using articles/nam-2023.md" in log


def test_invalid_figures_are_reported_and_left_out(site):
    assert "articles/sai-so-lieu.md:7: Stats_Admitted: '1,5' không phải số nguyên" in site.log
    data = json.loads((site.output / "thong-ke/admissions.json").read_text(encoding="utf-8"))
    assert "Số liệu sai" not in {r["source"]["title"] for r in data["records"]}


def test_an_article_with_a_bad_figure_is_built_without_its_record(site):
    # A development build leaves out only the record (portal_content), not the article.
    page = site.soup(f"{SECTION}/so-lieu-sai.html")
    assert page.find("h1").get_text(strip=True) == "Số liệu sai"
    assert page.select_one("article .stats-box") is None
    assert "1,5" not in page.get_text()


def test_only_published_articles_count(site):
    data = json.loads((site.output / "thong-ke/admissions.json").read_text(encoding="utf-8"))
    titles = {r["source"]["title"] for r in data["records"]}
    assert not titles & {"Bài ẩn", "Bài nháp"}
    assert "999" not in site.soup("thong-ke/index.html").get_text()


# Panel -----------------------------------------------------------------------------

def test_panel_is_on_every_page(site):
    pages = site.html_files()
    assert len(pages) > 10
    for page in pages:
        soup = site.soup(str(page.relative_to(site.output)))
        assert len(soup.select("aside.sidebar .stats-panel")) == 1, page


def test_panel_shows_the_site_units_most_recent_period(site):
    panel = site.soup("index.html").select_one(".stats-panel")
    text = " ".join(panel.get_text(" ").split())
    assert SITE_UNIT in text and "Năm 2023" in text
    assert "Kết nạp 126 / chỉ tiêu 110" in text
    assert "vượt chỉ tiêu 14,55%" in text
    assert "Tổng số đảng viên 1.250" in text
    progress = panel.select_one("progress")
    assert (progress["max"], progress["value"]) == ("110", "110")  # full: value <= max
    assert progress["aria-labelledby"] == panel.select_one("#stats-panel-progress")["id"]
    links = {a.get_text(strip=True): a["href"] for a in panel.select("a")}
    assert links["Kết quả năm 2023"] == f"{SITEURL}/{SECTION}/ket-qua-nam-2023.html"
    assert f"{SITEURL}/thong-ke/" in links.values()


# Statistics page -------------------------------------------------------------------

def test_statistics_page_is_written_at_its_url(site):
    page = site.soup("thong-ke/index.html")
    assert page.select_one("h1").get_text(strip=True) == "Thống kê phát triển đảng viên"
    assert page.select_one("title").get_text().startswith("Thống kê phát triển đảng viên")
    assert page.select_one('.site-nav a[aria-current="page"]')["href"] == f"{SITEURL}/thong-ke/"


def test_statistics_page_has_a_section_per_unit(site):
    page = site.soup("thong-ke/index.html")
    units = [h.get_text(strip=True) for h in page.select(".stats-unit > h2")]
    assert units[0] == SITE_UNIT
    assert sorted(units) == sorted({SITE_UNIT, PHU_BINH, NASTY_UNIT, FORMULA_UNIT})  # NFC


def rows(site, unit):
    page = site.soup("thong-ke/index.html")
    section = next(s for s in page.select(".stats-unit") if s.h2.get_text(strip=True) == unit)
    found = []
    for table in section.select("table"):
        heads = [th.get_text(strip=True) for th in table.select("thead th")]
        for tr in table.select("tbody tr"):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            found.append(dict(zip(heads, cells, strict=True)) | {"_link": tr.select_one("a")})
    return found


def test_every_row_has_its_counts_derived_figures_and_source(site):
    term, year = rows(site, SITE_UNIT)
    assert term["Kỳ báo cáo"] == "Giai đoạn 2015–2020"
    assert (term["Chỉ tiêu"], term["Kết nạp"], term["Công nhận chính thức"]) == ("250", "408",
                                                                                "404")
    assert term["Bồi dưỡng nhận thức về Đảng"] == "361"
    assert term["Tỷ lệ so với chỉ tiêu"] == "163,2% (vượt chỉ tiêu 63,2%)"
    assert term["Kết nạp bình quân/năm"] == "81,6"
    assert term["_link"]["href"] == f"{SITEURL}/{SECTION}/tong-ket-nhiem-ky-2015-2020.html"
    assert year["Kỳ báo cáo"] == "Năm 2023"
    assert (year["Chỉ tiêu"], year["Kết nạp"], year["Tổng số đảng viên"]) == ("110", "126",
                                                                             "1.250")
    assert year["_link"].get_text(strip=True) == "Kết quả năm 2023"


def test_without_a_target_the_percentage_is_a_dash(site):
    by_period = {r["Kỳ báo cáo"]: r for r in rows(site, PHU_BINH)}
    assert by_period["Tháng 1–8/2020"]["Tỷ lệ so với chỉ tiêu"] == "—"
    assert by_period["Tháng 1–8/2020"]["Kết nạp"] == "31"
    assert by_period["Năm 2020"]["Tỷ lệ so với chỉ tiêu"] == "—"
    assert by_period["Năm 2020"]["Tổng số đảng viên"] == "7.335"
    assert rows(site, NASTY_UNIT)[0]["Tỷ lệ so với chỉ tiêu"] == "20%"


def test_the_superseded_record_is_not_on_the_page(site):
    page = site.soup("thong-ke/index.html").select_one("main")
    assert "Sơ bộ kết quả năm 2023" not in page.get_text()
    assert len(rows(site, SITE_UNIT)) == 2


def test_periods_of_different_lengths_are_charted_apart(site):
    page = site.soup("thong-ke/index.html")
    section = next(s for s in page.select(".stats-unit") if s.h2.get_text(strip=True) == PHU_BINH)
    groups = section.select(".stats-group")
    assert [g.h3.get_text(strip=True) for g in groups] == ["Kỳ 1 năm", "Kỳ 8 tháng"]
    for group in groups:
        assert len(group.select("table")) == 1 and len(group.select("svg")) == 1
        assert "chỉ so sánh các kỳ cùng độ dài" in group.figcaption.get_text()


def test_charts_are_inline_accessible_svg(site):
    page = site.soup("thong-ke/index.html")
    charts = page.select("figure.stats-chart svg")
    assert len(charts) == 6
    for svg in charts:
        assert svg["role"] == "img"
        assert svg.select_one("title")["id"] == svg["aria-labelledby"]
        assert svg.select_one("desc")["id"] == svg["aria-describedby"]
    labels = [t.get_text() for t in charts[0].select("text.stats-chart__label")]
    assert labels == ["2015–2020"]  # a term is labelled as written, not by its last month
    desc = charts[0].select_one("desc").get_text()
    assert "Giai đoạn 2015–2020: chỉ tiêu 250, kết nạp 408, vượt chỉ tiêu 63,2%." in desc
    html = (site.output / "thong-ke/index.html").read_text(encoding="utf-8")
    assert "<script src" not in html.split("<main")[1].split("</main>")[0]


def test_page_ids_are_unique(site):
    ids = [tag["id"] for tag in site.soup("thong-ke/index.html").select("[id]")]
    assert len(ids) == len(set(ids))


def test_every_link_on_the_page_resolves(site):
    page = site.soup("thong-ke/index.html").select_one("main")
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert f"{SITEURL}/thong-ke/admissions.csv" in hrefs
    assert f"{SITEURL}/thong-ke/admissions.json" in hrefs
    for href in hrefs:
        assert (site.output / local(href)).is_file(), href


def test_content_is_escaped_everywhere(site):
    for page in site.html_files():
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<em>8 tháng</em>" not in html, page
    page = site.soup("thong-ke/index.html")
    assert NASTY_UNIT in [h.get_text(strip=True) for h in page.select(".stats-unit > h2")]
    assert any(NASTY_UNIT in t.get_text() for t in page.select("svg title"))


# Article box -----------------------------------------------------------------------

def box(site, slug):
    return site.soup(f"{SECTION}/{slug}.html").select_one("article .stats-box")


def test_article_box_shows_that_articles_record(site):
    found = box(site, "ket-qua-nam-2023")
    assert found.h2.get_text(strip=True) == "Số liệu"
    text = " ".join(found.get_text(" ").split())
    assert f"{SITE_UNIT} – Năm 2023" in text
    for expected in ("Chỉ tiêu 110", "Kết nạp 126", "Tổng số đảng viên 1.250",
                     "Kết quả vượt chỉ tiêu 14,55%"):
        assert expected in text
    assert found.select_one(".stats-box__note") is None


def test_superseded_articles_box_keeps_its_figures_and_points_to_the_update(site):
    found = box(site, "so-bo-ket-qua-nam-2023")
    text = " ".join(found.get_text(" ").split())
    assert "Kết nạp 29" in text and "Kết quả đạt 48,33% chỉ tiêu" in text
    note = found.select_one(".stats-box__note a")
    assert note["href"] == f"{SITEURL}/{SECTION}/ket-qua-nam-2023.html"


def test_box_for_another_unit_and_no_box_without_a_record(site):
    text = box(site, "phu-binh-8-thang-dau-nam").get_text(" ")
    assert PHU_BINH in text and "282" in text
    assert box(site, "sinh-hoat-chi-bo") is None


# Open data -------------------------------------------------------------------------

def test_csv_has_every_record(site):
    raw = (site.output / "thong-ke/admissions.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert len(table) == 6
    assert {r["unit"] for r in table} == {SITE_UNIT, PHU_BINH, NASTY_UNIT, "'" + FORMULA_UNIT}
    titles = {r["source_title"] for r in table}
    assert {"'" + FORMULA_TITLE, "'-1+1 Sinh hoạt"} <= titles  # never run as formulas
    term = next(r for r in table if r["period"] == "2015-2020")
    assert (term["admitted"], term["target"], term["percent_of_target"]) == ("408", "250",
                                                                              "163.2")
    assert term["source_url"] == f"{SITEURL}/{SECTION}/tong-ket-nhiem-ky-2015-2020.html"


def test_json_has_every_record_with_absolute_source_urls(site):
    data = json.loads((site.output / "thong-ke/admissions.json").read_text(encoding="utf-8"))
    assert data["site_unit"] == SITE_UNIT
    assert len(data["records"]) == 6
    assert {FORMULA_TITLE, "-1+1 Sinh hoạt"} <= {r["source"]["title"] for r in data["records"]}
    assert FORMULA_UNIT in {r["unit"] for r in data["records"]}
    for item in data["records"]:
        assert item["source"]["url"].startswith(SITEURL + "/")
        assert (site.output / local(item["source"]["url"])).is_file()
    year = next(r for r in data["records"] if r["period"]["text"] == "2023")
    assert year["counts"]["admitted"] == 126 and year["percent_of_target"] == 114.55
    assert year["source"]["title"] == "Kết quả năm 2023"


# A site without records ------------------------------------------------------------

@pytest.fixture(scope="module")
def empty_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats-empty") / "content"
    write_article(folder, "tin.md", Title="Sinh hoạt chi bộ")
    write_article(folder, "phu-binh.md", Title="Tin Phú Bình", Stats_Unit=PHU_BINH,
                  Stats_Period="2020", Stats_Target="253")
    build = run_pelican(folder, folder.parent / "output", overrides={"PLUGINS": PLUGINS})
    assert build.returncode == 0, build.log
    return build


def test_no_panel_at_all_without_records_of_the_site_unit(empty_site):
    for page in empty_site.html_files():
        html = page.read_text(encoding="utf-8")
        assert "stats-panel" not in html, page
        assert "Phát triển đảng viên</h2>" not in html, page


def test_page_and_open_data_exist_without_site_unit_records(empty_site):
    page = empty_site.soup("thong-ke/index.html")
    assert [h.get_text(strip=True) for h in page.select(".stats-unit > h2")] == [PHU_BINH]
    data = json.loads((empty_site.output / "thong-ke/admissions.json").read_text("utf-8"))
    assert data["records"][0]["source"]["url"] == f"{SECTION}/tin-phu-binh.html"  # relative


@pytest.fixture(scope="module")
def no_records_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats-none") / "content"
    write_article(folder, "tin.md", Title="Sinh hoạt chi bộ")
    build = run_pelican(folder, folder.parent / "output", overrides={"PLUGINS": PLUGINS})
    assert build.returncode == 0, build.log
    return build


def test_a_site_with_no_records_still_has_its_statistics_page(no_records_site):
    page = no_records_site.soup("thong-ke/index.html")
    assert "Chưa có số liệu" in page.select_one("main").get_text()
    assert page.select("svg") == [] and page.select("table") == []
    assert "stats-panel" not in (no_records_site.output / "index.html").read_text("utf-8")
    csv_text = (no_records_site.output / "thong-ke/admissions.csv").read_text("utf-8")
    assert csv_text.count("\n") == 1
    data = json.loads((no_records_site.output / "thong-ke/admissions.json").read_text("utf-8"))
    assert data["records"] == []


def test_a_bad_setting_fails_the_build_naming_it(tmp_path):
    folder = tmp_path / "content"
    write_article(folder, "tin.md", Stats_Period="2023", Stats_Admitted="3")
    build = run_pelican(folder, tmp_path / "output", overrides={
        "PLUGINS": PLUGINS, "ADMISSION_STATS_URL": "/thong-ke/"})
    assert build.returncode != 0
    assert "ADMISSION_STATS_URL: '/thong-ke/'; expected a path relative" in " ".join(
        build.log.split())
