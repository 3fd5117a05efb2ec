"""axe-core (npm, tests/npm) injected with Playwright into headless Debian Chromium:
no violation of WCAG 2.0/2.1 A and AA nor of axe's best practices on the pages the
issue names, on a phone (360 px, menu closed and open) and a desktop (1280 px)."""

from __future__ import annotations

import pytest
from browser import chromium_browser
from checkers import axe_source, axe_violations
from standards_kit import PAGES

pytestmark = pytest.mark.e2e

WIDTHS = [360, 1280]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium_browser(tmp_path_factory.mktemp("axe")) as context:
        yield context


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_no_axe_violation(dev_site, browser, axe, name, path, width):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    try:
        response = page.goto(dev_site + path)
        assert response.status == (404 if name == "404" else 200)
        page.wait_for_load_state("load")
        assert axe_violations(page, axe) == []
        toggle = page.locator(".site-nav__toggle")
        if toggle.is_visible():  # the phone menu, opened
            toggle.click()
            assert page.locator(".site-nav__list a").first.is_visible()
            assert axe_violations(page, axe) == []
    finally:
        page.close()


def test_axe_finds_violations(dev_site, browser, axe):
    """The same run reports what the issue found on the old A−/A+ buttons."""
    page = browser.new_page()
    try:
        page.goto(dev_site + "/")
        page.evaluate("""() => {
            const b = document.createElement('button');
            b.textContent = 'A+'; b.setAttribute('aria-label', 'Tăng cỡ chữ');
            document.querySelector('main').appendChild(b);
        }""")
        assert any(v.startswith("label-content-name-mismatch")
                   for v in axe_violations(page, axe))
    finally:
        page.close()
