"""A bad Stats_* field: a publish build (publishconf.py, PORTAL_STRICT) fails non-zero
naming the file, the field and the expected form; nothing is written for the site."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

BAD_FIELDS = {
    "so-lieu-phay.md": ({"Stats_Period": "2023", "Stats_Admitted": "1,5"},
                        "articles/so-lieu-phay.md: Stats_Admitted: '1,5'",
                        "expected digits"),
    "ky-sai.md": ({"Stats_Period": "2020..2021", "Stats_Target": "30"},
                  "articles/ky-sai.md: Stats_Period: '2020..2021'",
                  "expected a year (2023), a range of years (2020-2025) or a range of months"),
    "thieu-ky.md": ({"Stats_Admitted": "12"},
                    "articles/thieu-ky.md: Stats_Period: missing",
                    "a statistics record needs its reporting period"),
    "so-am.md": ({"Stats_Period": "2023", "Stats_Official": "-4"},
                 "articles/so-am.md: Stats_Official: '-4'", "expected digits"),
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
    build.log = " ".join(build.log.split())  # the console wraps long lines
    return build


def test_a_publish_build_fails_non_zero(publish):
    assert publish.returncode != 0, publish.log
    assert f"{len(BAD_FIELDS)} content error(s); nothing was published" in publish.log


@pytest.mark.parametrize("name", list(BAD_FIELDS))
def test_each_bad_field_is_listed_with_file_field_and_expected_form(publish, name):
    _, where, expected = BAD_FIELDS[name]
    listing = publish.log.split("nothing was published:", 1)[-1].split(" - ")
    listed = [line for line in listing if where in line]
    assert listed, f"{where!r} not listed in: {publish.log}"
    assert any(expected in line for line in listed), listed


def test_a_failed_publish_writes_no_statistics(publish):
    for name in ("thong-ke/index.html", "thong-ke/admissions.csv", "thong-ke/admissions.json"):
        assert not (publish.output / name).exists(), name
