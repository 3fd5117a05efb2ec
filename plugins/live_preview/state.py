"""The state a development build leaves for the devserver: the URL of each source file's
page and the contract's messages of each file. Plain data, no Pelican."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BuildState:
    pages: dict[str, str] = field(default_factory=dict)  # source path -> URL path ("/a/b.html")
    messages: dict[str, list[str]] = field(default_factory=dict)  # source path -> lines
    errors: set[str] = field(default_factory=set)  # source paths with an error (not a warning)

    def merged_with(self, previous: BuildState) -> BuildState:
        """A file left out of this build keeps the URL its last good build gave it, so
        its page can show why it is missing now."""
        pages = {**previous.pages, **self.pages}
        return BuildState(pages, self.messages, self.errors)

    def failing_sources_of(self, url: str) -> list[str]:
        return sorted(src for src, page in self.pages.items()
                      if page == url and src in self.errors)

    def to_json(self) -> dict:
        return {"pages": self.pages, "messages": self.messages, "errors": sorted(self.errors)}

    @classmethod
    def from_json(cls, data: dict) -> BuildState:
        return cls(dict(data.get("pages", {})), {k: list(v) for k, v in
                                                 data.get("messages", {}).items()},
                   set(data.get("errors", [])))


def url_path(url: str) -> str:
    """Pelican's URL of a page ('a/b.html', 'gioi-thieu/') as the server's request path."""
    return "/" + url.lstrip("/")


def write(path: str | os.PathLike, state: BuildState) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(state.to_json(), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)  # the server never reads half a file


def read(path: str | os.PathLike) -> BuildState:
    try:
        return BuildState.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return BuildState()
