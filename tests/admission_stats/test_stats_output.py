"""The SVG chart, the open data and the settings, without a Pelican build."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from admission_stats.chart import PLOT_HEIGHT, Bar, bar_chart
from admission_stats.open_data import CSV_COLUMNS, to_csv, to_json
from admission_stats.records import Source, record_from_metadata
from admission_stats.settings import StatsSettingsError, read_settings
from admission_stats.views import build

pytestmark = pytest.mark.build

SVG = "{http://www.w3.org/2000/svg}"
SITE_UNIT = "Đảng bộ Công an tỉnh Hải Dương"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def svg(bars, title="Biểu đồ", description="Mô tả"):
    return ET.fromstring(bar_chart(bars, "bd-1", title, description))


def record(period, unit=None, path="articles/a.md", title="Bài", **counts):
    metadata = {"stats_period": period, **{f"stats_{k}": v for k, v in counts.items()}}
    if unit:
        metadata["stats_unit"] = unit
    source = Source(f"tin/{path[9:-3]}.html", title, datetime(2024, 1, 10, 8, tzinfo=TZ), path)
    return record_from_metadata(metadata, SITE_UNIT, source)


# Chart -----------------------------------------------------------------------------

def test_chart_is_an_accessible_image():
    root = svg([Bar("2023", 60, 29)], "Kết nạp so với chỉ tiêu",
               "Năm 2023: chỉ tiêu 60, kết nạp 29.")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "bd-1-title"  # the name: the title alone
    assert root.get("aria-describedby") == "bd-1-desc"
    assert root.find(f"{SVG}title").get("id") == "bd-1-title"
    assert root.find(f"{SVG}desc").get("id") == "bd-1-desc"
    assert root.find(f"{SVG}title").text == "Kết nạp so với chỉ tiêu"
    assert root.find(f"{SVG}desc").text == "Năm 2023: chỉ tiêu 60, kết nạp 29."


def test_bar_heights_are_scaled_to_the_largest_value():
    root = svg([Bar("2022", 250, 408), Bar("2023", 60, 29)])
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")
               if r.get("class", "").startswith("stats-chart__bar ")]
    assert heights == [pytest.approx(PLOT_HEIGHT * v / 408, abs=0.01) for v in (250, 408, 60, 29)]


def test_values_are_labelled_in_vietnamese_style():
    texts = [t.text for t in svg([Bar("2020", 7335, 1365)]).iter(f"{SVG}text")]
    assert "7.335" in texts and "1.365" in texts and "2020" in texts


def test_missing_and_zero_values_draw_without_a_division_error():
    root = svg([Bar("2023", None, 0), Bar("2024", 0, None)])
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.count("—") == 2
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")
               if r.get("class", "").startswith("stats-chart__bar ")]
    assert heights == [0, 0]


def test_chart_text_is_escaped():
    nasty = '<script>alert("x")</script> & "Đảng bộ"'
    text = bar_chart([Bar(nasty, 1, 2)], 'id"><script>', nasty, nasty)
    assert "<script>" not in text
    root = ET.fromstring(text)  # still well-formed
    assert root.find(f"{SVG}title").text == nasty
    assert nasty in [t.text for t in root.iter(f"{SVG}text")]


# Open data -------------------------------------------------------------------------

RECORDS = [
    record("2015-2020", path="articles/nhiem-ky.md", title="Tổng kết nhiệm kỳ",
           target="250", admitted="408", official="404"),
    record("2020-01..2020-08", unit="Đảng bộ huyện Phú Bình", path="articles/phu-binh.md",
           title='Phú Bình, "8 tháng"', admitted="31", trainees="282"),
]


def test_csv_has_a_header_and_every_record():
    rows = list(csv.DictReader(io.StringIO(to_csv(RECORDS, ""))))
    assert list(rows[0]) == CSV_COLUMNS
    term, phu_binh = rows
    assert term["unit"] == SITE_UNIT
    assert (term["period"], term["period_start"], term["period_end"], term["period_months"]) == (
        "2015-2020", "2015-01", "2019-12", "60")  # a congress term: 2015-01..2019-12
    assert (term["target"], term["admitted"], term["official"], term["members"]) == (
        "250", "408", "404", "")
    assert term["percent_of_target"] == "163.2"
    assert term["target_wording"] == "vượt chỉ tiêu 63,2%"
    assert term["admitted_per_year"] == "81.6"
    assert term["source_url"] == "tin/nhiem-ky.html"
    assert term["source_date"] == "2024-01-10T08:00:00+07:00"
    assert phu_binh["percent_of_target"] == "" and phu_binh["target_wording"] == ""
    assert phu_binh["source_title"] == 'Phú Bình, "8 tháng"'


FORMULAS = ['=HYPERLINK("http://x.example/","Bấm")', "+SUM(1;2)", "-2+3", "@SUM(1)",
            "\t=1+1", "\r=1+1"]


def formula_records():
    found = []
    for n, text in enumerate(FORMULAS):
        r = record("2023", path=f"articles/f{n}.md", title=text, target="10", admitted="4")
        unit = text.strip()  # a unit's surrounding whitespace is dropped when it is read
        found.append(replace(r, unit=unit))
    return found


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe():
    rows = list(csv.DictReader(io.StringIO(to_csv(formula_records(), ""))))
    assert [r["source_title"] for r in rows] == ["'" + t for t in FORMULAS]
    assert [r["unit"] for r in rows] == ["'" + t.strip() for t in FORMULAS]
    for row in rows:  # numbers stay numbers
        assert (row["target"], row["admitted"], row["percent_of_target"]) == ("10", "4", "40")
        assert row["period"] == "2023" and row["target_wording"] == "đạt 40% chỉ tiêu"


def test_text_that_merely_contains_a_formula_sign_is_left_alone():
    r = record("2023", path="articles/a.md", title="Chi bộ A = chi bộ mẫu", admitted="4")
    [row] = csv.DictReader(io.StringIO(to_csv([replace(r, unit="Chi bộ 1+2")], "")))
    assert (row["unit"], row["source_title"]) == ("Chi bộ 1+2", "Chi bộ A = chi bộ mẫu")


def test_json_keeps_formula_like_text_exact():
    data = json.loads(to_json(formula_records(), "", SITE_UNIT))
    assert [r["source"]["title"] for r in data["records"]] == FORMULAS
    assert [r["unit"] for r in data["records"]] == [t.strip() for t in FORMULAS]


def test_csv_with_no_records_is_just_the_header():
    assert to_csv([], "").strip() == ",".join(CSV_COLUMNS)


def test_json_has_every_record_with_derived_figures_and_absolute_urls():
    data = json.loads(to_json(RECORDS, "https://xaydungdang.example.vn", SITE_UNIT))
    assert data["site_unit"] == SITE_UNIT
    assert data["fields"]["admitted"] == "số kết nạp"
    term, phu_binh = data["records"]
    assert term["counts"] == {"target": 250, "admitted": 408, "trainees": None,
                              "official": 404, "members": None}
    assert term["percent_of_target"] == 163.2
    assert term["period"]["label"] == "Giai đoạn 2015–2020"
    assert term["source"]["url"] == "https://xaydungdang.example.vn/tin/nhiem-ky.html"
    assert phu_binh["percent_of_target"] is None
    assert phu_binh["admitted_per_year"] == 46.5


def test_a_whole_percentage_is_a_whole_number_in_json():
    data = json.loads(to_json([record("2023", target="20", admitted="4")], "", SITE_UNIT))
    assert data["records"][0]["percent_of_target"] == 20
    assert "20.0" not in to_json([record("2023", target="20", admitted="4")], "", SITE_UNIT)


# Settings and the template context -------------------------------------------------

BASE = {"SITE_UNIT": SITE_UNIT, "SITEURL": "", "TIMEZONE": "Asia/Ho_Chi_Minh"}


def test_default_settings():
    settings = read_settings({**BASE, "ADMISSION_STATS_TODAY": "2024-03-15"})
    assert (settings.url, settings.save_as) == ("thong-ke/", "thong-ke/index.html")
    assert (settings.csv_path, settings.json_path) == ("thong-ke/admissions.csv",
                                                       "thong-ke/admissions.json")
    assert settings.today == date(2024, 3, 15)
    assert settings.site_unit == SITE_UNIT


def test_the_site_unit_setting_is_normalised():
    typed = unicodedata.normalize("NFD", f"  {SITE_UNIT} ").replace(" ", "  ")
    assert read_settings({**BASE, "SITE_UNIT": typed}).site_unit == SITE_UNIT


def test_siteurl_loses_its_trailing_slash():
    assert read_settings({**BASE, "SITEURL": "https://a.vn/"}).siteurl == "https://a.vn"


@pytest.mark.parametrize(("name", "value"), [
    ("ADMISSION_STATS_URL", "/thong-ke/"), ("ADMISSION_STATS_URL", ""),
    ("ADMISSION_STATS_URL", 3), ("ADMISSION_STATS_SAVE_AS", "thong-ke/"),
    ("ADMISSION_STATS_SAVE_AS", "../thong-ke.html"), ("SITE_UNIT", ""), ("SITE_UNIT", None),
    ("ADMISSION_STATS_TODAY", "15/03/2024"),
])
def test_bad_settings_are_named(name, value):
    with pytest.raises(StatsSettingsError, match=name):
        read_settings({**BASE, name: value})


def test_context_groups_units_and_lengths():
    settings = read_settings({**BASE, "ADMISSION_STATS_TODAY": "2024-03-15"})
    records = [*RECORDS, record("2023", path="articles/nam.md", target="110", admitted="126")]
    stats = build(records, [], settings)
    assert [u.name for u in stats.units] == [SITE_UNIT, "Đảng bộ huyện Phú Bình"]
    site = stats.units[0]
    assert [g.months for g in site.groups] == [60, 12]
    assert [g.title for g in site.groups] == ["Kỳ 5 năm", "Kỳ 1 năm"]
    term = site.groups[0]
    assert [c.label for c in term.columns] == ["Chỉ tiêu", "Kết nạp", "Công nhận chính thức"]
    assert term.rows[0].cells == (250, 408, 404)
    assert term.show_per_year and not site.groups[1].show_per_year
    assert stats.panel.period_label == "Năm 2023"
    assert stats.panel.wording == "vượt chỉ tiêu 14,55%"
    assert [c.label for c in stats.panel.other_counts] == []
    assert len({g.table_id for u in stats.units for g in u.groups}) == 3
