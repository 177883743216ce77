"""``check --against``: what a page ships compared with the article source it was rendered from, node by node."""

from __future__ import annotations

from collections.abc import Iterator

from .._diff import MISSING, json_diff, show_value
from .._findings import Codes, Finding
from .._graph import to_jsonld
from ..models import NewsArticle
from ._page import PageData

__all__ = ["CODES", "against_findings"]

CODES = Codes({
    "against/article-missing": ("error", "--against: the page has no node with the source article's @id"),
    "against/missing-node": ("error", "--against: a node of the source is not on the page"),
    "against/missing-value": ("error", "--against: a value of the source is missing on the page"),
    "against/changed-value": ("error", "--against: the page ships a different value than the source"),
    "against/extra-value": ("warning", "--against: the page has a value the source does not"),
    "against/extra-node": ("warning", "--against: the page has a node the source does not"),
})


def against_findings(article: NewsArticle, page: PageData) -> Iterator[Finding]:
    """What the page ships compared with what the source says, node by node (matched by @id)."""
    expected = to_jsonld(article)["@graph"]
    if expected[0]["@id"] not in page.by_id:
        yield CODES.finding(
            "against/article-missing",
            f"the page has no node with the article's @id {expected[0]['@id']!r}: it does not carry this article's "
            "JSON-LD, or carries it under other identifiers",
        )
        return
    expected_ids = set()
    for node in expected:
        expected_ids.add(node["@id"])
        shipped = page.by_id.get(node["@id"])
        if not shipped:
            message = f"the source's {node['@type']} {node['@id']!r} is not on the page"
            yield CODES.finding("against/missing-node", message)
            continue
        ref = shipped[0]
        for difference in json_diff(node, ref.node, ref.path):
            expected_value, found = show_value(difference.expected), show_value(difference.found)
            if difference.found is MISSING:
                code, message = "against/missing-value", f"the source has {expected_value} here; the page has nothing"
            elif difference.expected is MISSING:
                code, message = "against/extra-value", f"the page has {found} here; the source has nothing"
            else:
                code, message = "against/changed-value", f"the source has {expected_value}; the page ships {found}"
            yield CODES.finding(code, message, difference.path, ref.block)
    for node_id, refs in page.by_id.items():
        if node_id not in expected_ids and refs[0].top_level:
            message = f"the page has node {show_value(node_id)}, which the source does not"
            yield CODES.finding("against/extra-node", message, refs[0].path, refs[0].block)
