"""photos: camera photos under content/images/ are published only as processed copies:
EXIF orientation applied, every piece of metadata (EXIF, GPS, XMP, IPTC, comments,
thumbnails) removed, no wider than the theme shows them; never the original file."""

from .plugin import register

__all__ = ["register"]
