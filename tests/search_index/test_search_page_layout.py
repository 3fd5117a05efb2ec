"""The search page, rendered by the service, carries what every built page carries:
feed links in its head and footer, the statistics panel and the latest news."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, run_pelican
from search_index.service import create_app
from search_kit import call


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample-search")
    index = root / "index"
    build = run_pelican(CONTENT, root / "output", overrides={"SEARCH_INDEX_PATH": str(index)})
    assert build.returncode == 0, build.log
    home = build.soup("index.html")
    page = BeautifulSoup(call(create_app(index), "/search", "q=dang+vien").text, "html.parser")
    return home, page


def test_feed_links_in_the_head_and_footer(sample):
    home, page = sample
    feeds = [(link["type"], link["href"]) for link in home.head.select('link[rel="alternate"]')]
    assert feeds and [(link["type"], link["href"]) for link in
                      page.head.select('link[rel="alternate"]')] == feeds
    assert page.select_one(".feed-links") == home.select_one(".feed-links")


def test_statistics_panel_and_latest_news_in_the_sidebar(sample):
    home, page = sample
    for selector in (".stats-panel", ".sidebar-box--latest"):
        assert home.select_one(selector) is not None, selector
        assert page.select_one(f".sidebar {selector}") == home.select_one(selector), selector
