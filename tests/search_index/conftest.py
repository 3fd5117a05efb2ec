"""Fixtures for the search tests: one fixture site built once, and the WSGI app over it.

The project runs pytest with --import-mode=importlib and pythonpath=["tests"]; this
folder is added to sys.path so the tests can import search_kit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.append(HERE)

from search_index.service import create_app  # noqa: E402
from search_kit import SearchSite, build_search_site  # noqa: E402


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> SearchSite:
    return build_search_site(tmp_path_factory.mktemp("search-site"))


@pytest.fixture(scope="session")
def app(search_site):
    return create_app(search_site.index, check_interval=0)
