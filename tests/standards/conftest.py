"""The sample site built as `make html` and `make publish` build it, served with its
search service on 127.0.0.1, for the standards checks (HTML, accessibility, layout,
metadata). This folder is put on sys.path so the tests can import checkers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.append(HERE)

from conftest import CONTENT, Build, run_pelican  # noqa: E402
from standards_kit import PUBLISH_URL, serve_site  # noqa: E402


@pytest.fixture(scope="session")
def publish_build(tmp_path_factory) -> Build:
    """The sample content with publishconf.py (absolute SITEURL, strict checks)."""
    root = tmp_path_factory.mktemp("sample-publish")
    build = run_pelican(CONTENT, root / "output", conf="publishconf.py",
                        env={"SITEURL": PUBLISH_URL})
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def dev_site(sample_build):
    with serve_site(sample_build) as base:
        yield base
