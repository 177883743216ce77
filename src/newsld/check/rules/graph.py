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
* Nodes sharing an ``@id`` describe one thing: a consumer merges them. One node giving more properties than another
  is fine, and so are different values of a property that may have several (a caption "X" and "X logo", two sameAs
  lists). Nodes that cannot be one thing are an error: types with nothing in common but Thing (a Person and an
  Organization), or two values of a property a thing has one of (two datePublished moments, isAccessibleForFree true
  and false). An article that shares its WebPage's @id is a warning (a modelling smell consumers live with), and so are
  nodes whose names or urls differ, or whose types are two kinds of one thing: one @id serving several things (menu
  items all given "#menu") or one thing described two ways. ``@id``s compare exactly: ``#Breadcrumb`` and
  ``#breadcrumb`` are two nodes (IRI fragments are case-sensitive).
* The article is every node typed as an Article (NewsArticle and its subtypes, BlogPosting, Report...). A top-level
  node (a block value or an item of a top-level ``@graph``) is connected to it when a chain of shared ids links them,
  in either direction: ids of the nodes themselves, of nodes nested in them, of references, and IRIs in properties the
  schema.org context reads as IRIs (``url``, ``mainEntityOfPage``...). A node that is not connected is reported only
  when it is in the same block value as an article node (the same ``@graph``, say): it sits in the article's graph
  yet nothing ties it to the article. Nodes in values of their own (a separate block, or an item of a top-level
  array), and BreadcrumbList, WebSite, WebPage and Organization nodes anywhere, are statements that Google reads on
  their own.
* Several article nodes describing the page (top-level, or a page's mainEntity) without a shared @id, whose headlines,
  dates or authors differ, compete: which one a consumer reads is luck (a warning).
* IRIs: an ``@id`` or a value the schema.org context reads as an IRI (``url``, ``logo``, ``sameAs``...) written
  without its scheme (``example.com/x``) resolves against the page's URL into a junk IRI (an error); a ``sameAs``
  that is not a URL at all (a bare name, ``#``, an ``@handle``, an e-mail address, a number) links nothing (an error).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from ... import _vocab
from ..._findings import Codes, Finding, json_path, quoted
from .._page import NodeRef, PageData
from ._dates import could_be_same, parse_date
from ._nodes import TERM_CACHE, coerced_properties, is_article, is_own_article, known_type, schema_name

__all__ = ["CODES", "check"]

CODES = Codes({
    "graph/dangling-reference": ("warning", "an @id reference to a node described nowhere on the page"),
    "graph/external-reference": (
        "info", "a Thing referenced only by an outside URL: nothing on the page says what it is"),
    "graph/conflicting-node": (
        "error", "one @id for nodes that cannot be one thing (Person and Organization, two datePublished values)"),
    "graph/inconsistent-node": (
        "warning", "one @id for nodes whose names, urls or kinds differ: several things (menu items) under one @id"),
    "graph/article-page-id": ("warning", "the article and its WebPage share one @id: consumers merge them into one node"),
    "graph/unreachable-node": (
        "warning", "a node in the article's graph that no chain of @id references connects to the article"),
    "graph/no-article": ("info", "no node on the page is typed as an Article (NewsArticle, BlogPosting, Report...)"),
    "graph/competing-articles": (
        "warning", "several article nodes describe the page with different headlines, dates or authors"),
    "graph/schemeless-iri": (
        "error", "an @id or url-like value without a scheme (example.com/x): it resolves against the page's URL"),
    "graph/sameas-not-url": (
        "error", "a sameAs that is not a URL: a name, #, an @handle, an e-mail address or a number links nothing"),
})

_VALUE_PATH = re.compile(r"\$(?:\[\d+\])?")
_PAGE_URL = re.compile(r"https?://[^#\s]+\Z")
_HOST = re.compile(r"https?://([^/?#:@\s]+)", re.IGNORECASE)
_EXCERPT = 50
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


# One @id on several nodes: how far their descriptions differ. An error only where they cannot be one thing; a
# warning where one @id evidently serves several things, or an article shares its page's @id.
_CANNOT_BE_ONE, _ARTICLE_IS_PAGE, _SEVERAL_THINGS = range(3)
_CODE_OF_KIND = {
    _CANNOT_BE_ONE: "graph/conflicting-node",
    _ARTICLE_IS_PAGE: "graph/article-page-id",
    _SEVERAL_THINGS: "graph/inconsistent-node",
}
_COMPARED_NODES = 32  # distinct descriptions of one @id kept to compare with: a real disagreement shows among a few
_TRAILING_CUT = re.compile(r"\s*(?:\.\.\.|…)\s*$")


@lru_cache(maxsize=TERM_CACHE)
def _one_valued(prop: str) -> bool:
    """Whether a thing has one value of ``prop`` by nature: a date, a time, a yes or no (datePublished,
    isAccessibleForFree). Two different values of it on one @id are two things."""
    name = schema_name(prop)
    if name is None or not _vocab.is_property(name):
        return False
    ranges = _vocab.property_ranges(name)
    return bool(ranges) and ranges <= {"Date", "DateTime", "Time", "Boolean"}


def _most_specific(closure: frozenset) -> list[str]:
    supers = {name: _vocab.supertypes(name) if _vocab.is_type(name) else {name} for name in closure}
    return sorted(n for n in closure if not any(n != o and n in supers[o] for o in closure))


def _type_difference(one: frozenset, other: frozenset) -> tuple[int, str, str] | None:
    if not one or not other or one <= other or other <= one:
        return None
    shown = "/".join(_most_specific(one)), "/".join(_most_specific(other))
    if ("Article" in one and "WebPage" in other) or ("WebPage" in one and "Article" in other):
        return _ARTICLE_IS_PAGE, *shown
    # Kinds of one thing (CollectionPage and ItemPage are both WebPages) are a likely slip; things with nothing in
    # common but being Things (a Person and an Organization) cannot be one.
    return (_SEVERAL_THINGS if one & other - {"Thing"} else _CANNOT_BE_ONE), *shown


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str) and item.strip()]


def _same_text(one: str, other: str) -> bool:
    """Whether two names can name one thing: one contains the other, case, spacing and a trailing "..." aside
    ("Livecams" and "Livecams auf Mallorca"; a caption "X" and "X logo")."""
    a, b = (" ".join(_TRAILING_CUT.sub("", text).casefold().split()) for text in (one, other))
    return a in b or b in a


def _same_url(one: str, other: str) -> bool:
    return _url_key(one) == _url_key(other)


_URL_START = re.compile(r"^https?://(?:www\.)?", re.I)


@lru_cache(maxsize=TERM_CACHE)
def _url_key(url: str) -> str:
    """A URL as compared with another: scheme, www., fragment, a trailing slash and case aside."""
    return _URL_START.sub("", url.strip().split("#")[0]).rstrip("/").lower()


def _values_differ(one: Any, other: Any) -> tuple[Any, Any] | None:
    """The first values of a one-valued property that cannot be the same, or None."""
    first, second = _texts(one) or _literals(one), _texts(other) or _literals(other)
    if not first or not second or first == second:
        return None
    dates = [[parse_date(v)[0] for v in side if isinstance(v, str)] for side in (first, second)]
    if all(dates) and all(d is not None for side in dates for d in side):
        if any(could_be_same(a, b) for a in dates[0] for b in dates[1]):  # type: ignore[arg-type]
            return None
    elif {_truth(v) for v in first} & {_truth(v) for v in second}:
        return None
    return first[0], second[0]


def _literals(value: Any) -> list[Any]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, (bool, int, float))]


def _truth(value: Any) -> Any:
    # A type beside the value: True and 1 are one to Python, not to JSON.
    return value.strip().lower() if isinstance(value, str) else (type(value).__name__, value)


# A difference between two nodes of one @id: its kind, and what differs (a property with the two values, or @type with
# the two descriptions), shown only for the finding that is made.
_Difference = tuple[int, str, Any, Any]


def _difference(one: dict[str, Any], other: dict[str, Any]) -> list[_Difference]:
    """Every way two nodes of one @id differ, worst first (empty when they can be one thing)."""
    found: list[_Difference] = []
    if one.get("@type") != other.get("@type"):
        types = _type_difference(_type_closure(one), _type_closure(other))
        if types:
            found.append((types[0], "@type", *types[1:]))
    for prop in one.keys() & other.keys():
        if not prop.startswith("@") and _one_valued(prop) and one[prop] != other[prop]:
            values = _values_differ(one[prop], other[prop])
            if values:
                found.append((_CANNOT_BE_ONE, prop, *values))
    for prop, same in (("url", _same_url), ("name", _same_text)):
        if one.get(prop) != other.get(prop):
            first, second = _texts(one.get(prop)), _texts(other.get(prop))
            if first and second and not any(same(a, b) for a in first for b in second):
                found.append((_SEVERAL_THINGS, prop, first[0], second[0]))
    return sorted(found, key=lambda difference: difference[0])


def _shown_difference(difference: _Difference) -> str:
    _, prop, here, there = difference
    if prop == "@type":
        return f"@type {here} here, {there} there"
    return f"{prop} {_show(here)} here, {_show(there)} there"


def _conflict_findings(page: PageData) -> Iterator[Finding]:
    for node_id, refs in page.by_id.items():
        if len(refs) < 2:
            continue
        worst: tuple[list[_Difference], NodeRef, NodeRef] | None = None
        # Each node is compared with the distinct descriptions met so far (a few, however often the @id recurs).
        distinct: dict[tuple, NodeRef] = {}
        for ref in refs:
            signature = _signature(ref.node)
            if signature in distinct:
                continue
            for other in distinct.values():
                found = _difference(ref.node, other.node)
                if found and (worst is None or found[0][0] < worst[0][0][0]):
                    worst = (found, ref, other)
            if worst and worst[0][0][0] == _CANNOT_BE_ONE:
                break
            if len(distinct) < _COMPARED_NODES:
                distinct[signature] = ref
        if worst is not None:
            yield _id_finding(node_id, *worst)


def _signature(node: dict[str, Any]) -> tuple:
    """What ``_difference`` reads of a node (its types, url, name and one-valued properties), shallowly."""
    read = [(key, tuple(map(str, _texts(value) + _literals(value)))) for key, value in node.items()
            if key in ("url", "name") or not key.startswith("@") and _one_valued(key)]
    return _type_closure(node), tuple(sorted(read))


def _id_finding(node_id: str, differences: list[_Difference], ref: NodeRef, other: NodeRef) -> Finding:
    kind = differences[0][0]
    there = f"at {other.path} (block {other.block + 1})"
    listed = "; ".join(map(_shown_difference, differences)).replace(" there", f" {there}", 1)
    if kind == _CANNOT_BE_ONE:
        message = (
            f"@id {_show(node_id)} names one thing, but its nodes cannot be one: {listed}; a consumer merges them "
            "into one node that is both — give each its own @id"
        )
    elif kind == _ARTICLE_IS_PAGE:
        message = (
            f"the article and its WebPage share the @id {_show(node_id)} ({listed}): a consumer merges them into one "
            "node that is both; give the article an @id of its own (the page's URL with #article)"
        )
    else:
        message = (
            f"@id {_show(node_id)} is given to nodes that differ ({listed}): one @id for several things (menu items, "
            "list entries) or one thing described two ways; a consumer merges them — give each thing its own @id"
        )
    return CODES.finding(_CODE_OF_KIND[kind], message, ref.path, ref.block)


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


# Nodes Google reads on their own, wherever they are: a page's breadcrumbs, its site, the page, its publisher.
_STANDALONE = frozenset({"BreadcrumbList", "WebSite", "WebPage", "Organization"})


def _connectivity_findings(page: PageData) -> Iterator[Finding]:
    # Every article node is a node of the page (the units' walks see no node that the page's walk does not).
    if not any(is_article(ref.node) for ref in page.nodes):
        if page.blocks:
            yield CODES.finding("graph/no-article", _no_article_message(page))
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
        if values[i] in article_values and _find(parent, i) not in connected and not _type_closure(ref.node) & _STANDALONE:
            yield CODES.finding(
                "graph/unreachable-node",
                f"{_describe(ref.node)} is in the article's graph but not connected to the article: no @id "
                "reference links the two, in either direction",
                ref.path,
                ref.block,
            )


_DECLARED_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')


def _no_article_message(page: PageData) -> str:
    """Where the article went: a block that is not JSON may declare it, and then consumers lose it with the block."""
    for block in page.blocks:
        if block.error is None or block.limit is not None:
            continue
        for declared in _DECLARED_TYPE.findall(block.text[:1_000_000]):
            names = [known_type(name) for name in re.findall(r'"([^"]*)"', declared)]
            article = next((name for name in names if name and is_article({"@type": name})), None)
            if article:
                return (
                    f"no article node could be read: block {block.index + 1} (line {block.line}) declares a {article} "
                    f"but is not valid JSON ({block.error}), so consumers lose the article with it"
                )
    return "no node on the page is an Article (NewsArticle, BlogPosting, Report...)"


# ---------------------------------------------------------------------------------------------- competing articles


def _page_articles(page: PageData) -> list[list[NodeRef]]:
    """The page's own article nodes (top-level, or a page's mainEntity), those sharing an @id together."""
    groups: list[list[NodeRef]] = []
    by_id: dict[str, list[NodeRef]] = {}
    for ref in page.nodes:
        if not is_article(ref.node) or not is_own_article([ref]):
            continue
        node_id = ref.node.get("@id")
        if isinstance(node_id, str) and node_id in by_id:
            by_id[node_id].append(ref)
            continue
        groups.append([ref])
        if isinstance(node_id, str):
            by_id[node_id] = groups[-1]
    return groups


def _page_urls(group: list[NodeRef]) -> set[str]:
    urls = set()
    for ref in group:
        entity = ref.node.get("mainEntityOfPage")
        for value in (ref.node.get("url"), entity.get("@id") if isinstance(entity, dict) else entity):
            for url in _texts(value):
                urls.add(re.sub(r"^https?://(?:www\.)?", "", url.strip().split("#")[0], flags=re.I).rstrip("/").lower())
    return urls


def _resolved(page: PageData, value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    nodes = []
    for item in items:
        if isinstance(item, dict):
            node_id = item.get("@id")
            nodes.append(item)
            if isinstance(node_id, str):
                nodes.extend(ref.node for ref in page.by_id.get(node_id, ()) if ref.node is not item)
    return nodes


def _group_values(page: PageData, group: list[NodeRef], key: str) -> list[str]:
    values: list[str] = []
    for ref in group:
        value = ref.node.get(key)
        if key == "author":
            values.extend(_texts(value))
            for node in _resolved(page, value):
                values.extend(_texts(node.get("name")))
        else:
            values.extend(_texts(value))
    return values


def _article_differences(page: PageData, one: list[NodeRef], other: list[NodeRef]) -> list[str]:
    differences = []
    for key in ("headline", "datePublished", "dateModified", "author"):
        first, second = _group_values(page, one, key), _group_values(page, other, key)
        if not first or not second:
            continue
        if key in ("datePublished", "dateModified"):
            dates = [[parse_date(v)[0] for v in side] for side in (first, second)]
            if any(d is None for side in dates for d in side) or any(
                could_be_same(a, b) for a in dates[0] for b in dates[1]  # type: ignore[arg-type]
            ):
                continue
        elif any(_same_text(html.unescape(a), html.unescape(b)) for a in first for b in second):
            continue
        differences.append(f"{key} ({_show(second[0])} here, {_show(first[0])} there)")
    return differences


def _competing_articles(page: PageData) -> Iterator[Finding]:
    groups = _page_articles(page)
    if len(groups) < 2:
        return
    first = groups[0]
    for group in groups[1:]:
        urls, first_urls = _page_urls(group), _page_urls(first)
        if urls and first_urls and not urls & first_urls:
            continue  # about another page: a list of articles, not a rival description of this one
        differences = _article_differences(page, first, group)
        if differences:
            anchor = group[0]
            listed = "; ".join(differences).replace(" there", f" at {first[0].path} (block {first[0].block + 1})", 1)
            yield CODES.finding(
                "graph/competing-articles",
                f"{_describe(anchor.node)} and another article node describe this page without a shared @id and "
                f"disagree on {listed}: which one a consumer reads is luck (a CMS plugin and a theme each emitting "
                "one?); keep one, or give both the same @id and the same facts",
                anchor.path,
                anchor.block,
            )


# --------------------------------------------------------------------------------------------------------------- IRIs

# A value that starts with a host name: "example.com", "www.example.com/a", not "page.html" or "image.jpg".
_HOST_LIKE = re.compile(r"(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24})(?=[/?#:]|\Z)", re.I)
_FILE_EXTENSIONS = frozenset(
    "htm html shtml php asp aspx jsp cfm cgi jpg jpeg png gif webp avif svg bmp ico pdf json jsonld xml rss js css txt "
    "md mp3 mp4 webm mov zip gz".split()
)
_E_MAIL = re.compile(r"(?:mailto:)?[^@\s/]+@[^@\s/]+\.[a-z]{2,}\Z", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)
_SAME_AS = frozenset({"sameAs", "schema:sameAs", "https://schema.org/sameAs", "http://schema.org/sameAs"})


def _is_schemeless(value: str) -> bool:
    if value.startswith(("/", "#")) or "://" in value:
        return False  # most IRIs, settled without a match
    host = _HOST_LIKE.match(value.strip())
    return bool(host) and host.group(1).lower() not in _FILE_EXTENSIONS and "@" not in value.split("/")[0]


def _not_a_link(value: Any) -> str | None:
    """Why a sameAs value links nothing, or None when it is a URL (absolute, relative, or one without its scheme,
    which the schemeless rule reports)."""
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return f"the number {json.dumps(value)}" if not isinstance(value, bool) else f"the boolean {json.dumps(value)}"
    if not isinstance(value, str) or not value.strip():
        return None  # an object, or an empty string (the text family reports those)
    text = value.strip()
    if _E_MAIL.match(text):
        return "an e-mail address"
    if text.startswith("#"):
        return "a fragment of this page" if len(text) > 1 else '"#"'
    if text.startswith("@"):
        return "a handle"
    if text.isdigit():
        return "a number"
    scheme = _SCHEME.match(text)
    if scheme and scheme.group().lower() not in ("http:", "https:"):
        return f"a {scheme.group()[:-1]} URI, not a web address"
    if not scheme and "/" not in text and "." not in text:
        return "a bare name"
    return None


def _iri_findings(page: PageData) -> Iterator[Finding]:
    iri_keys = coerced_properties()
    for ref in page.nodes:
        for key, value in ref.node.items():
            if key != "@id" and key not in iri_keys and (":" not in key or not _reads_as_iri(key)):
                continue
            same_as = key in _SAME_AS
            for index, item in enumerate(value) if isinstance(value, list) else ((None, value),):
                schemeless = isinstance(item, str) and _is_schemeless(item)
                why = None if schemeless or not same_as else _not_a_link(item)
                if not schemeless and why is None:
                    continue  # nearly every IRI: no path or message is made for it
                path = json_path(ref.path, key) if index is None else json_path(json_path(ref.path, key), index)
                yield _schemeless(page, key, item, path, ref.block) if schemeless else CODES.finding(
                    "graph/sameas-not-url",
                    f"sameAs {_show(item)} is {why}, not the URL of a page about the same thing: it links nothing (a "
                    "JSON-LD processor resolves it against the page's URL); give the profile's full URL or leave it "
                    "out",
                    path,
                    ref.block,
                )


def _schemeless(page: PageData, key: str, item: str, path: str, block: int) -> Finding:
    resolved = urljoin(page.url, item.strip()) if page.url else f"https://example.com/news/{item.strip()}"
    where = "" if page.url else " (on a page at https://example.com/news/)"
    return CODES.finding(
        "graph/schemeless-iri",
        f"{key} {_show(item)} has no scheme, so JSON-LD reads it as a path on the page's site: "
        f"{quoted(resolved, 120)}{where}; write {quoted('https://' + item.strip(), 120)}",
        path,
        block,
    )


def check(page: PageData) -> Iterator[Finding]:
    yield from _reference_findings(page)
    yield from _conflict_findings(page)
    yield from _connectivity_findings(page)
    yield from _competing_articles(page)
    yield from _iri_findings(page)
