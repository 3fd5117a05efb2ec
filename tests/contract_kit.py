"""What the editors'-contract tests share: the sample site's declared sections, the
production plugins, and `make check` as a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, Build, run_pelican
from pelican.settings import get_settings_from_file

SECTIONS = get_settings_from_file(str(REPO / "pelicanconf.py"))["PORTAL_SECTIONS"]
PLUGINS = ["portal_content", "photos", "vn_format", "theme_assets", "admission_stats",
           "feeds", "search_index", "portal_meta"]
# A fixture site built as the sample site is: every plugin, the declared sections.
SITE = {"PORTAL_SECTIONS": SECTIONS, "PLUGINS": PLUGINS}
# A publish build that only checks content (fast: no search index, feeds or theme work).
CONTRACT_ONLY = {"PORTAL_SECTIONS": SECTIONS, "PLUGINS": ["portal_content", "vn_format"]}


def check(content: Path, *files: str, english: bool = False) -> subprocess.CompletedProcess:
    """`make check` over `content` (only `files`, if given)."""
    command = [sys.executable, "-m", "portal_content.check", "--settings",
               str(REPO / "pelicanconf.py"), "--content", str(content), *files]
    if english:
        command.append("--english")
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def dev_build(site: Path) -> Build:
    """A development build of `site`/content into `site`/output, which must carry on."""
    build = run_pelican(site / "content", site / "output", overrides=SITE)
    assert build.returncode == 0, build.log
    return build
