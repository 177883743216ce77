"""Checking pages publishers already serve: extraction notes plus every rule family, grouped per page and block."""

from __future__ import annotations

import functools
import importlib
from typing import Dict, Iterable, List, Optional, Tuple, Union

from .._findings import Finding
from . import _limits
from ._extract import Block, decode_page, extract_blocks
from ._page import PageData
from ._report import Report, make_report

RULE_FAMILIES = ("schemaorg", "google", "graph", "text", "integrity")

# What each extraction leniency means for a publisher: the JSON-LD is readable here, but not everywhere.
_NOTES: Dict[str, Tuple[str, str]] = {
    "invalid-utf8": ("warning", "the page is not valid UTF-8; undecodable bytes were replaced"),
    "type-attribute-entities": ("warning", "the type attribute holds character references"),
    "type-attribute-whitespace": ("warning", "spaces around the type attribute's value; extruct skips this block"),
    "type-attribute-case": ("warning", "the type attribute is not lower-case; extruct skips this block"),
    "type-attribute-params": ("warning", "the type attribute has parameters; extruct skips this block"),
    "empty-block": ("warning", "the JSON-LD block is empty"),
    "bom": ("warning", "a byte order mark (U+FEFF) around the JSON; strict parsers reject it"),
    "html-comment-wrapper": ("warning", "an HTML comment wraps the JSON; strict parsers reject it"),
    "cdata-wrapper": ("warning", "a CDATA section wraps the JSON; strict parsers reject it"),
    "js-comment": ("warning", "JavaScript comments in the JSON; strict parsers reject them"),
    "trailing-comma": ("warning", "a trailing comma in the JSON; strict parsers reject it"),
    "raw-control-characters": ("warning", "raw control characters inside JSON strings; JSON.parse rejects them"),
    "multiple-values": ("warning", "several JSON values in one block; most parsers read only one"),
    "top-level-array": ("info", "the block holds a top-level array of nodes"),
}
NOTE_CODES = {f"syntax/{note}": message for note, (_, message) in _NOTES.items()}
CODES = {
    **NOTE_CODES,
    "syntax/invalid-json": "the block is not valid JSON even with the usual repairs; the page's other blocks are still checked",
    "syntax/no-jsonld": "the page has no JSON-LD block",
    "syntax/graph": "the block holds an @graph of nodes",
    "syntax/cross-block-graph": "several blocks form one graph by @id",
    "against/article-missing": "--against: the page has no node with the source article's @id",
    "against/missing-node": "--against: a node of the source is not on the page",
    "against/missing-value": "--against: a value of the source is missing on the page",
    "against/changed-value": "--against: the page ships a different value than the source",
    "against/extra-value": "--against: the page has a value the source does not",
    "against/extra-node": "--against: the page has a node the source does not",
}


def _block_findings(block: Block) -> Iterable[Finding]:
    for note in block.notes:
        severity, message = _NOTES.get(note, ("warning", note))
        yield Finding(severity, f"syntax/{note}", message, "$", block.index, block.line)
    if block.limit is not None:  # the JSON was not read to the end: whether it is valid is unknown
        yield _limit_finding(block.limit, block.index, block.line)
    elif block.error is not None:
        yield Finding(
            "error",
            "syntax/invalid-json",
            f"not valid JSON at line {block.error.line}, column {block.error.column}: {block.error.message}",
            "$",
            block.index,
            block.error.line,
        )
    for index, value in enumerate(block.values):
        if isinstance(value, dict) and isinstance(value.get("@graph"), list):
            path = f"$[{index}]" if len(block.values) > 1 else "$"
            yield Finding("info", "syntax/graph", "the block holds an @graph of nodes", path, block.index, block.line)


def _cross_block(page: PageData) -> Iterable[Finding]:
    linked = sorted(
        {
            (block, page.by_id[node_id][0].block)
            for block, _, node_id in page.references()
            if node_id in page.by_id and page.by_id[node_id][0].block != block
        }
    )
    if linked:
        pairs = ", ".join(f"{a + 1}→{b + 1}" for a, b in linked[:10])
        yield Finding("info", "syntax/cross-block-graph", f"blocks form one graph by @id (block references {pairs})", "$")


def analyse(html: Union[str, bytes], *, url: Optional[str] = None) -> Tuple[List[Block], PageData, List[Finding]]:
    """Extraction plus every rule family: the page's blocks, its PageData and all findings (unsorted)."""
    invalid_utf8 = False
    findings: List[Finding] = []
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        cut = _limits.cut_page(data)
        truncated = len(cut) < len(data)
        html, invalid_utf8 = decode_page(cut)
    else:
        truncated = len(html) > _limits.MAX_PAGE_BYTES
        html = html[: _limits.MAX_PAGE_BYTES]
    if truncated:
        findings.append(_limit_finding("limits/page-truncated"))
    # One block more than the limit tells that there are too many.
    blocks = extract_blocks(html, max_blocks=_limits.MAX_BLOCKS + 1, invalid_utf8=invalid_utf8)
    if len(blocks) > _limits.MAX_BLOCKS:
        del blocks[_limits.MAX_BLOCKS :]
        findings.append(_limit_finding("limits/too-many-blocks"))
    page = PageData.from_blocks(blocks, url, html)
    for block in blocks:
        findings.extend(_block_findings(block))
    if not blocks:
        findings.append(Finding("warning", "syntax/no-jsonld", "the page has no JSON-LD block", "$"))
    findings.extend(_cross_block(page))
    for module in _rule_modules():
        findings.extend(module.check(page))
    return blocks, page, findings


@functools.lru_cache(maxsize=None)
def _rule_modules() -> tuple:
    # Imported on first use, not at start-up: emitting never needs the rules.
    return tuple(importlib.import_module(f".rules.{family}", __package__) for family in RULE_FAMILIES)


def _limit_finding(code: str, block: Optional[int] = None, line: Optional[int] = None) -> Finding:
    return Finding(_limits.SEVERITIES[code], code, _limits.CODES[code], "$", block, line)


def check_html(html: Union[str, bytes], *, url: Optional[str] = None, source: Optional[str] = None) -> Report:
    """Check a page's JSON-LD: every block, every rule family. Reads only the text given; never fetches ``url``."""
    blocks, _, findings = analyse(html, url=url)
    return make_report(source or url, blocks, findings)


CODE_SEVERITIES = {
    **{f"syntax/{note}": severity for note, (severity, _) in _NOTES.items()},
    "syntax/invalid-json": "error",
    "syntax/no-jsonld": "warning",
    "syntax/graph": "info",
    "syntax/cross-block-graph": "info",
    "against/article-missing": "error",
    "against/missing-node": "error",
    "against/missing-value": "error",
    "against/changed-value": "error",
    "against/extra-value": "warning",
    "against/extra-node": "warning",
}


def all_codes() -> Dict[str, Tuple[str, str]]:
    """Every finding code newsld can report: ``{code: (severity, description)}``, sorted by code.

    Covers ``check`` (extraction, every rule family, ``--against``), ``lift`` and ``validate``'s integrity findings.
    """
    modules = list(_rule_modules())
    modules += [importlib.import_module(name, __package__) for name in ("._lift", "..integrity._article", "._limits")]
    codes = {code: (CODE_SEVERITIES[code], description) for code, description in CODES.items()}
    for module in modules:
        codes.update({code: (module.SEVERITIES[code], text) for code, text in module.CODES.items()})
    return dict(sorted(codes.items()))


def lift(html: Union[str, bytes], *, url: Optional[str] = None):
    """The page's article as newsld models where it can be, every other value kept as a leftover, with all findings.

    Returns a ``LiftResult(article, leftovers, findings)``; ``findings`` holds the check findings and lift's own.
    """
    from dataclasses import replace

    from ._lift import lift_page

    _, page, findings = analyse(html, url=url)
    result = lift_page(page)
    return replace(result, findings=tuple(findings) + tuple(result.findings))


def against_findings(article, page: PageData) -> Iterable[Finding]:
    """What the page ships compared with what the source says, node by node (matched by @id)."""
    from .._graph import to_jsonld
    from .._diff import MISSING, _show, json_diff  # _show: a page's value can be megabytes; messages stay short

    expected = to_jsonld(article)["@graph"]
    if expected[0]["@id"] not in page.by_id:
        yield Finding(
            "error",
            "against/article-missing",
            f"the page has no node with the article's @id {expected[0]['@id']!r}: it does not carry this article's "
            "JSON-LD, or carries it under other identifiers",
            "$",
        )
        return
    expected_ids = set()
    for node in expected:
        expected_ids.add(node["@id"])
        shipped = page.by_id.get(node["@id"])
        if not shipped:
            yield Finding("error", "against/missing-node",
                          f"the source's {node['@type']} {node['@id']!r} is not on the page", "$")
            continue
        ref = shipped[0]
        for difference in json_diff(node, ref.node, ref.path):
            if difference.found is MISSING:
                yield Finding("error", "against/missing-value",
                              f"the source has {_show(difference.expected)} here; the page has nothing",
                              difference.path, ref.block)
            elif difference.expected is MISSING:
                yield Finding("warning", "against/extra-value",
                              f"the page has {_show(difference.found)} here; the source has nothing",
                              difference.path, ref.block)
            else:
                yield Finding("error", "against/changed-value",
                              f"the source has {_show(difference.expected)}; the page ships {_show(difference.found)}",
                              difference.path, ref.block)
    for node_id, refs in page.by_id.items():
        if node_id not in expected_ids and refs[0].top_level:
            yield Finding("warning", "against/extra-node",
                          f"the page has node {_show(node_id)}, which the source does not", refs[0].path, refs[0].block)


def check_against(article, html: Union[str, bytes], *, url: Optional[str] = None,
                  source: Optional[str] = None) -> Report:
    """``check_html`` plus a comparison with the article source the page was rendered from."""
    blocks, page, findings = analyse(html, url=url)
    findings.extend(against_findings(article, page))
    return make_report(source or url, blocks, findings)
