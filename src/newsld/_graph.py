"""Models → one JSON-LD ``@graph``: stable ``@id``s, references, de-duplication (``_reader`` goes back).

Every model whose class has ``is_node`` (people, organizations, places, events, quotations, claims, reviews, the article
and its page) becomes exactly one node of the graph; every other place it occurs holds ``{"@id": ...}``. Nodes without
an explicit ``@id`` get one derived from the article URL and a readable fragment (``#/person/vladimir-putin``,
``#/quotation/3``). Two occurrences are the same node when they carry the same explicit ``@id`` or, without one, when
they are equal in every property; one explicit ``@id`` given to two different entities is an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urldefrag

from pydantic import BaseModel

from ._errors import Location, NewsldValidationError, Problem, format_path
from .models import NEWS_ARTICLE_TYPES, Claim, NewsArticle, Quotation, SchemaOrgModel, WebPage, WebSite

if TYPE_CHECKING:
    from ._site import Site

__all__ = [
    "ACCEPTED_CONTEXTS",
    "CONTEXT",
    "base_of",
    "build_graph",
    "canonical_json",
    "emitted_ids",
    "is_derived_id",
    "node_key",
    "slugify",
    "to_jsonld",
]

CONTEXT = "https://schema.org"
ACCEPTED_CONTEXTS = frozenset({"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"})

# Fragments of derived ids, by @type. Numbered kinds are identified by their position; the rest by a slug of their name.
_NUMBERED_KINDS = {"Quotation": "quotation", "Claim": "claim", "ClaimReview": "claimreview"}
_NAMED_KINDS = {
    "Person": "person",
    "Organization": "organization",
    "NewsMediaOrganization": "organization",
    "Place": "place",
    "Event": "event",
    "Thing": "thing",
}
_ARTICLE_FRAGMENT = "#/article"
_WEBSITE_FRAGMENT = "#/website"
_SLUG_LIMIT = 60


def slugify(text: str) -> str:
    """A readable, stable fragment segment: case-folded words joined by '-', letters of any script kept."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"[^\W_]+", folded)
    slug = "-".join(words)
    if len(slug) > _SLUG_LIMIT:
        slug = slug[:_SLUG_LIMIT].rsplit("-", 1)[0] or slug[:_SLUG_LIMIT]
    return slug


def base_of(article: NewsArticle) -> str:
    return urldefrag(article.url)[0]


@dataclass
class _Node:
    model: SchemaOrgModel
    path: Location
    id: str | None = None
    explicit: bool = False
    rendered: dict = field(default_factory=dict)  # the graph node; its references are filled in once ids are known
    canonical: str | None = None

    def canonical_form(self) -> str:
        if self.canonical is None:
            self.canonical = canonical_json(self.model)
        return self.canonical

    @property
    def key(self) -> tuple:
        return ("id", self.id) if self.explicit else ("value", self.model.type, self.canonical_form())


@dataclass
class _Collected:
    nodes: list = field(default_factory=list)
    node_of: dict = field(default_factory=dict)  # id(model) -> its _Node, for every occurrence of a node model
    references: list = field(default_factory=list)  # ({"@id": None}, _Node) for every reference rendered
    problems: list = field(default_factory=list)


def canonical_json(model: BaseModel) -> str:
    """The model's JSON with every property, in field order: two models with equal canonical JSON are one entity."""
    return model.model_dump_json(by_alias=True, exclude_none=True)


def node_key(model: SchemaOrgModel) -> tuple:
    """A node model's identity: ``("id", @id)`` with an explicit @id, else ``("value", @type, canonical JSON)``."""
    return ("id", model.id) if model.id else ("value", model.type, canonical_json(model))


_FIELDS: dict = {}
# Cheap fields that two nodes equal in every property share; only nodes that agree on them need the canonical JSON.
_SCREEN_FIELDS = ("name", "description", "text", "url", "claimReviewed")
_PLAIN = (str, int, float, bool)


def _fields_of(cls: type) -> tuple:
    """A model class's properties in declaration order, without ``@type`` and ``@id``; their JSON keys (the name, or
    the alias of a property whose name is no Python name, such as ``query-input``); and its screening fields."""
    cached = _FIELDS.get(cls)
    if cached is None:
        names = tuple(name for name in cls.model_fields if name not in ("type", "id"))
        keys = tuple(cls.model_fields[name].serialization_alias or name for name in names)
        cached = _FIELDS[cls] = (names, tuple(name for name in _SCREEN_FIELDS if name in names), keys)
    return cached


def _collect(article: NewsArticle) -> _Collected:
    """One walk over the models: the graph's nodes in order, each rendered, with references awaiting their ids."""
    found = _Collected()
    node_of, references = found.node_of, found.references
    by_id: dict = {}  # explicit @id -> _Node
    by_screen: dict = {}  # (@type, screening values) -> [_Node] without explicit @id
    conflicting: set = set()  # id(model) of models whose explicit @id is already another entity's

    def render(value: Any, path: Location) -> Any:
        if isinstance(value, list):
            return [item if item.__class__ in _PLAIN else render(item, path + (index,))
                    for index, item in enumerate(value)]
        if isinstance(value, SchemaOrgModel):
            if value.is_node:
                reference = {"@id": None}
                references.append((reference, register(value, path)))
                return reference
            out = {"@type": value.type}
            # A non-node value (an ImageObject) keeps the @id its author gave it.
            if value.__dict__.get("id") is not None:
                out["@id"] = value.id
            return render_fields(value, path, out)
        return value

    def render_fields(model: SchemaOrgModel, path: Location, out: dict) -> dict:
        values = model.__dict__
        names, _, keys = _fields_of(type(model))
        for name, key in zip(names, keys):
            item = values[name]
            if item is not None:
                out[key] = item if item.__class__ in _PLAIN else render(item, path + (name,))
        return out

    def register(model: SchemaOrgModel, path: Location) -> _Node:
        # Models are shared wherever an entity is referenced, so most occurrences are the very same object: those
        # are settled by identity, and the canonical JSON is computed only to compare two distinct objects.
        known = node_of.get(id(model))
        if known is not None:
            if id(model) in conflicting:
                report_conflict(known, path)
            return known
        explicit = model.__dict__.get("id")
        if explicit:
            known = by_id.get(explicit)
            if known is None:
                by_id[explicit] = node = add(model, path, explicit)
                render_fields(model, path, node.rendered)
                return node
            node_of[id(model)] = known
            if known.canonical_form() != canonical_json(model):
                conflicting.add(id(model))
                report_conflict(known, path)
            return known
        values = model.__dict__
        candidates = by_screen.setdefault((model.type, *(values[name] for name in _fields_of(type(model))[1])), [])
        if candidates:
            canonical = canonical_json(model)
            for known in candidates:
                if known.canonical_form() == canonical:
                    node_of[id(model)] = known
                    return known
        node = add(model, path, None)
        candidates.append(node)
        render_fields(model, path, node.rendered)
        return node

    def add(model: SchemaOrgModel, path: Location, explicit: str | None) -> _Node:
        node = _Node(model, path, explicit, bool(explicit), {"@type": model.type, "@id": None})
        node_of[id(model)] = node
        found.nodes.append(node)
        return node

    def report_conflict(known: _Node, path: Location) -> None:
        found.problems.append(
            Problem(
                format_path(path + ("@id",)),
                f"@id {known.id!r} is already used for a different {known.model.type} at "
                f"{format_path(known.path + ('@id',)) or '(article)'}; one @id must name one entity",
            )
        )

    register(article, ())
    return found


def _assign_ids(article: NewsArticle, found: _Collected, site: Site | None = None) -> None:
    base = base_of(article)
    taken = {node.id for node in found.nodes if node.explicit}
    counters: dict[str, int] = {}
    for node in found.nodes:
        model = node.model
        if model.type in _NUMBERED_KINDS:
            counters[model.type] = counters.get(model.type, 0) + 1
        if node.explicit:
            continue
        site_wide = site.node_id(model) if site is not None else None
        if model is article:
            wanted = base + _ARTICLE_FRAGMENT
        elif isinstance(model, WebPage):
            wanted = model.url
        elif isinstance(model, WebSite):
            wanted = urldefrag(model.url)[0] + _WEBSITE_FRAGMENT
        elif site_wide is not None:
            wanted = site_wide
        elif model.type in _NUMBERED_KINDS:
            wanted = f"{base}#/{_NUMBERED_KINDS[model.type]}/{counters[model.type]}"
        else:
            kind = _NAMED_KINDS[model.type]
            label = getattr(model, "name", None) or getattr(model, "description", None) or ""
            wanted = f"{base}#/{kind}/{slugify(label) or 'unnamed'}"
        candidate, suffix = wanted, 2
        while candidate in taken:
            candidate, suffix = f"{wanted}-{suffix}", suffix + 1
        node.id = candidate
        taken.add(candidate)


def emitted_ids(article: NewsArticle, site: Site | None = None) -> dict[tuple, str]:
    """The @id newsld emits for each node of the article, by ``node_key``; empty when the article cannot be emitted
    (one @id given to two different entities)."""
    found = _collect(article)
    if found.problems:
        return {}
    _assign_ids(article, found, site)
    return {node.key: node.id for node in found.nodes}


def build_graph(article: NewsArticle, site: Site | None = None) -> list[dict]:
    """The article's nodes, article first, each once, each with its ``@id``; references as ``{"@id": ...}``.

    With a ``site``, the article is first completed by it (``Site.complete``) and its site-wide nodes get site-wide ids.
    """
    if site is not None:
        article = site.complete(article)
    found = _collect(article)
    if found.problems:
        raise NewsldValidationError(found.problems)
    _assign_ids(article, found, site)
    for reference, node in found.references:
        reference["@id"] = node.id
    article_id = found.nodes[0].id
    graph = []
    for node in found.nodes:
        rendered = node.rendered
        rendered["@id"] = node.id
        # The links back to the article are derived, never authored: a quotation is part of it, a claim appears in it.
        if isinstance(node.model, Quotation):
            rendered["isPartOf"] = {"@id": article_id}
        elif isinstance(node.model, Claim):
            rendered["appearance"] = {"@id": article_id}
        graph.append(rendered)
    return graph


def to_jsonld(article: NewsArticle, *, form: Literal["graph", "nested"] = "graph", site: Site | None = None) -> dict:
    """The article as one JSON-LD document; with ``site``, as that site publishes it (see :class:`newsld.Site`).

    ``form="graph"`` (default): ``{"@context", "@graph": [...]}``, every node once, references by ``@id``.
    ``form="nested"``: the article as the root of one self-contained tree, each node in full wherever it occurs (its
    ``@id`` kept, so consumers that resolve ids still merge the copies); only a link back to a containing node, such
    as a quotation's ``isPartOf`` the article, stays a reference.
    """
    if not isinstance(article, NewsArticle):
        raise TypeError(f"to_jsonld expects a NewsArticle, not {type(article).__name__}")
    graph = build_graph(article, site)
    if form == "graph":
        return {"@context": CONTEXT, "@graph": graph}
    if form == "nested":
        return {"@context": CONTEXT, **_nest(graph)}
    raise ValueError(f"form must be 'graph' or 'nested', not {form!r}")


def _nest(graph: list[dict]) -> dict:
    """The article as one self-contained tree: every node in full wherever it occurs, its @id kept.

    Consumers that do not resolve @ids (structured-data-testing-tool, simple scrapers) see each author, publisher and
    speaker with its properties; consumers that do resolve them merge the copies by their @id. Only a reference back to
    a node that contains it (a quotation's isPartOf the article) stays ``{"@id": ...}``: a tree cannot hold a cycle.
    """
    by_id = {node["@id"]: node for node in graph}

    def embed(value: Any, ancestors: frozenset) -> Any:
        if isinstance(value, list):
            return [embed(item, ancestors) for item in value]
        if isinstance(value, dict):
            target = value.get("@id")
            if set(value) == {"@id"} and target in by_id and target not in ancestors:
                return embed_node(by_id[target], ancestors)
            return {key: embed(item, ancestors) for key, item in value.items()}
        return value

    def embed_node(node: dict, ancestors: frozenset) -> dict:
        inside = ancestors | {node["@id"]}
        return {key: embed(item, inside) for key, item in node.items()}

    return embed_node(graph[0], frozenset())


def is_derived_id(node: Mapping, base: str, article_id: Any, site: Site | None = None) -> bool:
    """Whether ``node``'s @id is the one newsld derives, so that parsing and re-emitting reproduces it."""
    node_id, node_type = node.get("@id"), node.get("@type")
    if not isinstance(node_type, str):  # a list or object is no type newsld derives ids for (and is unhashable)
        return False
    if node_type == "WebPage":
        return isinstance(node_id, str) and node_id == node.get("url")
    if node_type == "WebSite":
        url = node.get("url")
        return isinstance(url, str) and node_id == urldefrag(url)[0] + _WEBSITE_FRAGMENT
    if site is not None and site.is_node_id(node):
        return True
    if not base or not isinstance(node_id, str) or not node_id.startswith(base):
        return False
    rest = node_id[len(base) :]
    if node_type in NEWS_ARTICLE_TYPES:
        return rest == _ARTICLE_FRAGMENT
    if node_type in _NUMBERED_KINDS:
        return re.fullmatch(rf"#/{_NUMBERED_KINDS[node_type]}/[1-9][0-9]*", rest) is not None
    if node_type in _NAMED_KINDS:
        label = node.get("name") or node.get("description") or ""
        slug = slugify(label) if isinstance(label, str) else ""
        prefix = f"#/{_NAMED_KINDS[node_type]}/{slug or 'unnamed'}"
        return re.fullmatch(re.escape(prefix) + r"(?:-(?:[2-9]|[1-9][0-9]+))?", rest) is not None
    return False
