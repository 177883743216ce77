"""The one exception type for invalid input, listing every problem with its path (and source line where known)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence, Tuple, Union

from pydantic import ValidationError

PathPart = Union[str, int]
Path = Tuple[PathPart, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (path, source line) and what."""

    path: str
    message: str
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path or '(document)'}: {self.message}"


class NewsldValidationError(ValueError):
    """Invalid input. ``problems`` lists every problem found, each with its path and, where known, its line."""

    def __init__(self, problems: Sequence[Problem], source: Optional[str] = None):
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}" + (f" in {self.source}" if self.source else "")
        return head + ":\n" + "\n".join(f"  {printable(str(p))}" for p in self.problems)

    def with_source(self, source: str) -> "NewsldValidationError":
        return NewsldValidationError(self.problems, source)


# Control characters (a newline, an escape sequence that recolours or retitles the terminal) and bidirectional
# overrides, which can come from any source or page, as an escape when a message is shown on a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` as one line that shows the same on every terminal: each control character as ``\\uXXXX``."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def format_path(parts: Iterable[PathPart]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


_UNION_MEMBER_NAMES = frozenset({"str", "int", "float", "bool", "dict", "list", "none"})


def _is_field(part: PathPart) -> bool:
    # pydantic puts union members ("Person", "function-after[...]") into error locations; they are not input paths.
    if isinstance(part, int):
        return True
    if part in _UNION_MEMBER_NAMES:
        return False
    return part.startswith("@") or (part[:1].islower() and "[" not in part and "(" not in part)


def problems_from_pydantic(
    exc: ValidationError,
    prefix: Path = (),
    lines: Optional[Mapping[Path, int]] = None,
    skip: Iterable[Path] = (),
) -> list[Problem]:
    """pydantic's errors as Problems; errors at or below a path in ``skip`` are left out (reported elsewhere)."""
    skip = set(skip)
    problems = []
    for error in exc.errors(include_url=False):
        loc = prefix + tuple(part for part in error["loc"] if _is_field(part))
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


def line_for(loc: Path, lines: Optional[Mapping[Path, int]]) -> Optional[int]:
    """The source line of the deepest known part of ``loc``."""
    if not lines:
        return None
    for end in range(len(loc), -1, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line
    return None
