"""Production settings for `make publish`: absolute URLs, feeds, strict content checks."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://xaydungdang.congan.haiduong.example.vn").rstrip("/")
RELATIVE_URLS = False
PORTAL_STRICT = True
DELETE_OUTPUT_DIRECTORY = True
# A publish reads every file again, so each one is checked against the editors'
# contract (an Image that was deleted since the last build included).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
SKIP_UNCHANGED_PAGES = False  # every page is rendered into the fresh release
