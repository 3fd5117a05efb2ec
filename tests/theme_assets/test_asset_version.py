from urllib.parse import parse_qs, quote, urlsplit
from wsgiref.util import setup_testing_defaults

import pytest
from bs4 import BeautifulSoup
from theme_assets import asset_version

pytestmark = pytest.mark.build


def test_version_changes_with_content_and_names(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body{}")
    first = asset_version(tmp_path)
    assert len(first) == 10 and first == asset_version(tmp_path)
    (tmp_path / "css" / "site.css").write_text("body{color:red}")
    second = asset_version(tmp_path)
    assert second != first
    (tmp_path / "css" / "site.css").rename(tmp_path / "css" / "main.css")
    assert asset_version(tmp_path) != second


def test_no_static_folder_gives_no_version(tmp_path):
    assert asset_version(tmp_path / "missing") == ""


def test_built_pages_reference_versioned_assets(sample_build):
    head = sample_build.soup("index.html").find("head")
    stylesheet = head.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/theme/css/site.css?v=")
    assert len(stylesheet.split("?v=")[1]) == 10


ASSET_ATTRIBUTES = (("link", "href"), ("script", "src"), ("img", "src"), ("source", "srcset"))


def theme_asset_urls(soup):
    """Every URL in the page that points into the theme's static folder (/theme/…)."""
    for tag, attribute in ASSET_ATTRIBUTES:
        for element in soup.find_all(tag):
            url = element.get(attribute)
            if url and urlsplit(url).path.startswith("/theme/"):
                yield url


def unversioned_assets(output, page_name, soup, version):
    """'page -> url' for each theme asset without ?v=<version> or missing from the output."""
    problems = []
    for url in theme_asset_urls(soup):
        parts = urlsplit(url)
        if parse_qs(parts.query).get("v") != [version]:
            problems.append(f"{page_name} -> {url} (no ?v={version})")
        if not (output / parts.path.lstrip("/")).is_file():
            problems.append(f"{page_name} -> {url} (no such file)")
    return problems


def test_every_theme_asset_on_every_page_is_versioned(sample_build):
    # The hash of the files as published (output/theme is the copy of theme/static).
    version = asset_version(sample_build.output / "theme")
    assert version
    problems, seen = [], set()
    for page in sample_build.html_files():
        name = str(page.relative_to(sample_build.output))
        soup = sample_build.soup(name)
        seen.update(urlsplit(url).path for url in theme_asset_urls(soup))
        problems += unversioned_assets(sample_build.output, name, soup, version)
    assert problems == []
    # The check saw the assets the theme loads (a template that stops using
    # THEME_STATIC_DIR would otherwise pass unseen).
    assert {"/theme/css/site.css", "/theme/css/print.css", "/theme/css/search.css",
            "/theme/js/site.js", "/theme/js/instant-search.js",
            "/theme/img/emblem.svg"} <= seen


def test_search_page_theme_assets_are_versioned(sample_build):
    from search_index.service import create_app

    app = create_app(sample_build.output.parent / "search_index", check_interval=0)
    environ = {}
    setup_testing_defaults(environ)
    environ.update({"PATH_INFO": "/search", "QUERY_STRING": "q=" + quote("đảng viên")})
    statuses = []
    body = b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"]
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    assert soup.find("link", href=lambda h: h and "search.css" in h)
    assert unversioned_assets(sample_build.output, "/search", soup,
                              asset_version(sample_build.output / "theme")) == []


def test_an_unversioned_asset_is_reported(tmp_path):
    (tmp_path / "theme" / "css").mkdir(parents=True)
    (tmp_path / "theme" / "css" / "site.css").write_text("body{}")
    soup = BeautifulSoup('<link rel="stylesheet" href="/theme/css/site.css?v=abc">'
                         '<script src="/theme/js/gone.js?v=abc"></script>'
                         '<img src="/theme/css/site.css" alt="">', "html.parser")
    assert unversioned_assets(tmp_path, "p.html", soup, "abc") == [
        "p.html -> /theme/js/gone.js?v=abc (no such file)",
        "p.html -> /theme/css/site.css (no ?v=abc)",
    ]
