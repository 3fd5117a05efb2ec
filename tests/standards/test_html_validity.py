"""The Nu HTML Checker (vnu-jar on Debian's Java) on every HTML file of the sample
site, as `make html` and as `make publish` build it, and on the search page the search
service renders: no error."""

from __future__ import annotations

from urllib.request import urlopen

import pytest
from checkers import vnu_errors
from standards_kit import serve_site

pytestmark = pytest.mark.build


def test_every_page_of_the_development_build_is_valid_html(sample_build):
    files = sample_build.html_files()
    assert len(files) > 60
    assert vnu_errors(files, sample_build.output) == []


def test_every_page_of_the_publish_build_is_valid_html(publish_build):
    files = publish_build.html_files()
    assert len(files) > 60
    assert vnu_errors(files, publish_build.output) == []


def test_the_search_pages_are_valid_html(sample_build, tmp_path):
    with serve_site(sample_build) as base:
        pages = {
            "results.html": "/search?q=k%E1%BA%BFt+n%E1%BA%A1p&category=tin-hoat-dong",
            "empty.html": "/search",
            "nothing-found.html": "/search?q=xyzzyqwerty",
        }
        for name, path in pages.items():
            with urlopen(base + path, timeout=30) as response:
                (tmp_path / name).write_bytes(response.read())
    assert vnu_errors(sorted(tmp_path.glob("*.html")), tmp_path) == []


def test_the_checker_finds_errors(tmp_path):
    """The same call reports what the issue found: a progress value above its maximum
    and a skipped heading level."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="vi"><head><title>x</title></head><body>'
                    '<h1>a</h1><h3>b</h3><progress max="250" value="408"></progress>'
                    "</body></html>", encoding="utf-8")
    errors = vnu_errors([page], tmp_path)
    assert any("“max”" in error for error in errors), errors
    assert any("skipping 1 heading level" in error for error in errors), errors
