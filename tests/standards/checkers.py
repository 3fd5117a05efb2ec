"""The outside checkers the standards tests run: the Nu HTML Checker (npm vnu-jar on
Debian's Java) and axe-core (npm, injected into Chromium pages by Playwright).

Both come from tests/npm (exact pins, `make test-tools`); a missing one fails the test
with the command that installs it, never skips it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

NPM = Path(__file__).resolve().parent.parent / "npm" / "node_modules"
VNU_JAR = NPM / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NPM / "axe-core" / "axe.min.js"
INSTALL = "run `make test-tools` (npm ci --prefix tests/npm --ignore-scripts)"


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        raise AssertionError("Java is not installed: run `make system-deps` "
                             "(apt-get install default-jre-headless) for the Nu HTML Checker")
    return java


def require(path: Path) -> Path:
    if not path.is_file():
        raise AssertionError(f"{path.relative_to(NPM.parent.parent.parent)} is missing: {INSTALL}")
    return path


def vnu_messages(files: list[Path]) -> list[dict]:
    """Every message of the Nu HTML Checker on `files` (type, message, url, line)."""
    assert files, "no HTML file to check"
    command = [require_java(), "-jar", str(require(VNU_JAR)), "--format", "json",
               "--exit-zero-always", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """'file:line: message' for each error (warnings and info left out)."""
    found = []
    for message in vnu_messages(files):
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = message.get("url", "").removeprefix("file:")
            if where.startswith(str(root)):
                where = Path(where).relative_to(root).as_posix()
            found.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return found


def axe_source() -> str:
    return require(AXE_JS).read_text(encoding="utf-8")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page, source: str) -> list[str]:
    """axe-core's violations of WCAG 2.0/2.1 A and AA and its best practices on `page`.

    Evaluated through the DevTools protocol, so the site's Content-Security-Policy
    (no inline script) does not block it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source + "\n;undefined")
    results = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in results["violations"]]
