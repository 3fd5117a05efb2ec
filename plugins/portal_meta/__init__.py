"""portal_meta: what a portal states about itself and its pages, beyond the pages.

SITE_ABSOLUTE_URL for canonical links and Open Graph (SITEURL, or SITE_DEV_URL in a
development build), the sitemap with a lastmod per page, and the JSON export of the
published articles. See plugin.py for the signals.
"""

from .plugin import register

__all__ = ["register"]
