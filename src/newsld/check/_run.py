"""Checking a page: its bytes within the limits → its JSON-LD blocks → PageData → every rule family → a report."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

from .._findings import Finding
from ..models import NewsArticle
from . import _limits
from ._against import against_findings
from ._encoding import Decoded, decode_html
from ._extract import Block, BlockError, extract_blocks
from ._fold import fold
from ._page import PageData
from ._report import Report, make_report
from ._sources import Page
from ._verdict import article_verdicts
from ._warc import warc_pages
from .rules import FAMILIES

__all__ = ["analyse", "check_against", "check_html", "check_page", "check_warc"]


def analyse(
    html: str | bytes, *, url: str | None = None, charset: str | None = None, incomplete: bool = False
) -> tuple[list[Block], PageData, list[Finding]]:
    """Extraction plus every rule family: the page's blocks, its PageData and all findings (unsorted).

    ``charset`` is the encoding the transport declared for a page given as bytes (an HTTP ``Content-Type``'s), when
    known; bytes are decoded as a browser decodes them (``newsld.check._encoding``). ``incomplete`` says that what is
    given is only the start of the page (its gzip data ended early, say).
    """
    decoded: Decoded | None = None
    findings: list[Finding] = []
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        cut = _limits.cut_page(data)
        truncated = len(cut) < len(data)
        decoded = decode_html(cut, charset)
        html = decoded.text
    else:
        truncated = len(html) > _limits.MAX_PAGE_BYTES
        html = html[: _limits.MAX_PAGE_BYTES]
    if truncated:
        findings.append(_limit_finding("limits/page-truncated"))
    # One block more than the limit tells that there are too many.
    replaced = decoded is not None and decoded.replaced
    blocks = extract_blocks(html, max_blocks=_limits.MAX_BLOCKS + 1, replaced=replaced)
    if len(blocks) > _limits.MAX_BLOCKS:
        del blocks[_limits.MAX_BLOCKS :]
        findings.append(_limit_finding("limits/too-many-blocks"))
    incomplete = incomplete or truncated
    if incomplete and blocks and not blocks[-1].closed:  # past the cut: unknown, so neither invalid nor absent
        last = blocks[-1]
        blocks[-1] = replace(last, values=(), limit="limits/block-cut", error=BlockError(
            _limits.CODES.description("limits/block-cut"), last.line, last.column))
    page = PageData.from_blocks(blocks, url, html, decoded)
    for family in FAMILIES:
        findings.extend(finding for finding in family.check(page) if not (incomplete and finding.code in _ABSENCE))
    return blocks, page, fold(findings)


# What a page lacks as a whole: a page that was not read to its end says nothing about that.
_ABSENCE = frozenset({"syntax/no-jsonld", "graph/no-article"})


def _limit_finding(code: str) -> Finding:
    return _limits.CODES.finding(code, _limits.CODES.description(code))


def check_html(
    html: str | bytes, *, url: str | None = None, source: str | None = None, charset: str | None = None
) -> Report:
    """Check a page's JSON-LD: every block, every rule family. Reads only the text given; never fetches ``url``.

    ``charset`` is the encoding its transport declared (an HTTP ``Content-Type``'s charset) for a page given as bytes;
    a byte order mark still wins, as in browsers.
    """
    blocks, page, findings = analyse(html, url=url, charset=charset)
    return make_report(source or url, blocks, findings, url, article_verdicts(page, findings))


def check_page(page: Page) -> Report:
    """Check a page from any source: what reading it found (a record cut short...) comes first among its page-level
    findings; a page that could not be read has those findings only."""
    if page.data is None:
        return make_report(page.source, [], page.findings, page.url)
    blocks, data, findings = analyse(page.data, url=page.url, charset=page.charset, incomplete=page.cut)
    return make_report(page.source, blocks, [*page.findings, *findings], page.url, article_verdicts(data, findings))


def check_against(
    article: NewsArticle, html: str | bytes, *, url: str | None = None, source: str | None = None
) -> Report:
    """``check_html`` plus a comparison with the article source the page was rendered from."""
    blocks, page, findings = analyse(html, url=url)
    findings.extend(against_findings(article, page))
    return make_report(source or url, blocks, findings, url, article_verdicts(page, findings))


def check_warc(path: str | os.PathLike[str]) -> Iterator[Report]:
    """Check every HTML page of a web archive (``.warc``, ``.warc.gz``, ``.wacz``), streamed in record order: one
    Report a page, its ``url`` the record's target URI, and one for each damaged stretch of the file (a ``warc/``
    finding). Raises WarcError (a ValueError) when the file is not a web archive, OSError when it cannot be read."""
    for page in warc_pages(os.fspath(path)):
        yield check_page(page)
