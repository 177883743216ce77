"""JSON-LD documents as RDF, offline: canonical N-Quads (URDNA2015, via pyld) and an isomorphism check.

newsld ships the schema.org 30.0 context (``data/schemaorg-context.jsonld``, CC BY-SA 3.0) and serves it to pyld for
the schema.org context URLs; any other URL is refused, so expanding a document never touches the network. Canonical
N-Quads give every blank node a label that depends only on the graph's shape, so two documents denote isomorphic
graphs exactly when their canonical N-Quads are equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = [
    "CONTEXT_FILE",
    "ContextRefused",
    "RdfComparison",
    "SCHEMA_ORG_CONTEXT_URLS",
    "canonical_nquads",
    "compare_rdf",
    "load_document",
]

CONTEXT_FILE = "schemaorg-context.jsonld"

SCHEMA_ORG_CONTEXT_URLS = frozenset(
    f"{scheme}://schema.org{path}"
    for scheme in ("https", "http")
    for path in ("", "/", "/docs/jsonldcontext.jsonld")
)

# How many differing statements an explanation quotes; the rest are counted.
_QUOTED_STATEMENTS = 3


class ContextRefused(LookupError):
    """A document asked for a remote context newsld does not ship; it never fetches one."""


@cache
def _context_text() -> str:
    return files("newsld").joinpath("data").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")


def load_document(url: str, options: dict | None = None) -> dict:
    """A pyld document loader serving newsld's copy of the schema.org context and refusing every other URL."""
    import json

    if url not in SCHEMA_ORG_CONTEXT_URLS:
        raise ContextRefused(
            f"newsld works offline and serves only the schema.org context; refusing to load {url!r}"
        )
    # Parsed afresh for each call: pyld may rewrite the context it is given, and the resolved form is cached below.
    # The "static" tag is what makes pyld keep a resolved remote context between operations.
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(_context_text()), "tag": "static"}


@cache
def _resolved_contexts():
    # A cache of our own rather than pyld's process-wide one: a context another pyld user cached under a schema.org
    # URL never leaks into newsld's comparison, and ours never leaks into theirs. Bounded because pyld also caches
    # inline contexts here, and a document under test may carry any number of those. (cachetools comes with pyld.)
    from cachetools import LRUCache

    return LRUCache(maxsize=32)


def canonical_nquads(doc: Any) -> str:
    """The RDF dataset ``doc`` denotes, as URDNA2015 canonical N-Quads (sorted lines). Raises pyld's JsonLdError."""
    from pyld import jsonld
    from pyld.context_resolver import ContextResolver

    return jsonld.normalize(
        doc,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": load_document,
            "contextResolver": ContextResolver(_resolved_contexts(), load_document),
        },
    )


@dataclass(frozen=True)
class RdfComparison:
    isomorphic: bool
    explanation: str | None = None  # why not, in a sentence or two; None when isomorphic
    statements: int = 0  # quads in the expected graph


def compare_rdf(expected: Any, found: Any) -> RdfComparison:
    """Whether two JSON-LD documents expand to isomorphic RDF graphs, with a short explanation when they do not."""
    quads = {}
    for side, doc in (("expected", expected), ("found", found)):
        try:
            quads[side] = canonical_nquads(doc)
        except Exception as exc:  # pyld raises JsonLdError, and TypeError/ValueError on malformed input
            return RdfComparison(False, f"the {side} document does not expand to RDF: {_reason(exc)}")
    statements = quads["expected"].count("\n")
    if quads["expected"] == quads["found"]:
        return RdfComparison(True, statements=statements)
    return RdfComparison(False, _explain(quads["expected"], quads["found"]), statements)


def _reason(exc: BaseException) -> str:
    # pyld wraps the loader's refusal; the innermost cause says what actually went wrong.
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return f"{type(exc).__name__}: {exc}"


def _explain(expected: str, found: str) -> str:
    missing = sorted(set(expected.splitlines()) - set(found.splitlines()))
    extra = sorted(set(found.splitlines()) - set(expected.splitlines()))
    parts = []
    for label, lines in (("only in the expected graph", missing), ("only in the found graph", extra)):
        if lines:
            quoted = "; ".join(lines[:_QUOTED_STATEMENTS])
            more = f" (+{len(lines) - _QUOTED_STATEMENTS} more)" if len(lines) > _QUOTED_STATEMENTS else ""
            parts.append(f"{len(lines)} statement(s) {label}: {quoted}{more}")
    return "; ".join(parts)
