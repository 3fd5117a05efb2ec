"""A bad Stats_* field: a publish build (publishconf.py, PORTAL_STRICT) fails non-zero
naming the file, the field and the expected form; nothing is written for the site."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

pytestmark = pytest.mark.build

# Lines 1-5 are VALID_ARTICLE's fields; the statistics fields follow.
BAD_FIELDS = {
    "so-lieu-phay.md": ({"Stats_Period": "2023", "Stats_Admitted": "1,5"},
                        "articles/so-lieu-phay.md:7: Stats_Admitted: '1,5'",
                        "viết chữ số 0-9"),
    "ky-sai.md": ({"Stats_Period": "2020..2021", "Stats_Target": "30"},
                  "articles/ky-sai.md:6: Stats_Period: '2020..2021'",
                  "viết một năm (2023), một nhiệm kỳ (2020-2025) hoặc một khoảng tháng"),
    "thieu-ky.md": ({"Stats_Admitted": "12"},
                    "articles/thieu-ky.md:7: Kỳ báo cáo: thiếu",
                    "bản số liệu cần kỳ báo cáo"),
    "so-am.md": ({"Stats_Period": "2023", "Stats_Official": "-4"},
                 "articles/so-am.md:7: Stats_Official: '-4'", "viết chữ số 0-9"),
}


@pytest.fixture(scope="module")
def publish(tmp_path_factory):
    root = tmp_path_factory.mktemp("stats-publish")
    folder = root / "content"
    write_article(folder, "hop-le.md", Title="Kết quả năm 2023", Stats_Period="2023",
                  Stats_Target="110", Stats_Admitted="126")
    for name, (fields, _, _) in BAD_FIELDS.items():
        write_article(folder, name, Title=f"Bài {name}", **fields)
    # The whole production configuration, plugins and all, as `make publish` runs it.
    build = run_pelican(folder, root / "output", conf="publishconf.py")
    return build


def test_a_publish_build_fails_non_zero(publish):
    assert publish.returncode != 0, publish.log
    assert f"{len(BAD_FIELDS)} lỗi nội dung; không xuất bản gì" in publish.log
    assert not (publish.output / "index.html").exists()


@pytest.mark.parametrize("name", list(BAD_FIELDS))
def test_each_bad_field_is_listed_with_file_field_and_expected_form(publish, name):
    """One line each, as printed: file:line: field: what is wrong; how to write it."""
    _, where, expected = BAD_FIELDS[name]
    listed = [line for line in publish.log.splitlines() if line.startswith(where)]
    assert len(listed) == 1, f"{where!r} not listed once in: {publish.log}"
    assert expected in listed[0], listed


def test_a_failed_publish_writes_no_statistics(publish):
    for name in ("thong-ke/index.html", "thong-ke/admissions.csv", "thong-ke/admissions.json"):
        assert not (publish.output / name).exists(), name
