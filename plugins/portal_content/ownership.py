"""Every output path has one owner: content never takes a path the site itself writes
(home, sections, tags, authors, archives, statistics, feeds, sitemap, robots, search,
404, theme and static files), nor another content's path; and nothing outside
`content/` is read or published.

Pelican's own check ("would overwrite") fails the build with a traceback naming neither
file nor field; this one runs before anything is written, names both owners, and in a
development build leaves the content out so the site's own page is the one served.
Pelican's check stays on underneath (content_objects.freeze_urls freezes URLs only).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping

from .messages import Violation

# What other plugins and the search service write, by the setting naming it (with its
# default): a folder ends with '/'. A change there that this table misses still meets
# Pelican's own overwrite check.
PLUGIN_PATHS = (
    ("ADMISSION_STATS_SAVE_AS", "thong-ke/index.html", "trang Thống kê", True),
    ("FEEDS_PAGE_SAVE_AS", "theo-doi-rss/index.html", "trang Theo dõi RSS", True),
    ("PORTAL_JSON_EXPORT_SAVE_AS", "du-lieu/bai-viet.json", "dữ liệu mở (JSON)", True),
    (None, "feeds/", "các kênh RSS/Atom", False),
    (None, "robots.txt", "robots.txt", False),
    (None, "sitemap.xml", "sơ đồ trang (sitemap.xml)", False),
    (None, "search/", "trang tìm kiếm", False),
    (None, "api/", "dịch vụ tìm kiếm", False),
)
PAGINATED = ("CATEGORY", "TAG", "AUTHOR")
TEMPLATE_NAMES = {"index": "trang chủ", "categories": "danh sách chuyên mục",
                  "tags": "danh sách từ khóa", "authors": "danh sách tác giả",
                  "archives": "trang lưu trữ", "404": "trang 404"}


def reserved_paths(settings: Mapping) -> dict[str, str]:
    """Output paths (a folder ends with '/') the site writes -> who writes them."""
    owned: dict[str, str] = {}
    for template in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        owned[_top_folder(save_as)] = TEMPLATE_NAMES.get(template, f"trang {template}")
    for kind in PAGINATED:
        for name in (f"{kind}_SAVE_AS", f"{kind}IES_SAVE_AS" if kind == "CATEGORY"
                     else f"{kind}S_SAVE_AS"):
            if settings.get(name):
                owned[_top_folder(settings[name])] = f"các trang {kind.lower()}"
    for pattern in settings.get("PAGINATION_PATTERNS", ())[1:]:
        save_as = pattern[2].format(base_name="", number=2)
        owned[_top_folder(save_as.lstrip("/"))] = "các trang tiếp theo của trang chủ"
    for folder in settings.get("STATIC_PATHS", ()):
        owned[posixpath.normpath(folder).rstrip("/") + "/"] = f"tệp tĩnh ({folder}/)"
    owned[settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"] = "giao diện (theme)"
    for setting, default, owner, whole_folder in PLUGIN_PATHS:
        path = (settings.get(setting) if setting else None) or default
        owned[_top_folder(path) if whole_folder else path] = owner
    owned.pop("", None)
    return owned


def _top_folder(path: str) -> str:
    """'luu-tru/index.html' -> 'luu-tru/'; 'index.html' -> 'index.html'."""
    path = path.lstrip("/")
    return path.split("/", 1)[0] + "/" if "/" in path else path


def owner_of(save_as: str, owned: Mapping[str, str]) -> str | None:
    save_as = posixpath.normpath(save_as.lstrip("/"))
    for path, owner in owned.items():
        if save_as == path or (path.endswith("/") and save_as.startswith(path)):
            return owner
    return None


def check_contents(contents, settings: Mapping) -> tuple[list[Violation], set[int]]:
    """Violations for contents whose output path the site owns or another content has;
    the ids of the contents to leave out (the first by source path keeps a shared path)."""
    owned = reserved_paths(settings)
    taken: dict[str, str] = {}
    violations, dropped = [], set()
    for content in sorted(contents, key=lambda c: c.source_path):
        save_as = content.save_as
        if not save_as:
            continue  # drafts: never written
        path = content.relative_source_path
        field, line, written = _field_of(content)
        owner = owner_of(save_as, owned)
        if owner is None and posixpath.normpath(save_as) in taken:
            owner = taken[posixpath.normpath(save_as)]
        if owner is None:
            taken[posixpath.normpath(save_as)] = path
            continue
        dropped.add(id(content))
        violations.append(Violation(path, line, field, "output_taken",
                                    {"output": save_as, "owner": owner}, written))
    return violations, dropped


def _field_of(content) -> tuple[str, int | None, str | None]:
    """The field that makes the path (Slug, else Title), its line and its name as written."""
    lines = content.metadata.get("portal_field_lines", {})
    for key in ("slug", "title"):
        if key in lines:
            return key, *lines[key]
    return "slug", None, None


def outside_content(path: str, content_root: str) -> tuple[str, str] | None:
    """('symlink', the link) or ('outside', where it leads) for a path that is not a
    plain file of the content folder; None for one that is."""
    root = os.path.abspath(content_root)
    full = os.path.abspath(os.path.join(root, path))
    relative = os.path.relpath(full, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return "outside", full
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return "symlink", os.path.relpath(current, root)
    if not os.path.realpath(full).startswith(os.path.realpath(root) + os.sep):
        return "outside", os.path.realpath(full)
    return None


def refused(path: str, content_root: str) -> Violation | None:
    """The violation for reading `path` (relative to the content folder), if refused."""
    found = outside_content(path, content_root)
    if found is None:
        return None
    kind, where = found
    shown = posixpath.normpath(path.replace(os.sep, "/"))
    return Violation(shown, None, None, "symlink" if kind == "symlink" else "outside_content",
                     {"link": where.replace(os.sep, "/")})
