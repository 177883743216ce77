"""``newsld check``: which pages to read, reading them (gzip too, bounded), checking them on every core, printing.

The check machinery is imported when a page is checked, not when the command line starts: emitting never needs it.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._article import read_article
from ._parallel import parallel_map
from ._progress import progress_bar
from ._status import EXIT_INVALID, EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..check import Report

__all__ = ["PAGE_SUFFIXES", "PageSourceError", "check_pages", "cmd_check", "page_paths", "read_page", "wants_colour"]

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
class PageSourceError(Exception):
    """A page argument that is not a readable file, directory or ``-``."""


def _is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def page_paths(arguments: Sequence[str]) -> list[str]:
    """Files as given, directories walked recursively (sorted) for .html/.htm(.gz), ``-`` for stdin. No URLs."""
    found: list[str] = []
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
            return head + stream.read(_read_limit() - len(head))
        return _gunzip(name, head, stream)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _read_limit() -> int:
    from ..check._limits import MAX_PAGE_BYTES

    return MAX_PAGE_BYTES + 1


def _gunzip(name: str, data: bytes, stream) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # a gzip header and trailer around the deflate data
    page = bytearray()
    limit = _read_limit()
    while True:
        try:
            page += decompressor.decompress(data, limit - len(page))
        except zlib.error as exc:
            raise PageSourceError(f"{name}: not a readable gzip file ({exc})") from None
        if len(page) >= limit or decompressor.eof:
            return bytes(page)
        data = stream.read(1 << 20)
        if not data:
            raise PageSourceError(f"{name}: not a readable gzip file (it ends before the end of its data)")


# Fewer pages are checked sooner than a process pool starts; a task of a few pages keeps the pickling overhead small.
PARALLEL_FROM = 8
PAGES_PER_TASK = 4


def _check_task(task: tuple[Sequence[str], str | None]) -> list[tuple[str, Report | str]]:
    from ..check import check_html

    names, url = task
    done: list[tuple[str, Report | str]] = []
    for name in names:
        try:
            html = read_page(name)
        except (OSError, PageSourceError) as exc:
            done.append((name, str(getattr(exc, "strerror", None) or exc)))
            continue
        done.append((name, check_html(html, url=url, source=name)))
    return done


def check_pages(names: Sequence[str], *, url: str | None = None, against=None, jobs: int = 1) -> Iterator[Report]:
    """Each page's report, in the order given: in ``jobs`` processes when there are enough pages to be worth it.

    Raises PageSourceError, in order, for a page that cannot be read. ``against`` (an article) compares one page with
    its source; standard input (``-``) is read here, never in a worker.
    """
    from ..check import check_against, check_html

    if jobs > 1 and len(names) >= PARALLEL_FROM and against is None and "-" not in names:
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


def cmd_check(args) -> int:
    from ..check import render_json, render_text, summary_line

    try:
        names = page_paths(args.pages)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    if not names:
        raise UsageError("no pages found (.html, .htm, .html.gz) in " + " ".join(args.pages))
    if args.against is not None and len(names) != 1:
        raise UsageError("--against compares one source with one page")
    source_article = read_article(args.against, None) if args.against is not None else None
    colour = args.format == "text" and wants_colour(sys.stdout)
    reports = []
    bar = progress_bar(len(names), "page", enabled=len(names) > 1)
    try:
        for report in check_pages(names, url=args.url, against=source_article, jobs=args.jobs or os.cpu_count() or 1):
            reports.append(report)
            if args.format == "text":
                for line in render_text([report], min_severity=args.severity, colour=colour):
                    bar.write(line)
            bar.update()
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    finally:
        bar.close()
    if args.format == "json":
        print(render_json(reports))
    else:
        summary = summary_line(reports)
        if summary:
            print(summary)
    return EXIT_INVALID if any(report.has_errors for report in reports) else EXIT_OK
