"""Production settings for `make publish`: absolute URLs, feeds, strict content checks."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://xaydungdang.congan.haiduong.example.vn").rstrip("/")
RELATIVE_URLS = False
PORTAL_STRICT = True
DELETE_OUTPUT_DIRECTORY = True
