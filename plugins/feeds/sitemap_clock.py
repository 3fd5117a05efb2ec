"""Give pelican-sitemap a clock that only moves when content does.

pelican-sitemap stamps list pages (home, sections, tags) with the build's wall-clock
time, so two builds of the same content differ. Those pages change exactly when an
article is published or updated, so the newest article's time is their true lastmod,
and the sitemap becomes reproducible.
"""

from __future__ import annotations

import sys

# Its `generator` and that generator's `now` are pelican-sitemap internals, checked when
# feeds registers (plugins/upstream/sitemap_names.py).
SITEMAP_MODULE = "pelican.plugins.sitemap.sitemap"  # holds the plugin's one `generator`


def newest_change(articles):
    """The latest `modified` or `date` among `articles`, or None."""
    times = [getattr(a, "modified", None) or a.date for a in articles]
    return max(times, default=None)


def pin_sitemap_clock(articles, sitemap=None) -> None:
    """Set the sitemap generator's `now` (the loaded plugin's, unless one is given)."""
    moment = newest_change(articles)
    if sitemap is None:
        sitemap = getattr(sys.modules.get(SITEMAP_MODULE), "generator", None)
    if moment is not None and hasattr(sitemap, "now"):
        sitemap.now = moment
