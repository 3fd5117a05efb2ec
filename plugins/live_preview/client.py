"""The devserver's handle on its build process (live_preview.builder).

The build process has a process group of its own: Ctrl-C reaches the devserver only,
which then ends the whole group (Pelican, its indexing child, photo workers), and Linux
ends the build process should the devserver be killed outright.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

STOP_GRACE_SECONDS = 5


class BuilderGone(RuntimeError):
    """The build process ended (a crash, or the devserver stopping)."""


class BuilderProcess:
    def __init__(self, command: list[str], on_early: Callable[[dict], None]):
        self._command = command
        self._on_early = on_early
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_site(cls, settings: str, content: str, output: str, extra: dict,
                 lock: str | None, on_early: Callable[[dict], None]) -> BuilderProcess:
        command = [sys.executable, "-m", "live_preview.builder", "--settings", settings,
                   "--content", content, "--output", output, "--parent", str(os.getpid())]
        if lock:
            command += ["--lock", lock]
        if extra:
            command += ["-e", *(f"{name}={json.dumps(value)}" for name, value in extra.items())]
        return cls(command, on_early)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def _start(self) -> subprocess.Popen:
        process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   text=True, encoding="utf-8", process_group=0)
        if self._read(process).get("event") != "ready":
            raise BuilderGone("the build process did not start")
        return process

    def _read(self, process: subprocess.Popen) -> dict:
        line = process.stdout.readline()
        if not line:
            raise BuilderGone(f"the build process ended (exit {process.poll()})")
        return json.loads(line)

    def build(self, changed: list[str]) -> dict:
        """One build (the changed articles' pages first); its "built" answer. A build
        process that died is started again for the next build."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            process = self._process
            try:
                process.stdin.write(json.dumps({"changed": changed}) + "\n")
                process.stdin.flush()
                while (answer := self._read(process)).get("event") == "early":
                    self._on_early(answer)
            except (BrokenPipeError, BuilderGone):
                self._process = None
                raise BuilderGone("the build process ended during a build") from None
            return answer

    def stop(self) -> None:
        """End the build process and everything it started (its process group)."""
        process = self._process
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_GRACE_SECONDS)
        # Whatever is left: the process itself after the grace time, or what it started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
