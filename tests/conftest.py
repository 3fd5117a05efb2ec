"""Shared test fixtures: real Pelican builds into temp dirs, and a tiny content kit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"

VALID_ARTICLE = {
    "Title": "Hội nghị phát triển đảng viên",
    "Date": "2022-04-19 16:27",
    "Category": "Phát triển đảng viên",
    "Author": "Phòng Chính trị",
    "Editor": "Loan Trần, phòng HCTH",
}


@dataclass
class Build:
    returncode: int
    log: str
    output: Path
    content: Path

    def soup(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def run_pelican(content: Path, output: Path, conf: str = "pelicanconf.py",
                overrides: dict | None = None, env: dict | None = None) -> Build:
    """Build `content` with the project's settings file (plus overrides) in a subprocess.

    A subprocess gives the real exit code and fresh plugin state, as `make` does.
    """
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
               "-s", str(REPO / conf)]
    settings = {"CACHE_PATH": str(output.parent / f"{output.name}-cache")}
    if Path(content).resolve() != CONTENT:
        settings["PORTAL_SECTIONS"] = []  # fixture sites name sections of their own
    settings.update(overrides or {})
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "250", **(env or {})},
    )
    return Build(result.returncode, result.stdout + result.stderr, output, content)


def write_article(folder: Path, name: str, body: str = "Đoạn mở đầu của bài viết.",
                  **fields: str | None) -> Path:
    """A Markdown article: VALID_ARTICLE's fields updated by `fields` (None drops a field)."""
    meta = {**VALID_ARTICLE, **{k.replace("__", "_"): v for k, v in fields.items()}}
    lines = [f"{key}: {value}" for key, value in meta.items() if value is not None]
    path = folder / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def write_page(folder: Path, name: str, title: str, body: str = "Nội dung trang.") -> Path:
    path = folder / "pages" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title: {title}\nSlug: {Path(name).stem}\n\n{body}\n", encoding="utf-8")
    return path


def copy_images(folder: Path) -> None:
    """The sample photos, so fixture articles can use `Image: images/<file>`."""
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)


def sample_image(folder: Path) -> str:
    """The path (relative to content) of one sample photo copied into `folder`."""
    copy_images(folder)
    return "images/" + sorted(p.name for p in (folder / "images").iterdir())[0]


def front_matter(path: Path) -> dict[str, str]:
    """A Markdown file's `Key: value` lines (keys lowercased), read without Pelican."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


@pytest.fixture
def english_messages():
    """The contract's messages in English, as developers read them (unit tests of rules
    pin those texts; the editors' Vietnamese ones are pinned by the build tests)."""
    from portal_content import messages

    messages.set_language("en")
    yield
    messages.set_language("vi")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    """The real sample content, built once with the development settings."""
    root = tmp_path_factory.mktemp("sample")
    build = run_pelican(CONTENT, root / "output")
    assert build.returncode == 0, build.log
    return build


KINDS = ("unit", "build", "e2e")  # pyproject.toml registers them; make test-fast runs unit


def pytest_collection_modifyitems(config, items):
    """Every test says what it needs (one kind), so `make test-fast` selects honestly."""
    unmarked = [item.nodeid for item in items
                if sum(item.get_closest_marker(kind) is not None for kind in KINDS) != 1]
    if unmarked:
        raise pytest.UsageError(
            "each test needs exactly one of the marks " + ", ".join(KINDS)
            + " (pytestmark = pytest.mark.unit at the top of the module): "
            + ", ".join(unmarked[:10]))
