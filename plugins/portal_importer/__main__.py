"""`make import SRC=<file or folder> CATEGORY="…"`

    python -m portal_importer --settings pelicanconf.py --category "…" SRC…

Writes one article per saved page into the section's folder (content/articles/<folder>/),
photos of saved HTML pages into content/images/imported/, and prints one line per page:
the file written, what was found, what is missing and what needs a look. Each written
file is then held to the editors' contract: its messages follow its line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from pelican.settings import read_settings
from pelican.utils import slugify
from portal_content import fields, messages
from portal_content.checking import check_text
from portal_content.settings import ContractSettings

from .pages import ImportedPage, extract

SOURCES = (".html", ".htm", ".txt")
IMAGES = "images/imported"


def sources(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCES
                            and p.is_file() and "_files" not in p.parent.name)
        else:
            found.append(path)
    return found


def header_lines(page: ImportedPage, section: str) -> list[str]:
    def line(key: str, value: str) -> str:
        return f"{fields.BY_KEY[key].vi}: {value}"

    lines = [f"# Nhập từ {page.source.name}; kiểm tra lại rồi chạy make check"]
    lines.append(line("title", page.title))
    if page.date:
        lines.append(line("date", page.date))
    lines += [line("category", section), line("author", page.author),
              line("editor", page.editor)]
    if page.source_line:
        lines.append(line("source", page.source_line))
    for proposal in page.figures:
        sentence = proposal.sentence.replace("\n", " ")[:160]
        lines.append(f"# Đề xuất từ câu: «{sentence}» — kiểm tra lại")
        lines.append(line(proposal.key, proposal.value))
    return lines


def body_text(page: ImportedPage, images: dict[str, str]) -> str:
    blocks = []
    for line in page.body:
        if line.kind == "heading":
            blocks.append(f"## {line.text}")
        elif line.kind == "image":
            if line.source in images:
                blocks.append(f"![{line.text}]({{static}}/{images[line.source]})")
        elif line.kind == "text":
            blocks.append(line.text)
    return "\n\n".join(blocks) + "\n"


def copy_images(page: ImportedPage, content: Path, slug: str) -> tuple[dict[str, str], list]:
    """Photos of a saved HTML page ('Save page as' keeps them beside it) -> images/."""
    copied, missing = {}, []
    for number, line in enumerate((x for x in page.body if x.kind == "image"), start=1):
        src = unquote(urlparse(line.source).path)
        found = (page.source.parent / src).resolve() if src else None
        if not found or not found.is_file() or urlparse(line.source).scheme:
            missing.append(line.source)
            continue
        target = Path(IMAGES) / f"{slug}-{number}{found.suffix.lower()}"
        (content / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, content / target)
        copied[line.source] = target.as_posix()
    return copied, missing


def write_page(page: ImportedPage, settings, contract: ContractSettings,
               section) -> tuple[Path, list]:
    content = Path(settings["PATH"])
    base = slugify(page.title or page.source.stem,
                   regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", [])) or "bai-nhap"
    folder = content / contract.sections.articles_folder / section.folder
    folder.mkdir(parents=True, exist_ok=True)
    slug, number = base, 1
    while (folder / f"{slug}.md").exists():
        number += 1
        slug = f"{base}-{number}"
    images, missing = copy_images(page, content, slug)
    if missing:
        page.notes.append(f"{len(missing)} ảnh không có trong bản lưu: "
                          + ", ".join(missing[:3]))
    header = header_lines(page, section.name)
    if slug != base:
        header.insert(2, f"{fields.BY_KEY['slug'].vi}: {slug}")
    text = "\n".join(header) + "\n\n" + body_text(page, images)
    path = folder / f"{slug}.md"
    with open(path, "x", encoding="utf-8") as file:
        file.write(text)
    relative = path.relative_to(content).as_posix()
    _, violations = check_text(text, relative, settings, contract)
    return path, violations


def report(page: ImportedPage, path: Path, violations: list) -> str:
    found = [name for name, value in (("tiêu đề", page.title), ("ngày", page.date),
                                      ("tác giả", page.author), ("biên tập", page.editor),
                                      ("nguồn", page.source_line)) if value]
    photos = sum(line.kind == "image" for line in page.body)
    if photos:
        found.append(f"{photos} ảnh")
    if page.figures:
        found.append("số liệu " + ", ".join(fields.BY_KEY[p.key].vi for p in page.figures))
    missing = [name for name, value in (("ngày", page.date), ("tác giả", page.author),
                                        ("biên tập", page.editor)) if not value]
    look = list(page.notes)
    if page.figures:
        look.append("số liệu đề xuất: xác nhận từng trường")
    if errors := [v for v in violations if not v.warning]:
        look.append(f"{len(errors)} lỗi theo make check")
    parts = [f"{page.source} → {path}", "tìm thấy: " + (", ".join(found) or "không có gì")]
    if missing:
        parts.append("thiếu: " + ", ".join(missing))
    if look:
        parts.append("cần xem: " + "; ".join(look))
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="the content folder (default: the settings' PATH)")
    parser.add_argument("--category", default=os.environ.get("IMPORT_CATEGORY", ""))
    parser.add_argument("sources", nargs="*")
    options = parser.parse_args(argv)
    overrides = {"PATH": os.path.abspath(options.content)} if options.content else None
    settings = read_settings(options.settings, override=overrides)
    contract = ContractSettings.from_settings(settings)
    messages.set_language(contract.language)
    section = contract.sections.named(options.category) if contract.sections else None
    if section is None:
        listing = ", ".join(f'"{s.name}"' for s in contract.sections or ())
        print(f'make import: CATEGORY="{options.category}" không phải chuyên mục đã khai báo; '
              f"các chuyên mục: {listing}", file=sys.stderr)
        return 2
    pages = sources(options.sources)
    if not pages:
        print("make import: SRC không có tệp .html, .htm hay .txt nào", file=sys.stderr)
        return 2
    errors = 0
    for source in pages:
        page = extract(source)
        path, violations = write_page(page, settings, contract, section)
        print(report(page, Path(os.path.relpath(path)), violations))
        for violation in sorted(violations, key=lambda v: v.sort_key()):
            print(f"    {violation}")
        errors += any(not v.warning for v in violations)
    print(f"Đã nhập {len(pages)} trang; {errors} trang cần sửa trước khi xuất bản.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
