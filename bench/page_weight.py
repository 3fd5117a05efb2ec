"""Page weight: bytes of HTML + CSS + JS of a page, and the requests it makes.

Two views of the same page: its HTML parsed for what it references (stylesheets,
scripts, images, icons) with the bytes of those files in the build output; and the page
loaded in headless Debian Chromium (Playwright) through nginx, counting the requests
the browser really makes and checking that none leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def references(html: str) -> list[tuple[str, str]]:
    """(kind, URL) of everything the page makes the browser fetch by itself."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for link in soup.find_all("link", href=True):
        rel = {r.lower() for r in link.get("rel", [])}
        if "stylesheet" in rel:
            found.append(("css", link["href"]))
        elif rel & {"icon", "preload", "modulepreload"}:
            found.append(("other", link["href"]))
    for script in soup.find_all("script", src=True):
        found.append(("js", script["src"]))
    for image in soup.find_all("img", src=True):
        found.append(("img", image["src"]))
    return found


def _local_file(site: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = site / parts.path.lstrip("/")
    return path if path.is_file() else None


def static_weight(site: Path, page: Path) -> dict:
    """Bytes of the page's HTML, CSS and JS (uncompressed) and what it references."""
    html = page.read_text(encoding="utf-8")
    refs = references(html)
    sizes = {"html": len(html.encode("utf-8")), "css": 0, "js": 0, "img": 0, "other": 0}
    offsite, missing, seen = [], [], set()
    for kind, url in refs:
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc and parts.hostname not in ("127.0.0.1", "localhost"):
            offsite.append(url)
            continue
        local = _local_file(site, url)
        if local is None:
            missing.append(url)
            continue
        sizes[kind] += local.stat().st_size
    return {
        "page": str(page.relative_to(site)),
        "bytes": sizes,
        "html_css_js_bytes": sizes["html"] + sizes["css"] + sizes["js"],
        "requests": 1 + len(seen),  # the page itself and each distinct reference
        "offsite": offsite,
        "missing": missing,
    }


def pick_article_pages(site: Path, articles: list[str]) -> dict[str, Path]:
    """The article page of median size, and the largest one."""
    pages = sorted((site / url for url in articles if (site / url).is_file()),
                   key=lambda p: p.stat().st_size)
    if not pages:
        raise RuntimeError("no article page found in the output")
    return {"median": pages[len(pages) // 2], "largest": pages[-1]}


# The screens pages are weighed on: a phone (360 CSS px, at the density of a cheap one and
# of a common one) and a desktop. A browser picks photo copies by width × density.
SCREENS = {
    "phone": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1},
    "phone-2x": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
}


def browser_requests(base_url: str, paths: list[str], screen: str = "desktop"
                     ) -> dict[str, dict]:
    """{path: {"requests": n, "offsite": [...], "transfer_bytes": n, "image_bytes": n}}
    as headless Chromium loads the page on `screen`, as a first visit (a context of its
    own, nothing cached), counting the bytes as they travel (gzip where nginx sends it).
    What the first screen shows: lazy photos further down wait for the reader to scroll."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            for path in paths:
                context = browser.new_context(**SCREENS[screen])
                page = context.new_page()
                seen: list[str] = []
                sizes: list[tuple[str, int]] = []
                page.on("request", lambda request, seen=seen: seen.append(request.url))

                def finished(request, sizes=sizes):
                    with contextlib.suppress(Exception):  # a failed request has no sizes
                        sizes.append((request.resource_type,
                                      max(0, request.sizes()["responseBodySize"])))

                page.on("requestfinished", finished)
                page.goto(base_url + path, wait_until="networkidle")
                context.close()
                offsite = [url for url in seen
                           if urlsplit(url).scheme not in ("data", "blob")
                           and urlsplit(url).hostname != "127.0.0.1"]
                results[path] = {"requests": len(seen), "offsite": offsite,
                                 "transfer_bytes": sum(size for _, size in sizes),
                                 "image_bytes": sum(size for kind, size in sizes
                                                    if kind == "image"),
                                 "urls": seen}
        finally:
            browser.close()
    return results
