"""The one exception type for invalid input, listing every problem with its path (and source line where known)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from ._findings import excerpt

__all__ = [
    "Location",
    "LocationPart",
    "NewsldValidationError",
    "Problem",
    "format_path",
    "is_input_field",
    "line_for",
    "printable",
    "problems_from_pydantic",
]

LocationPart = str | int
Location = tuple[LocationPart, ...]  # where a value is in the input: ("hasPart", 3, "text")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (path, source line) and what."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path or '(document)'}: {self.message}"


class NewsldValidationError(ValueError):
    """Invalid input. ``problems`` lists every problem found, each with its path and, where known, its line."""

    def __init__(self, problems: Sequence[Problem], source: str | None = None):
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}" + (f" in {self.source}" if self.source else "")
        return head + ":\n" + "\n".join(f"  {printable(str(p))}" for p in self.problems)

    def with_source(self, source: str) -> NewsldValidationError:
        return NewsldValidationError(self.problems, source)


# Control characters (a newline, an escape sequence that recolours or retitles the terminal) and bidirectional
# overrides, which can come from any source or page, as an escape when a message is shown on a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` as one line that shows the same on every terminal: each control character as ``\\uXXXX``."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def format_path(parts: Iterable[LocationPart]) -> str:
    """``("entities", "putin", "sameAs", 0)`` → ``entities.putin.sameAs[0]``; a key too long to be a property name
    (hostile input) as its start, so that no message repeats a megabyte of the source."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            part = excerpt(part, _KEY_SHOWN)
            text += f".{part}" if text else part
    return text


_KEY_SHOWN = 80


_UNION_MEMBER_NAMES = frozenset({"str", "int", "float", "bool", "dict", "list", "none"})


def is_input_field(part: LocationPart) -> bool:
    """Whether a part of a pydantic error location is in the input (a key, an index), not a union member's name
    ("Person", "function-after[...]") that pydantic adds."""
    if isinstance(part, int):
        return True
    if part in _UNION_MEMBER_NAMES:
        return False
    return part.startswith("@") or (part[:1].islower() and "[" not in part and "(" not in part)


def problems_from_pydantic(
    exc: ValidationError,
    prefix: Location = (),
    lines: Mapping[Location, int] | None = None,
    skip: Iterable[Location] = (),
) -> list[Problem]:
    """pydantic's errors as Problems; errors at or below a path in ``skip`` are left out (reported elsewhere)."""
    skip = set(skip)
    problems = []
    for error in exc.errors(include_url=False):
        loc = prefix + tuple(part for part in error["loc"] if is_input_field(part))
        if any(loc[:end] in skip for end in range(len(loc) + 1)):
            continue
        message = error["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if error["type"] == "extra_forbidden":
            message = "not a property newsld knows on this type (check the spelling against schema.org)"
        elif error["type"] == "missing":
            message = "required property is missing"
        elif error["type"] == "string_unicode":  # a property name with a lone surrogate: pydantic cannot say which
            message = f"{error['input']!r} is not valid Unicode (it holds an unpaired surrogate)"
        problems.append(Problem(format_path(loc), message, line_for(loc, lines)))
    return problems


def line_for(loc: Location, lines: Mapping[Location, int] | None) -> int | None:
    """The source line of the deepest known part of ``loc``."""
    if not lines:
        return None
    for end in range(len(loc), -1, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line
    return None
