"""Collects what went wrong in one build, so a publish build can fail listing all of it.

Pelican logs a file it cannot process ("Could not process …", without the reason unless
--debug) and carries on with exit code 0; with -q it logs nothing at all. The report
learns of every such file from Pelican's readers and its own bookkeeping, whatever the
log level, so strict mode turns them into a failed build, each with its reason.
"""

from __future__ import annotations

import functools
import logging
import os

from pelican.utils import posixize_path

from .metadata_rules import ContentRulesError, Violation

logger = logging.getLogger(__name__)

# Pelican's log lines that the report states better (naming the file and why).
COULD_NOT_PROCESS = "Could not process %s"
UNABLE_TO_FIND_GROUP = "Other resources were not found and their urls not replaced"
UNKNOWN_LINK_KIND = "Replacement Indicator "


class BuildFailed(Exception):
    exitcode = 1


class _ErrorCollector(logging.Handler):
    """Other errors Pelican logs (when its log level lets them through)."""

    def __init__(self, report: BuildReport):
        super().__init__(level=logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(__package__):
            return  # our own violations are already in the report
        self.report.errors.append(record.getMessage())


class _ReportedElsewhere(logging.Filter):
    """Drops Pelican's own line for a problem the report has logged with its reason."""

    def __init__(self, report: BuildReport):
        super().__init__()
        self.report = report

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == COULD_NOT_PROCESS and record.args:
            return source_key(str(record.args[0])) not in self.report.failed
        if record.__dict__.get("limit_msg") == UNABLE_TO_FIND_GROUP:  # "Unable to find …"
            if self.report.checking_links:
                return False
            return not (record.args and str(record.args[0]) in self.report.broken_links)
        if str(record.msg).startswith(UNKNOWN_LINK_KIND):
            return not self.report.checking_links
        return True


def source_key(path: str) -> str:
    """A source path as Pelican keys its bookkeeping: relative to the content folder, '/'."""
    return posixize_path(os.path.normpath(path))


class BuildReport:
    def __init__(self) -> None:
        self.violations: list[Violation] = []
        self.errors: list[str] = []
        # content-relative path -> why Pelican left the file out (None: its violations say)
        self.failed: dict[str, str | None] = {}
        self.broken_links: set[str] = set()  # link targets reported, as Pelican logs them
        self.checking_links = False
        self._handler = _ErrorCollector(self)
        self._filter = _ReportedElsewhere(self)

    def start(self) -> None:
        """Begin a build: forget the last one and listen to Pelican's errors."""
        self.violations.clear()
        self.errors.clear()
        self.failed.clear()
        self.broken_links.clear()
        logging.getLogger("pelican").addHandler(self._handler)
        for name in ("pelican.generators", "pelican.contents"):
            logging.getLogger(name).addFilter(self._filter)

    def add(self, violations: list[Violation]) -> None:
        for violation in violations:
            logger.error("%s", violation)
        self.violations.extend(violations)

    def file_failed(self, path: str, error: Exception) -> None:
        """Pelican will leave out `path` (content-relative) because making it raised `error`."""
        if path in self.failed:
            return
        if isinstance(error, ContentRulesError):
            self.failed[path] = None
            self.add(error.violations)
            return
        message = f"{path}: {_why_unreadable(error)}"
        self.failed[path] = message
        logger.error("%s", message)

    def note_left_out(self, generated_content: dict) -> None:
        """Files Pelican marked as failed (None) for a reason no error of ours gives,
        e.g. its own validity checks."""
        for path, content in generated_content.items():
            if content is None and path not in self.failed:
                if any(path in error for error in self.errors):
                    self.failed[path] = None  # Pelican's own error names it
                    continue
                self.failed[path] = (f"{path}: Pelican left this file out (its message, if "
                                     "any, is above; `pelican --debug` shows every detail)")

    def problems(self) -> list[str]:
        left_out = [message for message in self.failed.values() if message]
        return [str(v) for v in self.violations] + left_out + self.errors

    def fail_if_any(self) -> None:
        problems = self.problems()
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise BuildFailed(
                f"{len(problems)} content error(s); nothing was published:\n{listing}"
            )


def _why_unreadable(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text ({error}); expected the file saved as UTF-8"
    return (f"Pelican could not process it ({type(error).__name__}: {error}); expected a "
            "Markdown file with 'Key: value' lines, a blank line, then the body")


def reporting_failures(read_file):
    """Wrap Readers.read_file so that each file it fails on is in the report with the
    exception's message: Pelican catches it, and logs it only at its own log level."""

    @functools.wraps(read_file)
    def read(base_path, path, *args, **kwargs):
        try:
            return read_file(base_path, path, *args, **kwargs)
        except Exception as error:
            full = os.path.abspath(os.path.join(base_path, path))
            REPORT.file_failed(source_key(os.path.relpath(full, base_path)), error)
            raise

    return read


REPORT = BuildReport()
