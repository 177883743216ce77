"""Article source files (YAML, JSON, TOML, Markdown with front matter) → models.

The authoring format is the NewsArticle's own properties plus one key of its own, ``entities``: every person,
organization, place, event, claim or quotation is defined there once under a short local id and referenced by that id
wherever the article needs it (``author: [jane]``, ``spokenByCharacter: putin``, ``mentions: [putin, syria]``).
Every problem is reported at once with its path and, for YAML, JSON and front matter, its source line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping  # typing.Mapping's isinstance is several times slower, on every value
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from ._errors import Location, NewsldValidationError, Problem, format_path, line_for, problems_from_pydantic
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
    SchemaOrgModel,
    Thing,
)

__all__ = [
    "ENTITY_CLASSES",
    "FORMATS",
    "Lines",
    "REFERENCE_PROPERTIES",
    "build",
    "format_of_path",
    "load",
    "loads_strict",
    "parse",
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

Lines = dict[Location, int]
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
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML refuses control characters and unpaired surrogates before it reads anything.
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        raise NewsldValidationError(
            [Problem("", f"malformed YAML: the character U+{exc.character:04X} is not allowed in YAML text", line)]
        ) from None
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        problems: list[Problem] = []
        if node is not None:
            _map_lines(node, (), lines, problems, line_offset)
        if problems:
            raise NewsldValidationError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        raise NewsldValidationError([Problem("", f"malformed YAML: {message}", line)]) from None
    except yaml.YAMLError as exc:
        raise NewsldValidationError([Problem("", f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return data, lines


def _map_lines(node: yaml.Node, path: Location, lines: Lines, problems: list, offset: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if getattr(node, "anchor", None):
        problems.append(
            Problem(format_path(path), "YAML anchors and aliases are not accepted; define entities once under "
                    "'entities' and refer to them by id", node.start_mark.line + 1 + offset)
        )
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(
                    Problem(format_path(path + (key,)), f"key given twice (first on line {seen[key]})", line)
                )
            seen[key] = line
            lines[path + (key,)] = line
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
            raise ValueError(f"key {key!r} given twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_with_lines(text: str) -> tuple[Any, Lines]:
    try:
        data = loads_strict(text)
    except json.JSONDecodeError as exc:
        message = f"malformed JSON: {exc.msg} (column {exc.colno})"
        raise NewsldValidationError([Problem("", message, exc.lineno)]) from None
    except ValueError as exc:
        raise NewsldValidationError(_located_duplicates(text) or [Problem("", f"malformed JSON: {exc}")]) from None
    # JSON's structure is YAML's flow style, so YAML's composer can tell lines; where it cannot, errors go without.
    try:
        _, lines = _yaml_with_lines(text)
    except NewsldValidationError:
        lines = {}
    return data, lines


def _located_duplicates(text: str) -> list:
    # json's hook cannot tell where a repeated key is; YAML's composer (JSON is YAML's flow style) can.
    try:
        _yaml_with_lines(text)
    except NewsldValidationError as exc:
        return [problem for problem in exc.problems if "given twice" in problem.message]
    return []


def _toml(text: str, line_offset: int = 0) -> tuple[Any, Lines]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text), {}
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        # tomllib says "at end of document" for what is left open (a list, a string): that is the last line.
        line = int(match.group(1)) if match else max(len(text.splitlines()), 1)
        line += line_offset
        raise NewsldValidationError([Problem("", f"malformed TOML: {exc}", line)]) from None


_FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<head>.*?)^(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def _markdown(text: str) -> tuple[Any, Lines]:
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
                [Problem("articleBody", "given both in the front matter and as the Markdown body",
                         lines.get(("articleBody",)))]
            )
        data["articleBody"] = body
        lines[("articleBody",)] = text[: match.end()].count("\n") + 1
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

    def problem(self, path: Location, message: str) -> None:
        self.problems.append(Problem(format_path(path), message, line_for(path, self.lines)))

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
            self.problem(path + ("@type",), f"expected one of {', '.join(ENTITY_CLASSES)}, found {type_name!r}")
            self.models[local_id] = None
            return None
        self.in_progress.append(local_id)
        resolved = self.resolve(raw, path)
        self.in_progress.pop()
        self.models[local_id] = self.validate(cls, resolved, path)
        return self.models[local_id]

    def resolve(self, value: Any, path: Location, in_reference_slot: bool = False) -> Any:
        if isinstance(value, str) and in_reference_slot:
            if value in self.raw:
                model = self.entity(value, path)
                if model is None:
                    self.unresolved.add(path)
                return model
            # An id is any YAML key: one with a line break or other unprintable character is shown escaped.
            known = ", ".join(name if name.isprintable() else repr(name) for name in sorted(self.raw)[:12])
            known = known or "none defined"
            self.problem(path, f"unknown entity id {value!r} (entities: {known})")
            self.unresolved.add(path)
            return None
        if isinstance(value, list):
            return [self.resolve(item, path + (index,), in_reference_slot) for index, item in enumerate(value)]
        if isinstance(value, Mapping):
            return {
                key: self.resolve(item, path + (key,), key in REFERENCE_PROPERTIES)
                for key, item in value.items()
            }
        return value

    def validate(self, cls: type[_Model], data: Any, path: Location) -> _Model | None:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            # A reference that did not resolve is reported already; pydantic would only echo it as "None".
            self.problems.extend(problems_from_pydantic(exc, path, self.lines, skip=self.unresolved))
            return None


def build(data: Any, lines: Lines | None = None) -> NewsArticle:
    """Plain authoring data → a NewsArticle (or the right subtype), with local entity ids resolved."""
    try:
        return _build(data, lines or {})
    except RecursionError:
        raise NewsldValidationError([Problem("", _TOO_DEEP)]) from None


def _build(data: Any, lines: Lines) -> NewsArticle:
    if not isinstance(data, Mapping):
        raise NewsldValidationError(
            [Problem("", f"an article source is a mapping of properties, not {type(data).__name__}",
                     line_for((), lines))]
        )
    builder = _Builder(data, lines)
    article_data = {key: value for key, value in data.items() if key != "entities"}
    type_name = article_data.get("@type", "NewsArticle")
    cls = ARTICLE_CLASSES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        builder.problem(("@type",), f"expected one of {', '.join(ARTICLE_CLASSES)}, found {type_name!r}")
    resolved = builder.resolve(article_data, ())
    for local_id in builder.raw:
        if local_id not in builder.used:
            builder.entity(local_id, ("entities", local_id))
            builder.problem(
                ("entities", local_id),
                "defined but never referenced; refer to it (e.g. in mentions) or remove it",
            )
    article = builder.validate(cls, resolved, ()) if cls is not None else None
    if builder.problems or article is None:
        raise NewsldValidationError(_in_source_order(builder.problems))
    return article


def _in_source_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0))


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
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    source = path_or_text
    if isinstance(source, str) and "\n" not in source and _looks_like_path(source):
        source = Path(source)
    name = str(source) if isinstance(source, Path) else None
    try:
        data, lines = read_source(source, format)
        return build(data, lines)
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {name}: {exc.strerror}") from None
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
