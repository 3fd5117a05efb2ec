"""A real browser: reader tools work, and the layout holds at desktop and phone widths."""

from __future__ import annotations

from browser import chromium_browser, static_server

ARTICLE = "tin-hoat-dong/trang-trong-le-ket-nap-dang-vien-tai-chi-bo-phong-canh-sat-giao-thong.html"


def font_size(page) -> float:
    return page.eval_on_selector(
        ".article__content p", "e => parseFloat(getComputedStyle(e).fontSize)")


def test_font_size_tools_and_screenshots(sample_build, tmp_path):
    shots = tmp_path / "screenshots"
    with static_server(sample_build.output) as base, chromium_browser(tmp_path) as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("requestfailed", lambda request: errors.append(request.url))
        page.goto(f"{base}/")
        page.screenshot(path=shots / "home-1280.png", full_page=True)
        page.goto(f"{base}/{ARTICLE}")
        page.screenshot(path=shots / "article-1280.png", full_page=True)

        before = font_size(page)
        page.get_by_role("button", name="Tăng cỡ chữ").click()
        larger = font_size(page)
        assert larger > before

        page.goto(f"{base}/{ARTICLE}")  # remembered across pages
        assert font_size(page) == larger
        page.get_by_role("button", name="Cỡ chữ mặc định").click()
        assert font_size(page) == before

        phone = browser.new_page()
        phone.set_viewport_size({"width": 360, "height": 740})
        for name, url in (("home", "/"), ("article", f"/{ARTICLE}")):
            phone.goto(base + url)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{name} overflows a 360 px phone: {width}px"
            phone.screenshot(path=shots / f"{name}-360.png", full_page=True)
        assert errors == []
    assert {p.name for p in shots.iterdir()} == {
        "home-1280.png", "article-1280.png", "home-360.png", "article-360.png"}
