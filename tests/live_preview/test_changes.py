"""Which output files a build changed: by content, as the browser's paths."""

from __future__ import annotations

import os

import pytest
from live_preview.changes import OutputChanges

pytestmark = pytest.mark.unit


def write(path, text, later_ns=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if later_ns:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later_ns))


def test_pages_written_again_with_the_same_bytes_are_not_changes(tmp_path):
    write(tmp_path / "tin" / "a.html", "một")
    write(tmp_path / "gioi-thieu" / "index.html", "hai")
    write(tmp_path / "cu.html", "ba")
    changes = OutputChanges(tmp_path)
    changes.start()
    assert changes.since_last() == []

    write(tmp_path / "tin" / "a.html", "một đổi", later_ns=10)
    write(tmp_path / "gioi-thieu" / "index.html", "hai đổi", later_ns=10)
    write(tmp_path / "moi.html", "mới")
    (tmp_path / "cu.html").unlink()
    assert changes.since_last() == ["/cu.html", "/gioi-thieu/", "/moi.html", "/tin/a.html"]

    write(tmp_path / "tin" / "a.html", "một đổi", later_ns=20)  # same bytes, new time
    assert changes.since_last() == []


def test_a_page_recorded_after_an_early_render_is_no_change_when_rebuilt_the_same(tmp_path):
    page = tmp_path / "tin" / "a.html"
    write(page, "cũ")
    changes = OutputChanges(tmp_path)
    changes.start()
    write(page, "mới", later_ns=10)
    changes.record(str(page))
    write(page, "mới", later_ns=20)  # the full build, same bytes
    assert changes.since_last() == []
    assert changes.url(str(page)) == "/tin/a.html"
