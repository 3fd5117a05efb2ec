"""The search page, rendered by the service, carries what every built page carries:
feed links in its head and footer, the statistics panel and the latest news."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, run_pelican
from search_index.service import create_app
from search_kit import call

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample-search")
    index = root / "index"
    build = run_pelican(CONTENT, root / "output", overrides={"SEARCH_INDEX_PATH": str(index)})
    assert build.returncode == 0, build.log
    home = build.soup("index.html")
    page = BeautifulSoup(call(create_app(index), "/search", "q=dang+vien").text, "html.parser")
    # The statistics page lists no article in its main column, so its side "Mới nhất"
    # is the five newest, as on the search page (the home page has none: its main
    # column lists them all already).
    return home, page, build.soup("thong-ke/index.html")


def test_feed_links_in_the_head_and_footer(sample):
    home, page, _ = sample
    feeds = [(link["type"], link["href"]) for link in home.head.select('link[rel="alternate"]')]
    assert feeds and [(link["type"], link["href"]) for link in
                      page.head.select('link[rel="alternate"]')] == feeds
    assert page.select_one(".feed-links") == home.select_one(".feed-links")


def test_statistics_panel_and_latest_news_in_the_sidebar(sample):
    home, page, stats = sample
    for selector, built in ((".stats-panel", home), (".sidebar-box--latest", stats)):
        assert built.select_one(selector) is not None, selector
        assert page.select_one(f".sidebar {selector}") == built.select_one(selector), selector
