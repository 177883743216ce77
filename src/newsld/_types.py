"""Value types shared by the models: text, absolute URLs and timezone-aware dates.

Each keeps what the user wrote verbatim; validation only decides whether it is acceptable.

Some properties accept more than they store: a single value where a list is kept (``OneOrMany``), an aware
``datetime`` where ISO 8601 text is kept (``DateTime``). Type checkers read a pydantic model's fields as the
parameters of its ``__init__``; to them these types are descriptors (``Accepts``) whose ``__set__`` takes what the
model accepts and whose ``__get__`` gives what it stores, the typing spec's way for a dataclass-like field to accept
one type and hold another. At run time they are the usual ``Annotated`` types with a before-validator. Fields of these
types default to ``OMITTED`` rather than ``None`` so that a type checker does not compare the default with the
descriptor.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Generic, Optional, TypeVar, overload
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(value: str) -> str:
    # A lone surrogate cannot be encoded as UTF-8, so it could never reach a page intact: reject, never replace.
    found = _LONE_SURROGATE.search(value)
    if found:
        raise ValueError(
            f"contains an unpaired surrogate U+{ord(found.group()):04X} at position {found.start()}; "
            "text must be valid Unicode"
        )
    return value


def _text_first(value: Any) -> Any:
    # Before pydantic's own check: a length-constrained str refuses a lone surrogate with "unable to parse raw data as
    # a unicode string", which names neither the character nor where it is.
    return _check_text(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_text_first)]

_FORBIDDEN_SCHEMES = {"javascript", "data", "vbscript", "file"}
_WHITESPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def _shown(value: str, limit: int = 80) -> str:
    # A message quotes the value it rejects, but not a megabyte of it.
    return repr(value) if len(value) <= limit else f"{value[:limit]!r}… ({len(value):,} characters)"


def check_url(value: str) -> str:
    """Accept an absolute http(s) URL, kept exactly as written."""
    _check_text(value)
    if _WHITESPACE_OR_CONTROL.search(value):
        raise ValueError("a URL must not contain spaces or control characters")
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme in _FORBIDDEN_SCHEMES:
        raise ValueError(f"'{scheme}:' URLs are not allowed; give an absolute http(s) URL")
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        if not parts.scheme:
            raise ValueError(f"relative URL {_shown(value)}; give an absolute http(s) URL")
        raise ValueError(f"URL scheme {parts.scheme!r} is not allowed; give an absolute http(s) URL")
    return value


Url = Annotated[str, AfterValidator(check_url)]


def _iso_datetime(value: Any) -> Any:
    # YAML and Python callers hand over datetime objects; JSON callers hand over strings. Both end as ISO 8601 text.
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{value.isoformat()} has no timezone; write one explicitly (e.g. {value.isoformat()}+00:00)"
            )
        return value.isoformat()
    if isinstance(value, date):
        raise ValueError(
            f"{value.isoformat()} is a date without a time; give a time and a timezone "
            f"(e.g. {value.isoformat()}T00:00:00+00:00)"
        )
    if isinstance(value, str):
        parse_datetime(_check_text(value))
        return value
    raise ValueError("expected an ISO 8601 date-time with a timezone, such as 2015-10-11T09:30:00+00:00")


def parse_datetime(value: str) -> datetime:
    """Parse ISO 8601 text that must carry a time and a timezone."""
    text = value.strip()
    if text != value:
        raise ValueError("date-time has leading or trailing spaces")
    if "T" not in text and " " not in text:
        raise ValueError(
            f"{_shown(value)} is a date without a time; give a time and a timezone "
            f"(e.g. {value if len(value) <= 40 else '2015-10-11'}T00:00:00+00:00)"
        )
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        raise ValueError(
            f"{_shown(value)} is not an ISO 8601 date-time (expected e.g. 2015-10-11T09:30:00+00:00)"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(f"{_shown(value)} has no timezone; a naive date-time is ambiguous, add e.g. +00:00 or Z")
    return parsed


def _as_list(value: Any) -> Any:
    return [value] if value is not None and not isinstance(value, (list, tuple)) else value


T = TypeVar("T")
Stored = TypeVar("Stored")
Given = TypeVar("Given")

#: The default of a field typed ``OptionalDateTime``, ``OptionalOneOrMany`` or another ``Accepts``: ``None``.
OMITTED: Any = None

if TYPE_CHECKING:

    class Accepts(Generic[Stored, Given]):
        """To type checkers only: a field that stores ``Stored`` and accepts ``Given`` (in ``__init__`` too)."""

        @overload
        def __get__(self, instance: None, owner: Any, /) -> Accepts[Stored, Given]: ...
        @overload
        def __get__(self, instance: object, owner: Any, /) -> Stored: ...
        def __get__(self, instance: object, owner: Any, /) -> Any: ...
        def __set__(self, instance: object, value: Given, /) -> None: ...

    DateTime = Accepts[str, str | datetime]
    OptionalDateTime = Accepts[str | None, str | datetime | None]
    OneOrMany = Accepts[list[T], T | list[T]]
    OptionalOneOrMany = Accepts[list[T] | None, T | list[T] | None]
else:
    # Dates: an aware datetime is written as ISO 8601 text; text is checked and kept as written.
    DateTime = Annotated[str, BeforeValidator(_iso_datetime)]
    OptionalDateTime = Optional[DateTime]
    # One-or-many properties: a single value is accepted and stored as a one-element list (documented convenience).
    OneOrMany = Annotated[list[T], BeforeValidator(_as_list)]
    OptionalOneOrMany = Optional[OneOrMany[T]]

__all__ = [
    "Iri",
    "Text",
    "Url",
    "DateTime",
    "OptionalDateTime",
    "OneOrMany",
    "OptionalOneOrMany",
    "OMITTED",
    "check_url",
    "parse_datetime",
]


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _check_iri(value: str) -> str:
    # Node identifiers may be any absolute IRI (urn:, https:, ...), but never one a browser would execute.
    _check_text(value)
    if _WHITESPACE_OR_CONTROL.search(value):
        raise ValueError("an @id must not contain spaces or control characters")
    if not _SCHEME.match(value):
        raise ValueError(f"relative @id {_shown(value)}; give an absolute IRI such as https://example.com/a#/person/x")
    scheme = value.split(":", 1)[0].lower()
    if scheme in _FORBIDDEN_SCHEMES:
        raise ValueError(f"'{scheme}:' identifiers are not allowed")
    return value


Iri = Annotated[str, AfterValidator(_check_iri)]
