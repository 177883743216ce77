"""A finding: one small immutable record that every rule family returns and every output renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """What a check found, where.

    ``code`` is stable (documented in the README; scripts may match on it). ``path`` is a JSON path inside the block's
    JSON (``$`` for the block's value, ``$[1]`` for its second value when it holds several, then ``.@graph[0].author``).
    ``block`` is the 0-based index of the JSON-LD block on the page, or None for the page as a whole.
    """

    severity: str
    code: str
    message: str
    path: str = "$"
    block: Optional[int] = None
    line: Optional[int] = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def as_dict(self) -> dict:
        return {"severity": self.severity, "code": self.code, "message": self.message, "path": self.path}


def json_path(parent: str, key) -> str:
    """``$.a`` + ``b`` → ``$.a.b``; + 0 → ``$.a.b[0]``."""
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"
