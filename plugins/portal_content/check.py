"""`make check [FILE=…]`: the editors' contract over the content, without building.

    python -m portal_content.check --settings pelicanconf.py [--english] [FILE …]

Prints the messages a build would print (the same rules, the same texts), sorted by
file and line, then one summary line; exits 1 when there is an error, 0 otherwise
(warnings alone do not fail). With FILE, only those files are checked, but rules
across files (two articles with one address, names that would share a page) still
compare them with every other file's header.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings
from pelican.utils import posixize_path, slugify

from . import fields, messages, metadata_rules, names, ownership, sanitize
from .checking import (
    check_source_links,
    check_text,
    content_files,
    drops_file,
    is_markdown,
    is_page,
    not_markdown,
)
from .header import Header, HeaderField
from .messages import Violation
from .reader import markdown_for
from .settings import ContractSettings

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_RAW_HTML = re.compile(r"<[A-Za-z!/?]|&#|javascript:", re.IGNORECASE)
# The fields the rules across files compare, as other files' headers spell them.
ACROSS_KEYS = ("title", "slug", "status", *metadata_rules.NAME_FIELDS)
_ACROSS_FIELD = re.compile(
    r"^[ \t]*(?P<name>" + "|".join(sorted(
        {re.escape(name) for key in ACROSS_KEYS for name in fields.names(fields.BY_KEY[key])},
        key=len, reverse=True)) + r")[ \t]*[:\uff1a](?P<value>.*)$",
    re.IGNORECASE | re.MULTILINE)
HEAD_BYTES = 8192  # a header is shorter: other files are read this far for their fields
# Latin letters with accents (Vietnamese ones included) -> the letters without them.
_BARE = str.maketrans({chr(c): fields.fold(chr(c)) for c in range(0xC0, 0x250)
                       if fields.fold(chr(c)).isascii()}
                      | {chr(c): fields.fold(chr(c)) for c in range(0x1E00, 0x1F00)
                         if fields.fold(chr(c)).isascii()})


@dataclass
class Checked:
    path: str
    header: Header | None
    violations: list[Violation]


def check_file(path: str, file: Path, settings, contract) -> Checked:
    refusal = ownership.refused(path, settings["PATH"])
    if refusal is not None:
        return Checked(path, None, [refusal])
    if not is_markdown(path):
        return Checked(path, None, [not_markdown(path)])
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Checked(path, None, [Violation(path, None, None, "not_utf8",
                                              {"error": str(error)})])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, violations = check_text(text, path, settings, contract)
    violations += check_source_links(header, path, settings)
    violations += _markup(header, path, settings)
    return Checked(path, header, violations)


def _markup(header: Header, path: str, settings) -> list[Violation]:
    """What the build's sanitiser would take out: rendered only where raw HTML may be."""
    found = []
    sources = [("body", header.body, header.body_line, None)]
    if header.has("summary"):
        field = header.get("summary")
        sources.append(("summary", field.value, field.line, field.written))
    for key, source, line, written in sources:
        if not _RAW_HTML.search(source):
            continue
        _, dropped = sanitize.clean(markdown_for(settings).convert(source))
        if dropped:
            at = sanitize.first_line(source, dropped, line) if key == "body" else line
            found.append(sanitize.dropped_violation(path, key, dropped, at, written))
    return found


def static_symlinks(settings) -> list[Violation]:
    """Symbolic links among the published files (content/images/…): never published."""
    root = Path(settings["PATH"])
    found = []
    for folder in settings.get("STATIC_PATHS", ()):
        for directory, subfolders, files in os.walk(root / folder):
            for name in sorted(subfolders + files):
                relative = posixize_path(os.path.relpath(Path(directory) / name, root))
                refusal = ownership.refused(relative, settings["PATH"])
                if refusal is not None and refusal.code == "symlink":
                    found.append(refusal)
    return found


def header_only(path: str, file: Path) -> Checked:
    """Another file's header, for the rules across files: read up to its first blank
    line, only the fields those rules compare (its own problems are not this check's)."""
    with open(file, "rb") as opened:
        data = opened.read(HEAD_BYTES)
        if b"\n\n" not in data and b"\n\r\n" not in data:
            data += opened.read()
    ends = [i for i in (data.find(b"\n\n"), data.find(b"\n\r\n")) if i >= 0]
    block = (data[:min(ends)] if ends else data).decode("utf-8-sig", "replace")
    found = Header()
    for match in _ACROSS_FIELD.finditer(block):
        known = fields.find(match["name"])
        if known and known.key not in found.fields:
            line = block.count("\n", 0, match.start()) + 1
            found.fields[known.key] = HeaderField(known.key, match["value"].strip(), line,
                                                  match["name"].strip())
    return Checked(path, found, [])


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """Names with one slug have one key (a cheap test before Pelican's slugify): the
    letters and digits without accents."""
    return _NOT_ALNUM.sub("", text.lower().translate(_BARE)) or text


def across_files(checked: list[Checked], settings, wanted: set[str] | None = None
                 ) -> list[Violation]:
    """Rules that compare files: one address each, names that would share a page.
    With `wanted`, only what can concern those files is compared."""
    built = [c for c in checked if c.header is not None and not drops_file(c.violations)]
    if wanted:
        keys = {_key(c.header.value("slug") or c.header.value("title"))
                for c in built if c.path in wanted}
        wanted_names = {_key(name) for c in built if c.path in wanted
                 for key in metadata_rules.NAME_FIELDS
                 for name in metadata_rules.names_of(c.header, key)}
    found = _reserved(built if not wanted else [c for c in built if c.path in wanted],
                      settings)
    for pages in (False, True):
        group = [c for c in built if is_page(c.path, settings) == pages]
        if wanted:
            group = [c for c in group if _key(c.header.value("slug")
                                              or c.header.value("title")) in keys]
        found += _duplicate_slugs(group, settings)
    articles = [c for c in built if not is_page(c.path, settings)]
    uses = [use for c in articles for use in _name_uses(c, wanted_names if wanted else None)]
    slug_of = functools.cache(lambda kind, name: metadata_rules.name_slug(kind, name, settings))
    plan = names.plan(uses, slug_of,
                      lambda kind, slug: settings.get(f"{kind.upper()}_URL", "{slug}/")
                      .format(slug=slug))
    return found + list(plan.notes)


def _reserved(checked: list[Checked], settings) -> list[Violation]:
    """Files whose page would be written where the site writes its own (ownership.py)."""
    owned = ownership.reserved_paths(settings)
    found = []
    for c in checked:
        page = is_page(c.path, settings)
        category = metadata_rules.name_slug("category", c.header.value("category"), settings)
        pattern = settings["PAGE_SAVE_AS" if page else "ARTICLE_SAVE_AS"]
        try:
            save_as = pattern.format(slug=_slug(c.header, settings), category=category,
                                     lang=settings.get("DEFAULT_LANG", ""))
        except (KeyError, IndexError, ValueError):
            continue  # a pattern with fields only Pelican fills (dates): the build checks
        owner = ownership.owner_of(save_as, owned) if save_as else None
        if owner:
            key = "slug" if c.header.has("slug") else "title"
            found.append(Violation(c.path, c.header.line(key), key, "output_taken",
                                   {"output": save_as, "owner": owner},
                                   c.header.get(key).written))
    return found


def _slug(header: Header, settings) -> str:
    if header.has("slug"):
        return header.value("slug").strip()
    return slugify(header.value("title"),
                   regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def _duplicate_slugs(group: list[Checked], settings) -> list[Violation]:
    """As content_objects.duplicate_slugs, from the headers."""
    first, found = {}, []

    def draft(checked: Checked) -> bool:
        return metadata_rules.is_draft(checked.header.value("status"))

    for checked in sorted(group, key=lambda c: metadata_rules.kept_first(draft(c), c.path)):
        slug = _slug(checked.header, settings)
        if slug not in first:
            first[slug] = checked
            continue
        key = "slug" if checked.header.has("slug") else "title"
        found.append(metadata_rules.slug_clash(
            checked.path, checked.header.line(key), slug, first[slug].path,
            draft(checked) and not draft(first[slug])))
    return found


def _name_uses(checked: Checked, keys: set[str] | None = None):
    header = checked.header
    for key in metadata_rules.NAME_FIELDS:
        field = header.get(key)
        for name in metadata_rules.names_of(header, key):
            if keys is None or _key(name) in keys:
                yield names.NameUse(metadata_rules.NAME_FIELDS[key][0], name, checked.path,
                                    field.line, key, field.written)


def run(settings_file: str, only: list[str], english: bool = False,
        content: str | None = None, extra: dict | None = None) -> int:
    overrides = {**(extra or {}), **({"PATH": os.path.abspath(content)} if content else {})}
    settings = read_settings(settings_file, override=overrides or None)
    contract = ContractSettings.from_settings(settings)
    messages.set_language("en" if english else contract.language)
    root = Path(settings["PATH"])
    wanted = {_relative(name, root) for name in only}
    files = content_files(settings)
    checked = [check_file(path, file, settings, contract) for path, file in files
               if not wanted or path in wanted]
    others = [header_only(path, file) for path, file in files
              if wanted and path not in wanted and is_markdown(path)]
    violations = [v for c in checked for v in c.violations]
    violations += across_files(checked + others, settings, wanted)
    if not wanted:
        violations += static_symlinks(settings)
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
