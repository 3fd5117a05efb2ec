"""The internal names of other packages this project relies on, one module per
dependency: `pelican_names` (Pelican), `sitemap_names` (pelican-sitemap) and
`whoosh_names` (whoosh3).

An internal name (an underscored attribute, a private method we override, the text of
a log message we match, an attribute no documentation promises) may change in any
release, and some of our code would then stop working without a word: an override
nobody calls, a filter that matches nothing, a `hasattr` that says no. Each module
lists those names as `Name` records; its `missing()` gives the ones the installed
version no longer has, and its `require()` raises a RuntimeError naming each of them
and the files that need it. The plugins call `require()` in `register()`, so an
upgrade that takes one away stops the build at once; tests/upstream checks the lists
and, where that is cheap, the behaviour relied on.

The checks are cheap: an import the plugin makes anyway, getattr, and a look at the
names and constants in the owner's compiled code (no source is read). This package
imports nothing itself: `whoosh_names` is imported by the search service, which never
imports Pelican.
"""

from __future__ import annotations

import importlib
import types
from dataclasses import dataclass
from importlib import metadata

ATTRIBUTE = "attribute"  # the owner has the attribute (getattr)
USED = "used"  # the owner's code names it: sets or reads `obj.<name>`, calls it
TEXT = "text"  # a string constant in the owner's code contains it (a log message)


@dataclass(frozen=True)
class Name:
    """One internal name: what of `owner` we rely on, and which of our files do."""

    owner: str  # "module" or "module:Qualified.path" (a class, a function, an object)
    name: str  # the attribute's name, or for TEXT the text
    relied_on: str  # what our code relies on
    users: tuple[str, ...]  # our files that rely on it, from the repository's root
    kind: str = ATTRIBUTE

    def __str__(self) -> str:
        where = {ATTRIBUTE: f"{self.owner}.{self.name}",
                 USED: f"{self.name!r} in the code of {self.owner}",
                 TEXT: f"the text {self.name!r} in the code of {self.owner}"}[self.kind]
        return f"{where}: {self.relied_on} (needed by {', '.join(self.users)})"


def resolve(owner: str):
    """The object "module:Qualified.path" names (ImportError, AttributeError if none)."""
    module_name, _, path = owner.partition(":")
    found = importlib.import_module(module_name)
    for part in path.split(".") if path else ():
        found = getattr(found, part)
    return found


def present(record: Name) -> bool:
    try:
        owner = resolve(record.owner)
    except (ImportError, AttributeError):
        return False
    if record.kind == ATTRIBUTE:
        return hasattr(owner, record.name)
    codes = list(_code_objects(owner))
    if record.kind == USED:
        return any(record.name in code.co_names for code in codes)
    if record.kind == TEXT:
        return any(record.name in text for code in codes for text in _texts(code.co_consts))
    raise ValueError(f"unknown kind {record.kind!r} of {record.owner}")


def missing(names) -> list[Name]:
    """The records whose name the installed version no longer has."""
    return [record for record in names if not present(record)]


def require(names, dependency: str, distribution: str, listed_in: str) -> None:
    """RuntimeError naming every missing name and the files that need it."""
    gone = missing(names)
    if not gone:
        return
    try:
        version = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        version = "(not installed)"
    lines = "\n".join(f"  - {record}" for record in gone)
    raise RuntimeError(
        f"{dependency} {version} no longer has {len(gone)} internal name(s) this project "
        f"relies on (the list: plugins/{listed_in.replace('.', '/')}.py):\n{lines}\n"
        f"Adapt those files to this {dependency}, or install the version "
        "pyproject.toml pins.")


def _code_objects(owner):
    """The code objects of a function, of a class's methods or of a module's functions
    and classes (those defined there), nested functions included."""
    seen: set[int] = set()
    pending = list(_functions(owner, getattr(owner, "__name__", None)))
    while pending:
        code = pending.pop()
        if id(code) in seen:
            continue
        seen.add(id(code))
        yield code
        pending += [const for const in code.co_consts if isinstance(const, types.CodeType)]


def _functions(obj, module_name, depth: int = 0):
    """Code objects of `obj`: a function, a wrapper of one, a class or a module."""
    if isinstance(obj, staticmethod | classmethod):
        obj = obj.__func__
    if isinstance(obj, property):
        for accessor in (obj.fget, obj.fset, obj.fdel):
            if accessor is not None:
                yield from _functions(accessor, module_name, depth)
        return
    obj = getattr(obj, "__wrapped__", obj)
    if isinstance(obj, types.MethodType):
        obj = obj.__func__
    if isinstance(obj, types.FunctionType):
        yield obj.__code__
    elif isinstance(obj, types.ModuleType) and depth == 0:
        for value in vars(obj).values():
            if getattr(value, "__module__", None) == obj.__name__:
                yield from _functions(value, obj.__name__, depth + 1)
    elif isinstance(obj, type) and depth <= 1:
        for value in vars(obj).values():
            yield from _functions(value, module_name, depth + 1)
    elif isinstance(getattr(obj, "func", None), types.FunctionType):
        yield obj.func.__code__  # a decorator object holding the function (memoized)


def _texts(consts):
    for const in consts:
        if isinstance(const, str):
            yield const
        elif isinstance(const, tuple | frozenset):
            yield from _texts(const)
