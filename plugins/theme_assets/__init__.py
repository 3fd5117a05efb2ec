"""theme_assets: a content hash of the theme's static files, for cache-busting URLs.

Templates write `…/site.css{{ THEME_ASSET_QUERY }}` (`?v=<hash>`); nginx caches any URL with
`?v=` for a year (deploy/nginx-site.conf), and a changed file changes the hash.
"""

from .plugin import register
from .version import asset_version

__all__ = ["asset_version", "register"]
