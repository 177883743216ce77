"""JSON-LD → models: a document in graph or nested form, as a dict or JSON text, back into its article.

References are resolved through the whole graph; what newsld derives itself when it emits (the ``@id``s it would
give, a quotation's ``isPartOf`` and a claim's ``appearance`` pointing at the article) is left out, so that parsing and
re-emitting reproduces the document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from pydantic import ValidationError

from ._errors import Location, NewsldValidationError, Problem, format_path, problems_from_pydantic
from ._graph import ACCEPTED_CONTEXTS, CONTEXT, is_derived_id
from .models import ARTICLE_CLASSES, NEWS_ARTICLE_TYPES, NewsArticle

if TYPE_CHECKING:
    from ._site import Site

__all__ = ["from_jsonld"]


def from_jsonld(doc: Any, *, site: Site | None = None) -> NewsArticle:
    """Parse a JSON-LD document (graph or nested form, as a dict or JSON text) back into its article model.

    With the ``site`` it was emitted with, its site-wide ``@id``s are read as derived (left out of the models), so that
    ``from_jsonld(to_jsonld(article, site=site), site=site) == site.complete(article)``.
    """
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except ValueError as exc:
            raise NewsldValidationError([Problem("", f"not valid JSON: {exc}")]) from None
        except RecursionError:
            raise NewsldValidationError([Problem("", _TOO_DEEP)]) from None
    if not isinstance(doc, Mapping):
        raise NewsldValidationError([Problem("", "a JSON-LD document must be a JSON object")])
    problems: list[Problem] = []
    context = doc.get("@context")
    # Only the plain schema.org context is understood; an object or list context would be unhashable here.
    if not isinstance(context, str) or context not in ACCEPTED_CONTEXTS:
        problems.append(Problem("@context", f"expected {CONTEXT!r}, found {context!r}"))
    if "@graph" in doc:
        graph = doc["@graph"]
        extra = sorted(set(doc) - {"@context", "@graph"})
        if extra:
            problems.append(Problem(extra[0], "a graph document holds only @context and @graph"))
        if not isinstance(graph, list):
            problems.append(Problem("@graph", "must be a list of nodes"))
            graph = []
    else:
        graph = [{key: value for key, value in doc.items() if key != "@context"}]
    if problems:
        raise NewsldValidationError(problems)
    try:
        return _Reader(graph, site).article()
    except RecursionError:  # the reader recurses once per level; no article nests anywhere near this deep
        raise NewsldValidationError([Problem("", _TOO_DEEP)]) from None


_TOO_DEEP = "arrays or objects nested too deeply to be a news article"


class _Reader:
    def __init__(self, graph: list, site: Site | None = None):
        self.site = site
        self.problems: list[Problem] = []
        self.nodes: dict[str, tuple[dict, Location]] = {}
        self.roots = []
        for index, node in enumerate(graph):
            if not isinstance(node, dict):
                self.problems.append(Problem(f"@graph[{index}]", "a node must be a JSON object"))
                continue
            self.roots.append(node)
            self._index(node, ("@graph", index) if len(graph) > 1 else ())
        self.reached: set[str] = set()

    def _index(self, value: Any, path: Location) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._index(item, path + (index,))
        elif isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and set(value) - {"@id"}:
                if node_id in self.nodes and self.nodes[node_id][0] != value:
                    self.problems.append(
                        Problem(format_path(path + ("@id",)), f"@id {node_id!r} names two different nodes")
                    )
                self.nodes.setdefault(node_id, (value, path))
            for key, item in value.items():
                self._index(item, path + (key,))

    def article(self) -> NewsArticle:
        articles = [node for node in self.roots if node.get("@type") in NEWS_ARTICLE_TYPES]
        if len(articles) != 1:
            found = ", ".join(repr(node.get("@type")) for node in self.roots) or "nothing"
            raise NewsldValidationError(
                self.problems
                + [Problem("@graph", f"expected exactly one NewsArticle-family node, found {found}")]
            )
        root = articles[0]
        article_id = root.get("@id")
        base = urldefrag(root["url"])[0] if isinstance(root.get("url"), str) else ""
        if isinstance(article_id, str):
            self.reached.add(article_id)
        resolved = self._resolve(root, (), article_id, base, (article_id,))
        for node_id, (node, path) in self.nodes.items():
            if node_id not in self.reached:
                self.problems.append(
                    Problem(format_path(path), f"node {node_id!r} is not connected to the article")
                )
        if self.problems:
            raise NewsldValidationError(self.problems)
        cls = ARTICLE_CLASSES[root["@type"]]
        try:
            return cls.model_validate(resolved)
        except ValidationError as exc:
            raise NewsldValidationError(problems_from_pydantic(exc, model=cls)) from None

    def _resolve(self, value: Any, path: Location, article_id: Any, base: str, stack: tuple) -> Any:
        if isinstance(value, list):
            return [self._resolve(item, path + (i,), article_id, base, stack) for i, item in enumerate(value)]
        if not isinstance(value, dict):
            return value
        node_id = value.get("@id")
        if set(value) == {"@id"} and isinstance(node_id, str):
            if node_id in stack:
                self.problems.append(
                    Problem(format_path(path), f"reference to {node_id!r} loops back to a node that contains it")
                )
                return value
            if node_id not in self.nodes:
                self.problems.append(Problem(format_path(path), f"dangling reference: no node has @id {node_id!r}"))
                return value
            value = self.nodes[node_id][0]
        out = {}
        node_type = value.get("@type")
        inner_stack = stack + ((node_id,) if isinstance(node_id, str) else ())
        if isinstance(node_id, str):
            self.reached.add(node_id)
        for key, item in value.items():
            if key == "@id" and is_derived_id(value, base, article_id, self.site):
                continue
            back_link = {"@id": article_id}
            if node_type == "Quotation" and key == "isPartOf" and item == back_link:
                continue
            if node_type == "Claim" and key == "appearance" and item == back_link:
                continue
            out[key] = self._resolve(item, path + (key,), article_id, base, inner_stack)
        return out
