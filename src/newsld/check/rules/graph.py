"""Graph rules: how the page's nodes refer to one another by ``@id``, across all of its blocks.

Several blocks can describe one graph, so references resolve against every node on the page.

* A reference ``{"@id": X}`` with no node X on the page is dangling (a warning) when X names a node the page was
  meant to describe: a relative id (``#org``), a blank node (``_:b0``), a URN, or a URL with a fragment on a host the
  page's own ids and URLs use (``https://example.com/#/schema/person/1``). Other references name things described
  elsewhere. A fragment-less http(s) URL usually names a web page by its address, as ``mainEntityOfPage`` → the page
  does: that is no finding where schema.org accepts a URL (or reads the property's text as an IRI), and an info
  elsewhere (``author`` → a profile URL, with nothing on the page saying who that is); so is a URL with a fragment on
  another host (a term of another vocabulary, say). References to schema.org's own terms (``schema:Person``) are no
  finding.
* Nodes sharing an ``@id`` describe one thing: one node giving more properties than another is fine, and so is one
  listing more values or a more specific type; two that disagree (names "A" and "B", Person and Organization) are an
  error, since a consumer merges them into one thing with both.
* The article is every node typed as an Article (NewsArticle and its subtypes, BlogPosting, Report...). A top-level
  node (a block value or an item of a top-level ``@graph``) is connected to it when a chain of shared ids links them,
  in either direction: ids of the nodes themselves, of nodes nested in them, of references, and IRIs in properties the
  schema.org context reads as IRIs (``url``, ``mainEntityOfPage``...). A node that is not connected is reported only
  when it is in the same block value as an article node (the same ``@graph``, say): it sits in the article's graph
  yet nothing ties it to the article. Nodes in values of their own (a separate block, or an item of a top-level
  array: a BreadcrumbList, the site's Organization) are independent statements that Google reads on their own.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ... import _vocab
from ..._findings import Codes, Finding, quoted
from .._page import NodeRef, PageData
from ._nodes import TERM_CACHE, coerced_properties, is_article, known_type, schema_name

__all__ = ["CODES", "check"]

CODES = Codes({
    "graph/dangling-reference": ("warning", "an @id reference to a node described nowhere on the page"),
    "graph/external-reference": (
        "info", "a Thing referenced only by an outside URL: nothing on the page says what it is"),
    "graph/conflicting-node": ("error", "one @id used for nodes that disagree on a property's value"),
    "graph/unreachable-node": (
        "warning", "a node in the article's graph that no chain of @id references connects to the article"),
    "graph/no-article": ("info", "no node on the page is typed as an Article (NewsArticle, BlogPosting, Report...)"),
})

_VALUE_PATH = re.compile(r"\$(?:\[\d+\])?")
_PAGE_URL = re.compile(r"https?://[^#\s]+\Z")
_HOST = re.compile(r"https?://([^/?#:@\s]+)", re.IGNORECASE)
_EXCERPT = 50
# Distinct values of one property kept for comparison per @id: bounds the cost when a page reuses one id thousands of
# times, while any real disagreement shows up among the first few.
_COMPARED_VALUES = 32
_CONTAINERS = (dict, list)
_NOT_IN_UNIT = frozenset({"@context", "@graph", "@id"})  # @graph items are top-level nodes of their own


def _show(value: Any) -> str:
    return quoted(value, _EXCERPT)


def _describe(node: dict[str, Any]) -> str:
    types = node.get("@type")
    name = "/".join(t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)) or "untyped"
    node_id = node.get("@id")
    return f"{name} node {_show(node_id)}" if isinstance(node_id, str) else f"{name} node"


def _accepts_url(prop: str | None) -> bool:
    return bool(prop) and _takes_url(prop)


@lru_cache(maxsize=TERM_CACHE)
def _takes_url(prop: str) -> bool:
    name = schema_name(prop)
    if name is None or not _vocab.is_property(name):
        return False
    return name in coerced_properties() or _vocab.in_range(name, "URL")


@lru_cache(maxsize=TERM_CACHE)
def _reads_as_iri(prop: str) -> bool:
    """Whether the schema.org context reads a string under ``prop`` as an IRI (``url``, ``sameAs``...)."""
    return schema_name(prop) in coerced_properties()


# ----------------------------------------------------------------------------------------------------------- references


def _holder(key: str, prop: str | None) -> str | None:
    """The property a value under ``key`` belongs to: @list and @set members belong to the enclosing one."""
    if key in ("@list", "@set"):
        return prop
    return None if key.startswith("@") else key


def _host(iri: str) -> str | None:
    found = _HOST.match(iri)
    return found.group(1).lower() if found else None


def _page_hosts(page: PageData) -> set:
    """The hosts of the page's own node ids and URLs: where ids the page means to describe live."""
    hosts = set()
    for ref in page.nodes:
        for key in ("@id", "url", "mainEntityOfPage"):
            value = ref.node.get(key)
            value = value.get("@id") if isinstance(value, dict) else value
            host = _host(value) if isinstance(value, str) else None
            if host:
                hosts.add(host)
    return hosts


def _reference_kind(node_id: str, props: list[str | None], hosts: set) -> str | None:
    """Which finding an unresolved reference deserves: a code, or None when it is simply a link."""
    if schema_name(node_id) not in (None, node_id):
        return None  # a schema.org term (schema:Person), not a node
    if _PAGE_URL.match(node_id):
        return None if any(_accepts_url(prop) for prop in props) else "graph/external-reference"
    host = _host(node_id)
    if host is not None and host not in hosts:
        return "graph/external-reference"
    return "graph/dangling-reference"


def _reference_findings(page: PageData) -> Iterator[Finding]:
    unresolved: dict[str, list[tuple[int, str, str | None]]] = {}
    for block, path, prop, node_id in page.refs:
        if node_id not in page.by_id:
            unresolved.setdefault(node_id, []).append((block, path, prop))
    hosts = _page_hosts(page) if unresolved else set()
    for node_id, uses in unresolved.items():
        code = _reference_kind(node_id, [prop for _, _, prop in uses], hosts)
        if code is None:
            continue
        block, path, prop = uses[0]
        more = f" (referenced {len(uses)} times)" if len(uses) > 1 else ""
        if code == "graph/dangling-reference":
            message = f"{prop or 'a reference'} refers to {_show(node_id)}, but no node on the page has that @id{more}"
        else:
            message = (
                f"{prop or 'a reference'} refers to {_show(node_id)}, described elsewhere if anywhere: nothing on "
                f"this page says what it is, so consumers see no name or type{more}"
            )
        yield CODES.finding(code, message, path, block)


# ------------------------------------------------------------------------------------------------------------ conflicts


def _atoms(value: Any) -> frozenset:
    """What a property value asserts, comparable across nodes: literals and the ids of referenced nodes.

    Nested nodes without an @id cannot be compared (two images with different details may be the same image), so
    they assert nothing here.
    """
    found = set()
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            if isinstance(value.get("@id"), str):
                found.add(("@id", value["@id"]))
            elif "@value" in value:
                stack.append(value["@value"])
            elif "@list" in value or "@set" in value:
                stack.append(value.get("@list", value.get("@set")))
        elif isinstance(value, str):
            if value.strip():
                found.add(("text", value))
        elif value is not None:
            found.add(("literal", json.dumps(value)))
    return frozenset(found)


def _type_closure(node: dict[str, Any]) -> frozenset:
    """The node's types with all their supertypes: a WebPage and a CollectionPage do not disagree."""
    value = node.get("@type")
    closure = set()
    for term in value if isinstance(value, list) else [value]:
        name = known_type(term)
        if name is not None:
            closure |= _vocab.supertypes(name)
        elif isinstance(term, str):
            closure.add(term)
    return frozenset(closure)


def _assertions(node: dict[str, Any]) -> dict[str, frozenset]:
    found = {key: _atoms(value) for key, value in node.items() if not key.startswith("@")}
    if "@type" in node:
        found["@type"] = _type_closure(node)
    return {key: atoms for key, atoms in found.items() if atoms}


def _shown_atoms(atoms: frozenset, prop: str, skip: int = 0) -> str:
    if prop == "@type":  # the most specific types, not the whole closure
        supers = {name: _vocab.supertypes(name) if _vocab.is_type(name) else {name} for name in atoms}
        return "/".join(sorted(n for n in atoms if not any(n != o and n in supers[o] for o in atoms)))
    return ", ".join(_show(value) if not skip else "…" + _show(value[skip:]) for _, value in sorted(atoms))


def _shown_pair(prop: str, one: frozenset, other: frozenset) -> tuple[str, str]:
    """Both sides, from a little before where two long single values start to differ, so the difference shows."""
    skip = 0
    if len(one) == len(other) == 1:
        (_, a), (_, b) = next(iter(one)), next(iter(other))
        common = len(os.path.commonprefix([a, b])) if isinstance(a, str) and isinstance(b, str) else 0
        skip = common - 15 if common > _EXCERPT - 10 else 0
    return _shown_atoms(one, prop, skip), _shown_atoms(other, prop, skip)


def _disagree(prop: str, one: frozenset, other: frozenset) -> bool:
    """Types disagree when neither is a kind of the other; other values when the two share none."""
    if prop == "@type":
        return not (one <= other or other <= one)
    return one.isdisjoint(other)


def _conflict_findings(page: PageData) -> Iterator[Finding]:
    for node_id, refs in page.by_id.items():
        if len(refs) < 2:
            continue
        seen: dict[str, dict[frozenset, NodeRef]] = {}
        reported = set()
        for ref in refs:
            for prop, atoms in _assertions(ref.node).items():
                earlier = seen.setdefault(prop, {})
                if prop in reported or atoms in earlier:
                    continue
                clash = next((pair for pair in earlier.items() if _disagree(prop, pair[0], atoms)), None)
                if clash is None:
                    if len(earlier) < _COMPARED_VALUES:
                        earlier[atoms] = ref
                    continue
                reported.add(prop)
                other_atoms, other = clash
                here, there = _shown_pair(prop, atoms, other_atoms)
                yield CODES.finding(
                    "graph/conflicting-node",
                    f"@id {_show(node_id)} names one thing, but its nodes disagree on {prop}: {here} here, {there} at "
                    f"{other.path} (block {other.block})",
                    ref.path,
                    ref.block,
                )


# --------------------------------------------------------------------------------------------------------- connectivity


def _unit(node: dict[str, Any]) -> tuple[set, bool]:
    """The ids a top-level node mentions anywhere inside it, and whether an Article is among its nodes."""
    # Both answers are sets and flags: the order of the walk does not matter, and only strings and containers do.
    ids, article = set(), False
    stack: list[tuple[Any, str | None]] = [(node, None)]
    while stack:
        value, prop = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("@id"), str):
                ids.add(value["@id"])
            article = article or is_article(value)
            for key, item in value.items():
                if isinstance(item, str):  # an IRI when the property it belongs to is read as one (never a keyword)
                    if _reads_as_iri(key) or key in ("@list", "@set") and prop is not None and _reads_as_iri(prop):
                        ids.add(item)
                elif isinstance(item, _CONTAINERS) and key not in _NOT_IN_UNIT:
                    stack.append((item, _holder(key, prop)))
        else:  # a list
            iri = prop is not None and _reads_as_iri(prop)
            for item in value:
                if isinstance(item, str):
                    if iri:
                        ids.add(item)
                elif isinstance(item, _CONTAINERS):
                    stack.append((item, prop))
    return ids, article


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _value_of(ref: NodeRef) -> tuple[int, str]:
    """The block value holding a top-level node: ``$`` or ``$[1]`` (the items of a top-level array are values)."""
    return ref.block, _VALUE_PATH.match(ref.path).group()


def _connectivity_findings(page: PageData) -> Iterator[Finding]:
    # Every article node is a node of the page (the units' walks see no node that the page's walk does not).
    if not any(is_article(ref.node) for ref in page.nodes):
        if page.blocks:
            message = "no node on the page is an Article (NewsArticle, BlogPosting, Report...)"
            yield CODES.finding("graph/no-article", message)
        return
    units = [ref for ref in page.nodes if ref.top_level]
    values = [_value_of(ref) for ref in units]
    if len(set(values)) == len(values):
        return  # one top-level node per block value: a value holding an article holds nothing else to connect
    parent = list(range(len(units)))
    owner: dict[str, int] = {}
    articles = []
    for i, ref in enumerate(units):
        ids, article = _unit(ref.node)
        if article:
            articles.append(i)
        for node_id in ids:
            j = owner.setdefault(node_id, i)
            parent[_find(parent, i)] = _find(parent, j)
    connected = {_find(parent, i) for i in articles}
    article_values = {values[i] for i in articles}
    for i, ref in enumerate(units):
        if values[i] in article_values and _find(parent, i) not in connected:
            yield CODES.finding(
                "graph/unreachable-node",
                f"{_describe(ref.node)} is in the article's graph but not connected to the article: no @id "
                "reference links the two, in either direction",
                ref.path,
                ref.block,
            )


def check(page: PageData) -> Iterator[Finding]:
    yield from _reference_findings(page)
    yield from _conflict_findings(page)
    yield from _connectivity_findings(page)
