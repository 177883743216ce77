"""The one exception type for invalid input, listing every problem with its path (and source line where known)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from ._findings import excerpt

__all__ = [
    "Location",
    "LocationPart",
    "NewsldValidationError",
    "Problem",
    "Position",
    "format_path",
    "is_input_field",
    "parse_path",
    "position_for",
    "printable",
    "problems_from_pydantic",
]

LocationPart = str | int
Location = tuple[LocationPart, ...]  # where a value is in the input: ("hasPart", 3, "text")
Position = tuple[int, int]  # where it is in the source text: (line, column), both counted from 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (path; source line and column where known) and what."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        if self.line is not None and self.column is not None:
            where = f"line {self.line}, column {self.column}: "
        return f"{where}{self.path or '(document)'}: {self.message}"

    @classmethod
    def at(cls, loc: Location, message: str, positions: Mapping[Location, Position] | None) -> Problem:
        """A problem at ``loc``, placed at the deepest part of it whose position ``positions`` knows."""
        return cls(format_path(loc), message, *(position_for(loc, positions) or (None, None)))


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
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(path: str) -> Location:
    """``format_path`` read back: ``"hasPart[2].text"`` → ``("hasPart", 2, "text")``."""
    return tuple(int(index) if index else key for index, key in _PATH_PART.findall(path))


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
    lines: Mapping[Location, Position] | None = None,
    skip: Iterable[Location] = (),
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    """pydantic's errors as Problems in newsld's words: one per mistake, the fix in the message.

    Errors at or below a path in ``skip`` are left out (reported elsewhere). ``model`` is the class that was validated:
    with it an unknown property gets "did you mean …?" from the properties of the type it is on. Where a value fitted
    no member of a union, the member that got furthest says what is wrong ("relative URL …" rather than "not a valid
    dictionary" as well), or one line lists what was expected.
    """
    skip = set(skip)
    errors = [error for error in exc.errors(include_url=False)
              if not any((prefix + _input_loc(error))[:end] in skip for end in range(len(prefix + _input_loc(error)) + 1))]
    errors = _one_per_union(errors)
    misspelt = _misspelt_required(errors, model)
    problems = []
    for error in errors:
        loc = prefix + _input_loc(error)
        if error["type"] == "missing" and _input_loc(error) in misspelt:
            continue  # "nmae: … did you mean name?" says it already
        if error["type"] == "union_tag_invalid":
            loc += ("@type",)
        problems.append(Problem.at(loc, _message(error, model), lines))
    return problems


def _input_loc(error: Mapping[str, Any]) -> Location:
    return tuple(part for part in error["loc"] if is_input_field(part))


def _union_point(error: Mapping[str, Any]) -> Location | None:
    """Where the value that failed a union member is: the input path before the first member name in the location."""
    point: list[LocationPart] = []
    for part in error["loc"]:
        if not is_input_field(part):
            return tuple(point)
        point.append(part)
    return None


# Errors that only say a value is not of a member's type: noise beside the member that says what is wrong.
_MISMATCH = frozenset({
    "string_type", "int_type", "int_parsing", "float_type", "float_parsing", "bool_type", "bool_parsing", "list_type",
    "dict_type", "model_type", "model_attributes_type", "is_instance_of", "url_type", "none_required",
})


def _one_per_union(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A union's members each report on a value none of them took: keep what the member that understood the value
    says, or, when every member only says "not my type", one error that lists them."""
    by_point: dict[Location, list[dict[str, Any]]] = {}
    for error in errors:
        point = _union_point(error)
        if point is not None:
            by_point.setdefault(point, []).append(error)
    kept, merged = [], set()
    for error in errors:
        point = _union_point(error)
        branches = by_point.get(point, []) if point is not None else []
        if len(branches) < 2 or error["type"] not in _MISMATCH or _input_loc(error) != point:
            kept.append(error)
            continue
        if any(other["type"] not in _MISMATCH or _input_loc(other) != point for other in branches):
            continue  # another member got further: its error says what is wrong
        if point not in merged:
            merged.add(point)
            members = [_member_name(other["loc"][len(point)]) for other in branches if _input_loc(other) == point]
            kept.append({**error, "type": "newsld_union", "members": list(dict.fromkeys(members))})
    return kept


def _member_name(part: LocationPart) -> str:
    text = str(part)
    if re.fullmatch(r"[A-Z]\w*", text):
        return f"a {text}" if text[0] not in "AEIOU" else f"an {text}"
    for marker, name in (("url", "a URL"), ("datetime", "a date-time"), ("str", "text"), ("int", "a whole number"),
                         ("float", "a number"), ("bool", "true or false"), ("list", "a list"), ("dict", "a mapping")):
        if marker in text.lower():
            return name
    return text


_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number", "float_type": "a number",
    "float_parsing": "a number", "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping of properties", "model_type": "a mapping of properties",
    "model_attributes_type": "a mapping of properties",
}


def _message(error: Mapping[str, Any], model: type[BaseModel] | None) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        owner = _model_at(model, error["loc"][:-1]) if model is not None else None
        name = error["loc"][-1]
        on = f" on {_type_name(owner)}" if owner is not None else " on this type"
        suggestion = _suggest(str(name), _property_names(owner)) if owner is not None else None
        if suggestion:
            return f"not a property newsld knows{on}; did you mean {suggestion}?"
        return f"not a property newsld knows{on} (check the spelling against schema.org)"
    if kind == "missing":
        return "required property is missing"
    if kind == "string_unicode":  # a property name with a lone surrogate: pydantic cannot say which
        return f"{error['input']!r} is not valid Unicode (it holds an unpaired surrogate)"
    if kind == "union_tag_invalid":
        expected = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected_tags", ""))
        tag = error.get("ctx", {}).get("tag")
        suggestion = _suggest(str(tag), expected)
        return (f"{tag!r} is not a type newsld takes here; expected {_either(expected)}"
                + (f"; did you mean {suggestion}?" if suggestion else ""))
    if kind == "newsld_union":
        return f"expected {_either(error['members'])}, found {_shown(error['input'])}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {_shown(error['input'])}"
    message = error["msg"]
    return message[len("Value error, "):] if message.startswith("Value error, ") else message


def _either(names: Sequence[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__.replace("dict", "a mapping") \
        .replace("list", "a list")
    return text if len(text) <= 60 else text[:59] + "…"


def _suggest(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` most likely means: the same but for letter case, else a close spelling."""
    known = list(known)
    for candidate in known:
        if candidate.lower() == name.lower() or candidate.lower() == "@" + name.lower():
            return candidate
    close = get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


# --------------------------------------------------------------------------------------- the model at an error's place


def _type_name(model: type[BaseModel]) -> str:
    field = model.model_fields.get("type")
    return field.default if field is not None and isinstance(field.default, str) else model.__name__


def _property_names(model: type[BaseModel]) -> list[str]:
    return [field.validation_alias if isinstance(field.validation_alias, str) else name
            for name, field in model.model_fields.items()]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation may hold (through Optional, lists, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in get_args(annotation):
        found += [model for model in _models_in(argument) if model not in found]
    return found


def _model_at(model: type[BaseModel], loc: Sequence[LocationPart]) -> type[BaseModel] | None:
    """The model class at a place of pydantic's error location below ``model``: union members in the location ("Person")
    say which member it is."""
    current: type[BaseModel] | None = model
    candidates: list[type[BaseModel]] = []
    for part in loc:
        if isinstance(part, int):
            continue
        member = next((candidate for candidate in candidates if part in (candidate.__name__, _type_name(candidate))),
                      None)
        if member is not None:
            current, candidates = member, []
            continue
        if current is None:
            return None
        field = next((field for name, field in current.model_fields.items()
                      if part in (name, field.validation_alias)), None)
        if field is None:
            continue  # a validator's name ("function-after[...]"): the same place
        candidates = _models_in(field.annotation)
        current = candidates[0] if len(candidates) == 1 else None
    return current


def _misspelt_required(errors: list[dict[str, Any]], model: type[BaseModel] | None) -> set[Location]:
    """Required properties reported missing beside an unknown property that is their misspelling."""
    if model is None:
        return set()
    missing = {_input_loc(error) for error in errors if error["type"] == "missing"}
    found = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            owner = _model_at(model, error["loc"][:-1])
            suggestion = _suggest(str(error["loc"][-1]), _property_names(owner)) if owner is not None else None
            if suggestion is not None and _input_loc(error)[:-1] + (suggestion,) in missing:
                found.add(_input_loc(error)[:-1] + (suggestion,))
    return found


def position_for(loc: Location, positions: Mapping[Location, Position] | None) -> Position | None:
    """The source position (line, column) of the deepest known part of ``loc``."""
    if not positions:
        return None
    for end in range(len(loc), -1, -1):
        position = positions.get(loc[:end])
        if position is not None:
            return position
    return None
