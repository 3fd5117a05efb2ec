"""A real browser (Debian Chromium): instant results in the header box, keyboard use,
submitting to the results page and landing on an article, all through the devserver."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

import pytest
from browser import chromium_browser, require_chromium
from playwright.sync_api import expect
from search_kit import url_of

pytestmark = pytest.mark.e2e

STARTUP_SECONDS = 20


@contextmanager
def devserver(search_site):
    """`python -m search_index.devserver` on a free 127.0.0.1 port; yields the base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "search_index.devserver", "--root", str(search_site.output),
         "--index", str(search_site.index), "--host", "127.0.0.1", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()))
    reader.start()
    reader.join(STARTUP_SECONDS)
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first_line[0] if first_line else "")
        assert match, f"devserver did not start: {first_line}"
        yield f"http://127.0.0.1:{match[1]}"
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            assert process.wait(timeout=10) == 0, "Ctrl-C should stop the devserver cleanly"
        finally:
            if process.poll() is None:
                process.kill()
            process.stdout.close()


def test_instant_search_then_results_page_then_article(search_site, tmp_path):
    require_chromium()  # fails (never skips) with a clear message when Chromium is missing
    with devserver(search_site) as base, chromium_browser(tmp_path) as browser:
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("requestfailed", lambda request: problems.append(request.url))
        page.on("console", lambda message: message.type == "error"
                and problems.append(message.text))  # e.g. a Content-Security-Policy refusal
        page.goto(f"{base}/")

        box = page.locator("#search-q")
        expect(box).to_have_attribute("role", "combobox")
        expect(box).to_have_attribute("aria-expanded", "false")
        box.press_sequentially("dang vien", delay=40)  # unaccented, as on a phone

        listbox = page.get_by_role("listbox", name="Kết quả tìm nhanh")
        expect(listbox).to_be_visible()
        options = listbox.get_by_role("option")
        expect(options).to_have_count(5)  # four articles and "Tìm kiếm nâng cao…"
        expect(box).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".instant-search__status")).to_have_text(re.compile(r"^4 kết quả"))
        expect(listbox.locator("mark").first).to_have_text(re.compile("^(đảng|viên)$", re.I))

        box.press("ArrowDown")
        first_id = options.nth(0).get_attribute("id")
        expect(box).to_have_attribute("aria-activedescendant", first_id)
        expect(options.nth(0)).to_have_attribute("aria-selected", "true")
        box.press("ArrowUp")  # wraps round to the last option
        expect(options.nth(4)).to_have_attribute("aria-selected", "true")
        box.press("Escape")
        expect(listbox).to_be_hidden()
        expect(box).to_have_attribute("aria-expanded", "false")

        box.press("Enter")  # nothing chosen: the form submits to /search
        page.wait_for_url(re.compile(r"/search\?q=dang\+vien$"))
        results = page.locator(".search-result__title a")
        expect(results).to_have_count(4)
        href = results.first.get_attribute("href")
        results.first.click()
        page.wait_for_url(f"{base}{href}")
        expect(page.locator("h1")).not_to_have_text("Tìm kiếm")

        # Typing after choosing drops the choice: Enter then searches what was typed,
        # even before the new results arrive.
        page.goto(f"{base}/")
        box = page.locator("#search-q")
        box.press_sequentially("dang vien", delay=40)
        expect(page.get_by_role("option")).to_have_count(5)
        box.press("ArrowDown")
        expect(box).to_have_attribute("aria-activedescendant", re.compile("."))
        box.press_sequentially(" moi")
        box.press("Enter")  # at once: within the debounce delay
        page.wait_for_url(re.compile(r"/search\?q=dang\+vien\+moi$"))

        # Choosing an instant result with the keyboard opens it.
        page.goto(f"{base}/")
        page.locator("#search-q").press_sequentially("dai hoi nhiem ky", delay=40)
        expect(page.get_by_role("option")).to_have_count(2)
        page.locator("#search-q").press("ArrowDown")
        page.locator("#search-q").press("Enter")
        page.wait_for_url(f"{base}{url_of('dai-hoi')}")
        assert not problems, problems
