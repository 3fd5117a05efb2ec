"""`make new TITLE="…" CATEGORY="…" [AUTHOR=… EDITOR=…]`: a new article, ready to fill in.

    python -m portal_content.scaffold --settings pelicanconf.py --title … --category …

Writes content/articles/<section folder>/<slug>.md with every field under its
Vietnamese name, each after a comment line saying what it is: today's date and time,
the slug of the title, the declared section. Once the author and editor are filled in
it passes `make check` (with a warning until the body is written).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

from . import fields
from .settings import ContractSettings

# What `make new` fills in itself, and what it leaves for the editor.
FILLED = ("title", "date", "category", "author", "editor", "status", "featured")
BODY_HINT = ("# Nội dung bài viết bắt đầu sau dòng trống cuối các trường; mỗi đoạn cách "
             "nhau một dòng trống. Ảnh trong bài: ![Chú thích ảnh]({static}/images/ten-anh.jpg)")


class ScaffoldError(Exception):
    pass


def article_text(values: dict[str, str]) -> str:
    lines = ["# Mỗi dòng 'Tên: giá trị' là một trường; dòng bắt đầu bằng # là ghi chú. "
             "Trường để trống thì bỏ qua.",
             "# Kiểm tra bài: make check FILE=<tệp này>",
             BODY_HINT]
    for field in fields.FIELDS:
        if field.key in ("authors", "modified"):
            continue  # one author line; an update time is added when there is an update
        lines.append(f"# {field.vi}: {field.hint}")
        lines.append(f"{field.vi}: {values.get(field.key, '')}")
    return "\n".join(line.rstrip() for line in lines) + "\n\n"


def new_article(settings, title: str, category: str, author: str = "", editor: str = "",
                now: datetime | None = None) -> Path:
    contract = ContractSettings.from_settings(settings)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("TITLE trống; viết ví dụ make new TITLE=\"Kết nạp đảng viên mới\" "
                            "CATEGORY=\"Phát triển đảng viên\"")
    if not contract.sections:
        raise ScaffoldError("chưa khai báo chuyên mục nào (PORTAL_SECTIONS trong pelicanconf.py)")
    section = contract.sections.named(category)
    if section is None:
        near = contract.sections.nearest(category)
        listing = ", ".join(f'"{s.name}"' for s in contract.sections)
        hint = f'có phải ý bạn là "{near.name}"? ' if near else ""
        raise ScaffoldError(f'CATEGORY="{category}" không phải chuyên mục đã khai báo; {hint}'
                            f"các chuyên mục: {listing}")
    slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if not slug:
        raise ScaffoldError(f'TITLE="{title}" không có chữ cái hay chữ số nào để làm đường dẫn')
    folder = Path(settings["PATH"]) / contract.sections.articles_folder / section.folder
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} đã có; đặt tiêu đề khác hoặc sửa tệp đó")
    now = now or datetime.now(ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh"))
    values = {"title": title, "date": now.strftime("%Y-%m-%d %H:%M"), "category": section.name,
              "author": " ".join(author.split()), "editor": " ".join(editor.split()),
              "status": "đăng", "featured": "không"}
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as file:  # never over an existing file
        file.write(article_text(values))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="the content folder (default: the settings' PATH)")
    # Defaults from the environment: `make new TITLE=… CATEGORY=…` passes them so.
    parser.add_argument("--title", default=os.environ.get("NEW_ARTICLE_TITLE", ""))
    parser.add_argument("--category", default=os.environ.get("NEW_ARTICLE_CATEGORY", ""))
    parser.add_argument("--author", default=os.environ.get("NEW_ARTICLE_AUTHOR", ""))
    parser.add_argument("--editor", default=os.environ.get("NEW_ARTICLE_EDITOR", ""))
    options = parser.parse_args(argv)
    overrides = {"PATH": os.path.abspath(options.content)} if options.content else None
    settings = read_settings(options.settings, override=overrides)
    try:
        path = new_article(settings, options.title, options.category, options.author,
                           options.editor)
    except ScaffoldError as error:
        print(f"make new: {error}", file=sys.stderr)
        return 2
    shown = os.path.relpath(path)
    print(f"Đã tạo {shown}")
    missing = [name for name, value in (("Tác giả", options.author),
                                        ("Biên tập", options.editor)) if not value.strip()]
    if missing:
        print(f"Điền {' và '.join(missing)}, viết nội dung, rồi chạy: make check FILE={shown}")
    else:
        print(f"Viết nội dung, rồi chạy: make check FILE={shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
