"""The layout at every width from 320 to 1600 px in 32 px steps, in headless Chromium,
on the pages the issue names: nothing scrolls sideways, every form control lies inside
its form and the window and is not covered by anything, and the menu is reachable (its
links in view, or its button in view and opening onto them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium_browser
from standards_kit import PAGES

pytestmark = pytest.mark.e2e

WIDTHS = list(range(320, 1601, 32))
HEIGHT = 800

LAYOUT_PROBLEMS = (Path(__file__).with_name("layout_probe.js")).read_text(encoding="utf-8")

MENU_IN_VIEW = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll('.site-nav__list a')].filter(a => {
    const r = a.getBoundingClientRect();
    return !(r.width > 0 && r.left >= 0 && r.right <= width);
  }).map(a => a.textContent.trim());
}"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium_browser(tmp_path_factory.mktemp("layout")) as context:
        yield context


def menu_problems(page) -> list[str]:
    links = page.locator(".site-nav__list a")
    assert links.count() >= 6
    toggle = page.locator(".site-nav__toggle")
    if toggle.is_visible():
        box = toggle.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > page.viewport_size["width"]:
            return [f"menu button outside the window: {box}"]
        toggle.click()
        try:
            return [f"menu link not in view after opening: {label}"
                    for label in page.evaluate(MENU_IN_VIEW)] + \
                [f"menu open: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
        finally:
            toggle.click()
    return [f"menu link not in view: {label}" for label in page.evaluate(MENU_IN_VIEW)]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_layout_holds_at_every_width(dev_site, browser, name, path):
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        page.goto(dev_site + path)
        page.wait_for_load_state("load")
        found = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            found += [f"{width} px: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
            found += [f"{width} px: {p}" for p in menu_problems(page)]
        assert found == []
    finally:
        page.close()


def test_layout_check_finds_a_control_outside_its_form(dev_site, browser):
    """The old search form: four grid columns without minmax(0, …)."""
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": 1024, "height": HEIGHT})
        page.goto(dev_site + PAGES[4][1])
        page.evaluate("""() => {
            const form = document.querySelector('.search-form');
            form.style.display = 'grid';
            form.style.gridTemplateColumns = '2fr 1.2fr .8fr auto';
            for (const s of form.querySelectorAll('select')) s.style.minWidth = '16rem';
        }""")  # CSSOM, which the site's Content-Security-Policy allows
        problems = page.evaluate(LAYOUT_PROBLEMS)
        assert any("sticks out of form" in p for p in problems), problems
    finally:
        page.close()
