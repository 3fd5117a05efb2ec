"""robots.txt: what crawlers skip, and where the sitemap is (an absolute URL)."""

from __future__ import annotations

import os

from .settings import FeedSettings


def robots_txt(settings: FeedSettings) -> str:
    lines = ["User-agent: *"]
    paths = [settings.base_path + path for path in settings.robots_disallow]
    lines += [f"Disallow: {path}" for path in paths] or ["Disallow:"]
    if settings.sitemap_name:
        lines += ["", f"Sitemap: {settings.absolute(settings.sitemap_name)}"]
    return "\n".join(lines) + "\n"


def write_robots(output_path: str, settings: FeedSettings) -> str:
    path = os.path.join(output_path, "robots.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(robots_txt(settings))
    return path
