"""pelican-sitemap's internal names this project relies on (see the package's docstring).

feeds' register() calls require(): feeds pins the sitemap's clock (feeds/sitemap_clock.py),
which would otherwise do nothing, silently, once a name here is gone.
"""

from __future__ import annotations

from . import ATTRIBUTE, USED, Name
from . import missing as _missing
from . import require as _require

SITEMAP_CLOCK = "plugins/feeds/sitemap_clock.py"

NAMES = (
    Name("pelican.plugins.sitemap.sitemap", "generator",
         "the plugin's one SitemapGenerator, made when the module is imported",
         (SITEMAP_CLOCK,), ATTRIBUTE),
    Name("pelican.plugins.sitemap.sitemap:generator", "now",
         "the time it gives pages without a date (home, sections, tags) as lastmod, set "
         "once at import; feeds sets it to the newest article's", (SITEMAP_CLOCK,),
         ATTRIBUTE),
    Name("pelican.plugins.sitemap.sitemap:SitemapGenerator", "now",
         "read when the sitemap is written (at `finalized`, after feeds sets it)",
         (SITEMAP_CLOCK,), USED),
)


def missing() -> list[Name]:
    return _missing(NAMES)


def require() -> None:
    _require(NAMES, "pelican-sitemap", "pelican-sitemap", __name__)
