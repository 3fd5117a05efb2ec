"""feeds: RSS 2.0 and Atom feeds for the site and each section (feedgen), the
"Theo dõi RSS" page, feed autodiscovery data for the theme, and robots.txt.

Feed URL scheme (relative to SITEURL):
    feeds/all.rss.xml, feeds/all.atom.xml                 the whole site
    feeds/chuyen-muc/<section-slug>.rss.xml / .atom.xml   one section
Section feeds live in their own folder, so no section slug (not even "all")
can collide with the site feeds.
"""

from .plugin import register

__all__ = ["register"]
