"""Article source files (YAML, JSON, TOML, Markdown with front matter) → models.

The authoring format is the NewsArticle's own properties plus one key of its own, ``entities``: every person,
organization, place, event, claim or quotation is defined there once under a short local id and referenced by that id
wherever the article needs it (``author: [jane]``, ``spokenByCharacter: putin``, ``mentions: [putin, syria]``).
Every problem is reported at once with its path and, for YAML, JSON and front matter, its source line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping  # typing.Mapping's isinstance is several times slower
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from ._errors import (
    Location,
    NewsldValidationError,
    Position,
    Problem,
    format_path,
    parse_path,
    position_for,
    problems_from_pydantic,
)
from ._findings import excerpt
from .models import (
    ARTICLE_CLASSES,
    NewsArticle,
    Claim,
    ClaimReview,
    Event,
    NewsMediaOrganization,
    Organization,
    Person,
    Place,
    Quotation,
    NAME_PROPERTIES,
    SchemaOrgModel,
    Thing,
)

__all__ = [
    "ENTITY_CLASSES",
    "FORMATS",
    "JsonPositions",
    "LazyLines",
    "Lines",
    "REFERENCE_PROPERTIES",
    "SourceMap",
    "build",
    "build_mapped",
    "format_of_path",
    "json_syntax_problem",
    "load",
    "load_mapped",
    "loads_strict",
    "parse",
    "parse_json",
    "read_source",
    "sniff_format",
]

FORMATS = ("yaml", "json", "toml", "markdown")
_SUFFIXES = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".md": "markdown",
    ".markdown": "markdown",
}

ENTITY_CLASSES: dict[str, type] = {
    cls.model_fields["type"].default: cls
    for cls in (Person, Organization, NewsMediaOrganization, Place, Event, Thing, Claim, Quotation, ClaimReview)
}

#: Properties whose values may be local entity ids.
REFERENCE_PROPERTIES = frozenset(
    {
        "about",
        "affiliation",
        "author",
        "claimInterpreter",
        "containedInPlace",
        "contentLocation",
        "contributor",
        "copyrightHolder",
        "creator",
        "editor",
        "hasPart",
        "itemReviewed",
        "location",
        "locationCreated",
        "mentions",
        "parentOrganization",
        "publisher",
        "spokenByCharacter",
        "worksFor",
    }
)

Lines = Mapping[Location, Position]  # where each path of a source is: (line, column)
# A string that reads as an id rather than a name: lower case, no spaces ("staff", "jane-doe", "q1").
_ID_LIKE = re.compile(r"[a-z0-9_.\-]+")


def _shown_id(local_id: str) -> str:
    # An id is any YAML key: one with a line break or other unprintable character is shown escaped, a long one cut.
    return excerpt(local_id if local_id.isprintable() else repr(local_id), 40)
_Model = TypeVar("_Model", bound=SchemaOrgModel)


# -------------------------------------------------------------------------------------------------------------- reading


class _Loader(yaml.SafeLoader):
    """YAML with the JSON-like scalars of YAML 1.2: no 'yes'/'no' booleans, no sexagesimals, no timestamps.

    Dates stay as the text the author wrote; a headline such as 'No' stays a string.
    """

    def compose_node(self, parent, index):
        # PyYAML forgets anchors once a document is composed, and an alias composes to the anchored node itself; mark
        # both on the nodes (an alias as a placeholder with its own line) so that _map_lines rejects each at its path.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            node = yaml.ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark)
        else:
            node = super().compose_node(parent, index)
        node.anchor = event.anchor
        return node


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$",
     list("-+0123456789.")),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _yaml_with_lines(text: str, line_offset: int = 0) -> tuple[Any, Lines]:
    """YAML text → (data, line of each path): libyaml's C parser when it can tell everything (the line map is made
    only when a problem asks for it), else PyYAML in Python, which tells every problem precisely."""
    fast = _fast_yaml(text, line_offset)
    return fast if fast is not None else _exact_yaml(text, line_offset)


# ---------------------------------------------------------------------------------------------- YAML through libyaml

try:
    _CLoader: type | None = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _CLoader = None

if _CLoader is not None:
    class _FastLoader(_CLoader):  # type: ignore[misc, valid-type]
        """libyaml's scanner, parser and composer (in C) with _Loader's scalars."""

        # The composer calls these around every node; with no path resolvers (newsld has none) they have nothing to do.
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        # The composer asks for every scalar's tag. A quoted one, or a plain one whose first character cannot begin a
        # null, a boolean or a number, is text: no pattern to try (PyYAML's resolver would try them, in Python).
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _PLAIN_STARTS)):
                return _STR
            return super().resolve(kind, value, implicit)

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _PLAIN_STARTS = frozenset(first for first in _Loader.yaml_implicit_resolvers if first)

# An anchor (&a), alias (*a) or tag (!x) begins a node: after white space, a flow indicator or the start of the text,
# an anchor's or alias's name stuck to its sign ("Tom & Jerry" and "5 * 3" are text, common in headlines; an anchor
# without a name fails both parsers alike). Text that may hold one takes the exact path, which rejects anchors and
# aliases at their paths and reads tags as PyYAML does; so does text with a character PyYAML refuses, and text with a
# tab or a byte order mark, where libyaml accepts what PyYAML does not ("n\tull"). A differential test keeps the two
# paths in agreement. Both patterns start at the sign and look behind it, so that the regex engine skips from sign to
# sign instead of trying a look-behind at every character (a typical front matter: 3 µs, not 23).
_MAYBE_PROPERTY = re.compile(r"[&*!](?<![^\s\[\]{},:][&*!])(?:(?<=!)|(?=\S))")
# Where the two parsers part ways on rare syntax: an explicit key ("? x"), a block scalar header with a comment stuck
# to it (">#").
_DIVERGENT = re.compile(r"\?(?<![^\s\[\]{},:]\?)(?=\s|$)|[|>][-+0-9]*#")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALAR_TAGS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                          "tag:yaml.org,2002:float"})
_SCALARS = yaml.constructor.SafeConstructor()  # its construct_yaml_* keep no state between nodes


class _Exact(Exception):
    """The fast path cannot tell this text as the exact one would: take the exact one."""


def _fast_yaml(text: str, line_offset: int) -> tuple[Any, Lines] | None:
    if (_CLoader is None or "\t" in text or "\ufeff" in text or _NON_PRINTABLE.search(text)
            or (("&" in text or "*" in text or "!" in text) and _MAYBE_PROPERTY.search(text))
            or (("?" in text or "#" in text) and _DIVERGENT.search(text))):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None  # the exact path says what is wrong, and where, in PyYAML's words
    finally:
        loader.dispose()
    if node is None:
        return None, {}
    try:
        data = _construct(node)
    except Exception:  # _Exact, or a value its tag cannot hold: the exact path tells it, or recurses as deep
        return None
    return data, LazyLines(lambda: _node_lines(node, line_offset))


def _construct(node: yaml.Node, flow: bool = False) -> Any:
    """What PyYAML's SafeConstructor makes of a composed node, for the core tags; _Exact for anything else (a key
    given twice, an unhashable key, another tag), which the exact path reports or constructs.

    ``flow``: inside [...] or {...}, where PyYAML ends a plain scalar at "?" and libyaml does not ({a: b?}).
    """
    tag = node.tag
    if tag == _STR:
        if flow and not node.style and "?" in node.value:  # plain: libyaml says "", PyYAML None
            raise _Exact
        return node.value
    if tag == _MAP:
        flow = flow or bool(node.flow_style)
        out: dict[Any, Any] = {}
        seen = set()
        for key_node, value_node in node.value:
            # A key given twice is one written twice, whatever it makes (1 and "1" too): as the exact path tells it.
            if key_node.__class__ is not yaml.ScalarNode or key_node.value in seen:
                raise _Exact
            seen.add(key_node.value)
            # Text in block style is itself (most of a source): no call for it.
            out[key_node.value if key_node.tag == _STR and not flow else _construct(key_node, flow)] = (
                value_node.value if value_node.tag == _STR and not flow else _construct(value_node, flow))
        return out
    if tag == _SEQ:
        flow = flow or bool(node.flow_style)
        return [item.value if item.tag == _STR and not flow else _construct(item, flow) for item in node.value]
    if tag in _SCALAR_TAGS:
        return _SCALARS.construct_object(node, deep=True)
    raise _Exact


def _node_lines(node: yaml.Node, offset: int) -> dict[Location, Position]:
    """The position of every path of a composed document, as _map_lines makes it (the document has no problems)."""
    lines: dict[Location, Position] = {}
    stack: list[tuple[yaml.Node, Location]] = [(node, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, _at(node.start_mark, offset))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value  # the key as written, as _map_lines records it
                lines[path + (key,)] = _at(key_node.start_mark, offset)
                stack.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (index,)) for index, item in enumerate(node.value))
    return lines


def _at(mark: Any, line_offset: int) -> Position:
    """A YAML mark (0-based) as a source position (1-based), below ``line_offset`` lines of something else."""
    return mark.line + 1 + line_offset, mark.column + 1


# ----------------------------------------------------------------------------------------------- YAML in pure Python


def _exact_yaml(text: str, line_offset: int = 0) -> tuple[Any, Lines]:
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML refuses control characters and unpaired surrogates before it reads anything.
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        column = exc.position - text.rfind("\n", 0, exc.position)
        raise NewsldValidationError(
            [Problem("", f"malformed YAML: the character U+{exc.character:04X} is not allowed in YAML text", line,
                     column)]
        ) from None
    try:
        node = loader.get_single_node()
        lines: dict[Location, Position] = {}
        problems: list[Problem] = []
        if node is not None:
            _map_lines(node, (), lines, problems, line_offset)
        if problems:
            raise NewsldValidationError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _at(mark, line_offset) if mark else (None, None)
        raise NewsldValidationError([Problem("", _yaml_message(exc), line, column)]) from None
    except yaml.YAMLError as exc:
        raise NewsldValidationError([Problem("", f"malformed YAML: {exc}")]) from None
    except NewsldValidationError:
        raise
    except (ValueError, TypeError, IndexError, OverflowError) as exc:  # !!int null, !!float x: a tag PyYAML gives up on
        raise NewsldValidationError([Problem("", f"malformed YAML: a value its tag cannot hold ({exc})")]) from None
    finally:
        loader.dispose()
    return data, lines


# PyYAML's words for the usual mistakes → what to do about them.
_YAML_FIXES = (
    ("found character '\\t' that cannot start any token",
     "YAML does not allow tabs for indentation: indent with spaces"),
    ("mapping values are not allowed here",
     "a ': ' inside a value: put the value in quotes (headline: \"Breaking: the news\")"),
    ("could not find expected ':'", "a line without 'key: value' where one was expected (or a quote left open)"),
    ("found unexpected end of stream", "a quoted value is not closed"),
    ("did not find expected key", "this line's indentation does not line up with the keys above it"),
    ("did not find expected '-' indicator", "this line's indentation does not line up with the list items above it"),
)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    said = " ".join(part for part in (exc.context, exc.problem) if part)
    for pyyaml, fix in _YAML_FIXES:
        if pyyaml in said:
            return f"malformed YAML: {fix}"
    return f"malformed YAML: {said}"


def _map_lines(node: yaml.Node, path: Location, lines: dict[Location, Position], problems: list, offset: int) -> None:
    lines.setdefault(path, _at(node.start_mark, offset))
    if getattr(node, "anchor", None):
        problems.append(
            Problem(format_path(path), "YAML anchors and aliases are not accepted; define entities once under "
                    "'entities' and refer to them by id", *_at(node.start_mark, offset))
        )
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            position = _at(key_node.start_mark, offset)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(format_path(path), "a key is text; found a list or mapping used as a key",
                                        *position))
                continue
            if key in seen:
                problems.append(
                    Problem(format_path(path + (key,)), f"key given twice (first on line {seen[key]})", *position)
                )
            seen[key] = position[0]
            lines[path + (key,)] = position
            _map_lines(value_node, path + (key,), lines, problems, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, path + (index,), lines, problems, offset)


def loads_strict(text: str) -> Any:
    """JSON text as newsld reads an article source: a key given twice, NaN and Infinity are errors (ValueError, with
    json.JSONDecodeError for malformed text), never silently resolved."""
    return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)


def _unique_keys(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in items:
        if key in out:
            raise ValueError(f"key {_shown(key)} given twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def json_syntax_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    """What json's parser stopped at, said as the mistake it usually is, where it is (a trailing comma: at the comma,
    not at the bracket after it)."""
    position, message = exc.pos, f"malformed JSON: {exc.msg}"
    here = text[exc.pos:exc.pos + 2]
    before = len(text[:exc.pos].rstrip())
    if exc.msg in ("Expecting property name enclosed in double quotes", "Expecting value"):
        if before and text[before - 1] == "," and here[:1] in ("}", "]"):
            position, message = before - 1, "malformed JSON: a trailing comma after the last item; JSON allows none"
        elif here[:1] == "'":
            message = "malformed JSON: JSON strings and keys take double quotes (\"...\"), not single ones"
        elif here in ("//", "/*"):
            message = "malformed JSON: JSON allows no comments"
        elif exc.msg.startswith("Expecting property name") and (here[:1].isalpha() or here[:1] in "_@$"):
            message = "malformed JSON: a key in JSON is in double quotes (\"headline\": ...)"
        elif here[:1] in ("}", "]") or not here:
            message = f"malformed JSON: {exc.msg.lower()} here"
    elif exc.msg == "Expecting ',' delimiter":
        message = "malformed JSON: a comma is missing between two items (or a quote inside a string is not escaped)"
    elif exc.msg == "Expecting ':' delimiter":
        message = "malformed JSON: a ':' is missing after the key"
    elif exc.msg.startswith("Unterminated string"):
        message = "malformed JSON: a string is not closed (a '\"' is missing)"
    elif exc.msg.startswith("Invalid control character"):
        message = "malformed JSON: a line break or control character inside a string; write it as \\n or \\uXXXX"
    elif exc.msg == "Extra data":
        message = "malformed JSON: more text after the end of the document (a stray bracket, or two documents)"
    line = text.count("\n", 0, position) + 1
    return Problem("", message, line, position - text.rfind("\n", 0, position))


def parse_json(text: str) -> Any:
    """JSON text → data, read strictly (``loads_strict``); what is wrong is a NewsldValidationError with its line.

    Positions are found only for a message that needs one: a valid source costs ``json.loads`` and nothing else.
    """
    try:
        return loads_strict(text)
    except json.JSONDecodeError as exc:
        raise NewsldValidationError([json_syntax_problem(text, exc)]) from None
    except RecursionError:  # json's parser recurses once per level
        positions = JsonPositions(text)
        raise NewsldValidationError([_too_deep(positions.depth, *positions.depth_position)]) from None
    except ValueError as exc:  # a key given twice, NaN, Infinity
        where = " (first on line {})" if "\n" in text.strip() else ""  # on one line (a JSON Lines record), no more
        duplicates = [Problem(format_path(location), "key given twice" + where.format(first[0]), *position)
                      for location, position, first in JsonPositions(text).duplicates]
        raise NewsldValidationError(duplicates or [Problem("", f"malformed JSON: {exc}")]) from None


def _json_with_lines(text: str) -> tuple[Any, Lines]:
    # Never through YAML's scanner (JSON is YAML's flow style, but PyYAML reads it a character at a time in Python:
    # 28 s and 1 GB for a 50 MB articleBody); lines are found in one scan of the text when a problem asks for one.
    return parse_json(text), LazyLines(lambda: JsonPositions(text).lines)


class LazyLines(Mapping):
    """A source's position map, made when first read: building models from a valid source never reads it (YAML through
    libyaml, JSON, a Markdown body)."""

    def __init__(self, make: Callable[[], Mapping[Location, Position]]):
        self._make: Callable[[], Mapping[Location, Position]] | None = make
        self._lines: Mapping[Location, Position] = {}

    def _get(self) -> Mapping[Location, Position]:
        if self._make is not None:
            self._lines, self._make = self._make(), None
        return self._lines

    def __getitem__(self, location: Location) -> Position:
        return self._get()[location]

    def __iter__(self) -> Iterator[Location]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


_NON_SPACE = re.compile(r"[^ \t\n\r]")  # JSON's whitespace is these four
_MAPPED_DEPTH = 1_000  # json's parser goes about this deep; lines are of use only in what it could read
_SCALAR = re.compile(r'[^ \t\n\r{}\[\],:"]+')


class JsonPositions:
    """Where things are in JSON text: the position (line, column) of every value and key (as YAML's composer would
    map them), the keys given twice, and the deepest nesting with its position. One linear scan; the text is taken to
    be JSON that json's parser read, or would have read but for a repeated key or its depth."""

    def __init__(self, text: str):
        self.lines: dict[Location, Position] = {}
        # (where, its position, the position where the key was first given)
        self.duplicates: list[tuple[Location, Position, Position]] = []
        self.depth = 0
        self.depth_position: Position = (1, 1)
        self._scan(text)

    def _scan(self, text: str) -> None:
        lines = self.lines
        counted, line, line_start = 0, 1, 0

        def at(position: int) -> Position:
            nonlocal counted, line, line_start
            breaks = text.count("\n", counted, position)
            if breaks:
                line += breaks
                line_start = text.rfind("\n", counted, position) + 1
            counted = position
            return line, position - line_start + 1

        stack: list[list] = []  # per open container: [its location, is it an object, item index, {key: position}]
        location: Location | None = ()  # of the value that may start next; None past the depth that is mapped
        expect = "value"  # "value", "key", or "after" (a comma, colon or closing bracket)
        position = 0
        while True:
            match = _NON_SPACE.search(text, position)
            if match is None:
                return
            position = match.start()
            char = text[position]
            if expect == "value" and char not in "]}" and location is not None:
                lines.setdefault(location, at(position))
            if char in "[{":
                stack.append([location, char == "{", 0, {}])
                if len(stack) > self.depth:
                    self.depth, self.depth_position = len(stack), at(position)
                if len(stack) > _MAPPED_DEPTH:
                    location = None  # a path per level would cost the square of the depth
                if char == "[":
                    location, expect = None if location is None else location + (0,), "value"
                else:
                    expect = "key"
                position += 1
            elif char in "]}":
                if stack:
                    stack.pop()
                expect = "after"
                position += 1
            elif char == ",":
                if stack:
                    frame = stack[-1]
                    if frame[1]:
                        expect = "key"
                    else:
                        frame[2] += 1
                        location, expect = None if frame[0] is None else frame[0] + (frame[2],), "value"
                position += 1
            elif char == ":":
                expect = "value"
                position += 1
            elif char == '"':
                close = _string_end(text, position)
                if expect == "key" and stack and stack[-1][0] is not None:
                    frame = stack[-1]
                    try:
                        key = json.loads(text[position:close])
                    except ValueError:  # not JSON after all (text that json's parser gave up on for its depth)
                        key = text[position + 1:close - 1]
                    key_position = at(position)
                    if key in frame[3]:
                        self.duplicates.append((frame[0] + (key,), key_position, frame[3][key]))
                    else:
                        frame[3][key] = key_position
                    location = frame[0] + (key,)
                    lines[location] = key_position
                elif expect == "key":
                    location = None
                expect = "after"
                position = close
            else:
                scalar = _SCALAR.match(text, position)
                position = scalar.end() if scalar else position + 1
                expect = "after"


def _string_end(text: str, opening: int) -> int:
    """The offset just after the string that opens at ``opening`` (the end of the text for an unclosed one)."""
    index = opening
    while True:
        index = text.find('"', index + 1)
        if index < 0:
            return len(text)
        slashes = 0
        while text[index - 1 - slashes] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return index + 1


def _shown(value: Any) -> str:
    # What the source holds is quoted in a message, but never more than a line of it.
    return excerpt(repr(value), 80)


def _too_deep(depth: int, line: int | None = None, column: int | None = None) -> Problem:
    return Problem("", f"lists or mappings nested {depth:,} levels deep: too deep to be an article source", line,
                   column)


def _nesting(value: Any) -> int:
    """How deeply lists and mappings nest in ``value`` (counted without recursion: it may be too deep for that)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, Mapping)):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, Mapping) else value))
    return deepest


def _toml(text: str, line_offset: int = 0) -> tuple[Any, dict[Location, int]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text), {}
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        said = str(exc)[: match.start()].rstrip() if match else str(exc)
        # tomllib says "at end of document" for what is left open (a list, a string): that is the last line.
        line = int(match.group(1)) if match else max(len(text.splitlines()), 1)
        column = int(match.group(2)) if match else None
        raise NewsldValidationError([Problem("", f"malformed TOML: {said}", line + line_offset, column)]) from None


# The header is whole lines up to the closing fence: matched line by line, not a character at a time (2 µs, not 11).
_FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<head>(?:[^\n]*\n)*?)(?P=fence)[ \t]*(?:\r?\n|\Z)")


def _markdown(text: str) -> tuple[Any, dict[Location, int]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise NewsldValidationError(
            [Problem("", "a Markdown article starts with a front-matter header between '---' lines", 1)]
        )
    head = match.group("head")
    data, lines = _yaml_with_lines(head, 1) if match.group("fence") == "---" else _toml(head, 1)
    # The body is the article text as written, without the blank lines that separate it from the header or end it.
    # Line breaks become "\n", as YAML and TOML make them in their own multi-line strings.
    body = text[match.end():].replace("\r\n", "\n").strip("\n").rstrip()
    if isinstance(data, dict) and body:
        if "articleBody" in data:
            raise NewsldValidationError(
                [Problem.at(("articleBody",), "given both in the front matter and as the Markdown body", lines)]
            )
        data["articleBody"] = body
        header, body_line = lines, text.count("\n", 0, match.end()) + 1
        lines = LazyLines(lambda: {**header, ("articleBody",): (body_line, 1)})
    return data, lines


# Reading recurses once per level or so: an article nests a handful of levels, hostile input thousands.
_TOO_DEEP = "lists or mappings nested too deeply to be an article source"


def parse(text: str, format: str) -> tuple[Any, Lines]:
    """Source text → (plain data, source line of each path)."""
    try:
        return _parse(text, format)
    except RecursionError:
        raise NewsldValidationError([Problem("", _TOO_DEEP)]) from None


def _parse(text: str, format: str) -> tuple[Any, Lines]:
    if format == "yaml":
        return _yaml_with_lines(text)
    if format == "json":
        return _json_with_lines(text)
    if format == "toml":
        return _toml(text)
    if format == "markdown":
        return _markdown(text)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def sniff_format(text: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith(("---", "+++")) and _FRONT_MATTER.match(stripped):
        return "markdown"
    return "yaml"


def format_of_path(path: Path) -> str:
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ValueError(
            f"cannot tell the format of {path.name!r} from its suffix; use one of "
            f"{', '.join(sorted(_SUFFIXES))} or pass format="
        ) from None


# ------------------------------------------------------------------------------------------------------ building models


class _Builder:
    def __init__(self, data: Mapping[str, Any], lines: Lines):
        self.lines = lines
        self.problems: list[Problem] = []
        raw_entities = data.get("entities", {})
        if not isinstance(raw_entities, Mapping):
            self.problem(("entities",), "must be a mapping of local ids to entities")
            raw_entities = {}
        self.raw = dict(raw_entities)
        self.models: dict[str, SchemaOrgModel | None] = {}
        self.in_progress: list[str] = []
        self.used: set[str] = set()
        self.unresolved: set[Location] = set()
        self._names: dict[str, str] | None = None
        self.suggested: set[str] = set()  # ids a problem points to ("did you mean jane?"): not "never referenced" too
        self.references: dict[Location, str] = {}  # where a local id was used → the id

    def problem(self, path: Location, message: str) -> None:
        self.problems.append(Problem.at(path, message, self.lines))

    def entity(self, local_id: str, used_at: Location) -> Any:
        self.used.add(local_id)
        if local_id in self.models:
            return self.models[local_id]
        if local_id in self.in_progress:
            cycle = " → ".join(self.in_progress[self.in_progress.index(local_id):] + [local_id])
            self.problem(used_at, f"entities refer to each other in a cycle: {cycle}")
            self.unresolved.add(used_at)
            return None
        path: Location = ("entities", local_id)
        raw = self.raw[local_id]
        if not isinstance(raw, Mapping):
            self.problem(path, "an entity is a mapping of its properties")
            self.models[local_id] = None
            return None
        type_name = raw.get("@type")
        cls = ENTITY_CLASSES.get(type_name) if isinstance(type_name, str) else None
        if cls is None:
            self.problem(path + ("@type",), f"expected one of {', '.join(ENTITY_CLASSES)}, found {_shown(type_name)}")
            self.models[local_id] = None
            return None
        self.in_progress.append(local_id)
        resolved = self.resolve(raw, path)
        self.in_progress.pop()
        self.models[local_id] = self.validate(cls, resolved, path)
        return self.models[local_id]

    def resolve(self, value: Any, path: Location, slot: str | None = None) -> Any:
        """``value`` with every local id in a reference property (``slot``, the property it is in) replaced by its
        entity's model; where a person or organization goes, a string that is no local id is a name, as in Python."""
        kind = type(value)
        if kind is str:
            return self.reference(value, path, slot) if slot is not None else value
        if kind is list or (kind is not dict and isinstance(value, list)):
            return [self.resolve(item, path + (index,), slot) for index, item in enumerate(value)]
        if kind is dict or isinstance(value, Mapping):
            return {key: self.resolve(item, path + (key,), key if key in REFERENCE_PROPERTIES else None)
                    for key, item in value.items()}
        return value

    def reference(self, value: str, path: Location, slot: str) -> Any:
        if value in self.raw:
            self.references[path] = value
            model = self.entity(value, path)
            if model is None:
                self.unresolved.add(path)
            return model
        named = self.named(value)
        if slot in NAME_PROPERTIES and named is None and not _ID_LIKE.fullmatch(value):
            return value  # a name: the model makes it a Person or Organization, as it does in Python
        if named is not None:
            self.suggested.add(named)
        if named is not None and named.casefold() == value.casefold():
            message = f"unknown entity id {_shown(value)}; did you mean {_shown_id(named)}? (ids are case-sensitive)"
        elif named is not None:
            message = (f"{_shown(value)} is the name of entity {_shown_id(named)}: refer to it by its id ({slot}: "
                       f"{_shown_id(named)})")
        else:
            message = f"unknown entity id {_shown(value)}"
            close = difflib.get_close_matches(value, list(self.raw), n=1, cutoff=0.6)
            if close:
                message += f"; did you mean {_shown_id(close[0])}?"
                self.suggested.add(close[0])
            else:
                # An id is any YAML key: one with a line break or other unprintable character is shown escaped.
                known = ", ".join(_shown_id(name) for name in sorted(self.raw)[:12]) or "none defined"
                message += f" (entities: {known})"
                if slot in NAME_PROPERTIES:
                    message += (f"; to name a person or organization, write the name with its capitals ({slot}: "
                                f"Jane Doe) or as {{name: {excerpt(value, 80)}}}")
        self.problem(path, message)
        self.unresolved.add(path)
        return None

    def named(self, text: str) -> str | None:
        """The local id of the one entity whose id, name or alternateName ``text`` is, letter case aside."""
        if self._names is None:
            self._names = {}
            for local_id, raw in self.raw.items():
                names = [local_id]
                if isinstance(raw, Mapping):
                    alternate = raw.get("alternateName")
                    names += [raw.get("name")] + (alternate if isinstance(alternate, list) else [alternate])
                for name in names:
                    if isinstance(name, str):
                        self._names.setdefault(name.casefold(), local_id)
        return self._names.get(text.casefold())

    def validate(self, cls: type[_Model], data: Any, path: Location) -> _Model | None:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            # A reference that did not resolve is reported already; pydantic would only echo it as "None".
            self.problems.extend(problems_from_pydantic(exc, path, self.lines, skip=self.unresolved, model=cls))
            return None


def build(data: Any, lines: Lines | None = None) -> NewsArticle:
    """Plain authoring data → a NewsArticle (or the right subtype), with local entity ids resolved."""
    return build_mapped(data, lines)[0]


def build_mapped(data: Any, lines: Lines | None = None) -> tuple[NewsArticle, SourceMap]:
    """``build``, and the map from the article's paths back to where the source says each thing."""
    try:
        return _build(data, lines if lines is not None else {})
    except RecursionError:  # resolving and validating recurse once per level, or twice
        raise NewsldValidationError([_too_deep(_nesting(data))]) from None


class SourceMap:
    """Where a path of the built article (``hasPart[2].text``, a finding's or the graph's) is in the source: through
    each local id to the entity it names, down to the line and column the source gives."""

    def __init__(self, data: Any, lines: Lines, references: Mapping[Location, str]):
        self.data, self.lines, self.references = data, lines, references

    def location(self, path: str) -> Location:
        """The source location of an article path; a reference is followed only when the path goes on inside it (the
        reference itself is where the entity is used)."""
        parts = parse_path(path)
        here: Location = ()
        value = self.data
        for index, part in enumerate(parts):
            below = here + (part,)
            if below in self.references and any(isinstance(rest, str) for rest in parts[index + 1:]):
                here = ("entities", self.references[below])
                value = _at_location(self.data, here)
                continue
            if isinstance(part, int) and not isinstance(value, list):
                continue  # one value given where a list is stored: the article's [0] is the value itself
            here = below
            value = _at_location(value, (part,))
        return here

    def position(self, path: str) -> Position | None:
        return position_for(self.location(path), self.lines)

    def problem(self, problem: Problem) -> Problem:
        """``problem`` (about the built article) placed in the source."""
        if problem.line is not None:
            return problem
        return Problem(problem.path, problem.message, *(self.position(problem.path) or (None, None)))


def _at_location(value: Any, location: Location) -> Any:
    for part in location:
        if isinstance(value, Mapping) and part in value or isinstance(value, list) and isinstance(part, int) and \
                0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value


def _build(data: Any, lines: Lines) -> tuple[NewsArticle, SourceMap]:
    if not isinstance(data, Mapping):
        raise NewsldValidationError(
            [Problem.at((), f"an article source is a mapping of properties, not {type(data).__name__}", lines)]
        )
    builder = _Builder(data, lines)
    article_data = {key: value for key, value in data.items() if key != "entities"}
    type_name = article_data.get("@type", "NewsArticle")
    cls = ARTICLE_CLASSES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        builder.problem(("@type",), f"expected one of {', '.join(ARTICLE_CLASSES)}, found {_shown(type_name)}")
    resolved = builder.resolve(article_data, ())
    for local_id in builder.raw:
        if local_id not in builder.used:
            builder.entity(local_id, ("entities", local_id))
            if local_id in builder.suggested:
                continue
            builder.problem(
                ("entities", local_id),
                "defined but never referenced; refer to it (e.g. in mentions) or remove it",
            )
    article = builder.validate(cls, resolved, ()) if cls is not None else None
    if builder.problems or article is None:
        raise NewsldValidationError(_in_source_order(builder.problems))
    return article, SourceMap(data, lines, builder.references)


def _in_source_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def read_source(source: str | Path | bytes, format: str | None = None, *, name: str = "<bytes>") -> tuple[Any, Lines]:
    """An article source, a file (a Path), its bytes or its text, → (plain data, source line of each path).

    The one reader of source files: ``load``, the quote finder, the command line, batch and the template integrations
    all come through here. ``format`` comes from the file's suffix or the text's first characters when not given;
    ``name`` names bytes in error messages. A file that cannot be read raises OSError.
    """
    if isinstance(source, Path):
        text = _decode(source.read_bytes(), str(source))
        format = format or format_of_path(source)
    elif isinstance(source, bytes):
        text = _decode(source, name)
    else:
        text = source
    return parse(text.lstrip("\ufeff"), format or sniff_format(text))


def load(path_or_text: str | Path | bytes, format: str | None = None) -> NewsArticle:
    """Read an article source (a path, or the source text itself) into a NewsArticle.

    ``format`` is one of ``yaml``, ``json``, ``toml``, ``markdown``; by default it comes from the file suffix, or for
    text from its first characters (``{`` JSON, ``---``/``+++`` front matter, otherwise YAML).
    """
    return load_mapped(path_or_text, format)[0]


def load_mapped(path_or_text: str | Path | bytes, format: str | None = None) -> tuple[NewsArticle, SourceMap]:
    """``load``, and where each path of the article is in its source (for messages about the built article)."""
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    source = path_or_text
    if isinstance(source, str) and "\n" not in source and _looks_like_path(source):
        source = Path(source)
    name = str(source) if isinstance(source, Path) else None
    try:
        data, lines = read_source(source, format)
        return build_mapped(data, lines)
    except OSError as exc:
        # The same kind of error (not found, permission denied, ...), with the file named once.
        raise type(exc)(exc.errno, f"cannot read {name}: {exc.strerror}") from None
    except NewsldValidationError as exc:
        raise exc.with_source(name) if name else exc from None


def _looks_like_path(text: str) -> bool:
    # Empty text is an (empty) source, not the current directory.
    if not text.strip():
        return False
    path = Path(text)
    try:
        return path.suffix.lower() in _SUFFIXES or path.exists()
    except OSError:  # e.g. a line of JSON longer than any file name can be: it is source text
        return False


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NewsldValidationError(
            [Problem("", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded", line)], source
        ) from None
