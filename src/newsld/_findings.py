"""A finding: one small immutable record that every rule family returns and every output renders.

Each module that reports findings declares its codes once, as ``CODES = Codes({code: (severity, description)})``, and
makes every finding by code (``CODES.finding(code, message, path, block)``): a code's severity is written in one place.
``newsld.check.all_codes()`` gathers the tables; the code table in the docs is generated from them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["SEVERITIES", "Codes", "Finding", "excerpt", "json_path", "quoted", "utf8_json"]

SEVERITIES = ("error", "warning", "info")

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_json(value: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """``value`` as JSON text that can be written as UTF-8: non-ASCII kept as characters, lone surrogates (a page's
    ``"\\ud800"`` escape reads as one) written back as ``\\uXXXX`` escapes, so the value a reader gets is unchanged."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=(",", ":") if compact else None)
    if _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@dataclass(frozen=True)
class Finding:
    """What a check found, where.

    ``code`` is stable (listed in docs/codes.md; scripts may match on it). ``path`` is a JSON path inside the block's
    JSON (``$`` for the block's value, ``$[1]`` for its second value when it holds several, then ``.@graph[0].author``).
    ``block`` is the 0-based index of the JSON-LD block on the page, or None for the page as a whole.
    """

    severity: str
    code: str
    message: str
    path: str = "$"
    block: int | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message, "path": self.path}


class Codes(dict[str, tuple[str, str]]):
    """One module's finding codes, ``{code: (severity, description)}``; findings are made by code alone."""

    def __init__(self, table: dict[str, tuple[str, str]]) -> None:
        for code, (severity, _) in table.items():
            if severity not in SEVERITIES:
                raise ValueError(f"{code}: severity must be one of {SEVERITIES}, not {severity!r}")
        super().__init__(table)

    def severity(self, code: str) -> str:
        return self[code][0]

    def description(self, code: str) -> str:
        return self[code][1]

    def finding(
        self, code: str, message: str, path: str = "$", block: int | None = None, line: int | None = None
    ) -> Finding:
        return Finding(self[code][0], code, message, path, block, line)


def json_path(parent: str, key: str | int) -> str:
    """``$.a`` + ``b`` → ``$.a.b``; + 0 → ``$.a.b[0]``."""
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"


# A page's value can be megabytes, an article's quotation a page long: messages show an excerpt, "…" where it is cut.
_CUT = "…"


def excerpt(text: str, limit: int, *, around: int | None = None, ends: bool = False, sized: bool = False) -> str:
    """At most about ``limit`` characters of ``text`` for a message, "…" where it is cut.

    By default the start, the cut included in ``limit``. ``around`` an offset: a window of ``limit`` characters from a
    quarter of it before the offset, each cut end marked. ``ends``: the first and last half, " … " between them.
    ``sized``: the first ``limit`` characters, then the text's length.
    """
    if around is not None:
        start = max(0, around - limit // 4) if len(text) > limit else 0
        piece = text[start : start + limit]
        return (_CUT if start else "") + piece + (_CUT if start + limit < len(text) else "")
    if len(text) <= limit:
        return text
    if ends:
        half = limit // 2 - 1
        return f"{text[:half]} {_CUT} {text[-half:]}"
    if sized:
        return f"{text[:limit]}{_CUT} ({len(text)} characters)"
    return text[: limit - 1] + _CUT


def quoted(value: Any, limit: int) -> str:
    """A JSON value of a page as a short JSON string for a message: text as it is, anything else as its JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return json.dumps(excerpt(text, limit), ensure_ascii=False)
