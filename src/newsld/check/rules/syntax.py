"""Syntax: how the page's JSON-LD had to be read (each leniency of the extraction), and how its blocks fit together.

The extraction (``check._extract``) reads what real pages hold and names every leniency it needed; here each becomes a
finding: the JSON-LD is readable by newsld, but not everywhere (a strict parser, extruct, a browser's JSON.parse).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..._findings import Codes, Finding
from .. import _limits
from .._extract import Block
from .._page import PageData

__all__ = ["CODES", "check"]

CODES = Codes({
    "syntax/invalid-utf8": ("warning", "the page is not valid UTF-8; undecodable bytes were replaced"),
    "syntax/type-attribute-entities": ("warning", "the type attribute holds character references"),
    "syntax/type-attribute-whitespace": (
        "warning", "spaces around the type attribute's value; extruct skips this block"),
    "syntax/type-attribute-case": ("warning", "the type attribute is not lower-case; extruct skips this block"),
    "syntax/type-attribute-params": ("warning", "the type attribute has parameters; extruct skips this block"),
    "syntax/empty-block": ("warning", "the JSON-LD block is empty"),
    "syntax/bom": ("warning", "a byte order mark (U+FEFF) around the JSON; strict parsers reject it"),
    "syntax/html-comment-wrapper": (
        "warning", "an HTML comment wraps or precedes the JSON; strict parsers reject it"),
    "syntax/cdata-wrapper": ("warning", "a CDATA section wraps the JSON; strict parsers reject it"),
    "syntax/js-comment": ("warning", "JavaScript comments in the JSON; strict parsers reject them"),
    "syntax/trailing-comma": ("warning", "a trailing comma in the JSON; strict parsers reject it"),
    "syntax/raw-control-characters": (
        "warning", "raw control characters inside JSON strings; JSON.parse rejects them"),
    "syntax/multiple-values": ("warning", "several JSON values in one block; most parsers read only one"),
    "syntax/top-level-array": ("info", "the block holds a top-level array of nodes"),
    "syntax/invalid-json": (
        "error", "the block is not valid JSON even with the usual repairs; the page's other blocks are still checked"),
    "syntax/no-jsonld": ("warning", "the page has no JSON-LD block"),
    "syntax/graph": ("info", "the block holds an @graph of nodes"),
    "syntax/cross-block-graph": ("info", "several blocks form one graph by @id"),
})


def check(page: PageData) -> Iterator[Finding]:
    for block in page.blocks:
        yield from _block_findings(block)
    if not page.blocks:
        yield CODES.finding("syntax/no-jsonld", "the page has no JSON-LD block")
    yield from _cross_block(page)


def _block_findings(block: Block) -> Iterator[Finding]:
    for note in block.notes:
        code = f"syntax/{note}"
        yield CODES.finding(code, CODES.description(code), "$", block.index, block.line)
    if block.limit is not None:  # the JSON was not read to the end: whether it is valid is unknown
        yield _limits.CODES.finding(block.limit, _limits.CODES.description(block.limit), "$", block.index, block.line)
    elif block.error is not None:
        yield CODES.finding(
            "syntax/invalid-json",
            f"not valid JSON at line {block.error.line}, column {block.error.column}: {block.error.message}",
            "$",
            block.index,
            block.error.line,
        )
    for index, value in enumerate(block.values):
        if isinstance(value, dict) and isinstance(value.get("@graph"), list):
            path = f"$[{index}]" if len(block.values) > 1 else "$"
            yield CODES.finding("syntax/graph", "the block holds an @graph of nodes", path, block.index, block.line)


def _cross_block(page: PageData) -> Iterator[Finding]:
    linked = sorted(
        {
            (block, page.by_id[node_id][0].block)
            for block, _, node_id in page.references()
            if node_id in page.by_id and page.by_id[node_id][0].block != block
        }
    )
    if linked:
        pairs = ", ".join(f"{a + 1}→{b + 1}" for a, b in linked[:10])
        yield CODES.finding("syntax/cross-block-graph", f"blocks form one graph by @id (block references {pairs})")
