"""schema.org rules: the contexts, types and properties a page uses, checked against schema.org 30.0.

Severities follow what a consumer does with the markup. An unknown type is an error: Google and other schema.org
consumers drop a node whose type they do not know, so everything it says is lost. An unknown property is a warning:
JSON-LD processors and Google ignore that one property and keep the rest of the node, so the data still works, but
the value is silently lost. Uses that schema.org itself tolerates (text where a Thing is expected, pending terms,
``http://schema.org``) are info.

Terms are checked only where the active ``@context`` is schema.org's (or where there is no context at all, which is an
error of its own, read as if schema.org was meant); under another vocabulary the terms are not schema.org's to judge.
Terms a context object defines locally, and prefixed or full IRIs outside schema.org, are left alone.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ... import _vocab
from ..._findings import Codes, Finding, json_path, quoted
from .._page import PageData
from ._nodes import (
    TERM_CACHE,
    coerced_properties,
    node_types,
    properties_by_lower_name,
    schema_name,
    types_by_lower_name,
)

__all__ = ["CODES", "KEYWORDS", "check"]

CODES = Codes({
    "schemaorg/missing-context": (
        "error", "a JSON-LD value without @context: to JSON-LD its terms are not schema.org's"),
    "schemaorg/foreign-data": (
        "info", "a JSON value in a JSON-LD block with no @context, no @type and no schema.org term: not schema.org data"),
    "schemaorg/unknown-context": (
        "warning", "an @context that is not schema.org's: the terms under it are not checked"),
    "schemaorg/other-vocabulary": (
        "info", "an @context object of its own terms and no vocabulary: not schema.org, not checked"),
    "schemaorg/nonstandard-context": ("warning", "another spelling of the schema.org context (www., no scheme, case)"),
    "schemaorg/http-context": (
        "info", "@context http://schema.org: accepted, but https://schema.org is the current form"),
    "schemaorg/context-object": ("info", "@context is an object with @vocab rather than the string https://schema.org"),
    "schemaorg/vocab-iri": (
        "warning", "an @vocab for schema.org without the trailing slash: terms expand to wrong IRIs"),
    "schemaorg/unknown-keyword": ("warning", "a key starting with @ that is not a JSON-LD keyword (e.g. @Type)"),
    "schemaorg/keyword-without-at": (
        "warning", "type, id, context or graph written without @ (most consumers miss it)"),
    "schemaorg/unknown-type": (
        "error", "a @type that is not a schema.org 30.0 type, on a node with no other: consumers drop the node"),
    "schemaorg/unknown-extra-type": (
        "warning", "one of a node's @types is not a schema.org 30.0 type: consumers ignore it and read the others"),
    "schemaorg/type-case": ("warning", "a schema.org type in the wrong case (newsarticle for NewsArticle)"),
    "schemaorg/external-type": ("info", "a @type from outside schema.org: schema.org consumers ignore it"),
    "schemaorg/unknown-property": (
        "warning", "properties that are not in schema.org 30.0 (one finding a node): consumers ignore their values"),
    "schemaorg/google-spelling": (
        "info", "a property spelled as Google's documentation spells it (xPath), not as schema.org does (xpath)"),
    "schemaorg/superseded": ("warning", "a superseded schema.org term: use its replacement"),
    "schemaorg/pending": ("info", "a term from schema.org's pending section: proposed, and liable to change"),
    "schemaorg/property-domain": ("warning", "a property used on a type outside its schema.org domain"),
    "schemaorg/value-range": ("warning", "a value of a kind the property's schema.org range does not include"),
    "schemaorg/text-for-thing": ("info", "text where a Thing is expected: accepted, but a typed node says what it is"),
    "schemaorg/literal-type": ("info", "a string where only a number or boolean is expected"),
})

# Every JSON-LD 1.1 keyword; any other key starting with @ is ignored by processors.
KEYWORDS = frozenset(
    "@base @container @context @direction @graph @id @import @included @index @json @language @list @nest @none "
    "@prefix @propagate @protected @reverse @set @type @value @version @vocab".split()
)
# Keys people write for keywords: to JSON-LD they are ordinary (and, in schema.org, unknown) properties.
_BARE_KEYWORDS = {"type": "@type", "id": "@id", "context": "@context", "graph": "@graph"}
_CANONICAL_CONTEXTS = frozenset(
    {"https://schema.org", "https://schema.org/", "https://schema.org/docs/jsonldcontext.json"}
)
_HTTP_CONTEXTS = frozenset({"http://schema.org", "http://schema.org/", "http://schema.org/docs/jsonldcontext.json"})
_SCHEMA_VOCABS = frozenset({"https://schema.org/", "http://schema.org/"})
_NON_TEXT_DATA_TYPES = frozenset({"Boolean", "Number", "Integer", "Float"})
# Schema.org's Action annotations: query-input and the like describe an input of the named property.
_ACTION_ANNOTATION = re.compile(r"^(?P<property>[A-Za-z][A-Za-z0-9]*)-(?:input|output)$")
_ABSOLUTE_URL = re.compile(r"https?://\S+\Z")
# Google's speakable documentation writes xPath; schema.org's property is xpath.
_GOOGLE_SPELLINGS = {"xPath": "xpath"}
_EXCERPT = 60
_CONTAINERS = (dict, list)


# ------------------------------------------------------------------------------------------------------ names and terms


@lru_cache(maxsize=4096)
def _suggestion(name: str, kind: str) -> str:
    by_lower = types_by_lower_name() if kind == "type" else properties_by_lower_name()
    if name.lower() in by_lower:
        return f"; did you mean {by_lower[name.lower()]}?"
    close = difflib.get_close_matches(name, list(by_lower.values()), n=1, cutoff=0.85)
    return f"; did you mean {close[0]}?" if close else ""


def _show(value: Any) -> str:
    return quoted(value, _EXCERPT)


def _either(names) -> str:
    names = sorted(names)
    shown = names[:4] + (["…"] if len(names) > 4 else [])
    return " or ".join(shown)


# ------------------------------------------------------------------------------------------------------------- contexts


@dataclass(frozen=True)
class _Scope:
    """The active context, as far as these rules need it."""

    vocab: str  # "none" (no context yet), "assumed" (none, reported), "schema", or "other"
    terms: frozenset = frozenset()  # terms a context object defines locally

    @property
    def checks_terms(self) -> bool:
        return self.vocab in ("schema", "assumed")


_Note = tuple[str, str, str]  # severity, code, message


def _note(code: str, message: str) -> _Note:
    return CODES.severity(code), code, message


def _context_string(value: str) -> tuple[str, _Note | None]:
    if value in _CANONICAL_CONTEXTS:
        return "schema", None
    shown = _show(value)
    if value in _HTTP_CONTEXTS:
        message = f"@context {shown} works; https://schema.org is the current form"
        return "schema", _note("schemaorg/http-context", message)
    host = re.sub(r"^(?:https?:)?//", "", value.strip().lower()).rstrip("/")
    if host == "schema.org" or host.endswith(".schema.org"):  # www., and the retired extension hosts
        message = (
            f"@context {shown} is not how schema.org's context is written; consumers that match the context by name "
            'miss it: write "https://schema.org"'
        )
        return "schema", _note("schemaorg/nonstandard-context", message)
    message = f"@context {shown} is not schema.org's: its terms are not checked"
    return "other", _note("schemaorg/unknown-context", message)


def _context_object(value: dict[str, Any], scope: _Scope) -> tuple[_Scope, list[_Note]]:
    notes: list[_Note] = []
    vocab = scope.vocab
    if "@vocab" in value:
        iri = value["@vocab"]
        message = '@context is an object with @vocab; most consumers expect the string "https://schema.org"'
        notes.append(_note("schemaorg/context-object", message))
        if isinstance(iri, str) and iri in _SCHEMA_VOCABS:
            vocab = "schema"
        elif isinstance(iri, str) and iri.rstrip("/#") in ("https://schema.org", "http://schema.org"):
            vocab = "schema"
            message = (
                f"@vocab {_show(iri)} lacks the trailing slash: a JSON-LD processor expands NewsArticle to "
                f'{iri}NewsArticle; write "https://schema.org/"'
            )
            notes.append(_note("schemaorg/vocab-iri", message))
        else:
            vocab = "other"
    terms = frozenset(key for key in value if isinstance(key, str) and not key.startswith("@"))
    return _Scope(vocab, scope.terms | terms), notes


def _apply_context(context: Any, scope: _Scope) -> tuple[_Scope, list[_Note]]:
    """The scope inside a node with this ``@context``, and what is odd about the context."""
    notes: list[_Note] = []
    items = context if isinstance(context, list) else [context]
    for item in items:
        if item is None:
            scope = _Scope("none")
        elif isinstance(item, str):
            vocab, note = _context_string(item)
            scope = _Scope(vocab, scope.terms)
            notes.extend([note] if note else [])
        elif isinstance(item, dict):
            scope, more = _context_object(item, scope)
            notes.extend(more)
        else:
            scope = _Scope("other", scope.terms)
            message = f"@context {_show(item)} is neither a URL nor an object"
            notes.append(_note("schemaorg/unknown-context", message))
    if scope.vocab in ("none", "assumed") and items and context is not None:
        # A context of term definitions alone, with no vocabulary: nothing maps the remaining terms to schema.org.
        scope = _Scope("other", scope.terms)
        message = "@context defines terms of its own and no vocabulary: not schema.org, not checked"
        notes.append(_note("schemaorg/other-vocabulary", message))
    return scope, notes


# --------------------------------------------------------------------------------------------------------------- ranges


@dataclass(frozen=True)
class _Range:
    """What a property's schema.org range accepts, worked out once per property."""

    names: frozenset
    takes_text: bool  # Text, URL, dates, quantities...
    takes_numbers: bool
    takes_strings: bool  # any string: it takes text, or the schema.org context reads its strings as IRIs
    expected: str  # "where Person or Organization is expected", for messages


@lru_cache(maxsize=None)
def _range(prop: str) -> _Range:
    ranges = _vocab.property_ranges(prop)
    data = {name for name in ranges if _vocab.is_data_type(name)}
    takes_text = bool(data - _NON_TEXT_DATA_TYPES)
    return _Range(
        ranges,
        takes_text,
        bool(data & {"Number", "Integer", "Float"}),
        takes_text or prop in coerced_properties(),
        f"where {_either(ranges)} is expected",
    )


@lru_cache(maxsize=TERM_CACHE)
def _accepts_node(prop: str, type_name: str) -> bool:
    """Whether a node of ``type_name`` suits ``prop``; a Role stands in for the value it qualifies."""
    return _vocab.in_range(prop, type_name) or "Role" in _vocab.supertypes(type_name)


def _names_member_of(prop: str, text: str) -> bool:
    """Whether ``text`` names an enumeration member the property accepts (``https://schema.org/InStock``).

    Boolean's members True and False do not count: in JSON-LD a boolean is written as JSON true or false.
    """
    name = schema_name(text)
    if name is None or not _vocab.is_enumeration_member(name):
        return False
    return any(_vocab.in_range(prop, enum) for enum in _vocab.enumerations_of(name) if enum != "Boolean")


def _value_types(value: dict[str, Any], page: PageData) -> list[str]:
    """A node value's schema.org types: its own, or for a bare ``{"@id"}`` those of the node it names on the page."""
    if "@type" in value:
        return node_types(value)
    if set(value) == {"@id"} and isinstance(value["@id"], str):
        return [name for ref in page.by_id.get(value["@id"], ()) for name in node_types(ref.node)]
    return []


def _range_note(prop: str, value: Any, page: PageData) -> _Note | None:
    accepted = _range(prop)
    if isinstance(value, str):  # most values: decided without building any message
        if accepted.takes_strings or not value.strip() or _names_member_of(prop, value):
            return None
        if _ABSOLUTE_URL.match(value):
            return None  # the thing named by its URL, as Google's own BreadcrumbList examples do for item
        if accepted.takes_numbers or "Boolean" in accepted.names:
            kind = "number" if accepted.takes_numbers else "boolean"
            message = f"{prop} is the string {_show(value)} {accepted.expected}: write a JSON {kind}"
            return _note("schemaorg/literal-type", message)
        message = (
            f"{prop} is the text {_show(value)} {accepted.expected}; schema.org and Google accept text here, but a "
            "typed node says what it is"
        )
        return _note("schemaorg/text-for-thing", message)
    if isinstance(value, bool):
        if "Boolean" in accepted.names:
            return None
        return _note("schemaorg/value-range", f"{prop} is {json.dumps(value)} {accepted.expected}")
    if isinstance(value, (int, float)):
        if accepted.takes_text or accepted.takes_numbers:
            return None  # a JSON number is a literal; consumers read 1200 as a width or a text alike
        return _note("schemaorg/value-range", f"{prop} is the number {value} {accepted.expected}")
    if isinstance(value, dict):
        types = _value_types(value, page)
        if not types or any(_accepts_node(prop, name) for name in types):
            return None
        shown = "/".join(dict.fromkeys(types))
        return _note("schemaorg/value-range", f"{prop} is a node of type {shown} {accepted.expected}")
    return None


def _items(value: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The values of a property: list items and @list/@set members, flattened, each with the keys leading to it."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), value)]
    while stack:
        steps, value = stack.pop()
        if isinstance(value, list):
            stack.extend((steps + (i,), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict) and ("@list" in value or "@set" in value):
            key = "@list" if "@list" in value else "@set"
            stack.append((steps + (key,), value[key]))
        else:
            yield steps, value


def _path_of(path: str, steps: tuple[Any, ...]) -> str:
    for step in steps:
        path = json_path(path, step)
    return path


# ------------------------------------------------------------------------------------------------------------- the walk


class _Collector:
    """Findings of one block. Term findings (the same unknown type ten times) are reported once, with a count."""

    def __init__(self, block: int) -> None:
        self.block = block
        self._findings: list[Finding] = []
        self._repeats: dict[tuple[str, str], list[int]] = {}  # (code, term) -> [index in _findings, repeats]

    def add(self, note: _Note, path: str) -> None:
        self._findings.append(Finding(note[0], note[1], note[2], path=path, block=self.block))

    def add_once(self, note: _Note, path: str, term: str) -> None:
        key = (note[1], term)
        if key in self._repeats:
            self._repeats[key][1] += 1
        else:
            self._repeats[key] = [len(self._findings), 0]
            self.add(note, path)

    def all(self) -> list[Finding]:
        found = list(self._findings)
        for index, more in self._repeats.values():
            if more:
                counted = f"{found[index].message} (and {more} more time{'s' if more > 1 else ''} in this block)"
                found[index] = replace(found[index], message=counted)
        return found


def _term_notes(name: str, kind: str) -> Iterator[_Note]:
    replacements = _vocab.superseded_by(name)
    if replacements:
        yield _note("schemaorg/superseded", f"{kind} {name} is superseded by {_either(replacements)}")
    if _vocab.is_pending(name):
        message = f"{kind} {name} is in schema.org's pending section: proposed, and liable to change"
        yield _note("schemaorg/pending", message)


_Counted = tuple[tuple[_Note, str | None], ...]  # notes, each with the term it is counted once under (or None)


@lru_cache(maxsize=TERM_CACHE)
def _type_verdict(term: str) -> tuple[str | None, _Counted]:
    """A @type name no context defines locally: the schema.org type it names (None if it names none exactly) and
    its notes."""
    name = schema_name(term)
    if name is not None and _vocab.is_type(name):
        return name, tuple((note, name) for note in _term_notes(name, "type"))
    shown = _show(term)
    if name is None:
        note = _note("schemaorg/external-type", f"@type {shown} is not schema.org's: schema.org consumers ignore it")
    elif name.lower() in types_by_lower_name():
        right = types_by_lower_name()[name.lower()]
        note = _note("schemaorg/type-case", f"@type {shown} should be {right}: schema.org types are case-sensitive")
    else:
        message = f"@type {shown} is not a schema.org {_vocab.schema_version()} type{_suggestion(name, 'type')}"
        note = _note("schemaorg/unknown-type", message)
    return None, ((note, term),)


def _check_types(node: dict[str, Any], path: str, scope: _Scope, out: _Collector) -> tuple[str, ...] | None:
    """Check the node's @type values; return its schema.org types when every one is known, else None."""
    if "@type" not in node:
        return None
    value = node["@type"]
    many = isinstance(value, list)
    known: list[str] = []
    complete = True
    unknown: list[tuple[_Note, str, str | None]] = []  # reported once the node's known types are known
    for i, term in enumerate(value if many else (value,)):
        if not isinstance(term, str):
            where = json_path(json_path(path, "@type"), i) if many else json_path(path, "@type")
            unknown.append((_note("schemaorg/unknown-type", f"@type {_show(term)} is not a type name"), where, None))
            complete = False
            continue
        if term in scope.terms:  # a context's own term: not schema.org's to judge
            complete = False
            continue
        name, notes = _type_verdict(term)
        if name is None:
            complete = False
        else:
            known.append(name)
        if notes:
            where = json_path(json_path(path, "@type"), i) if many else json_path(path, "@type")
            for note, counted in notes:
                if note[1] == "schemaorg/unknown-type":
                    unknown.append((note, where, counted))
                else:
                    out.add_once(note, where, counted)
    if len(unknown) > 1 and not known:  # one node dropped, whatever the number of names it was given
        names = ", ".join(_show(term) for term in (value if many else [value]))
        message = f"@type {names}: none is a schema.org {_vocab.schema_version()} type, so consumers drop the node"
        unknown = [(_note("schemaorg/unknown-type", message), json_path(path, "@type"), None)]
    for note, where, counted in unknown:
        if known:  # the node keeps its other types: only this one is lost
            note = _note("schemaorg/unknown-extra-type", f"{note[2]}: consumers ignore it and read the node as "
                         f"{'/'.join(known)}")
        if counted is None:
            out.add(note, where)
        else:
            out.add_once(note, where, counted)
    return tuple(known) if complete and known else None


def _bare_keyword_note(key: str, scope: _Scope) -> _Note:
    keyword = _BARE_KEYWORDS[key]
    if scope.vocab == "schema" and key in ("type", "id"):
        reading = f"schema.org's context makes it an alias of {keyword}, but consumers that do not load the context "
        reading += "(most do not) miss it"
    else:
        reading = "to JSON-LD it is an ordinary property"
    return _note("schemaorg/keyword-without-at", f'"{key}" is written for {keyword}: {reading}; write "{keyword}"')


@lru_cache(maxsize=TERM_CACHE)
def _key_verdict(key: str) -> tuple[str | None, _Counted]:
    """A key that is neither a context's own term nor a keyword written without @: the schema.org property it names
    (None when there is nothing to check) and its notes."""
    if key.startswith("@"):
        if key in KEYWORDS:
            return None, ()
        message = f"{key} is not a JSON-LD keyword; processors ignore it"
        return None, ((_note("schemaorg/unknown-keyword", message), None),)
    name = schema_name(key)
    annotation = _ACTION_ANNOTATION.match(name or "")
    if name is None or annotation and _vocab.is_property(annotation["property"]):
        return None, ()
    if name in _GOOGLE_SPELLINGS:
        right = _GOOGLE_SPELLINGS[name]
        message = (
            f"{key} is how Google's documentation spells schema.org's {right}: Google reads it, other consumers "
            f"look for {right}"
        )
        return right, ((_note("schemaorg/google-spelling", message), key),)
    if not _vocab.is_property(name):
        message = f"{key} is not a schema.org {_vocab.schema_version()} property; consumers ignore it"
        return None, ((_note("schemaorg/unknown-property", message + _suggestion(name, "property")), key),)
    return name, tuple((note, name) for note in _term_notes(name, "property"))


@lru_cache(maxsize=TERM_CACHE)
def _is_role(types: tuple[str, ...]) -> bool:
    return any("Role" in _vocab.supertypes(name) for name in types)


def _domain_note(prop: str, types: tuple[str, ...]) -> _Note | None:
    if any(_vocab.in_domain(prop, name) for name in types):
        return None
    domains = _either(_vocab.property_domains(prop))
    return _note("schemaorg/property-domain", f"{prop} is not a property of {'/'.join(types)}; its domain is {domains}")


# What a key means on a node of given types: (property or None, its notes, the domain note, whether the property takes
# any string). The same keys recur on node after node, so each combination of types has a table of them.
_KeyFacts = tuple[str | None, _Counted, _Note | None, bool]
_KEYS_PER_TABLE = 1024  # keys are the pages' own strings: a long batch must not grow a table without limit


@lru_cache(maxsize=64)
def _key_table(types: tuple[str, ...] | None) -> dict[str, _KeyFacts]:
    """The facts of the keys met so far on nodes of ``types`` (None: nodes whose domain is not checked)."""
    return {}


def _key_facts(key: str, types: tuple[str, ...] | None, table: dict[str, _KeyFacts]) -> _KeyFacts:
    """``key``'s facts, worked out and kept in ``table``."""
    prop, notes = _key_verdict(key)
    domain = _domain_note(prop, types) if prop is not None and types is not None else None
    if len(table) >= _KEYS_PER_TABLE:
        table.clear()
    facts = table[key] = (prop, notes, domain, prop is not None and _range(prop).takes_strings)
    return facts


_Children = list[tuple[str, Any]]


def _children(node: dict[str, Any], scope: _Scope) -> _Children:
    """The objects and arrays to walk into: not @context (already read), nor a context's own terms (not ours)."""
    terms = scope.terms
    return [
        (key, value)
        for key, value in node.items()
        if key != "@context" and key not in terms and isinstance(value, _CONTAINERS)
    ]


def _check_node(
    node: dict[str, Any], path: str, scope: _Scope, reverse: bool, page: PageData, out: _Collector
) -> _Children:
    """Check the node's types and properties; return its children, as ``_children`` does (one pass over the keys)."""
    # Paths are built only for findings: most keys and values have none.
    types = None if reverse else _check_types(node, path, scope, out)
    # A Role node repeats the property it qualifies ({"actor": {"@type": "PerformanceRole", "actor": ...}}).
    domain_types = None if not types or _is_role(types) else types
    table = _key_table(domain_types)
    terms = scope.terms
    children: _Children = []
    unknown: list[tuple[str, _Note]] = []
    for key, value in node.items():
        # A context's own terms are not schema.org's to judge (they never start with @, unlike keywords).
        if key == "@context" or key in terms:
            continue
        if isinstance(value, _CONTAINERS):
            children.append((key, value))
        if key == "@type":
            continue
        if key in _BARE_KEYWORDS:
            out.add(_bare_keyword_note(key, scope), json_path(path, key))
            continue
        prop, notes, domain_note, takes_strings = table.get(key) or _key_facts(key, domain_types, table)
        for note, counted in notes:
            if note[1] == "schemaorg/unknown-property":
                unknown.append((key, note))
            elif counted is None:
                out.add(note, json_path(path, key))
            else:
                out.add_once(note, json_path(path, key), counted)
        if prop is None or reverse:
            continue  # under @reverse, values are subjects: the domain and range swap places
        if domain_note:
            out.add(domain_note, json_path(path, key))
        if isinstance(value, str):
            if takes_strings:  # most values, settled without a call
                continue
            note = _range_note(prop, value, page)
        elif isinstance(value, list) or isinstance(value, dict) and ("@list" in value or "@set" in value):
            for steps, item in _items(value):
                note = _range_note(prop, item, page)
                if note:
                    out.add(note, _path_of(json_path(path, key), steps))
            continue
        else:
            note = _range_note(prop, value, page)
        if note:
            out.add(note, json_path(path, key))
    if unknown:
        _report_unknown(unknown, path, out)
        # A consumer drops an unknown property with all it holds; only a typed node inside is still a node of its own.
        keys = {key for key, _ in unknown}
        children = [(key, value) for key, value in children if key not in keys or _holds_typed_node(value)]
    return children


def _report_unknown(unknown: list[tuple[str, _Note]], path: str, out: _Collector) -> None:
    """One finding for a node's unknown properties: at the property when it is one, at the node when there are more."""
    if len(unknown) == 1:
        key, note = unknown[0]
        out.add_once(note, json_path(path, key), key)
        return
    shown = []
    for key, _ in unknown[:8]:
        suggestion = _suggestion(schema_name(key) or key, "property")
        shown.append(f"{key} ({suggestion[2:]})" if suggestion else key)
    more = f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
    message = (
        f"{len(unknown)} properties of this node are not schema.org {_vocab.schema_version()} properties; consumers "
        f"ignore them: {', '.join(shown)}{more}"
    )
    out.add_once(_note("schemaorg/unknown-property", message), path, "\0".join(key for key, _ in unknown))


def _holds_typed_node(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(isinstance(item, dict) and "@type" in item for item in items)


def _is_foreign(value: dict[str, Any]) -> bool:
    """Whether a value without a context is data of its own rather than schema.org's with the context forgotten: no
    schema.org property among its keys, and no @type anywhere in it."""
    if any(_vocab.is_property(key) for key in value if isinstance(key, str)):
        return False
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "@type" in item:
                return False
            stack.extend(child for child in item.values() if isinstance(child, _CONTAINERS))
        elif isinstance(item, list):
            stack.extend(child for child in item if isinstance(child, _CONTAINERS))
    return True


def _has_terms(node: dict[str, Any]) -> bool:
    """Whether the node has something only a context gives meaning to: a type or a property (not just @graph)."""
    return "@type" in node or any(not key.startswith("@") for key in node)


def _check_value(block: int, path: str, value: Any, page: PageData, hint: str) -> list[Finding]:
    out = _Collector(block)
    seen_context_notes = set()
    stack: list[tuple[str, Any, _Scope, bool]] = [(path, value, _Scope("none"), False)]
    while stack:  # iterative: deeply nested JSON must not exhaust Python's recursion limit
        path, value, scope, reverse = stack.pop()
        # Only objects and arrays are pushed: the rules read scalars as property values, in _check_node.
        if isinstance(value, list):
            stack.extend(
                (json_path(path, i), item, scope, reverse)
                for i, item in reversed(list(enumerate(value)))
                if isinstance(item, _CONTAINERS)
            )
            continue
        if not isinstance(value, dict) or "@value" in value:
            continue
        if "@context" in value:
            scope, notes = _apply_context(value["@context"], scope)
            for note in notes:
                if (note[1], note[2]) not in seen_context_notes:  # a context repeated on every node is one finding
                    seen_context_notes.add((note[1], note[2]))
                    out.add(note, json_path(path, "@context"))
        if scope.vocab == "none" and _has_terms(value):
            if _is_foreign(value):
                keys = ", ".join(list(value)[:5]) + (", …" if len(value) > 5 else "")
                message = (
                    f"a JSON object of its own ({keys}) with no @context, no @type and no schema.org term: not "
                    "schema.org data, and no consumer of JSON-LD reads it as such; if it is for the page's scripts, "
                    'a <script type="application/json"> says so'
                )
                out.add(_note("schemaorg/foreign-data", message), path)
                continue
            message = 'no @context: add "@context": "https://schema.org"' + hint
            out.add(_note("schemaorg/missing-context", message), path)
            scope = _Scope("assumed", scope.terms)
        if scope.checks_terms:
            children = _check_node(value, path, scope, reverse, page, out)
        else:
            children = _children(value, scope)
        stack.extend((json_path(path, key), item, scope, key == "@reverse") for key, item in reversed(children))
    return out.all()


def check(page: PageData) -> Iterator[Finding]:
    context_only: dict[int, str] = {}  # block -> path of a value holding nothing but @context
    for block, path, value in page.values:
        hint = (
            f" (the @context at {context_only[block]} applies to that value only, not to the ones after it)"
            if block in context_only
            else ""
        )
        yield from _check_value(block, path, value, page, hint)
        if isinstance(value, dict) and set(value) == {"@context"}:
            context_only.setdefault(block, path)
