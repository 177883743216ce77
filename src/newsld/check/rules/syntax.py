"""Syntax: how the page's JSON-LD had to be read (each leniency of the extraction), and how its blocks fit together.

The extraction (``check._extract``) reads what real pages hold and names every leniency it needed; here each becomes a
finding: the JSON-LD is readable by newsld, but not everywhere (a strict parser, extruct, a browser's JSON.parse).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..._findings import Codes, Finding, excerpt
from .. import _limits
from .._encoding import Decoded, python_codec
from .._extract import Block
from .._page import PageData

__all__ = ["CODES", "check"]

CODES = Codes({
    "syntax/invalid-utf8": (
        "warning", "the page declares no encoding and is not valid UTF-8: browsers guess one; newsld read UTF-8"),
    "syntax/invalid-encoding": (
        "error", "bytes the page's declared encoding does not define: browsers show U+FFFD in this block's text"),
    "syntax/charset-mismatch": (
        "warning", "a legacy encoding declared for bytes that are UTF-8: read as declared, this block is mojibake"),
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
        yield from _block_findings(block, page.decoded)
    if page.decoded is not None and page.decoded.encoding == "replacement":
        yield CODES.finding(
            "syntax/invalid-encoding",
            f"the page {_declared(page.decoded)}, an encoding browsers refuse to decode: they show the whole page as "
            "one U+FFFD, and no JSON-LD; serve UTF-8",
        )
    elif not page.blocks:
        yield CODES.finding("syntax/no-jsonld", "the page has no JSON-LD block")
    yield from _cross_block(page)


def _block_findings(block: Block, decoded: Decoded | None) -> Iterator[Finding]:
    for note in block.notes:
        if note == "undecodable-bytes":
            yield _undecodable(block, decoded)
            continue
        code = f"syntax/{note}"
        yield CODES.finding(code, CODES.description(code), "$", block.index, block.line)
    if decoded is not None and decoded.utf8_bytes and not block.text.isascii():
        yield _mojibake(block, decoded)
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


def _declared(decoded: Decoded) -> str:
    """"declares 'latin1' (windows-1252) in its <meta>", for messages."""
    where = "its <meta>" if decoded.source == "meta" else "its HTTP Content-Type"
    label = decoded.label or decoded.encoding
    name = f" ({decoded.encoding})" if label.lower() != decoded.encoding else ""
    return f"declares {label!r}{name} in {where}"


def _undecodable(block: Block, decoded: Decoded | None) -> Finding:
    shown = excerpt(block.text, 60, around=block.text.find("\ufffd"))
    if decoded is None or decoded.source == "default":
        return CODES.finding(
            "syntax/invalid-utf8",
            "the page declares no encoding and its bytes are not UTF-8: browsers guess one (windows-1252 in most "
            f"locales); newsld read UTF-8 and replaced what it could not decode with U+FFFD: {shown!r}. Declare the "
            'encoding (<meta charset="...">) or serve UTF-8',
            "$", block.index, block.line,
        )
    message = (
        f"the page {_declared(decoded)}, and this block holds bytes that encoding does not define: browsers show "
        f"U+FFFD in their place: {shown!r}"
    )
    return CODES.finding("syntax/invalid-encoding", message, "$", block.index, block.line)


def _mojibake(block: Block, decoded: Decoded) -> Finding:
    start = next(i for i, char in enumerate(block.text) if not char.isascii())
    start = max(0, block.text.rfind('"', 0, start) + 1, start - 20)  # from the JSON string the mojibake is in
    window = block.text[start : start + 40]
    shown = ("…" if start else "") + window + ("…" if start + 40 < len(block.text) else "")
    meant = ""
    try:
        meant = window.encode(python_codec(decoded.encoding)).decode("utf-8")
    except (UnicodeError, LookupError):  # a window cut inside a character, or an encoding without a codec
        pass
    return CODES.finding(
        "syntax/charset-mismatch",
        f"the page {_declared(decoded)} but its bytes are UTF-8: read as declared, this block is {shown!r}"
        + (f" where the page means {meant!r}" if meant else "")
        + ("; browsers read it so unless the server's Content-Type says UTF-8, which wins over the <meta>"
           if decoded.source == "meta" else "")
        + '; declare <meta charset="utf-8">',
        "$", block.index, block.line,
    )


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
