"""Path-level differences between two JSON values: what the round trip and ``check --against`` report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._findings import excerpt, json_path

__all__ = ["MISSING", "Difference", "json_diff", "show_value"]


class _Missing:
    """Stands for an absent key or list item in a Difference."""

    def __repr__(self) -> str:
        return "(missing)"


MISSING = _Missing()


@dataclass(frozen=True)
class Difference:
    """One place where two JSON values differ: ``path`` (``$.@graph[0].headline``), the value expected, the value found.

    ``expected`` or ``found`` is ``MISSING`` when the key or item is absent on that side.
    """

    path: str
    expected: Any
    found: Any

    def __str__(self) -> str:
        return f"{self.path}: expected {show_value(self.expected)}, found {show_value(self.found)}"


def show_value(value: Any) -> str:
    """A value for a message: its repr, cut after 120 characters (a page's value can be megabytes)."""
    return excerpt(repr(value), 120, sized=True)


def _same_scalar(a: Any, b: Any) -> bool:
    # As JSON values 1, 1.0 and true are three different things, though Python calls them equal.
    return type(a) is type(b) and a == b


def json_diff(expected: Any, found: Any, path: str = "$") -> list[Difference]:
    """Every path where two JSON values differ. Object key order is irrelevant; list order and value types matter."""
    if isinstance(expected, dict) and isinstance(found, dict):
        differences = []
        for key in expected:
            child = json_path(path, key)
            if key in found:
                differences += json_diff(expected[key], found[key], child)
            else:
                differences.append(Difference(child, expected[key], MISSING))
        differences += [Difference(json_path(path, key), MISSING, found[key]) for key in found if key not in expected]
        return differences
    if isinstance(expected, list) and isinstance(found, list):
        differences = []
        for index in range(max(len(expected), len(found))):
            child = json_path(path, index)
            if index >= len(found):
                differences.append(Difference(child, expected[index], MISSING))
            elif index >= len(expected):
                differences.append(Difference(child, MISSING, found[index]))
            else:
                differences += json_diff(expected[index], found[index], child)
        return differences
    return [] if _same_scalar(expected, found) else [Difference(path, expected, found)]
