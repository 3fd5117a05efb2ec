"""Collects what went wrong in one build, to show it once, sorted, when reading is done,
and so that a publish build can fail listing all of it.

Pelican logs a file it cannot process ("Could not process …", without the reason unless
--debug) and carries on with exit code 0; with -q it logs nothing at all. The report
learns of every such file from Pelican's readers and its own bookkeeping, whatever the
log level, so strict mode turns them into a failed build, each with its reason.

The contract's messages are written straight to standard error, one per line and sorted
by file and line, rather than through Pelican's log console, which wraps long lines in
the middle of a file name and prints them in the order files happen to be read.
"""

from __future__ import annotations

import functools
import logging
import os
import sys

from pelican.utils import posixize_path

from . import ownership
from .messages import Violation, language
from .metadata_rules import ContentRulesError

logger = logging.getLogger(__name__)

# Pelican's log lines that the report states better (naming the file and why), or that
# are wrong for this site: a captioned photo has alt="" on purpose (portal_content.figures)
# and a photo without any text is reported by the contract.
COULD_NOT_PROCESS = "Could not process %s"
UNABLE_TO_FIND_GROUP = "Other resources were not found and their urls not replaced"
UNKNOWN_LINK_KIND = "Replacement Indicator "
EMPTY_ALT = "Empty alt attribute for image %s in %s"
OVERWRITE_ERROR = "FileOverwriteFailedError"  # pelican.writers: a path written twice
# The texts above and the modules that log them: plugins/upstream/pelican_names.py.
# Logger filters see only the records of their own logger: one for each such module.
FILTERED_LOGGERS = ("pelican", "pelican.generators", "pelican.contents", "pelican.readers")


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
    """Drops Pelican's own line for a problem the report states with its reason."""

    def __init__(self, report: BuildReport):
        super().__init__()
        self.report = report

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], BuildFailed):
            record.exc_info = None  # the list was printed above; its traceback says nothing
            return True
        if record.exc_info and type(record.exc_info[1]).__name__ == OVERWRITE_ERROR:
            record.exc_info = None  # the message names the file; the traceback adds nothing
            return True
        if record.msg == COULD_NOT_PROCESS and record.args:
            return source_key(str(record.args[0])) not in self.report.failed
        if record.msg == EMPTY_ALT:
            return False
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
        self._seen: set[tuple] = set()
        self.errors: list[str] = []
        # content-relative path -> why Pelican left the file out (None: its violations say)
        self.failed: dict[str, Violation | None] = {}
        self.broken_links: set[str] = set()  # link targets reported, as Pelican logs them
        self.checking_links = False
        self._handler = _ErrorCollector(self)
        self._filter = _ReportedElsewhere(self)

    def start(self) -> None:
        """Begin a build: forget the last one and listen to Pelican's errors."""
        self.violations.clear()
        self._seen.clear()
        self.errors.clear()
        self.failed.clear()
        self.broken_links.clear()
        logging.getLogger("pelican").addHandler(self._handler)
        for name in FILTERED_LOGGERS:
            logging.getLogger(name).addFilter(self._filter)

    def add(self, violations) -> None:
        for violation in violations:
            identity = (violation.path, violation.line, violation.key, violation.code,
                        violation.message)
            if identity not in self._seen:
                self._seen.add(identity)
                self.violations.append(violation)

    def file_failed(self, path: str, error: Exception) -> None:
        """Pelican will leave out `path` (content-relative) because making it raised `error`."""
        if path in self.failed:
            return
        if isinstance(error, ContentRulesError):
            self.failed[path] = None
            self.add(error.violations)
            return
        self.failed[path] = _unreadable(path, error)

    def note_left_out(self, generated_content: dict) -> None:
        """Files Pelican marked as failed (None) for a reason no error of ours gives,
        e.g. its own validity checks."""
        for path, content in generated_content.items():
            if content is None and path not in self.failed:
                if any(path in error for error in self.errors):
                    self.failed[path] = None  # Pelican's own error names it
                    continue
                self.failed[path] = Violation(path, None, None, "left_out")

    def all_violations(self) -> list[Violation]:
        left_out = [v for v in self.failed.values() if v is not None]
        return sorted([*self.violations, *left_out], key=Violation.sort_key)

    def problems(self) -> list[str]:
        """Everything that fails a publish: errors, not warnings."""
        return [str(v) for v in self.all_violations() if not v.warning] + self.errors

    def show(self, stream=None) -> None:
        """Print the build's violations, sorted, one per line (fixes on the next)."""
        stream = stream or sys.stderr
        for violation in self.all_violations():
            print(violation, file=stream)
        stream.flush()

    def summary(self) -> str:
        shown = self.all_violations()
        errors = sum(not v.warning for v in shown)
        warnings = len(shown) - errors
        files = len({v.path for v in shown})
        if language() == "en":
            return (f"{errors} content error(s) and {warnings} warning(s) in {files} file(s)"
                    " above: a file with errors is left out of this build, a bad statistics "
                    "or cosmetic field only loses that field, a broken link stays as "
                    "written; a publish build fails until the errors are fixed")
        return (f"{errors} lỗi và {warnings} cảnh báo trong {files} tệp ở trên: tệp có lỗi "
                "không được dựng, trường số liệu hay trường trình bày sai chỉ bị bỏ qua, "
                "liên kết hỏng để nguyên; `make publish` sẽ dừng cho tới khi sửa hết lỗi")

    def fail_if_any(self) -> None:
        problems = self.problems()
        if problems:
            for error in self.errors:
                print(error, file=sys.stderr)
            if language() == "en":
                raise BuildFailed(f"{len(problems)} content error(s); nothing was published "
                                  "(the list is above)")
            raise BuildFailed(f"{len(problems)} lỗi nội dung; không xuất bản gì (danh sách ở "
                              "trên)")


def _unreadable(path: str, error: Exception) -> Violation:
    if isinstance(error, UnicodeDecodeError):
        return Violation(path, None, None, "not_utf8", {"error": str(error)})
    return Violation(path, None, None, "unreadable",
                     {"error": f"{type(error).__name__}: {error}"})


def reporting_failures(read_file):
    """Wrap Readers.read_file so that each file it fails on is in the report with the
    exception's message: Pelican catches it, and logs it only at its own log level."""

    @functools.wraps(read_file)
    def read(base_path, path, *args, **kwargs):
        # Nothing from outside content/ becomes an article or page. (Static files are
        # left out after reading: the static generator does not expect read_file to
        # fail, see plugin.check_internal_links.)
        refusal = ownership.refused(path, base_path)
        if refusal is not None and kwargs.get("fmt") != "static":
            REPORT.file_failed(refusal.path, ContentRulesError([refusal]))
            raise ContentRulesError([refusal])
        try:
            return read_file(base_path, path, *args, **kwargs)
        except Exception as error:
            full = os.path.abspath(os.path.join(base_path, path))
            REPORT.file_failed(source_key(os.path.relpath(full, base_path)), error)
            raise

    return read


REPORT = BuildReport()
