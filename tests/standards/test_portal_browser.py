"""The portal parts that need a browser (headless Debian Chromium, site on 127.0.0.1):
today's date in the header, instant-search suggestions that fit a phone, statistics
charts as wide as their column, a side column about as long as the home page's main
one, and no request to another host."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from browser import chromium_browser
from playwright.sync_api import expect
from standards_kit import ARTICLE, PAGES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium_browser(tmp_path_factory.mktemp("portal")) as context:
        yield context


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.parametrize(("moment", "shown"), [
    # 18:30 UTC on 2 December is 01:30 on Thursday 3 December in Vietnam (GMT+7).
    (datetime(2026, 12, 2, 18, 30, tzinfo=UTC), "Thứ Năm, 3/12/2026"),
    (datetime(2024, 7, 21, 2, 0, tzinfo=UTC), "Chủ Nhật, 21/7/2024"),
])
def test_header_shows_today_in_vietnam_by_the_readers_clock(dev_site, page, moment, shown):
    page.clock.set_fixed_time(moment)
    page.goto(dev_site + "/")
    expect(page.locator(".site-header [data-today]")).to_have_text(shown)
    expect(page.locator(".site-header [data-today]")).to_be_visible()


def test_instant_suggestions_fit_a_phone(dev_site, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(dev_site + "/")
    box = page.locator("#search-q")
    box.press_sequentially("đảng viên", delay=30)
    options = page.get_by_role("listbox", name="Kết quả tìm nhanh").get_by_role("option")
    expect(options.first).to_be_visible()
    snippets = page.locator(".instant-search__snippet").all_text_contents()
    assert len(snippets) >= 4
    assert all(len(text) <= 112 for text in snippets), snippets
    assert all("đảng" in text.lower() or "viên" in text.lower() for text in snippets), snippets
    heights = [options.nth(i).bounding_box()["height"] for i in range(len(snippets))]
    assert max(heights) <= 150, heights  # two title lines, meta, two snippet lines
    visible = page.evaluate("""() => [...document.querySelectorAll('.instant-search__option')]
        .filter(o => o.getBoundingClientRect().bottom <= window.innerHeight).length""")
    assert visible >= 3


def test_statistics_charts_take_their_column(dev_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(dev_site + "/thong-ke/")
    charts = page.locator(".stats-chart")
    assert charts.count() >= 2
    for index in range(charts.count()):
        figure = charts.nth(index).bounding_box()
        svg = charts.nth(index).locator("svg").bounding_box()
        assert svg["width"] >= 0.95 * figure["width"] and svg["width"] > 600, (figure, svg)
        assert svg["height"] <= 420, svg


def test_home_side_column_ends_near_the_main_column(dev_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(dev_site + "/")
    ends = page.evaluate("""() => ['.main', '.sidebar'].map(s =>
        document.querySelector(s).getBoundingClientRect().bottom + window.scrollY)""")
    assert abs(ends[0] - ends[1]) <= 500, ends


def test_pages_load_nothing_from_another_host(dev_site, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for _, path in PAGES:
        page.goto(dev_site + path)
    page.goto(f"{dev_site}/{ARTICLE}")
    assert requested
    assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []
