"""Collects what went wrong in one build, so a publish build can fail listing all of it.

Pelican logs a file it cannot process and carries on with exit code 0; the report
captures those errors too, so strict mode turns them into a failed build.
"""

from __future__ import annotations

import logging

from .metadata_rules import Violation

logger = logging.getLogger(__name__)


class BuildFailed(Exception):
    exitcode = 1


class _ErrorCollector(logging.Handler):
    def __init__(self, report: BuildReport):
        super().__init__(level=logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(__package__):
            return  # our own violations are already in the report
        self.report.errors.append(record.getMessage())


class BuildReport:
    def __init__(self) -> None:
        self.violations: list[Violation] = []
        self.errors: list[str] = []
        self._handler = _ErrorCollector(self)

    def start(self) -> None:
        """Begin a build: forget the last one and listen to Pelican's errors."""
        self.violations.clear()
        self.errors.clear()
        logging.getLogger("pelican").addHandler(self._handler)

    def add(self, violations: list[Violation]) -> None:
        for violation in violations:
            logger.error("%s", violation)
        self.violations.extend(violations)

    def problems(self) -> list[str]:
        others = [e for e in self.errors if not self._already_reported(e)]
        return [str(v) for v in self.violations] + others

    def _already_reported(self, error: str) -> bool:
        """Pelican's 'Could not process <file>' for a file whose violations we logged."""
        prefix = "Could not process "
        if not error.startswith(prefix):
            return False
        failed = error[len(prefix):].strip()
        return any(v.path.endswith(failed) for v in self.violations)

    def fail_if_any(self) -> None:
        problems = self.problems()
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise BuildFailed(
                f"{len(problems)} content error(s); nothing was published:\n{listing}"
            )


REPORT = BuildReport()
