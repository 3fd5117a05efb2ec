"""The text's own percentage of target against its Stats_* fields: a warning naming both."""

from __future__ import annotations

import pytest
from portal_content.figure_claims import check_claims
from portal_content.header import read

pytestmark = pytest.mark.unit

HEADER = ("Title: Kết quả\nDate: 2020-09-01\nCategory: Phát triển đảng viên\nAuthor: A\n"
          "Editor: B\nStats_Period: 2020\nStats_Target: {target}\nStats_Admitted: {admitted}\n\n")


def claims(body: str, target: int = 253, admitted: int = 31):
    return check_claims(read(HEADER.format(target=target, admitted=admitted) + body), "a.md")


@pytest.mark.parametrize("sentence", [
    "Kết nạp 31 đảng viên, đạt 12,25% chỉ tiêu năm.",
    "Kết nạp 31 đảng viên, đạt 12,3% chỉ tiêu.",  # rounded as written
    "Kết nạp 31 đảng viên, bằng 12% kế hoạch.",
    "Đạt 12,25 % so với chỉ tiêu Nghị quyết.",
    "Tỷ lệ công nhận đúng hạn đạt 99,75%.",  # another figure: not of target
])
def test_a_claim_that_matches_or_is_not_about_the_target_says_nothing(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize(("sentence", "target", "admitted", "code"), [
    ("Mới đạt 48,3% chỉ tiêu.", 253, 31, "figure_claim"),
    ("Bằng 105% kế hoạch năm.", 253, 31, "figure_claim"),
    ("Kết nạp 408 đảng viên, vượt chỉ tiêu 63,5%.", 250, 408, "figure_claim"),
    ("Kết nạp 408 đảng viên, vượt chỉ tiêu 163,2%.", 250, 408, "figure_claim_exceeded"),
    ("Đảng bộ vượt 12,25% chỉ tiêu đề ra.", 253, 31, "figure_claim_exceeded"),
])
def test_a_claim_the_figures_do_not_give_is_a_warning_with_both(sentence, target, admitted,
                                                                 code):
    [found] = claims("Đoạn mở đầu.\n\n" + sentence, target, admitted)
    assert (found.code, found.line, found.warning, found.drops_file) == (code, 12, True, False)
    shown = str(found)
    assert shown.startswith("a.md:12: Nội dung: cảnh báo: câu '")
    assert f"{admitted} / chỉ tiêu {target}" in shown or f"{admitted} / {target}" in shown


def test_vượt_for_đạt_is_named():
    [found] = claims("Vượt chỉ tiêu 163,2%.", 250, 408)
    assert "có lẽ ý là 'đạt 163,2%'" in str(found)
    assert "(vượt 63,2%)" in str(found)


def test_without_both_figures_nothing_is_compared():
    text = HEADER.replace("Stats_Target: {target}\n", "").format(admitted=31)
    assert check_claims(read(text + "Đạt 99% chỉ tiêu."), "a.md") == []
