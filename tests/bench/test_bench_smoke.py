"""The benchmark harness runs end to end at N=200 (a smoke test: nothing is timed).

The full measurement is `make bench` (N=10,000, 15-25 minutes on 2 cores) or
`make bench N=2000`; it rewrites bench/RESULTS.md. This test writes its table into a
temporary folder (--out) and never touches bench/RESULTS.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.report import FIGURES  # noqa: E402

pytestmark = pytest.mark.build

RESULTS = REPO / "bench" / "RESULTS.md"


def _fingerprint():
    return hashlib.sha256(RESULTS.read_bytes()).hexdigest() if RESULTS.exists() else None


def test_harness_writes_every_figure_at_n_200(tmp_path):
    before = _fingerprint()
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--n", "200", "--quick", "--out", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    table = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    missing = [figure for figure in FIGURES if f"| {figure} |" not in table]
    assert missing == []
    assert "cores" in table and "Python" in table
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert data["n"] == 200 and data["quick"] is True
    for service in ("production", "naive"):
        for workload in ("popular", "distinct"):
            assert data["http"][service][workload]["requests"] > 0
    assert data["builds"]["portal-rebuild"]["returncode"] == 0
    for page in ("home", "article"):
        assert data["browser"][page]["requests"] > 1
        assert data["browser"][page]["offsite"] == [], "a page made a request off the site"
    assert _fingerprint() == before, "the smoke test must not rewrite bench/RESULTS.md"
