"""What every rule family and lift ask of a JSON-LD node: which schema.org types it has, and whether it is an article.

A node's ``@type`` is read in one of two ways, each written once here:

* **as written** (``schema_name``, ``known_type``, ``node_types``, ``is_article``): schema.org's names with or without
  the ``schema:`` or ``https://schema.org/`` prefix, letter case forgiven (the schemaorg family reports the spelling);
  another vocabulary's type is not schema.org's. The schemaorg, graph and integrity families read types this way.
* **as meant** (``declared_types``, ``meant_types``): also ``type`` for a missing ``@type``, spaces around the name and
  any spelling of the schema.org address (``www.``, any case), each type with all its supertypes. Google's rules read
  what the publisher evidently meant; lift reads the declared names (and models only the exact ones).

The caches keyed by a page's own strings are bounded: a batch of pages must not grow them without limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from ... import _vocab
from .._page import NodeRef, PageData

__all__ = [
    "article_items",
    "coerced_properties",
    "declared_types",
    "is_article",
    "is_article_type",
    "is_own_article",
    "known_type",
    "meant_types",
    "node_types",
    "properties_by_lower_name",
    "schema_name",
    "types_by_lower_name",
]

TERM_CACHE = 4096
_SCHEMA_PREFIXES = ("schema:", "https://schema.org/", "http://schema.org/")
_ANY_SCHEMA_PREFIX = re.compile(r"^(?:https?://(?:www\.)?schema\.org/|schema:)", re.IGNORECASE)


@cache
def types_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in _vocab.type_names()}


@cache
def properties_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in _vocab.property_names()}


@cache
def coerced_properties() -> frozenset[str]:
    """Properties whose string values the schema.org context reads as IRIs (``url``, ``sameAs``, ``image``...)."""
    return _vocab.id_coerced_properties()


def is_article_type(name: str) -> bool:
    """Whether the schema.org type ``name`` is an Article (NewsArticle and its subtypes, BlogPosting, Report, ...)."""
    return _vocab.is_type(name) and "Article" in _vocab.supertypes(name)


# ----------------------------------------------------------------------------------------------------------- as written


def schema_name(term: str) -> str | None:
    """The schema.org local name ``term`` spells (``schema:author``, full IRIs); None for another vocabulary's IRI."""
    for prefix in _SCHEMA_PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix) :]
    return None if ":" in term else term


def known_type(term: Any) -> str | None:
    """The schema.org type a ``@type`` value names, forgiving case (``newsarticle``); None if it names none."""
    return _known_type(term) if isinstance(term, str) else None


@lru_cache(maxsize=TERM_CACHE)
def _known_type(term: str) -> str | None:
    name = schema_name(term)
    if name is None:
        return None
    return name if _vocab.is_type(name) else types_by_lower_name().get(name.lower())


def node_types(node: dict[str, Any]) -> list[str]:
    """The schema.org types of ``node``, forgiving case; unknown and non-schema.org types are left out."""
    value = node.get("@type")
    if isinstance(value, str):  # the common case, without building a list of one
        name = _known_type(value)
        return [name] if name is not None else []
    terms = value if isinstance(value, list) else [value]
    return [name for name in (known_type(term) for term in terms) if name is not None]


def is_article(node: dict[str, Any]) -> bool:
    """Whether ``node`` is typed as an Article (NewsArticle and its subtypes, BlogPosting, Report, ...)."""
    value = node.get("@type")
    if isinstance(value, str):
        return _names_article(value)
    return isinstance(value, list) and any(isinstance(term, str) and _names_article(term) for term in value)


@lru_cache(maxsize=TERM_CACHE)
def _names_article(term: str) -> bool:
    name = _known_type(term)
    return name is not None and is_article_type(name)


# ------------------------------------------------------------------------------------------------------------- as meant


def declared_types(node: dict[str, Any]) -> list[str]:
    """The type names ``node`` declares, as written: its ``@type``, or ``type`` when it has no ``@type``."""
    raw = node["@type"] if "@type" in node else node.get("type")
    return [item for item in (raw if isinstance(raw, list) else [raw]) if isinstance(item, str)]


def meant_types(node: dict[str, Any]) -> frozenset[str]:
    """Every schema.org type ``node`` evidently means, with all their supertypes."""
    raw = node["@type"] if "@type" in node else node.get("type")
    if isinstance(raw, str):  # the common case: one type, its closure cached
        return _meant_closure(raw)
    found: frozenset[str] = frozenset()
    for item in raw if isinstance(raw, list) else ():
        if isinstance(item, str):
            found |= _meant_closure(item)
    return found


@lru_cache(maxsize=TERM_CACHE)
def _meant_closure(raw: str) -> frozenset[str]:
    bare = _ANY_SCHEMA_PREFIX.sub("", raw.strip())
    name = bare if _vocab.is_type(bare) else types_by_lower_name().get(bare.lower())
    return _vocab.supertypes(name) if name else frozenset()


# -------------------------------------------------------------------------------------------------- the page's articles

_MAIN_ENTITY = re.compile(r"\.mainEntity(?:\[\d+\])*\Z")


def is_own_article(group: Sequence[NodeRef]) -> bool:
    """Whether the article these nodes describe is the page's own: a top-level node, or a page's mainEntity.

    Articles cited, reviewed or listed inside another node (a claim's appearance, a live blog's updates) are described
    by their host's guidance; Google's article guidance is for the page's own article.
    """
    return any(ref.top_level or _MAIN_ENTITY.search(ref.path) for ref in group)


def article_items(page: PageData) -> list[list[NodeRef]]:
    """The page's own articles as Google reads them (types as meant), each with every node that shares its @id."""
    items, done = [], set()
    for ref in page.nodes:
        if "Article" not in meant_types(ref.node):
            continue
        node_id = ref.node.get("@id")
        if isinstance(node_id, str):
            if node_id in done:
                continue
            done.add(node_id)
            group = [ref] + [other for other in page.by_id.get(node_id, []) if other.node is not ref.node]
        else:
            group = [ref]
        if is_own_article(group):
            items.append(group)
    return items
