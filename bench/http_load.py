"""Search over HTTP through nginx + gunicorn on 127.0.0.1, loaded with Debian's wrk.

Both services run behind the same nginx configuration (deploy/nginx-site.conf via
deploy/local_stack.py): the production one (`search_index.service:application`, the
workers deploy/gunicorn.conf.py gives it) and the naive one (bench/naive_service.py,
gunicorn with one sync worker). wrk runs 2 threads and 16 connections and walks a list
of `/search?q=…` paths (bench/walk_paths.lua); the Lua `done` hook reports requests,
errors (socket errors and non-2xx/3xx answers) and latency percentiles.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
from local_stack import free_port, production_stack  # noqa: E402, F401 (preview.py)

LUA = Path(__file__).resolve().parent / "walk_paths.lua"
CONNECTIONS = 16
THREADS = 2
NAIVE_APP = "bench.naive_service:application"


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed: run `make system-deps` (apt-get install wrk)")
    return found


def run_wrk(base_url: str, paths: list[str], seconds: float, paths_file: Path,
            connections: int = CONNECTIONS, threads: int = THREADS) -> dict:
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    command = [wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--latency", "--timeout", "10s", "-s", str(LUA), base_url, "--",
               str(paths_file), str(threads)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{result.stdout}{result.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    duration = data["duration_us"] / 1e6
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return {
        "requests": data["requests"],
        "seconds": round(duration, 2),
        "rps": round(data["requests"] / duration, 1) if duration else 0.0,
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p90_ms": round(data["p90_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "max_ms": round(data["max_us"] / 1000, 2),
        "errors": errors,
        "error_detail": {k: data[k] for k in ("connect", "read", "write", "status", "timeout")},
        "distinct_paths": len(set(paths)),
        "wrapped": data["requests"] > len(paths),
        "wrk_output": result.stdout,
    }


@contextmanager
def stack(site: Path, index_dir: Path, tmp: Path, naive: bool):
    if naive:
        with production_stack(site, index_dir, tmp, workers=1, app=NAIVE_APP,
                              env={"PYTHONPATH": _pythonpath()}) as running:
            yield running
    else:
        workers = int(os.environ.get("SEARCH_WORKERS", (os.cpu_count() or 1) + 1))
        with production_stack(site, index_dir, tmp, workers=workers) as running:
            yield running


def _pythonpath() -> str:
    existing = os.environ.get("PYTHONPATH")
    return f"{REPO}{os.pathsep}{existing}" if existing else str(REPO)


def replay(base_url: str, paths: list[str], threads: int = 6) -> float:
    """Request every path (in order, `threads` at a time); the seconds it took."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(path: str) -> None:
        with urllib.request.urlopen(base_url + path, timeout=60) as response:
            response.read()

    import time

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, paths))
    return time.perf_counter() - started


def check_ok(base_url: str, path: str) -> None:
    with urllib.request.urlopen(base_url + path, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")


def load_test(site: Path, index_dir: Path, tmp: Path, naive: bool, workloads: dict,
              seconds: float, warmup: list[str], warmup_seconds: float) -> dict:
    """{workload: wrk figures} for one service; `workloads` maps a name to its paths."""
    name = "naive" if naive else "production"
    results = {}
    with stack(site, index_dir, tmp / name, naive) as running:
        check_ok(running.base_url, warmup[0])
        run_wrk(running.base_url, warmup, warmup_seconds, tmp / f"{name}-warmup.txt")
        for workload, paths in workloads.items():
            results[workload] = run_wrk(running.base_url, paths, seconds,
                                        tmp / f"{name}-{workload}.txt")
    return results
