"""A page's report: its blocks with their findings and the page's own findings; and how reports are printed.

The JSON document (``--format json``) is stable: scripts may read it (pages → blocks → findings).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from .._errors import printable
from .._findings import SEVERITIES, Finding, utf8_json
from ._extract import Block
from ._verdict import ArticleVerdict

__all__ = [
    "UNREAD_TEXT_CHARS",
    "BlockReport",
    "Report",
    "articles_line",
    "as_json_document",
    "jsonl_line",
    "make_report",
    "render_json",
    "render_text",
    "severity_rank",
    "write_json",
]

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


# The text of a block whose JSON could not be read is kept for the HTML report up to this many characters.
UNREAD_TEXT_CHARS = 2_000


@dataclass(frozen=True)
class BlockReport:
    """One block's findings, where the block is, its types; and, for reports people look at (``--format html``),
    the JSON values it holds (``values``) or, when none could be read, the start of its text (``unread``). The JSON
    forms leave those two out."""

    index: int
    line: int
    column: int
    types: tuple[str, ...]
    findings: tuple[Finding, ...]
    values: tuple = ()
    unread: str | None = None

    def as_dict(self) -> dict:
        return {
            "index": self.index,
            "line": self.line,
            "column": self.column,
            "types": list(self.types),
            "findings": [finding.as_dict() for finding in self.findings],
        }


@dataclass(frozen=True)
class Report:
    """One page's result: its blocks with their findings, the findings about the page as a whole, and for each of the
    page's own articles whether it is eligible for Google's article rich result (``articles``).

    ``url`` is the page's address when known (a WARC record's target URI, ``--url``); the JSON forms leave it out, as
    ``source`` names the page.
    """

    source: str | None
    blocks: tuple[BlockReport, ...]
    findings: tuple[Finding, ...]
    url: str | None = None
    articles: tuple[ArticleVerdict, ...] = ()

    @property
    def all_findings(self) -> list[Finding]:
        return [*self.findings, *(f for block in self.blocks for f in block.findings)]

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.all_findings if finding.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "summary": {severity: self.count(severity) for severity in SEVERITIES},
            "findings": [finding.as_dict() for finding in self.findings],
            "blocks": [block.as_dict() for block in self.blocks],
            "articles": [article.as_dict() for article in self.articles],
        }


def _types_of(block: Block) -> tuple[str, ...]:
    types: list[str] = []
    for value in block.values:
        nodes = value.get("@graph") if isinstance(value, dict) and isinstance(value.get("@graph"), list) else [value]
        for node in nodes:
            if isinstance(node, dict):
                node_type = node.get("@type")
                for name in node_type if isinstance(node_type, list) else [node_type]:
                    if isinstance(name, str) and name not in types:
                        types.append(name)
    return tuple(types)


def make_report(
    source: str | None,
    blocks: list[Block],
    findings: Iterable[Finding],
    url: str | None = None,
    articles: Sequence[ArticleVerdict] = (),
) -> Report:
    per_block: dict[int, list[Finding]] = {block.index: [] for block in blocks}
    page_level: list[Finding] = []
    for finding in findings:
        (per_block[finding.block] if finding.block in per_block else page_level).append(finding)
    return Report(
        source,
        tuple(
            BlockReport(block.index, block.line, block.column, _types_of(block), tuple(per_block[block.index]),
                        block.values, None if block.values else block.text[:UNREAD_TEXT_CHARS])
            for block in blocks
        ),
        tuple(page_level),
        url,
        tuple(articles),
    )


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def as_json_document(reports: Iterable[Report]) -> dict[str, Any]:
    """The stable ``--format json`` document: pages → blocks → findings."""
    pages = [report.as_dict() for report in reports]
    summary = {severity: sum(page["summary"][severity] for page in pages) for severity in SEVERITIES}
    return {"version": 1, "summary": {"pages": len(pages), **summary}, "pages": pages}


def render_text(reports: Sequence[Report], *, min_severity: str = "info", colour: bool = False) -> Iterator[str]:
    limit = severity_rank(min_severity)

    def paint(text: str, severity: str) -> str:
        return f"{_COLOURS[severity]}{text}{_RESET}" if colour else text

    for report in reports:
        counts = ", ".join(
            paint(f"{report.count(s)} {s}{'s' if report.count(s) != 1 and s != 'info' else ''}", s)
            if report.count(s) else f"0 {s}{'s' if s != 'info' else ''}"
            for s in ("error", "warning", "info")
        )
        source = printable(str(report.source))  # a file name, or text from the page below: never raw control characters
        title = f"{_BOLD}{source}{_RESET}" if colour else source
        yield f"{title}: {len(report.blocks)} JSON-LD block{'s' if len(report.blocks) != 1 else ''}; {counts}"
        yield f"  {articles_line(report)}"
        sections: list[tuple[str, Sequence]] = [("page", report.findings)]
        for block in report.blocks:
            types = printable(", ".join(block.types[:6]) + (", …" if len(block.types) > 6 else ""))
            sections.append((f"block {block.index + 1} (line {block.line}, column {block.column}) {types}".rstrip(),
                             block.findings))
        for heading, findings in sections:
            shown = [f for f in findings if severity_rank(f.severity) <= limit]
            if not shown:
                continue
            yield f"  {heading}"
            for finding in shown:
                label = paint(f"{finding.severity:<7}", finding.severity)
                yield f"    {label} {finding.code}  {printable(finding.path)}  {printable(finding.message)}"


def articles_line(report: Report) -> str:
    """One line for a page's articles: "article: eligible", "articles: NewsArticle (block 1, $): not eligible: ..."."""
    if not report.articles:
        return "article: none on the page"
    if len(report.articles) == 1:
        return f"article: {printable(report.articles[0].verdict)}"
    items = "; ".join(
        f"{'/'.join(article.types[:2]) or 'article'} (block {article.block + 1}, {article.path}): {article.verdict}"
        for article in report.articles
    )
    return f"articles: {printable(items)}"


def render_json(reports: Sequence[Report]) -> str:
    return utf8_json(as_json_document(reports), indent=2)


def jsonl_line(report: Report) -> str:
    """One page's report as one line of JSON Lines (``--format jsonl``): the same object as in the JSON document."""
    return utf8_json(report.as_dict(), compact=True) + "\n"


def write_json(reports: Iterable[Report], out: IO[str]) -> None:
    """Write the ``--format json`` document of ``reports`` to ``out``, byte for byte what ``render_json`` returns, in
    memory flat in the number of pages: the summary comes first, so the pages wait in a temporary file, not in a list.
    """
    import tempfile

    totals = dict.fromkeys(SEVERITIES, 0)
    pages = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for report in reports:
            page = report.as_dict()
            for severity in SEVERITIES:
                totals[severity] += page["summary"][severity]
            # json.dumps never breaks a line inside a string, so indenting every line nests the object exactly.
            text = utf8_json(page, indent=2).replace("\n", "\n    ")
            spool.write(("    " if not pages else ",\n    ") + text)
            pages += 1
        head = utf8_json({"version": 1, "summary": {"pages": pages, **totals}, "pages": []}, indent=2)
        if not pages:
            out.write(head + "\n")
            return
        out.write(head[: -len("[]\n}")] + "[\n")
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            out.write(chunk)
        out.write("\n  ]\n}\n")
