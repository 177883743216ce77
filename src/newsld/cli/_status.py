"""Exit statuses of ``newsld``, and the error that means "called wrongly"."""

from __future__ import annotations

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "UsageError"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with how newsld was called (exit status 2)."""
