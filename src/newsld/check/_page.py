"""A page's JSON-LD as the rule families and lift read it: ``PageData``, its nodes (``NodeRef``) and references.

``PageData`` is built once per page from the extracted blocks, so every family sees the same nodes and paths.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._findings import json_path
from ._encoding import Decoded
from ._extract import Block

__all__ = ["NodeRef", "PageData"]


_CONTAINERS = (dict, list)


@dataclass(frozen=True)
class NodeRef:
    """A JSON object on the page that describes something (it has ``@type`` or more than just ``@id``)."""

    block: int
    path: str
    node: dict[str, Any]
    top_level: bool  # a block value or an item of a top-level @graph


@dataclass
class PageData:
    blocks: Sequence[Block]
    url: str | None = None  # the page's own address, when the caller knows it (never fetched)
    html: str | None = None  # the page's decoded text, for rules that compare markup with what readers see
    decoded: Decoded | None = None  # how the page's bytes were decoded (None for a page given as text)
    values: list[tuple[int, str, Any]] = field(default_factory=list)  # (block, path, value) for every block value
    nodes: list[NodeRef] = field(default_factory=list)
    by_id: dict[str, list[NodeRef]] = field(default_factory=dict)
    # Every {"@id": ...} reference, in document order: (block, path, the property holding it or None, id). The
    # property of an @list or @set member is the enclosing one's.
    refs: list[tuple[int, str, str | None, str]] = field(default_factory=list)

    @classmethod
    def from_blocks(
        cls, blocks: Sequence[Block], url: str | None = None, html: str | None = None, decoded: Decoded | None = None
    ) -> PageData:
        page = cls(blocks, url, html, decoded)
        for block in blocks:
            many = len(block.values) > 1
            for index, value in enumerate(block.values):
                path = f"$[{index}]" if many else "$"
                page.values.append((block.index, path, value))
                page._walk(block.index, path, value, top_level=True)
        return page

    def _walk(self, block: int, path: str, value: Any, top_level: bool) -> None:
        stack: list[tuple[str, Any, bool, str | None]] = [(path, value, top_level, None)]
        while stack:  # iterative: deeply nested JSON must not exhaust Python's recursion limit
            path, value, top, prop = stack.pop()
            if isinstance(value, list):
                stack.extend(
                    (f"{path}[{i}]", item, False, prop)
                    for i, item in reversed(list(enumerate(value)))
                    if isinstance(item, _CONTAINERS)
                )
            elif isinstance(value, dict):
                if len(value) == 1 and isinstance(value.get("@id"), str):
                    self.refs.append((block, path, prop, value["@id"]))
                    continue
                if "@type" in value or set(value) - {"@id", "@context"} and "@graph" not in value:
                    ref = NodeRef(block, path, value, top)
                    self.nodes.append(ref)
                    node_id = value.get("@id")
                    if isinstance(node_id, str):
                        self.by_id.setdefault(node_id, []).append(ref)
                graph = value.get("@graph")
                # Only containers can hold nodes: scalars get no path (most values are scalars).
                children = [
                    (key, item) for key, item in value.items() if key != "@context" and isinstance(item, _CONTAINERS)
                ]
                for key, item in reversed(children):
                    child_path = json_path(path, key)
                    if key == "@graph" and isinstance(graph, list):
                        stack.extend(
                            (f"{child_path}[{i}]", node, True, None) for i, node in reversed(list(enumerate(graph)))
                        )
                    else:
                        holder = prop if key in ("@list", "@set") else None if key.startswith("@") else key
                        stack.append((child_path, item, False, holder))

    def references(self) -> Iterator[tuple[int, str, str]]:
        """Every ``{"@id": ...}`` reference on the page: (block, path, id)."""
        for block, path, _, node_id in self.refs:
            yield block, path, node_id
