"""`make devserver` from a fresh checkout, driven in headless Chromium: the open tab
updates itself, a broken save shows its errors where the editor looks and clears when
fixed, the last of two quick saves wins, Ctrl-C leaves nothing running, and a publish
build has no trace of the live-reload script."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import chromium_browser
from conftest import CONTENT, REPO
from processes import descendant_groups, group_running, wait_until
from publishing import publish

pytestmark = pytest.mark.e2e

ARTICLE = "articles/tin-hoat-dong/boi-duong-ly-luan-chinh-tri-cho-dang-vien-moi-nam-2024.md"
PAGE = "/tin-hoat-dong/boi-duong-ly-luan-chinh-tri-cho-dang-vien-moi-nam-2024.html"
WAIT_MS = 30_000


def fresh_checkout(target: Path) -> Path:
    """The project as a clone has it (tracked and new files, as in the working tree), with
    no output, cache or index; the venv is this one's."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)  # times kept: make sees the venv current
    venv = Path(sys.prefix)  # .venv, or make test-latest's
    stamp = venv / ".installed"
    assert stamp.exists() and stamp.stat().st_mtime >= (REPO / "pyproject.toml").stat().st_mtime, \
        "run `make venv` first: make in the checkout would reinstall the shared venv from it"
    (target / ".venv").symlink_to(venv)
    return target


class Devserver:
    def __init__(self, root: Path):
        self.root = root
        self.log = root / "devserver.log"
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "devserver", "PORT=0"], cwd=root,
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "COLUMNS": "250"})
        found = wait_until(lambda: re.search(r"Xem trang tại (http://127\.0\.0\.1:\d+)/",
                                             self.text()), timeout=60)
        assert found, f"devserver did not start:\n{self.text()}"
        self.url = found.group(1)
        assert wait_until(lambda: "đã dựng" in self.text(), timeout=120), self.text()
        self.groups = {self.process.pid} | descendant_groups(self.process.pid)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def save(self, change) -> None:
        path = self.root / "content" / ARTICLE
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # Ctrl-C in its terminal
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def devserver(tmp_path_factory):
    server = Devserver(fresh_checkout(tmp_path_factory.mktemp("clone")))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(devserver, tmp_path_factory):
    with chromium_browser(tmp_path_factory.mktemp("chromium"),
                          viewport={"width": 360, "height": 640}) as context:
        yield context


def test_the_open_tab_shows_a_saved_change_by_itself_at_the_same_scroll(devserver, browser):
    page = browser.new_page()
    page.goto(devserver.url + PAGE)
    page.evaluate("window.scrollTo(0, 500)")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 100  # a phone-sized window on a long article
    devserver.save(lambda text: text + "\nĐoạn bổ sung lần một.\n")
    page.get_by_text("Đoạn bổ sung lần một.").wait_for(timeout=WAIT_MS)
    page.wait_for_load_state("load")  # the scroll is set again once the page is complete
    assert abs(page.evaluate("window.scrollY") - scrolled) <= 2
    assert wait_until(lambda: re.search(r"đã dựng: articles/tin-hoat-dong/.*\(trang bài sau",
                                        devserver.text()), timeout=30), devserver.text()
    page.close()


def test_a_broken_save_shows_the_errors_on_its_page_and_over_others_until_fixed(
        devserver, browser):
    article, home = browser.new_page(), browser.new_page()
    article.goto(devserver.url + PAGE)
    home.goto(devserver.url + "/")
    saved = (devserver.root / "content" / ARTICLE).read_text(encoding="utf-8")
    devserver.save(lambda text: re.sub(r"(?m)^(Category|Chuyên mục): .*\n", "", text,
                                       count=1))
    heading = article.get_by_role("heading", name="Trang này chưa dựng được vì tệp nội dung "
                                                   "có lỗi")
    heading.wait_for(timeout=WAIT_MS)
    text = article.locator("main").inner_text()
    assert f"content/{ARTICLE}" in text and re.search(r"(Category|Chuyên mục): thiếu", text)
    overlay = home.locator(".live-overlay")
    overlay.wait_for(timeout=WAIT_MS)
    assert f"content/{ARTICLE}" in overlay.inner_text()

    (devserver.root / "content" / ARTICLE).write_text(saved, encoding="utf-8")
    article.locator("h1.article__title").wait_for(timeout=WAIT_MS)
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    article.close()
    home.close()


def test_two_saves_300_ms_apart_end_with_the_second_text(devserver, browser):
    page = browser.new_page()
    page.goto(devserver.url + PAGE)
    devserver.save(lambda text: text + "\nBản lưu thứ nhất.\n")
    time.sleep(0.3)  # the editor saves again 300 ms later (the scenario, not a wait)
    devserver.save(lambda text: text.replace("Bản lưu thứ nhất.", "Bản lưu thứ hai."))
    page.get_by_text("Bản lưu thứ hai.").wait_for(timeout=WAIT_MS)
    builds = devserver.text().count("đã dựng")
    # Whatever build still runs was started after the second save: it keeps that text.
    assert wait_until(lambda: devserver.text().count("đã dựng") == builds
                      or "Bản lưu thứ hai." in page.content(), timeout=30)
    assert "Bản lưu thứ nhất." not in page.content()
    page.close()


def test_ctrl_c_leaves_no_process_of_the_devserver(devserver):
    groups = devserver.groups
    assert len(groups) >= 2  # make's, and the build process's own
    devserver.stop()
    leftover = wait_until(lambda: not any(group_running(g) for g in groups),
                          timeout=15)
    assert leftover, {g: group_running(g) for g in groups}
    assert "devserver: đã dừng" in devserver.text()


def test_the_live_reload_script_is_absent_from_a_publish_build(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    result = publish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list((tmp_path / "output").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "__live" not in text and "reload.js" not in text, page
