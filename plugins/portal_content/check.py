"""`make check [FILE=…]`: the editors' contract over the content, without building.

    python -m portal_content.check --settings pelicanconf.py [--english] [FILE …]

Prints the messages a build would print (the same rules, the same texts), sorted by
file and line, then one summary line; exits 1 when there is an error, 0 otherwise
(warnings alone do not fail). With FILE, only those files' messages are shown, but
rules across files (two articles with one address, names that would share a page)
still compare them with every other file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings
from pelican.utils import posixize_path, slugify

from . import messages, metadata_rules, names
from .checking import check_source_links, check_text, drops_file, is_page
from .header import Header
from .messages import Violation
from .settings import ContractSettings

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Checked:
    path: str
    header: Header | None
    violations: list[Violation]


def content_files(settings) -> list[tuple[str, Path]]:
    """(content-relative path, file) of every file under the article and page folders."""
    root = Path(settings["PATH"])
    found = []
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        base = root / folder
        if not base.is_dir():
            continue
        for directory, subfolders, files in os.walk(base):
            subfolders.sort()
            for name in sorted(files):
                file = Path(directory) / name
                found.append((posixize_path(os.path.relpath(file, root)), file))
    return found


def check_file(path: str, file: Path, settings, contract) -> Checked:
    if file.suffix.lower() not in MARKDOWN_SUFFIXES or file.suffix != file.suffix.lower():
        return Checked(path, None, [Violation(path, None, None, "not_markdown",
                                              {"suffix": file.suffix or "(không có)"})])
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Checked(path, None, [Violation(path, None, None, "not_utf8",
                                              {"error": str(error)})])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, violations = check_text(text, path, settings, contract)
    violations += check_source_links(header, path, settings)
    return Checked(path, header, violations)


def across_files(checked: list[Checked], settings) -> list[Violation]:
    """Rules that compare files: one address each, names that would share a page."""
    built = [c for c in checked if c.header is not None and not drops_file(c.violations)]
    found = []
    for pages in (False, True):
        group = [c for c in built if is_page(c.path, settings) == pages]
        found += _duplicate_slugs(group, settings)
    articles = [c for c in built if not is_page(c.path, settings)]
    uses = [use for c in articles for use in _name_uses(c)]
    plan = names.plan(uses, lambda kind, name: metadata_rules.name_slug(kind, name, settings),
                      lambda kind, slug: settings.get(f"{kind.upper()}_URL", "{slug}/")
                      .format(slug=slug))
    return found + list(plan.notes)


def _slug(header: Header, settings) -> str:
    if header.has("slug"):
        return header.value("slug").strip()
    return slugify(header.value("title"),
                   regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def _duplicate_slugs(group: list[Checked], settings) -> list[Violation]:
    first, found = {}, []
    for checked in sorted(group, key=lambda c: c.path):
        slug = _slug(checked.header, settings)
        if slug in first:
            key = "slug" if checked.header.has("slug") else "title"
            found.append(Violation(checked.path, checked.header.line(key), "slug",
                                   "duplicate_slug", {"slug": slug, "other": first[slug]}))
        else:
            first[slug] = checked.path
    return found


def _name_uses(checked: Checked):
    header = checked.header
    for key, (kind, _) in metadata_rules.NAME_FIELDS.items():
        field = header.get(key)
        for name in metadata_rules.names_of(header, key):
            yield names.NameUse(kind, name, checked.path, field.line, key, field.written)


def run(settings_file: str, only: list[str], english: bool = False,
        content: str | None = None, extra: dict | None = None) -> int:
    overrides = {**(extra or {}), **({"PATH": os.path.abspath(content)} if content else {})}
    settings = read_settings(settings_file, override=overrides or None)
    contract = ContractSettings.from_settings(settings)
    messages.set_language("en" if english else contract.language)
    root = Path(settings["PATH"])
    checked = [check_file(path, file, settings, contract)
               for path, file in content_files(settings)]
    violations = [v for c in checked for v in c.violations] + across_files(checked, settings)
    wanted = {_relative(name, root) for name in only}
    if wanted:
        missing = wanted - {c.path for c in checked}
        violations = [v for v in violations if v.path in wanted]
        for path in sorted(missing):
            violations.append(Violation(path, None, None, "no_such_file"))
    violations.sort(key=Violation.sort_key)
    for violation in violations:
        print(violation)
    errors = sum(not v.warning for v in violations)
    print(_summary(len(wanted) or len(checked), errors, len(violations) - errors))
    return 1 if errors else 0


def _relative(name: str, root: Path) -> str:
    file = Path(name).resolve()
    try:
        return posixize_path(os.path.relpath(file, root.resolve()))
    except ValueError:
        return posixize_path(name)


def _summary(files: int, errors: int, warnings: int) -> str:
    if messages.language() == "en":
        verdict = "no errors" if not errors else f"{errors} error(s)"
        return f"Checked {files} file(s): {verdict}, {warnings} warning(s)."
    verdict = "không có lỗi" if not errors else f"{errors} lỗi"
    return f"Đã kiểm tra {files} tệp: {verdict}, {warnings} cảnh báo."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="the content folder (default: the settings' PATH)")
    parser.add_argument("--english", action="store_true", help="messages in English")
    parser.add_argument("-e", "--extra-setting", action="append", default=[],
                        metavar="KEY=JSON", dest="extra_settings",
                        help="a setting over the file's, as `pelican -e` takes it")
    parser.add_argument("files", nargs="*", help="only these content files")
    options = parser.parse_args(argv)
    extra = {}
    for item in options.extra_settings:
        key, _, value = item.partition("=")
        extra[key] = json.loads(value)
    return run(options.settings, options.files, options.english, options.content, extra)


if __name__ == "__main__":
    sys.exit(main())
