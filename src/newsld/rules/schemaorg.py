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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .. import _vocab
from .._findings import Finding, json_path
from . import PageData

CODES = {
    "schemaorg/missing-context": "a JSON-LD value without @context: to JSON-LD its terms are not schema.org's",
    "schemaorg/unknown-context": "an @context that is not schema.org's: the terms under it are not checked",
    "schemaorg/other-vocabulary": "an @context object of its own terms and no vocabulary: not schema.org, not checked",
    "schemaorg/nonstandard-context": "another spelling of the schema.org context (www., no scheme, case)",
    "schemaorg/http-context": "@context http://schema.org: accepted, but https://schema.org is the current form",
    "schemaorg/context-object": "@context is an object with @vocab rather than the string https://schema.org",
    "schemaorg/vocab-iri": "an @vocab for schema.org without the trailing slash: terms expand to wrong IRIs",
    "schemaorg/unknown-keyword": "a key starting with @ that is not a JSON-LD keyword (e.g. @Type)",
    "schemaorg/keyword-without-at": "type, id, context or graph written without @ (most consumers miss it)",
    "schemaorg/unknown-type": "a @type that is not a schema.org 30.0 type: consumers drop the node",
    "schemaorg/type-case": "a schema.org type in the wrong case (newsarticle for NewsArticle)",
    "schemaorg/external-type": "a @type from outside schema.org: schema.org consumers ignore it",
    "schemaorg/unknown-property": "a property that is not in schema.org 30.0: consumers ignore its value",
    "schemaorg/superseded": "a superseded schema.org term: use its replacement",
    "schemaorg/pending": "a term from schema.org's pending section: proposed, and liable to change",
    "schemaorg/property-domain": "a property used on a type outside its schema.org domain",
    "schemaorg/value-range": "a value of a kind the property's schema.org range does not include",
    "schemaorg/text-for-thing": "text where a Thing is expected: accepted, but a typed node says what it is",
    "schemaorg/literal-type": "a string where only a number or boolean is expected",
}
# One severity per code, so that a code always means the same thing.
SEVERITIES = {
    "schemaorg/missing-context": "error",
    "schemaorg/unknown-context": "warning",
    "schemaorg/other-vocabulary": "info",
    "schemaorg/nonstandard-context": "warning",
    "schemaorg/http-context": "info",
    "schemaorg/context-object": "info",
    "schemaorg/vocab-iri": "warning",
    "schemaorg/unknown-keyword": "warning",
    "schemaorg/keyword-without-at": "warning",
    "schemaorg/unknown-type": "error",
    "schemaorg/type-case": "warning",
    "schemaorg/external-type": "info",
    "schemaorg/unknown-property": "warning",
    "schemaorg/superseded": "warning",
    "schemaorg/pending": "info",
    "schemaorg/property-domain": "warning",
    "schemaorg/value-range": "warning",
    "schemaorg/text-for-thing": "info",
    "schemaorg/literal-type": "info",
}

# Every JSON-LD 1.1 keyword; any other key starting with @ is ignored by processors.
KEYWORDS = frozenset(
    "@base @container @context @direction @graph @id @import @included @index @json @language @list @nest @none "
    "@prefix @propagate @protected @reverse @set @type @value @version @vocab".split()
)
# Keys people write for keywords: to JSON-LD they are ordinary (and, in schema.org, unknown) properties.
_BARE_KEYWORDS = {"type": "@type", "id": "@id", "context": "@context", "graph": "@graph"}
_SCHEMA_PREFIXES = ("schema:", "https://schema.org/", "http://schema.org/")
_CANONICAL_CONTEXTS = frozenset(
    {"https://schema.org", "https://schema.org/", "https://schema.org/docs/jsonldcontext.json"}
)
_HTTP_CONTEXTS = frozenset({"http://schema.org", "http://schema.org/", "http://schema.org/docs/jsonldcontext.json"})
_SCHEMA_VOCABS = frozenset({"https://schema.org/", "http://schema.org/"})
_NON_TEXT_DATA_TYPES = frozenset({"Boolean", "Number", "Integer", "Float"})
# Schema.org's Action annotations: query-input and the like describe an input of the named property.
_ACTION_ANNOTATION = re.compile(r"^(?P<property>[A-Za-z][A-Za-z0-9]*)-(?:input|output)$")
_ABSOLUTE_URL = re.compile(r"https?://\S+\Z")
_EXCERPT = 60


# ---------------------------------------------------------------------------------------------- names and terms


def schema_name(term: str) -> Optional[str]:
    """The schema.org local name ``term`` spells (``schema:author``, full IRIs); None for another vocabulary's IRI."""
    for prefix in _SCHEMA_PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix):]
    return None if ":" in term else term


@lru_cache(maxsize=None)
def coerced_properties() -> frozenset:
    """Properties whose string values the schema.org context reads as IRIs (``url``, ``sameAs``, ``image``...)."""
    return _vocab.id_coerced_properties()


@lru_cache(maxsize=None)
def _types_by_lower_name() -> Dict[str, str]:
    return {name.lower(): name for name in _vocab._data()["types"]}


@lru_cache(maxsize=None)
def _properties_by_lower_name() -> Dict[str, str]:
    return {name.lower(): name for name in _vocab._data()["properties"]}


def known_type(term: Any) -> Optional[str]:
    """The schema.org type a ``@type`` value names, forgiving case (``newsarticle``); None if it names none."""
    if not isinstance(term, str):
        return None
    name = schema_name(term)
    if name is None:
        return None
    return name if _vocab.is_type(name) else _types_by_lower_name().get(name.lower())


def node_types(node: Dict[str, Any]) -> List[str]:
    """The schema.org types of ``node``, forgiving case; unknown and non-schema.org types are left out."""
    value = node.get("@type")
    terms = value if isinstance(value, list) else [value]
    return [name for name in (known_type(term) for term in terms) if name is not None]


def is_article(node: Dict[str, Any]) -> bool:
    """Whether ``node`` is typed as an Article (NewsArticle and its subtypes, BlogPosting, Report, ...)."""
    return any("Article" in _vocab.supertypes(name) for name in node_types(node))


@lru_cache(maxsize=4096)
def _suggestion(name: str, kind: str) -> str:
    by_lower = _types_by_lower_name() if kind == "type" else _properties_by_lower_name()
    if name.lower() in by_lower:
        return f"; did you mean {by_lower[name.lower()]}?"
    close = difflib.get_close_matches(name, list(by_lower.values()), n=1, cutoff=0.85)
    return f"; did you mean {close[0]}?" if close else ""


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return json.dumps(text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…", ensure_ascii=False)


def _either(names) -> str:
    names = sorted(names)
    shown = names[:4] + (["…"] if len(names) > 4 else [])
    return " or ".join(shown)


# ---------------------------------------------------------------------------------------------- contexts


@dataclass(frozen=True)
class _Scope:
    """The active context, as far as these rules need it."""

    vocab: str  # "none" (no context yet), "assumed" (none, reported), "schema", or "other"
    terms: frozenset = frozenset()  # terms a context object defines locally

    @property
    def checks_terms(self) -> bool:
        return self.vocab in ("schema", "assumed")


_Note = Tuple[str, str, str]  # severity, code, message


def _note(code: str, message: str) -> _Note:
    return SEVERITIES[code], code, message


def _context_string(value: str) -> Tuple[str, Optional[_Note]]:
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


def _context_object(value: Dict[str, Any], scope: _Scope) -> Tuple[_Scope, List[_Note]]:
    notes: List[_Note] = []
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


def _apply_context(context: Any, scope: _Scope) -> Tuple[_Scope, List[_Note]]:
    """The scope inside a node with this ``@context``, and what is odd about the context."""
    notes: List[_Note] = []
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


# ---------------------------------------------------------------------------------------------- ranges


@lru_cache(maxsize=None)
def _range_kinds(prop: str) -> Tuple[frozenset, bool, bool]:
    """The property's range, whether it takes text (Text, URL, dates, quantities...), and whether numbers."""
    ranges = _vocab.property_ranges(prop)
    data = {name for name in ranges if _vocab.is_data_type(name)}
    return ranges, bool(data - _NON_TEXT_DATA_TYPES), bool(data & {"Number", "Integer", "Float"})


def _names_member_of(prop: str, text: str) -> bool:
    """Whether ``text`` names an enumeration member the property accepts (``https://schema.org/InStock``).

    Boolean's members True and False do not count: in JSON-LD a boolean is written as JSON true or false.
    """
    name = schema_name(text)
    if name is None or not _vocab.is_enumeration_member(name):
        return False
    return any(_vocab.in_range(prop, enum) for enum in _vocab.enumerations_of(name) if enum != "Boolean")


def _value_types(value: Dict[str, Any], page: PageData) -> List[str]:
    """A node value's schema.org types: its own, or for a bare ``{"@id"}`` those of the node it names on the page."""
    if "@type" in value:
        return node_types(value)
    if set(value) == {"@id"} and isinstance(value["@id"], str):
        return [name for ref in page.by_id.get(value["@id"], ()) for name in node_types(ref.node)]
    return []


def _range_note(prop: str, value: Any, page: PageData) -> Optional[_Note]:
    ranges, takes_text, takes_numbers = _range_kinds(prop)
    expected = f"where {_either(ranges)} is expected"
    if isinstance(value, bool):
        if "Boolean" in ranges:
            return None
        return _note("schemaorg/value-range", f"{prop} is {json.dumps(value)} {expected}")
    if isinstance(value, (int, float)):
        if takes_text or takes_numbers:
            return None  # a JSON number is a literal; consumers read 1200 as a width or a text alike
        return _note("schemaorg/value-range", f"{prop} is the number {value} {expected}")
    if isinstance(value, str):
        if not value.strip() or takes_text or prop in coerced_properties() or _names_member_of(prop, value):
            return None
        if _ABSOLUTE_URL.match(value):
            return None  # the thing named by its URL, as Google's own BreadcrumbList examples do for item
        if takes_numbers or "Boolean" in ranges:
            kind = "number" if takes_numbers else "boolean"
            message = f"{prop} is the string {_show(value)} {expected}: write a JSON {kind}"
            return _note("schemaorg/literal-type", message)
        message = (
            f"{prop} is the text {_show(value)} {expected}; schema.org and Google accept text here, but a typed node "
            "says what it is"
        )
        return _note("schemaorg/text-for-thing", message)
    if isinstance(value, dict):
        types = _value_types(value, page)
        if not types or any(_vocab.in_range(prop, name) or "Role" in _vocab.supertypes(name) for name in types):
            return None
        shown = "/".join(dict.fromkeys(types))
        return _note("schemaorg/value-range", f"{prop} is a node of type {shown} {expected}")
    return None


def _items(path: str, value: Any) -> Iterator[Tuple[str, Any]]:
    """The values of a property: list items and @list/@set members, flattened."""
    stack = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, list):
            stack.extend((json_path(path, i), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict) and ("@list" in value or "@set" in value):
            key = "@list" if "@list" in value else "@set"
            stack.append((json_path(path, key), value[key]))
        else:
            yield path, value


# ---------------------------------------------------------------------------------------------- the walk


class _Collector:
    """Findings of one block. Term findings (the same unknown type ten times) are reported once, with a count."""

    def __init__(self, block: int) -> None:
        self.block = block
        self._findings: List[Finding] = []
        self._repeats: Dict[Tuple[str, str], List[int]] = {}  # (code, term) -> [index in _findings, repeats]

    def add(self, note: _Note, path: str) -> None:
        self._findings.append(Finding(note[0], note[1], note[2], path=path, block=self.block))

    def add_once(self, note: _Note, path: str, term: str) -> None:
        key = (note[1], term)
        if key in self._repeats:
            self._repeats[key][1] += 1
        else:
            self._repeats[key] = [len(self._findings), 0]
            self.add(note, path)

    def all(self) -> List[Finding]:
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


def _type_note(term: str, scope: _Scope) -> Optional[_Note]:
    """What is wrong with one @type name, if anything (terms a context defines are not judged)."""
    name = schema_name(term)
    if term in scope.terms or (name is not None and _vocab.is_type(name)):
        return None
    shown = _show(term)
    if name is None:
        return _note("schemaorg/external-type", f"@type {shown} is not schema.org's: schema.org consumers ignore it")
    if name.lower() in _types_by_lower_name():
        right = _types_by_lower_name()[name.lower()]
        return _note("schemaorg/type-case", f"@type {shown} should be {right}: schema.org types are case-sensitive")
    message = f"@type {shown} is not a schema.org {_vocab.schema_version()} type{_suggestion(name, 'type')}"
    return _note("schemaorg/unknown-type", message)


def _check_types(node: Dict[str, Any], path: str, scope: _Scope, out: _Collector) -> Optional[List[str]]:
    """Check the node's @type values; return its schema.org types when every one is known, else None."""
    if "@type" not in node:
        return None
    value = node["@type"]
    many = isinstance(value, list)
    known: List[str] = []
    complete = True
    for i, term in enumerate(value if many else [value]):
        where = json_path(json_path(path, "@type"), i) if many else json_path(path, "@type")
        if not isinstance(term, str):
            out.add(_note("schemaorg/unknown-type", f"@type {_show(term)} is not a type name"), where)
            complete = False
            continue
        note = _type_note(term, scope)
        if note:
            out.add_once(note, where, term)
            complete = False
        elif term in scope.terms:
            complete = False
        else:
            name = schema_name(term)
            known.append(name)
            for note in _term_notes(name, "type"):
                out.add_once(note, where, name)
    return known if complete and known else None


def _bare_keyword_note(key: str, scope: _Scope) -> _Note:
    keyword = _BARE_KEYWORDS[key]
    if scope.vocab == "schema" and key in ("type", "id"):
        reading = f"schema.org's context makes it an alias of {keyword}, but consumers that do not load the context "
        reading += "(most do not) miss it"
    else:
        reading = "to JSON-LD it is an ordinary property"
    return _note("schemaorg/keyword-without-at", f'"{key}" is written for {keyword}: {reading}; write "{keyword}"')


def _property_name(key: str, scope: _Scope, path: str, out: _Collector) -> Optional[str]:
    """The schema.org property ``key`` names, reporting keys that name none; None when there is nothing to check."""
    if key.startswith("@"):
        if key not in KEYWORDS:
            out.add(_note("schemaorg/unknown-keyword", f"{key} is not a JSON-LD keyword; processors ignore it"), path)
        return None
    if key in scope.terms:
        return None
    if key in _BARE_KEYWORDS:
        out.add(_bare_keyword_note(key, scope), path)
        return None
    name = schema_name(key)
    annotation = _ACTION_ANNOTATION.match(name or "")
    if name is None or annotation and _vocab.is_property(annotation["property"]):
        return None
    if not _vocab.is_property(name):
        message = f"{key} is not a schema.org {_vocab.schema_version()} property; consumers ignore it"
        out.add_once(_note("schemaorg/unknown-property", message + _suggestion(name, "property")), path, key)
        return None
    for note in _term_notes(name, "property"):
        out.add_once(note, path, name)
    return name


def _check_node(node: Dict[str, Any], path: str, scope: _Scope, reverse: bool, page: PageData, out: _Collector) -> None:
    types = None if reverse else _check_types(node, path, scope, out)
    # A Role node repeats the property it qualifies ({"actor": {"@type": "PerformanceRole", "actor": ...}}).
    is_role = bool(types) and any("Role" in _vocab.supertypes(name) for name in types)
    for key, value in node.items():
        if key == "@type" or key == "@context":
            continue
        where = json_path(path, key)
        prop = _property_name(key, scope, where, out)
        if prop is None or reverse:
            continue  # under @reverse, values are subjects: the domain and range swap places
        if types and not is_role and not any(_vocab.in_domain(prop, name) for name in types):
            domains = _either(_vocab.property_domains(prop))
            message = f"{prop} is not a property of {'/'.join(types)}; its domain is {domains}"
            out.add(_note("schemaorg/property-domain", message), where)
        for item_path, item in _items(where, value):
            note = _range_note(prop, item, page)
            if note:
                out.add(note, item_path)


def _has_terms(node: Dict[str, Any]) -> bool:
    """Whether the node has something only a context gives meaning to: a type or a property (not just @graph)."""
    return "@type" in node or any(not key.startswith("@") for key in node)


def _check_value(block: int, path: str, value: Any, page: PageData, hint: str) -> List[Finding]:
    out = _Collector(block)
    seen_context_notes = set()
    stack: List[Tuple[str, Any, _Scope, bool]] = [(path, value, _Scope("none"), False)]
    while stack:  # iterative: deeply nested JSON must not exhaust Python's recursion limit
        path, value, scope, reverse = stack.pop()
        if isinstance(value, list):
            stack.extend((json_path(path, i), item, scope, reverse) for i, item in reversed(list(enumerate(value))))
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
            message = 'no @context: add "@context": "https://schema.org"' + hint
            out.add(_note("schemaorg/missing-context", message), path)
            scope = _Scope("assumed", scope.terms)
        if scope.checks_terms:
            _check_node(value, path, scope, reverse, page, out)
        stack.extend(
            (json_path(path, key), item, scope, key == "@reverse")
            for key, item in reversed(list(value.items()))
            if key != "@context" and key not in scope.terms  # a locally defined term's value is not ours to read
        )
    return out.all()


def check(page: PageData) -> Iterator[Finding]:
    context_only: Dict[int, str] = {}  # block -> path of a value holding nothing but @context
    for block, path, value in page.values:
        hint = (
            f" (the @context at {context_only[block]} applies to that value only, not to the ones after it)"
            if block in context_only
            else ""
        )
        yield from _check_value(block, path, value, page, hint)
        if isinstance(value, dict) and set(value) == {"@context"}:
            context_only.setdefault(block, path)
