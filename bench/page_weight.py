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


def browser_requests(base_url: str, paths: list[str], profile: Path) -> dict[str, dict]:
    """{path: {"requests": n, "offsite": [...], "bytes": n}} as headless Chromium loads it."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for path in paths:
                page = context.new_page()
                seen: list[str] = []
                sizes: list[int] = []
                page.on("request", lambda request, seen=seen: seen.append(request.url))

                def finished(request, sizes=sizes):
                    with contextlib.suppress(Exception):  # a failed request has no sizes
                        sizes.append(request.sizes()["responseBodySize"])

                page.on("requestfinished", finished)
                page.goto(base_url + path, wait_until="networkidle")
                page.close()
                offsite = [url for url in seen
                           if urlsplit(url).scheme not in ("data", "blob")
                           and urlsplit(url).hostname != "127.0.0.1"]
                results[path] = {"requests": len(seen), "offsite": offsite,
                                 "transfer_bytes": sum(sizes), "urls": seen}
        finally:
            context.close()
    return results
