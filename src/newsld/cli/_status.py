"""Exit statuses of ``newsld``, the errors that mean "called wrongly" and "the machine would not let it", and how
problems with a source are printed.

0 success, 1 invalid content, 2 usage, 3 environment (a file that cannot be written: a full disk, a read-only file
system, a permission, an I/O error; an output another run is writing), 128 + N ended by signal N (130 SIGINT, 143
SIGTERM, 129 SIGHUP).
"""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["EXIT_ENVIRONMENT", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "CannotWrite", "UsageError", "location",
           "print_problems"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3


class UsageError(Exception):
    """A problem with how newsld was called (exit status 2)."""


class CannotWrite(Exception):
    """A file newsld must write cannot be written, for a reason of the machine's, not of the content (exit status 3)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")

    @classmethod
    def from_os_error(cls, path: str, exc: OSError) -> CannotWrite:
        return cls(path, exc.strerror or str(exc))


def location(source: str, line: int | None, column: int | None = None) -> str:
    """``FILE:LINE:COLUMN`` as compilers write it (editors jump there), with what is known of it."""
    if line is None:
        return source
    return f"{source}:{line}:{column}" if column is not None else f"{source}:{line}"


def print_problems(problems, source: str, file: TextIO | None = None) -> None:
    """Each problem on its own line: ``FILE:LINE:COLUMN: path: message``."""
    from .._errors import printable

    for problem in problems:
        where = location(source, problem.line, getattr(problem, "column", None))
        print(printable(f"{where}: {problem.path or '(document)'}: {problem.message}"), file=file or sys.stderr)
