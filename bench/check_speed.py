"""`make check` against the corpus: the whole content folder and one file, each in a
fresh process as an editor runs it; the naive way to find content errors, a Pelican
build, is the plain cold build measured beside it.

    python -m bench.check_speed --n 10000      # standalone: corpus, check, plain build
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from . import builds, corpus
from .builds import REPO

TARGETS = {"check_all_s": 15.0, "check_one_s": 1.0}
RUNS = 3  # each check, the fastest counts


def check_command(content: Path, *files: Path) -> list[str]:
    sections = json.dumps(builds.corpus_sections(), ensure_ascii=False)
    return [sys.executable, "-m", "portal_content.check", "--settings",
            str(REPO / "pelicanconf.py"), "--content", str(content),
            "-e", f"PORTAL_SECTIONS={sections}", *map(str, files)]


def timed(command: list[str]) -> tuple[float, str]:
    best, output = float("inf"), ""
    for _ in range(RUNS):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                                timeout=600)
        best = min(best, time.perf_counter() - started)
        output = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        if result.returncode not in (0, 1):
            raise RuntimeError(f"check failed: {result.stderr[-2000:]}")
    return best, output


def measure(made: corpus.Corpus) -> dict:
    content = made.folder
    one = content / made.published[len(made.published) // 2].path
    all_seconds, all_summary = timed(check_command(content))
    one_seconds, one_summary = timed(check_command(content, one))
    return {"all_seconds": round(all_seconds, 2), "all_summary": all_summary,
            "one_seconds": round(one_seconds, 2), "one_summary": one_summary,
            "files": len(made.articles)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = (args.work or REPO / "bench" / "out" / f"check-n{args.n}").resolve()
    work.mkdir(parents=True, exist_ok=True)
    made = corpus.generate(work / "content", args.n, args.seed)
    figures = measure(made)
    plain = builds.plain_build(work, made.folder)
    figures["plain_cold_seconds"] = round(plain.seconds, 2)
    figures["plain_over_check"] = round(plain.seconds / figures["all_seconds"], 1)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
