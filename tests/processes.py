"""Processes as /proc shows them, for the tests that stop servers and builds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path


def _stats() -> Iterator[tuple[int, list[str]]]:
    """(pid, the fields of /proc/<pid>/stat after the command name) of each process."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            yield int(stat.parent.name), stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue


def children(pid: int) -> list[int]:
    return [child for child, fields in _stats() if int(fields[1]) == pid]


def descendant_groups(pid: int) -> set[int]:
    """The process groups of `pid`'s descendants (a child may have made its own)."""
    groups, parents = set(), {pid}
    for _ in range(4):  # a few levels down
        for child, fields in _stats():
            if int(fields[1]) in parents:
                parents.add(child)
                groups.add(int(fields[2]))
    return groups


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap what it inherits)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def group_running(group: int) -> list[int]:
    return [pid for pid, fields in _stats() if int(fields[2]) == group and fields[0] != "Z"]


def wait_until(condition, timeout: float = 60, step: float = 0.005):
    """The condition's first true value, or None once `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if time.monotonic() > deadline:
            return None
        time.sleep(step)
    return found
