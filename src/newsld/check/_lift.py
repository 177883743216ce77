"""A page's article as newsld models, with every value the models cannot hold kept as a leftover.

The article is the first top-level NewsArticle-family node (a nested one when the page has no top-level one). An
``Article`` or ``BlogPosting`` is not lifted: making it a NewsArticle would change its ``@type``, so every one of its
values stays a leftover. ``{"@id": ...}`` references are followed through the whole page (several blocks may form one
graph); a reference back to a node that contains it, or to an id no node describes, stays a reference.

The resolved article is then validated by the strict models. Each value they reject is taken out at the deepest place
that can be removed (a list item, else the property) and kept as a ``Leftover`` with the reason, and validation runs
again until the rest fits. Values are never altered to make them fit: no date guessing, no URL resolution, no entity
decoding. The only readings beyond the models' own documented conveniences, each reported as a finding:

* ``type`` stands for ``@type`` when a node has no ``@type``;
* of a ``@type`` list, the first type newsld models is used and the others are leftovers;
* an article without a usable ``url`` takes the page's address from, in this order, its ``<link rel="canonical">``,
  its ``og:url``, the article's ``mainEntityOfPage`` (a URL, or a WebPage's ``url`` or ``@id``), then the ``url``
  the caller gives; the first absolute http(s) URL wins (``LiftResult.url_from`` says which);
* a WebPage without ``url`` whose ``@id`` is an absolute http(s) URL is the page at that URL (its ``@id`` is its
  address, as newsld itself writes a WebPage's ``@id``);
* an ImageObject's ``width`` or ``height`` written as digits (``"1200"``, ``"1200px"``) is that many pixels;
* what newsld derives itself is not a leftover: the schema.org ``@context``, a quotation's ``isPartOf`` and a claim's
  ``appearance`` pointing at the article, and an ``@id`` equal to the one newsld would derive for that node.

``Leftover.path`` is a JSON path from the article (``$``) through resolved references; findings locate each group of
leftovers in the page (block and path of the node that holds them). Nothing here raises on any page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from .. import models
from .._errors import Location, is_input_field
from .._findings import Codes, Finding, excerpt, json_path
from .._graph import ACCEPTED_CONTEXTS, base_of, canonical_json, emitted_ids, is_derived_id, node_key
from .._types import check_url
from ..models import ARTICLE_CLASSES, NewsArticle, SchemaOrgModel
from ._head import page_addresses
from ._page import NodeRef, PageData
from ._run import analyse
from .rules._nodes import declared_types, is_article_type

__all__ = ["CODES", "MAX_DEPTH", "URL_SOURCES", "Leftover", "LiftResult", "lift", "lift_page", "resolve_article"]

CODES = Codes({
    "lift/no-article": ("warning", "the page has no Article-family node, so there is no article to lift"),
    "lift/not-news-article": (
        "warning", "the page's article is an Article, BlogPosting, ... and not a NewsArticle type; newsld does not "
        "change @type, so every value is a leftover"),
    "lift/several-articles": (
        "info", "the page has several Article-family nodes; the first NewsArticle-family one is lifted"),
    "lift/not-lifted": (
        "warning", "the article lacks a usable headline or url, which newsld requires; every value is a leftover"),
    "lift/not-modelled": ("info", "properties or types newsld does not model, kept as leftovers"),
    "lift/rejected": (
        "warning", "values newsld's strict models reject (a naive date, a relative URL, ...), kept as leftovers"),
    "lift/unresolved-reference": ("info", "an @id reference that no node on the page describes, kept as a leftover"),
    "lift/type-property": ("info", "`type` read as `@type`"),
    "lift/merged-nodes": ("info", "a reference to an @id that several nodes describe; their properties were merged"),
    "lift/url-fallback": (
        "info", "the article gives no usable url; the page's canonical link, og:url, mainEntityOfPage or the url "
        "given to lift is used instead"),
    "lift/url-from-id": ("info", "a WebPage without url is read as the page at its @id"),
    "lift/pixels-from-text": ("info", "an image's width or height written as text (\"1200\", \"1200px\") read as pixels"),
})

#: Where the article's url comes from when its node has none that newsld accepts, in the order they are tried.
URL_SOURCES = ("canonical", "og:url", "mainEntityOfPage", "url")
_URL_SOURCE_NAMES = {
    "canonical": 'the page\'s <link rel="canonical">',
    "og:url": "the page's og:url",
    "mainEntityOfPage": "the article's mainEntityOfPage",
    "url": "the url given to lift (--url)",
}

# Models nest about ten levels deep; anything deeper cannot fit them, and bounding depth keeps recursion safe.
MAX_DEPTH = 64
# References are expanded where they occur, so a page whose nodes refer to each other many times could multiply.
MAX_EXPANSIONS = 1000
# ... and a few references to one big node would multiply it: past this many values no further reference is followed.
MAX_RESOLVED_VALUES = 20_000
# Each round takes out at least one value; real pages settle in a handful of rounds.
MAX_ROUNDS = 200
_MESSAGE_LIMIT = 80
_LISTED = 6


@dataclass(frozen=True)
class Leftover:
    """A value on the page's article that newsld could not put into its models, and why."""

    path: str
    value: Any
    reason: str


@dataclass(frozen=True)
class LiftResult:
    """The page's article as models (None when it cannot be lifted), every value left out, and the findings."""

    article: NewsArticle | None
    leftovers: tuple[Leftover, ...]
    findings: tuple[Finding, ...]
    #: Where the article's url came from when its node gives none newsld accepts (one of ``URL_SOURCES``), else None.
    url_from: str | None = None


def lift(html: str | bytes, *, url: str | None = None) -> LiftResult:
    """The page's article as newsld models where it can be, every other value kept as a leftover, with all findings.

    The page is read as ``check_html`` reads it (within the same limits); ``findings`` holds the check findings and
    lift's own. Never fetches ``url``.
    """
    _, page, findings = analyse(html, url=url)
    result = lift_page(page)
    return replace(result, findings=tuple(findings) + tuple(result.findings))


def lift_page(page: PageData) -> LiftResult:
    """The page's article as newsld models, keeping every value they cannot hold as a leftover."""
    ref, cls, findings = _choose(page)
    if ref is None:
        return LiftResult(None, (), tuple(findings))
    resolved = _Resolver(page).resolve(ref)
    lift = _Lift(resolved, cls, _url_candidates(page, resolved.tree))
    if cls is None:
        lift.give_up("lift/not-news-article", f"{declared_types(ref.node)[0]} is not a NewsArticle type")
    else:
        lift.run()
    url_from = lift.url_fallback[0] if lift.article is not None and lift.url_fallback else None
    return LiftResult(lift.article, lift.leftovers(), tuple(findings + lift.findings()), url_from)


def resolve_article(page: PageData) -> Any:
    """The JSON of the node ``lift_page`` lifts, with references resolved as it resolves them (None without one)."""
    ref, _, _ = _choose(page)
    return None if ref is None else _Resolver(page).resolve(ref).tree


# -------------------------------------------------------------------------------------------- which node is the article


def _modelled_types() -> frozenset:
    return frozenset(
        value.model_fields["type"].default
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, SchemaOrgModel) and "type" in value.model_fields
    )


_MODELLED_TYPES = _modelled_types()


def _news_class(node: dict) -> type | None:
    return next((ARTICLE_CLASSES[name] for name in declared_types(node) if name in ARTICLE_CLASSES), None)


def _choose(page: PageData) -> tuple[NodeRef | None, type | None, list[Finding]]:
    articles = [ref for ref in page.nodes if ref.top_level and any(map(is_article_type, declared_types(ref.node)))]
    news = [ref for ref in articles if _news_class(ref.node)]
    news = news or [ref for ref in page.nodes if not ref.top_level and _news_class(ref.node)]
    chosen = news[0] if news else articles[0] if articles else None
    if chosen is None:
        return None, None, [CODES.finding("lift/no-article", "the page has no Article-family node")]
    findings = []
    distinct = {ref.node.get("@id") if isinstance(ref.node.get("@id"), str) else id(ref) for ref in articles}
    if len(distinct) > 1:
        shown = articles[:_LISTED]
        listed = ", ".join(f"{'/'.join(declared_types(ref.node))} at block {ref.block} {ref.path}" for ref in shown)
        listed += ", …" if len(articles) > _LISTED else ""
        findings.append(
            _finding("lift/several-articles", f"{len(distinct)} article nodes ({listed}); lifting the one at "
                     f"block {chosen.block} {chosen.path}", chosen.block, chosen.path)
        )
    return chosen, _news_class(chosen.node), findings


def _finding(code: str, message: str, block: int | None, path: str) -> Finding:
    return CODES.finding(code, message, path, block)


# ------------------------------------------------------------------------------------------------ the article's address


def _url_candidates(page: PageData, tree: dict) -> list[tuple[str, Any]]:
    """Every address the page gives for itself, as ``(source, value)`` in the order of ``URL_SOURCES``."""
    found: list[tuple[str, Any]] = []
    if page.html:
        addresses = page_addresses(page.html)
        found += [("canonical", addresses.canonical), ("og:url", addresses.og_url)]
    main = tree.get("mainEntityOfPage")
    main = main[0] if isinstance(main, list) and main else main
    if isinstance(main, dict):
        main = main.get("url") if "url" in main else main.get("@id")
    found += [("mainEntityOfPage", main), ("url", page.url)]
    return [(source, value) for source, value in found if value is not None]


def _usable_url(value: Any) -> str | None:
    """Why ``value`` is not an address newsld accepts for the article, or None when it is one."""
    if not isinstance(value, str):
        return f"{_short(value)} is not a URL"
    try:
        check_url(value)
    except ValueError as exc:
        return f"{_short(value)}: {exc}"
    return None


def _is_pixels(node: dict, key: str, value: Any) -> bool:
    return (key in ("width", "height") and isinstance(value, str) and _PIXELS.fullmatch(value) is not None
            and "ImageObject" in declared_types(node) and int(value.removesuffix("px")) >= 1)


_PIXELS = re.compile(r"[0-9]{1,9}(?:px)?")


# ----------------------------------------------------------------------------------------------------------- references


@dataclass
class _Resolved:
    root: NodeRef
    tree: dict
    unresolved: dict[Location, str] = field(default_factory=dict)  # references left as they are, and why
    origins: dict[Location, NodeRef] = field(default_factory=dict)  # where each expanded node is on the page
    merged: list[tuple[Location, str, int]] = field(default_factory=list)  # (path, @id, number of descriptions)
    too_deep: list[Location] = field(default_factory=list)


class _Resolver:
    def __init__(self, page: PageData) -> None:
        self.page = page
        self.expansions = 0
        self.values = 0

    def resolve(self, ref: NodeRef) -> _Resolved:
        self.result = _Resolved(ref, {})
        self.result.origins[()] = ref
        own = ref.node.get("@id")
        self.result.tree = self._fields(ref.node, (), frozenset([own] if isinstance(own, str) else []))
        return self.result

    def _value(self, value: Any, path: Location, stack: frozenset) -> Any:
        self.values += 1
        if len(path) > MAX_DEPTH:
            self.result.too_deep.append(path)
            return value
        if isinstance(value, list):
            return [self._value(item, path + (index,), stack) for index, item in enumerate(value)]
        if not isinstance(value, dict):
            return value
        target = value.get("@id")
        if set(value) != {"@id"} or not isinstance(target, str):
            return self._fields(value, path, stack | {target} if isinstance(target, str) else stack)
        return self._follow(target, path, stack)

    def _follow(self, target: str, path: Location, stack: frozenset) -> dict:
        descriptions = self.page.by_id.get(target, [])
        why = None
        if target in stack:
            why = f"a reference back to {_short(target)}, a node that contains it"
        elif not descriptions:
            why = f"a reference to {_short(target)}, which no node on the page describes"
        elif self.expansions >= MAX_EXPANSIONS:
            why = f"a reference to {_short(target)}, not followed: the article expands {MAX_EXPANSIONS} already"
        elif self.values >= MAX_RESOLVED_VALUES:
            why = (f"a reference to {_short(target)}, not followed: the article holds {MAX_RESOLVED_VALUES:,} values "
                   "already")
        if why:
            self.result.unresolved[path] = why
            return {"@id": target}
        self.expansions += 1
        self.result.origins[path] = descriptions[0]
        node = _merge([ref.node for ref in descriptions])
        if len(descriptions) > 1 and node is not descriptions[0].node:
            self.result.merged.append((path, target, len(descriptions)))
        return self._fields(node, path, stack | {target})

    def _fields(self, node: dict, path: Location, stack: frozenset) -> dict:
        return {key: self._value(item, path + (key,), stack) for key, item in node.items()}


def _merge(nodes: list[dict]) -> dict:
    """Several descriptions of one @id as one node, as JSON-LD reads them: each property with its distinct values."""
    if all(node == nodes[0] for node in nodes[1:]):
        return nodes[0]
    merged: dict[str, list] = {}
    for node in nodes:
        for key, value in node.items():
            values = merged.setdefault(key, [])
            for item in value if isinstance(value, list) else [value]:
                if item not in values:
                    values.append(item)
    return {key: values[0] if len(values) == 1 else values for key, values in merged.items()}


# ----------------------------------------------------------------------------- validation, taking out what does not fit


# A value of the wrong kind fails every member of a union; the member that fits its kind explains best.
_KIND_MISMATCH = frozenset(
    {"string_type", "model_type", "model_attributes_type", "dict_type", "list_type", "int_type", "float_type",
     "bool_type"}
)
_NOT_MODELLED = frozenset({"extra_forbidden", "union_tag_invalid", "union_tag_not_found", "literal_error"})
# NewsArticle's one rule across properties: dateModified not before datePublished. The later date is set aside.
_ROOT_RULE_CULPRIT = "dateModified"


@dataclass
class _Removal:
    code: str
    reason: str


class _Fatal(Exception):
    """The article itself cannot be lifted: a required property is missing or rejected."""


class _Lift:
    def __init__(self, resolved: _Resolved, cls: type | None, url_candidates: list[tuple[str, Any]]) -> None:
        self.resolved = resolved
        self.url_candidates = url_candidates
        self.url_fallback: tuple[str, str] | None = None  # (source, url) when the article's url comes from the page
        self.read_as: dict[Location, str] = {}  # values read as a documented reading: path -> finding code
        self.tree = resolved.tree
        self.cls = cls
        self.article: NewsArticle | None = None
        self.removed: dict[Location, _Removal] = {
            path: _Removal("lift/not-modelled", f"nested deeper than {MAX_DEPTH} levels") for path in resolved.too_deep
        }
        self.hidden: dict[Location, _Removal] = {}  # left out of the models' view in the last pass
        self.renamed: list[Location] = []
        self.failure: tuple[str, str] | None = None
        self._live_cache: dict[Location, tuple[int, list[int]]] = {}
        root_id = self.tree.get("@id")
        self.root_ref = {"@id": root_id} if isinstance(root_id, str) else None

    # --------------------------------------------------------------------------------------------------------- the loop

    def run(self) -> None:
        try:
            for _ in range(MAX_ROUNDS):
                view = self._view(self.tree, ())
                try:
                    article = self.cls.model_validate(view)
                except ValidationError as exc:
                    self._take_out(self._targets(exc.errors(include_url=False)))
                    continue
                conflicts = self._id_conflicts(article)
                if conflicts:
                    self._take_out(conflicts)
                    continue
                self.article = _without_derived_ids(article)
                return
            raise _Fatal(f"it still did not validate after {MAX_ROUNDS} rounds of taking out rejected values")
        except _Fatal as exc:
            self.give_up("lift/not-lifted", str(exc))

    def give_up(self, code: str, why: str) -> None:
        self.failure = (code, why)
        self.hidden = {}
        for key in self.tree:
            path = (key,)
            if path not in self.removed and not self._derived(self.tree, key, self.tree[key]):
                self.removed[path] = _Removal(code, f"the article is not lifted: {why}")

    def _take_out(self, targets: dict[Location, _Removal]) -> None:
        fresh = {path: removal for path, removal in targets.items() if path not in self.removed}
        if not fresh:
            raise _Fatal("a rejected value could not be taken out")
        self.removed.update(fresh)

    # ------------------------------------------------------------------------------------- the models' view of the tree

    def _view(self, value: Any, path: Location) -> Any:
        if path == ():
            self.hidden, self.renamed, self.read_as = {}, [], {}
            article = self._node_view(value, path)
            if "url" not in article:
                self.url_fallback = self._fallback_url()
                if self.url_fallback is not None:
                    article["url"] = self.url_fallback[1]
            return article
        if isinstance(value, list):
            return [self._view(item, path + (i,)) for i, item in enumerate(value) if path + (i,) not in self.removed]
        if not isinstance(value, dict):
            return value
        return self._node_view(value, path)

    def _node_view(self, value: dict, path: Location) -> dict:
        out = {}
        for key, item in value.items():
            here = path + (key,)
            if here in self.removed or self._derived(value, key, item):
                continue
            if _is_pixels(value, key, item):
                self.read_as[here] = "lift/pixels-from-text"
                out[key] = int(item.removesuffix("px"))
                continue
            if item is None:
                # An optional property given as null would vanish from the model without a trace.
                self.hidden[here] = _Removal("lift/not-modelled", "null: newsld keeps no empty values")
            elif key == "id":
                self.hidden[here] = _Removal("lift/not-modelled", "'id' is not '@id'; newsld does not read it as one")
            elif key == "@context":
                self.hidden[here] = _Removal("lift/not-modelled", f"a @context other than schema.org's: {_short(item)}")
            elif key in ("@type", "type"):
                if key == "type":
                    if "@type" in value:
                        out[key] = self._view(item, here)  # the models reject it beside a real @type
                        continue
                    self.renamed.append(here)
                out["@type"] = self._type_view(item, here, ARTICLE_CLASSES if path == () else _MODELLED_TYPES)
            else:
                seen = self._view(item, here)
                if seen != [] or item == []:  # a list whose every item was taken out is no value, not an empty one
                    out[key] = seen
        page_id = value.get("@id")
        if ("url" not in out and "@id" in out and "WebPage" in declared_types(value)
                and _usable_url(page_id) is None):
            self.read_as[path + ("@id",)] = "lift/url-from-id"
            out["url"] = page_id
        return out

    def _fallback_url(self) -> tuple[str, str] | None:
        """The first address the page gives for itself that newsld accepts, as ``(source, url)``."""
        for source, value in self.url_candidates:
            if _usable_url(value) is None:
                return source, value
        return None

    def _type_view(self, value: Any, path: Location, modelled) -> Any:
        if not isinstance(value, list):
            return value
        live = [(i, item) for i, item in enumerate(value) if path + (i,) not in self.removed]
        chosen = next(((i, item) for i, item in live if isinstance(item, str) and item in modelled), None)
        if chosen is None:
            return [item for _, item in live]
        beside = f"a further @type beside {chosen[1]!r}; newsld gives a node one type"
        for i, _ in live:
            if i != chosen[0]:
                self.hidden[path + (i,)] = _Removal("lift/not-modelled", beside)
        return chosen[1]

    def _derived(self, node: dict, key: str, item: Any) -> bool:
        """Whether newsld derives this value itself when it emits the article, so that leaving it out loses nothing."""
        if key == "@context":
            return isinstance(item, str) and item in ACCEPTED_CONTEXTS
        back_link = {"Quotation": "isPartOf", "Claim": "appearance"}
        return self.root_ref is not None and item == self.root_ref and any(
            back_link.get(name) == key for name in declared_types(node)
        )

    # ----------------------------------------------------------------- from pydantic's errors to the places to take out

    def _targets(self, errors: list[dict]) -> dict[Location, _Removal]:
        found: dict[Location, list[dict]] = {}
        fatal = []
        for error in errors:
            path = self._locate(error["loc"], error["type"])
            if path and self._is_type_key(path):
                path = path[:-1]  # without its @type a node would take the models' default type: take out the node
            if path == ():
                path = self._root_target(error)
            if path == ():
                fatal.append(error)
            else:
                found.setdefault(path, []).append(error)
        # What sinks the article is reported last, so that every other value first gets its own reason.
        if not found:
            raise _Fatal(self._fatal_reason(fatal[0]))
        # An error inside a value is more precise than the union's other members failing on the value as a whole.
        above = _proper_prefixes(found)
        return {path: self._removal(path, errors) for path, errors in found.items() if path not in above}

    def _is_type_key(self, path: Location) -> bool:
        key, parent = path[-1], _at(self.tree, path[:-1])
        return key == "@type" or (key == "type" and isinstance(parent, dict) and "@type" not in parent)

    def _root_target(self, error: dict) -> Location:
        """Where an error about the article as a whole can be mended: only the dates' order can; () when not."""
        culprit = (_ROOT_RULE_CULPRIT,)
        if error["type"] == "value_error" and not error["loc"] and culprit not in self.removed:
            if _ROOT_RULE_CULPRIT in self.tree:
                return culprit
        return ()

    def _fatal_reason(self, error: dict) -> str:
        if error["type"] != "missing":
            return _message(error)
        name = error["loc"][-1]
        earlier = self.removed.get((name,)) or self.hidden.get((name,))
        reason = f"required property {name!r} is missing" + (
            f" (the page's value was rejected: {earlier.reason})" if earlier else ""
        )
        if name == "url" and error["loc"] == ("url",):
            tried = [f"{_URL_SOURCE_NAMES[source]} {_usable_url(value)}" for source, value in self.url_candidates]
            reason += (f", and no other address the page gives is usable ({'; '.join(tried)})" if tried else
                       ", and the page gives no other address (canonical link, og:url, mainEntityOfPage); give the "
                       "page's url to lift")
        return reason

    def _locate(self, loc: tuple, error_type: str) -> Location:
        """The deepest place of the tree that ``loc`` (a pydantic location in the models' view) reaches."""
        node, path = self.tree, ()
        for index, part in enumerate(loc):
            if isinstance(part, int):
                if not isinstance(node, list):
                    continue  # a single value the model holds as a one-item list
                live = self._live(path, node)
                if part >= len(live):
                    break
                path, node = path + (live[part],), node[live[part]]
                continue
            if not is_input_field(part) and not (index == len(loc) - 1 and error_type == "extra_forbidden"):
                continue  # a union member's name, not a key of the input
            if not isinstance(node, dict):
                break
            key = "type" if part == "@type" and "@type" not in node and "type" in node else part
            if key not in node or path + (key,) in self.removed or path + (key,) in self.hidden:
                break
            path, node = path + (key,), node[key]
        return path

    def _live(self, path: Location, items: list) -> list[int]:
        """The indexes of the list at ``path`` that are not taken out; kept until more is taken out (each of many
        errors in one long list would otherwise go through the whole list)."""
        cached = self._live_cache.get(path)
        if cached is None or cached[0] != len(self.removed):
            cached = self._live_cache[path] = (
                len(self.removed), [i for i in range(len(items)) if path + (i,) not in self.removed])
        return cached[1]

    def _removal(self, path: Location, errors: list[dict]) -> _Removal:
        error = next((e for e in errors if e["type"] not in _KIND_MISMATCH), errors[0])
        unresolved = self.resolved.unresolved.get(path)
        if unresolved and error["type"] != "extra_forbidden":
            return _Removal("lift/unresolved-reference", unresolved)
        code = "lift/not-modelled" if error["type"] in _NOT_MODELLED else "lift/rejected"
        # An unknown property's node is its parent; a node missing a required property is the value itself.
        node = _at(self.tree, path[:-1] if error["type"] == "extra_forbidden" else path)
        return _Removal(code, _message(error, _type_name(node)))

    def _id_conflicts(self, article: NewsArticle) -> dict[Location, _Removal]:
        """One @id given to different nodes: newsld could not emit the article, so the later @id is taken out."""
        first: dict[str, tuple[str, Location]] = {}
        conflicts = {}
        for path, model in _node_models(article):
            node_id = getattr(model, "id", None)
            if not model.is_node or not node_id:
                continue
            canonical = canonical_json(model)
            known = first.setdefault(node_id, (canonical, path))
            if known[0] != canonical:
                where = _format(self._locate(known[1], ""))
                conflicts[self._locate(path + ("@id",), "")] = _Removal(
                    "lift/rejected", f"@id {_short(node_id)} already names a different node at {where}"
                )
        return conflicts

    # ---------------------------------------------------------------------------------------------------------- results

    def leftovers(self) -> tuple[Leftover, ...]:
        above_removed = _proper_prefixes(self.removed)
        return tuple(
            Leftover(_format(path), self._without_removed(_at(self.tree, path), path, above_removed), removal.reason)
            for path, removal in self._all()
        )

    def _all(self) -> Iterator[tuple[Location, _Removal]]:
        yield from self.removed.items()
        yield from self.hidden.items()

    def _without_removed(self, value: Any, path: Location, above_removed: set) -> Any:
        """The page's value at ``path`` without what was already taken out below it (reported on its own)."""
        if path not in above_removed:
            return value
        if isinstance(value, list):
            return [self._without_removed(v, path + (i,), above_removed)
                    for i, v in enumerate(value) if path + (i,) not in self.removed]
        return {k: self._without_removed(v, path + (k,), above_removed)
                for k, v in value.items() if path + (k,) not in self.removed}

    def findings(self) -> list[Finding]:
        findings = []
        root = self.resolved.root
        if self.failure:
            code, why = self.failure
            findings.append(_finding(code, f"the article is not lifted: {why}; every value is a leftover",
                                     root.block, root.path))
        groups: dict[tuple[str, str], list[Location]] = {}
        for path, removal in self._all():
            if removal.code != self.failure_code:  # already said once, by the not-lifted finding
                groups.setdefault((removal.code, removal.reason), []).append(path)
        for (code, reason), paths in groups.items():
            block, where = self._page_location(paths[0])
            kept = "leftovers" if len(paths) > 1 else "a leftover"
            findings.append(_finding(code, f"{reason}; kept as {kept}: {_listing(paths)}", block, where))
        for path in self.renamed if self.article else ():
            block, where = self._page_location(path)
            findings.append(_finding("lift/type-property", "`type` read as `@type`", block, where))
        if self.article is not None and self.url_fallback is not None:
            source, url = self.url_fallback
            given = self.removed.get(("url",)) or self.hidden.get(("url",))
            why = f"its url was rejected ({given.reason})" if given else "the article gives no url"
            findings.append(_finding("lift/url-fallback", f"{why}; the url is taken from "
                                     f"{_URL_SOURCE_NAMES[source]}: {url}", root.block, root.path))
        readings: dict[str, list[Location]] = {}
        for path, code in self.read_as.items() if self.article else ():
            readings.setdefault(code, []).append(path)
        for code, paths in readings.items():
            block, where = self._page_location(paths[0])
            findings.append(_finding(code, f"{CODES.description(code)}: {_listing(paths)}", block, where))
        for path, node_id, count in self.resolved.merged:
            block, where = self._page_location(path)
            findings.append(_finding("lift/merged-nodes", f"{count} nodes describe {_short(node_id)}; "
                                     "their properties are read as one node's", block, where))
        return findings

    @property
    def failure_code(self) -> str | None:
        return self.failure[0] if self.failure else None

    def _page_location(self, path: Location) -> tuple[int, str]:
        """Where on the page the value at ``path`` is: inside the node its nearest expanded reference leads to."""
        for end in range(len(path), -1, -1):
            origin = self.resolved.origins.get(path[:end])
            if origin is not None:
                return origin.block, _format(path[end:], origin.path)
        raise AssertionError("the article's own node is always an origin")


def _proper_prefixes(paths) -> set:
    """Every path that is a proper prefix of one of ``paths``: those with something of ``paths`` below them."""
    return {path[:end] for path in paths for end in range(len(path))}


def _type_name(node: Any) -> str:
    names = declared_types(node) if isinstance(node, dict) else []
    return names[0] if names else "this node"


def _message(error: dict, node_type: str = "the article") -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"not a property newsld models on {node_type}"
    if kind == "missing":
        return f"{node_type} without its required {error['loc'][-1]!r}"
    if kind == "union_tag_invalid":
        return f"@type {_short(ctx.get('tag'))} is not one newsld models here (it models {ctx.get('expected_tags')})"
    if kind == "union_tag_not_found":
        return "an object without @type where newsld needs one to know what it is"
    if kind == "literal_error":
        return f"a type newsld does not model here (it models {ctx.get('expected')})"
    message = error["msg"]
    return message[len("Value error, "):] if message.startswith("Value error, ") else message


def _listing(paths: list[Location]) -> str:
    patterns = list(dict.fromkeys(_format(tuple(p for p in path if not isinstance(p, int))) for path in paths))
    shown = ", ".join(patterns[:_LISTED]) + (", …" if len(patterns) > _LISTED else "")
    return f"{len(paths)} value{'s' if len(paths) > 1 else ''} at {shown}"


def _short(value: Any) -> str:
    return excerpt(repr(value), _MESSAGE_LIMIT)


def _format(path: Location, start: str = "$") -> str:
    for part in path:
        start = json_path(start, part)
    return start


# ----------------------------------------------------------------------------------------------------- models: identity


def _node_models(model: SchemaOrgModel, path: Location = ()) -> Iterator[tuple[Location, SchemaOrgModel]]:
    """The model and every model inside it, depth first in field order (the order newsld's graph builder visits)."""
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, SchemaOrgModel):
                yield from _node_models(item, path + ((name,) if index is None else (name, index)))


def _without_derived_ids(article: NewsArticle) -> NewsArticle:
    """The article without the @ids newsld derives identically when it emits it: the same JSON-LD, as authored."""
    base = base_of(article)
    given = {
        path: model.id
        for path, model in _node_models(article)
        if model.is_node and getattr(model, "id", None) and is_derived_id(_identity(model), base, None)
    }
    keep: set = set()
    for _ in range(len(given) + 1):
        strip = [path for path in given if path not in keep]
        if not strip:
            return article
        data = article.model_dump(by_alias=True, exclude_none=True)
        for path in strip:
            _at(data, path).pop("@id")
        candidate = type(article).model_validate(data)
        emitted = _emitted_ids(candidate)
        differ = {path for path in strip if emitted.get(path) != given[path]}
        if not differ:
            return candidate
        keep |= differ
    return article


def _identity(model: SchemaOrgModel) -> dict:
    """What decides the @id newsld derives for a node: its type, and its name, description or URL."""
    return {
        "@id": model.id,
        "@type": model.type,
        **{key: getattr(model, key) for key in ("name", "description", "url") if getattr(model, key, None)},
    }


def _at(data: Any, path: Location) -> Any:
    for part in path:
        data = data[part]
    return data


def _emitted_ids(article: NewsArticle) -> dict[Location, str]:
    ids = emitted_ids(article)
    emitted = {}
    for path, model in _node_models(article):
        if model.is_node:
            # The graph builder's identity of a node; repeats inside a repeated node are not visited but share it.
            node_id = ids.get(node_key(model))
            if node_id is not None:
                emitted[path] = node_id
    return emitted
