"""The statistics page on a 360 px phone, in headless Chromium: captions whole, rows short,
the table scrolling sideways inside its own box with the period column in view."""

from __future__ import annotations

import pytest
from browser import chromium_browser, static_server

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
MAX_ROW_HEIGHT = 100  # px: about five lines of the phone's table text

MEASURE = """() => [...document.querySelectorAll('.stats-table')].map(table => {
  const wrap = table.closest('.stats-table-wrap');
  const caption = document.getElementById(table.getAttribute('aria-labelledby'));
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right}; };
  wrap.scrollLeft = wrap.scrollWidth;  // scrolled to the far end: the source column
  const period = table.querySelector('tbody th'), link = table.querySelector('tbody a');
  return {
    id: table.id,
    caption: caption ? {...box(caption), inScroller: wrap.contains(caption),
                        text: caption.textContent.trim()} : null,
    rows: [...table.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height),
    wrap: box(wrap), period: box(period), link: box(link),
    scrolls: wrap.scrollWidth > wrap.clientWidth,
  };
})"""


def test_the_statistics_tables_are_readable_on_a_phone(sample_build, tmp_path):
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        page = browser.new_page()
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/thong-ke/")
        page.screenshot(path=tmp_path / "thong-ke-360.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        tables = page.evaluate(MEASURE)
        assert len(tables) >= 4
        for table in tables:
            caption = table["caption"]
            assert caption and not caption["inScroller"], table["id"]
            assert caption["left"] >= 0 and caption["right"] <= PHONE["width"], table
            assert max(table["rows"]) <= MAX_ROW_HEIGHT, table
            if table["scrolls"]:  # the period stays beside the figures it labels
                assert table["period"]["left"] >= table["wrap"]["left"] - 1, table
                assert table["link"]["right"] <= table["wrap"]["right"] + 1, table
            # the caption still names the table (and its scrolling region) for a screen reader
            assert page.get_by_role("table", name=caption["text"], exact=True).count() == 1
            assert page.get_by_role("region", name=caption["text"], exact=True).count() == 1
