"""Models → an authoring source, the format ``load`` reads: YAML front matter, entities by local id, a Markdown body.

``to_source(article)`` is the inverse of ``load``: ``load(to_source(article)) == article`` for every article (a test
holds it to that for any article). Each person, organization, place, event, thing, claim or claim review that the
article refers to where a source may name an entity (``author``, ``publisher``, ``mentions``, ``spokenByCharacter``...)
is written once under ``entities`` with a readable local id (``jane-doe``, ``example-news``, ``claim-russian-planes``)
and referred to by it; everything else is written where it occurs. ``articleBody`` becomes the Markdown body when the
body reads back exactly as it is (not when it starts or ends with blank lines, ends with spaces or holds a CR), otherwise
it stays in the front matter.

The YAML is written here, not by a YAML library, so that what a value can do is proven rather than assumed: every text
value is one double-quoted line (a JSON string, with YAML's line breaks, byte-order marks, characters YAML does not
allow and bidirectional-text controls escaped as ``\\uXXXX``), so no value can end its line, open a comment, start a
document (``---``) or carry a tag. Comments (``yaml_comment``) escape the same characters, so no text can end a
comment line. Keys and entity ids are written bare only when they are plain words.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._authoring import ENTITY_CLASSES, REFERENCE_PROPERTIES
from ._graph import canonical_json, node_key, slugify
from .models import Claim, ClaimReview, NewsArticle, SchemaOrgModel

if TYPE_CHECKING:
    from ._site import Site

__all__ = ["Word", "prose", "site_source", "source_data", "to_source", "yaml_comment", "yaml_lines", "yaml_string"]

# Entities are the types a source defines under ``entities``; a quotation stays where it is said (``hasPart``), as
# sources are written by hand.
_ENTITY_TYPES = frozenset(ENTITY_CLASSES) - {"Quotation"}
_ID_WORDS = 4  # words of a claim's text in its local id

# What a double-quoted YAML scalar or a comment may not hold raw: line breaks (YAML 1.1 also breaks lines at NEL,
# LINE SEPARATOR and PARAGRAPH SEPARATOR), characters YAML refuses anywhere in a stream (C0 and C1 controls, DEL,
# surrogates, U+FFFE/U+FFFF), the byte-order mark, and the bidirectional controls that make text display in an order
# other than it reads.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff"
    "\ufffe\uffff]"
)
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_FLOW_WIDTH = 120  # a list of entity ids longer than this is written one id a line
# Bare words YAML reads as something other than text (in YAML 1.1 or 1.2), never written bare.
_RESERVED = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def yaml_string(text: str) -> str:
    """``text`` as one double-quoted YAML line that reads back as exactly ``text``."""
    return _UNSAFE.sub(_escape, json.dumps(text, ensure_ascii=False))


def yaml_comment(text: str) -> list[str]:
    """Comment lines for ``text``: one per line of it, each starting ``#``; nothing in it can end its line early."""
    return [("# " + _UNSAFE.sub(_escape, line)).rstrip() for line in text.split("\n")]


def prose(text: str, width: int = 116) -> str:
    """Comment text of words, wrapped to lines of ``width`` (the 120 columns of a source with "# " in front)."""
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) and name.lower() not in _RESERVED else yaml_string(name)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written to a source")
        return repr(value)
    if isinstance(value, str):
        return yaml_string(value)
    raise TypeError(f"cannot write {type(value).__name__} to a source")


class Word(str):
    """A local entity id or a type name: written bare when it is a plain word, quoted otherwise."""


def _written(value: Any) -> str:
    if isinstance(value, Word) and _PLAIN_WORD.fullmatch(value) and value.lower() not in _RESERVED:
        return str(value)
    return _scalar(value)


def yaml_lines(data: Mapping[str, Any], notes: Mapping[str, str] | None = None, indent: str = "") -> list[str]:
    """A mapping as block-style YAML lines. ``notes``: a trailing comment for some top-level keys."""
    lines: list[str] = []
    for key, value in data.items():
        note = f"  {yaml_comment(notes[key])[0]}" if notes and key in notes else ""
        head = f"{indent}{_key(key)}:"
        if isinstance(value, Mapping):
            lines += [head + " {}" + note] if not value else [head + note] + yaml_lines(value, None, indent + "  ")
        elif isinstance(value, list):
            lines += _list_lines(head, value, indent, note)
        else:
            lines.append(f"{head} {_written(value)}{note}")
    return lines


def _list_lines(head: str, items: list, indent: str, note: str) -> list[str]:
    if not items or all(isinstance(item, Word) for item in items):
        flow = f"{head} [{', '.join(_written(item) for item in items)}]{note}"
        if len(flow) <= _FLOW_WIDTH:
            return [flow]
    lines = [head + note]
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = yaml_lines(item, None, indent + "    ")
            lines += [f"{indent}  - {inner[0].lstrip()}"] + inner[1:]
        elif isinstance(item, (Mapping, list)):
            lines.append(f"{indent}  - {'{}' if isinstance(item, Mapping) else '[]'}")
        else:
            lines.append(f"{indent}  - {_written(item)}")
    return lines


# -------------------------------------------------------------------------------------------------------- models → data


class _Writer:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.ids: dict[tuple, str] = {}

    def model(self, model: SchemaOrgModel) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": Word(model.type)}
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if name == "type" or value is None:
                continue
            key = info.serialization_alias or name
            out[key] = self.value(value, key in REFERENCE_PROPERTIES)
        return out

    def value(self, value: Any, reference_slot: bool) -> Any:
        if isinstance(value, list):
            return [self.value(item, reference_slot) for item in value]
        if isinstance(value, SchemaOrgModel):
            if reference_slot and value.type in _ENTITY_TYPES:
                return self.entity(value)
            return self.model(value)
        return value

    def entity(self, model: SchemaOrgModel) -> Word:
        # One entity per node of the graph; an @id given to two different nodes (an article newsld cannot emit) stays
        # two entities, so that the source says what the article says.
        key = node_key(model) + ((canonical_json(model),) if model.id else ())
        known = self.ids.get(key)
        if known is not None:
            return Word(known)
        local_id = _free(_readable_id(model), self.entities)
        self.ids[key] = local_id
        self.entities[local_id] = {}  # its place in the order of first use; filled in below
        self.entities[local_id] = self.model(model)
        return Word(local_id)


def _readable_id(model: SchemaOrgModel) -> str:
    if isinstance(model, Claim):
        kind, label = "claim", " ".join(model.text.split()[:_ID_WORDS])
    elif isinstance(model, ClaimReview):
        kind, label = "review", " ".join(model.claimReviewed.split()[:_ID_WORDS])
    else:
        kind = model.type.lower()
        label = getattr(model, "name", None) or getattr(model, "description", None) or ""
    slug = slugify(label)
    if kind in ("claim", "review") and slug:
        return f"{kind}-{slug}"
    # An id that reads as a number, or as nothing, gets its kind in front.
    return slug if slug and slug[0].isalpha() else f"{kind}-{slug}".rstrip("-")


def _free(wanted: str, taken: Mapping[str, Any]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def source_data(article: NewsArticle) -> dict[str, Any]:
    """The article as authoring data: its properties, with ``entities`` (local id → properties) last when it has any.
    Entity ids and type names are ``Word`` strings."""
    writer = _Writer()
    data = writer.model(article)
    if writer.entities:
        data["entities"] = writer.entities
    return data


def _body_reads_back(body: str) -> bool:
    """Whether the Markdown body of a source reads back as exactly ``body`` (``load`` trims what surrounds it)."""
    return bool(body) and "\r" not in body and body == body.strip("\n").rstrip()


def to_source(
    article: NewsArticle,
    *,
    header: Iterable[str] = (),
    footer: Iterable[str] = (),
    notes: Mapping[str, str] | None = None,
) -> str:
    """The article as an authoring source (YAML front matter and a Markdown body) that ``newsld.load`` reads back as
    an equal article.

    ``header`` and ``footer`` are comment text written at the start and the end of the front matter, ``notes`` a
    trailing comment for some top-level properties; every line of them is escaped (``yaml_comment``).
    """
    data = source_data(article)
    body = data.get("articleBody")
    in_body = isinstance(body, str) and _body_reads_back(body)
    if in_body:
        del data["articleBody"]
    lines = ["---"]
    lines += [line for text in header for line in yaml_comment(text)]
    lines += yaml_lines(data, notes)
    lines += [line for text in footer for line in yaml_comment(text)]
    lines.append("---")
    text = "\n".join(lines) + "\n"
    return text + "\n" + body + "\n" if in_body else text


def _typed_words(value: Any) -> Any:
    """A dumped model with its ``@type`` values as ``Word``s, written bare."""
    if isinstance(value, list):
        return [_typed_words(item) for item in value]
    if isinstance(value, dict):
        return {key: Word(item) if key == "@type" and isinstance(item, str) else _typed_words(item)
                for key, item in value.items()}
    return value


def site_source(site: Site, *, header: Sequence[str] = ()) -> str:
    """A site file (YAML) that ``newsld.load_site`` reads back as an equal Site."""
    data = _typed_words(site.model_dump(by_alias=True, exclude_none=True))
    lines = [line for text in header for line in yaml_comment(text)] + yaml_lines(data)
    return "\n".join(lines) + "\n"
