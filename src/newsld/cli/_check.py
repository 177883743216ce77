"""``newsld check``: which pages to read, and how to print their reports (text for people, JSON for programs)."""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, TextIO, Tuple, Union

from ..check._run import Report, as_json_document, check_against, check_html, severity_rank
from .._errors import printable
from ..check._limits import MAX_PAGE_BYTES

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


class PageSourceError(Exception):
    """A page argument that is not a readable file, directory or ``-``."""


def _is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def page_paths(arguments: Sequence[str]) -> List[str]:
    """Files as given, directories walked recursively (sorted) for .html/.htm(.gz), ``-`` for stdin. No URLs."""
    found: List[str] = []
    for argument in arguments:
        if argument == "-":
            found.append(argument)
            continue
        if "://" in argument:
            raise PageSourceError(
                f"{argument}: newsld never fetches pages; save the page and pass the file (or - for stdin)"
            )
        path = Path(argument)
        if path.is_dir():
            found.extend(
                str(item) for item in sorted(path.rglob("*")) if item.is_file() and _is_page(item)
            )
        elif path.is_file():
            found.append(argument)
        else:
            raise PageSourceError(f"{argument}: no such file or directory")
    return found


def read_page(name: str) -> bytes:
    """The page's bytes, gunzipped. One byte more than ``MAX_PAGE_BYTES`` at most (enough for ``check`` to say that it
    cut the page), so that neither a huge file nor a gzip bomb fills the memory."""
    stream = sys.stdin.buffer if name == "-" else open(name, "rb")
    try:
        head = stream.read(2)
        if head != b"\x1f\x8b":
            return head + stream.read(_READ_LIMIT - len(head))
        return _gunzip(name, head, stream)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


_READ_LIMIT = MAX_PAGE_BYTES + 1


def _gunzip(name: str, data: bytes, stream) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # a gzip header and trailer around the deflate data
    page = bytearray()
    while True:
        try:
            page += decompressor.decompress(data, _READ_LIMIT - len(page))
        except zlib.error as exc:
            raise PageSourceError(f"{name}: not a readable gzip file ({exc})") from None
        if len(page) >= _READ_LIMIT or decompressor.eof:
            return bytes(page)
        data = stream.read(1 << 20)
        if not data:
            raise PageSourceError(f"{name}: not a readable gzip file (it ends before the end of its data)")


# Fewer pages are checked sooner than a process pool starts; a task of a few pages keeps the pickling overhead small.
PARALLEL_FROM = 8
PAGES_PER_TASK = 4


def _check_task(task: Tuple[Sequence[str], Optional[str]]) -> List[Tuple[str, Union[Report, str]]]:
    names, url = task
    done: List[Tuple[str, Union[Report, str]]] = []
    for name in names:
        try:
            html = read_page(name)
        except (OSError, PageSourceError) as exc:
            done.append((name, str(getattr(exc, "strerror", None) or exc)))
            continue
        done.append((name, check_html(html, url=url, source=name)))
    return done


def check_pages(names: Sequence[str], *, url: Optional[str] = None, against=None, jobs: int = 1) -> Iterator[Report]:
    """Each page's report, in the order given: in ``jobs`` processes when there are enough pages to be worth it.

    Raises PageSourceError, in order, for a page that cannot be read. ``against`` (an article) compares one page with
    its source; standard input (``-``) is read here, never in a worker.
    """
    if jobs > 1 and len(names) >= PARALLEL_FROM and against is None and "-" not in names:
        from ._batch import parallel_map

        tasks = ((names[start:start + PAGES_PER_TASK], url) for start in range(0, len(names), PAGES_PER_TASK))
        for done in parallel_map(_check_task, tasks, jobs):
            for name, outcome in done:
                if isinstance(outcome, str):
                    raise PageSourceError(f"{name}: {outcome}")
                yield outcome
        return
    for name in names:
        try:
            html = read_page(name)
        except (OSError, PageSourceError) as exc:
            raise PageSourceError(f"{name}: {getattr(exc, 'strerror', None) or exc}") from None
        label = "<stdin>" if name == "-" else name
        if against is not None:
            yield check_against(against, html, url=url, source=label)
        else:
            yield check_html(html, url=url, source=label)


def wants_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


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
        sections: List[Tuple[str, Sequence]] = [("page", report.findings)]
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


def render_json(reports: Sequence[Report]) -> str:
    return json.dumps(as_json_document(reports), ensure_ascii=False, indent=2)


def summary_line(reports: Sequence[Report]) -> Optional[str]:
    if len(reports) < 2:
        return None
    failing = sum(1 for report in reports if report.has_errors)
    return f"{len(reports)} pages checked, {failing} with errors"
