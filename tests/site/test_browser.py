"""A real browser: reader tools, navigation on a phone, print styles, the mail link, no JS,
and no request that leaves 127.0.0.1."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import CHROMIUM_ARGS, chromium_browser, require_chromium, static_server

pytestmark = pytest.mark.e2e

ARTICLE = "tin-hoat-dong/trang-trong-le-ket-nap-dang-vien-tai-chi-bo-phong-canh-sat-giao-thong.html"
ARTICLE_TITLE = "Trang trọng lễ kết nạp đảng viên tại Chi bộ Phòng Cảnh sát giao thông"
OTHER_ARTICLE = ("phat-trien-dang-vien/"
                 "phu-binh-tam-thang-dau-nam-2020-moi-ket-nap-duoc-31-dang-vien.html")
PHONE = {"width": 360, "height": 740}
# What print.css hides: everything but the article and the site's name.
PRINT_HIDDEN = (".skip-link", ".site-nav", ".site-search", ".site-motto", ".sidebar",
                ".reader-tools", ".breadcrumb", ".related", ".site-footer__links")


class Traffic:
    """Every request a browser context makes, and every failure or script error."""

    def __init__(self, context):
        self.urls: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        context.on("weberror", lambda error: self.errors.append(f"script: {error.error}"))

    def off_site(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [url for url in self.urls if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).hostname != "127.0.0.1"]

    def assert_clean(self) -> None:
        assert self.urls, "no request was recorded"
        assert self.off_site() == []
        assert self.errors == []


@contextmanager
def chromium_without_javascript(tmp_path):
    """Chromium as chromium_browser() starts it, in a fresh profile, with scripts off."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile-no-js"), executable_path=require_chromium(),
            args=CHROMIUM_ARGS, headless=True, java_script_enabled=False,
        )
        try:
            yield context
        finally:
            context.close()


def font_size(page) -> float:
    return page.eval_on_selector(
        ".article__content p", "e => parseFloat(getComputedStyle(e).fontSize)")


def assert_navigation_fits_and_takes_the_keyboard(page) -> None:
    """Every section link lies inside the viewport (no hidden sideways scroll), and Tab
    reaches each one, in order, where it can be seen. On a phone the list is collapsed
    behind the menu button (a <details>, no JavaScript needed): Tab reaches the button,
    Enter opens it, and then the links."""
    width = page.viewport_size["width"]
    links = page.locator(".site-nav__list a")
    labels = [text.strip() for text in links.all_text_contents()]
    toggle = page.locator(".site-nav__toggle")
    phone = toggle.is_visible()
    if phone:
        assert not links.first.is_visible()  # collapsed until asked for
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 0.35 * page.viewport_size["height"], header
    page.evaluate("document.activeElement && document.activeElement.blur()")
    focused = []
    for _ in range(len(labels) + 12):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const e = document.activeElement, r = e.getBoundingClientRect();
            return {inNav: !!e.closest('.site-nav'), text: e.innerText,
                    toggle: e.classList.contains('site-nav__toggle'),
                    left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        }""")
        if state["inNav"]:
            assert state["left"] >= 0 and state["right"] <= width, state
            assert state["top"] >= 0 and state["bottom"] <= page.viewport_size["height"], state
            if state["toggle"]:
                page.keyboard.press("Enter")
                assert page.locator(".site-nav__menu").evaluate("d => d.open")
                continue
            focused.append(state["text"])
        elif focused:
            break
    assert len(labels) >= 6
    assert focused == labels
    assert page.eval_on_selector(".site-nav__list", "e => e.scrollWidth <= e.clientWidth")
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (labels[index], box)
    if phone:
        toggle.click()
        assert not links.first.is_visible()


def mail_link(page) -> dict[str, list[str]]:
    href = page.get_by_role("link", name="Gửi cho bạn bè").get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    return parse_qs(parts.query)


def test_font_size_tools_and_screenshots(sample_build, tmp_path):
    shots = tmp_path / "screenshots"
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{base}/")
        page.screenshot(path=shots / "home-1280.png", full_page=True)
        page.goto(f"{base}/{ARTICLE}")
        page.screenshot(path=shots / "article-1280.png", full_page=True)

        before = font_size(page)
        page.get_by_role("button", name="Tăng cỡ chữ").click()
        larger = font_size(page)
        assert larger > before

        page.goto(f"{base}/{OTHER_ARTICLE}")  # remembered on another article
        assert page.locator("h1").inner_text() != ARTICLE_TITLE
        assert font_size(page) == larger
        page.get_by_role("button", name="Cỡ chữ mặc định").click()
        assert font_size(page) == before

        phone = browser.new_page()
        phone.set_viewport_size(PHONE)
        for name, url in (("home", "/"), ("article", f"/{ARTICLE}")):
            phone.goto(base + url)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{name} overflows a 360 px phone: {width}px"
            phone.screenshot(path=shots / f"{name}-360.png", full_page=True)
        traffic.assert_clean()
    assert {p.name for p in shots.iterdir()} == {
        "home-1280.png", "article-1280.png", "home-360.png", "article-360.png"}


def test_navigation_on_a_phone(sample_build, tmp_path):
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.set_viewport_size(PHONE)
        for url in ("/", f"/{ARTICLE}"):
            page.goto(base + url)
            assert_navigation_fits_and_takes_the_keyboard(page)
        traffic.assert_clean()


def test_print_button_prints_the_article_only(sample_build, tmp_path):
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.add_init_script(
            "addEventListener('beforeprint', () => { window.printRequested = true; });")
        page.goto(f"{base}/{ARTICLE}")
        for selector in PRINT_HIDDEN[1:]:  # the skip link is off screen, not hidden
            assert page.locator(selector).first.is_visible(), selector

        page.get_by_role("button", name="In bài").click()
        page.wait_for_function("window.printRequested === true", timeout=5000)
        page.emulate_media(media="print")
        for selector in PRINT_HIDDEN:
            assert not page.locator(selector).first.is_visible(), selector
        for selector in (".article__title", ".article__content", ".bylines", ".site-brand"):
            assert page.locator(selector).first.is_visible(), selector
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(255, 255, 255)")
        traffic.assert_clean()


def test_send_to_a_friend_and_lead_photo(sample_build, tmp_path):
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.goto(f"{base}/{ARTICLE}")
        query = mail_link(page)
        assert query["subject"] == [ARTICLE_TITLE]
        assert query["body"] == [page.url]  # site.js puts in the full address

        # The lead photo is read once: as the figure's caption, not again as the image.
        caption = page.locator(".article__figure figcaption").inner_text()
        figure = page.get_by_role("figure", name=caption)
        assert figure.count() == 1
        assert figure.get_by_role("img").count() == 0
        traffic.assert_clean()


def test_pages_work_without_javascript(sample_build, tmp_path):
    with static_server(sample_build.output) as base, \
            chromium_without_javascript(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/")
        assert page.evaluate("1 + 1") == 2  # Playwright's own evaluate still runs
        assert page.locator("html[data-font-size]").count() == 0  # site.js did not
        assert_navigation_fits_and_takes_the_keyboard(page)
        assert not page.locator("[data-today]").is_visible()  # no date rather than a stale one
        page.get_by_text("Danh mục").click()  # the phone menu opens without JavaScript
        page.get_by_role("navigation", name="Chuyên mục").get_by_role(
            "link", name="Tin hoạt động").click()
        page.wait_for_url(f"{base}/chuyen-muc/tin-hoat-dong/")
        assert page.locator(".article-list__item").count() >= 1

        page.goto(f"{base}/{ARTICLE}")
        assert page.locator("h1").inner_text() == ARTICLE_TITLE
        assert page.locator(".article__content p").first.is_visible()
        assert page.locator(".article__figure img").evaluate("img => img.naturalWidth") > 0
        # Tools that need JS are not shown; the mail link needs none.
        assert page.locator("[data-font-step]").count() == 3
        for index in range(3):
            assert not page.locator("[data-font-step]").nth(index).is_visible()
        assert not page.get_by_role("button", name="In bài").is_visible()
        query = mail_link(page)
        assert query["subject"] == [ARTICLE_TITLE]
        assert query["body"] == [f"/{ARTICLE}"]
        assert_navigation_fits_and_takes_the_keyboard(page)
        page.screenshot(path=tmp_path / "article-360-no-js.png", full_page=True)
        traffic.assert_clean()


def test_traffic_catches_a_request_to_another_host(tmp_path):
    """The guard above is not vacuous: a page asking any other host is caught."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><title>t</title><img src="http://localhost:9/logo.png" alt="">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">', encoding="utf-8")
    with static_server(site) as base, chromium_browser(tmp_path) as browser:
        traffic = Traffic(browser)
        page = browser.new_page()
        page.goto(f"{base}/", wait_until="load")
        assert traffic.off_site() == ["http://localhost:9/logo.png"]
        assert "failed: http://localhost:9/logo.png" in traffic.errors
