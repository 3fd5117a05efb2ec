"""Figures in prose, in the phrasings party-building news uses, proposed as Stats_*."""

from __future__ import annotations

import pytest
from portal_importer.figures import propose

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("sentence", "key", "value"), [
    ("Năm 2020, chỉ tiêu kết nạp là 253 đảng viên.", "stats_target", "253"),
    ("Chỉ tiêu nhiệm kỳ 2015-2020 là 250 đảng viên.", "stats_target", "250"),
    ("Đảng bộ đề ra chỉ tiêu kết nạp 30 đảng viên mỗi năm.", "stats_target", "30"),
    ("Trong năm, toàn Đảng bộ kết nạp được 323 đảng viên mới.", "stats_admitted", "323"),
    ("Đã có 1.365 quần chúng được kết nạp vào Đảng từ năm 2008.", "stats_admitted", "1.365"),
    ("Mở 2 lớp bồi dưỡng nhận thức về Đảng cho 233 quần chúng ưu tú.", "stats_trainees",
     "233"),
    ("Năm 2011 có 485 đảng viên được công nhận chính thức.", "stats_official", "485"),
    ("Chi bộ đã công nhận đảng viên chính thức cho 404 đồng chí.", "stats_official", "404"),
    ("Đảng bộ huyện hiện có 7.335 đảng viên.", "stats_members", "7.335"),
    ("Tổng số đảng viên là 1.250 đảng viên.", "stats_members", "1.250"),
])
def test_each_phrasing(sentence, key, value):
    proposed = {p.key: p for p in propose([sentence])}
    assert proposed[key].value == value
    assert proposed[key].sentence == sentence


@pytest.mark.parametrize(("text", "period"), [
    ("Tám tháng đầu năm 2020 kết nạp được 31 đảng viên.", "2020"),  # no digits: a year
    ("8 tháng đầu năm 2020 đã kết nạp được 31 đảng viên.", "2020-01..2020-08"),
    ("Nhiệm kỳ 2015 - 2020, Đảng bộ kết nạp 408 đảng viên.", "2015-2020"),
    ("Năm 2023 Đảng bộ kết nạp được 29 đảng viên.", "2023"),
])
def test_the_period_of_the_sentence(text, period):
    proposed = {p.key: p.value for p in propose([text])}
    assert proposed["stats_period"] == period


def test_the_unit_the_text_names_first():
    proposed = {p.key: p.value for p in propose([
        "Đảng bộ Trường Đại học Chính trị tổ chức hội nghị.",
        "Năm 2011 kết nạp được 323 đảng viên."])}
    assert proposed["stats_unit"] == "Đảng bộ Trường Đại học Chính trị"


def test_a_text_without_figures_proposes_nothing():
    assert propose(["Chi bộ sinh hoạt chuyên đề về học tập và làm theo Bác."]) == []


def test_percentages_are_not_counts():
    proposed = {p.key: p.value for p in propose([
        "Năm 2020 kết nạp 31 đảng viên, đạt 12,25% chỉ tiêu."])}
    assert "stats_target" not in proposed and proposed["stats_admitted"] == "31"
