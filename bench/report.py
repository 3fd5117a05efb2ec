"""The results table (RESULTS.md) and its rows.

Every row is (figure, value, target, ratio, met). `ratio` is the measured value divided
by the target's bound (≤ 1 meets an upper bound, ≥ 1 a lower bound); build times also
show their ratio to plain Pelican's cold build in the value column.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# The figure names, in table order. The smoke test checks that each one is in the file.
FIGURES = [
    "Plain Pelican cold build",
    "Portal cold build, all features",
    "Portal rebuild after one article changes",
    "Peak memory during build",
    "Full index build",
    "Index size",
    "Index update after one article changes",
    "In-process search, 2-word, p50",
    "In-process search, 2-word, p99",
    "In-process search, unaccented, p50",
    "In-process search, unaccented, p99",
    "In-process search, quoted phrase, p50 / p99",
    "In-process search, 3-syllable names unaccented, p50 / p99",
    "Unique titles as queries, own article not first",
    "In-process search, section filter, p50 / p99",
    "HTTP popular mix, requests/s",
    "HTTP popular mix, p50 / p99",
    "HTTP popular mix, errors",
    "HTTP all-distinct, requests/s",
    "HTTP all-distinct, p50 / p99",
    "HTTP all-distinct, errors",
    "Naive service, popular mix, requests/s and p50 / p99",
    "Naive service, all-distinct, requests/s and p50 / p99",
    "Naive service, errors",
    "Home page HTML + CSS + JS",
    "Home page requests",
    "Article page HTML + CSS + JS",
    "Article page requests",
    "Requests off the site",
    "Photo processing per new photo (8 copies, one core)",
    "Photo work in the cold build",
    "Photos processed in the one-edit rebuild",
    "Home page at 360 px, all bytes with photos",
    "Article page with a camera photo at 360 px, all bytes with photos",
]


@dataclass
class Row:
    figure: str
    value: str
    target: str = "—"
    ratio: str = "—"
    met: str = "—"


def upper(figure: str, value: float, bound: float, shown: str, target: str) -> Row:
    ratio = value / bound if bound else float("inf")
    return Row(figure, shown, target, f"{ratio:.2f}", "yes" if value <= bound else "**no**")


def both_upper(figure: str, p50: float, p99: float, bound50: float, bound99: float) -> Row:
    """A p50 / p99 pair against its two bounds; the ratio is the worse of the two."""
    ratio = max(p50 / bound50, p99 / bound99)
    return Row(figure, f"{p50:.1f} / {p99:.1f} ms", f"≤ {bound50:g} / {bound99:g} ms",
               f"{ratio:.2f}", "yes" if ratio <= 1 else "**no**")


def lower(figure: str, value: float, bound: float, shown: str, target: str) -> Row:
    ratio = value / bound if bound else float("inf")
    return Row(figure, shown, target, f"{ratio:.2f}", "yes" if value >= bound else "**no**")


def zero(figure: str, value: int, shown: str | None = None) -> Row:
    return Row(figure, shown or str(value), "0", "—", "yes" if value == 0 else "**no**")


def machine() -> dict:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "memory": memory,
        "cpu": cpu,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "pelican": version("pelican"),
        "whoosh": version("whoosh3"),
        "markdown": version("markdown"),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _table(rows: list[Row]) -> str:
    lines = ["| figure | value | target | ratio | met |", "|---|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.value} | {r.target} | {r.ratio} | {r.met} |" for r in rows]
    return "\n".join(lines)


def write_markdown(path: Path, rows: list[Row], info: dict, details: str) -> None:
    m = info["machine"]
    header = f"""# Benchmark results

Written by `python -m bench.run` ({info['mode']}); do not edit by hand: run
`make bench` (N=10,000) or `make bench N=2000` to refresh it. How the figures are
measured: bench/README.md.

- Corpus: **N = {info['n']:,}** articles (seed {info['seed']}), {info['published']:,} published,
  median {info['median_words']} words; {info['with_stats']} with a statistics record,
  {info['with_photo']} with a lead photo.
- Machine: {m['cores']} cores ({m['cores_usable']} usable), {m['memory']} memory, {m['cpu']};
  Python {m['python']}, Pelican {m['pelican']}, whoosh3 {m['whoosh']}, Markdown {m['markdown']};
  {m['platform']}; {m['when']}.
- Harness wall time: {info['harness_seconds']:.0f} s.

"""
    met = [r for r in rows if r.met not in ("—",)]
    failed = [r.figure for r in met if r.met != "yes"]
    summary = (f"**{len(met) - len(failed)} of {len(met)} targets met.**" + (
        " Missed: " + "; ".join(failed) + "." if failed else ""))
    path.write_text(header + _table(rows) + "\n\n" + summary + "\n\n" + details + "\n",
                    encoding="utf-8")
