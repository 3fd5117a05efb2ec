"""Articles of the same minute are listed in the same order in every build."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

pytestmark = pytest.mark.build


def test_equal_dates_keep_one_order_whatever_the_hash_seed(tmp_path):
    content = tmp_path / "content"
    for letter in "qwertyuiop":  # ten articles, one date: Pelican reads them in set order
        write_article(content, f"{letter}.md", Slug=f"bai-{letter}", Title=f"Bài {letter}",
                      Date="2024-07-21 09:30")
    pages = []
    for seed in ("1", "2", "3"):
        build = run_pelican(content, tmp_path / f"out-{seed}", env={"PYTHONHASHSEED": seed})
        assert build.returncode == 0, build.log
        titles = [a.get_text(strip=True) for a in build.soup("index.html").select("main h2 a")
                  if a.get_text(strip=True).startswith("Bài ")]
        pages.append((build.output / "index.html").read_bytes())
    assert len(titles) >= 5 and titles == sorted(titles)  # ties by slug
    assert pages[0] == pages[1] == pages[2]
