"""``newsld check``: which pages to read, reading them (gzip too, bounded), checking them on every core, printing.

The check machinery is imported when a page is checked, not when the command line starts: emitting never needs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from .._findings import utf8_json
from ._article import read_article
from ._parallel import parallel_map
from ._progress import progress_bar
from ._status import EXIT_INVALID, EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..check import Page, Report, Summary
    from ..models import NewsArticle

__all__ = ["PageSourceError", "check_pages", "cmd_check", "open_warcs", "page_paths", "wants_colour"]


class PageSourceError(Exception):
    """A page argument that is not a file, directory or ``-`` (a URL, a path to nothing), or a web archive that cannot
    be read."""


def page_paths(arguments: Sequence[str], follow_symlinks: bool = False) -> list[str | Page]:
    """Files as given, directories walked recursively (sorted) for .html/.htm(.gz) and web archives (.warc, .warc.gz,
    .wacz), ``-`` for stdin. No URLs. A symbolic link in a directory that is not followed (one to a file outside it,
    or to a directory, without ``follow_symlinks``) comes as a Page whose finding says so: it is never read."""
    from ..check import WARC_SUFFIXES
    from ..check._input import PAGE_SUFFIXES, walk_pages

    found: list[str | Page] = []
    for argument in arguments:
        if argument == "-":
            found.append(argument)
            continue
        if "://" in argument:
            raise PageSourceError(
                f"{argument}: newsld never fetches pages; save the page and pass the file (or - for stdin)"
            )
        if os.path.isdir(argument):
            found.extend(walk_pages(argument, PAGE_SUFFIXES + WARC_SUFFIXES, follow_symlinks))
        elif os.path.lexists(argument):
            found.append(argument)  # named on the command line: read, whatever it is (its report says if it cannot be)
        else:
            raise PageSourceError(f"{argument}: no such file or directory")
    return found


# Fewer pages are checked sooner than a process pool starts; a task of a few pages keeps the pickling overhead small.
PARALLEL_FROM = 8
PAGES_PER_TASK = 4


def _is_warc(item: str | Page) -> bool:
    from ..check import is_warc_name

    return isinstance(item, str) and is_warc_name(item)


def _items(names: Sequence[str | Page]) -> Iterator[str | Page]:
    """The pages to check: the name of a file (read where it is checked), each page a WARC file holds (read here), or
    a Page already known not to be read."""
    from ..check import warc_pages

    for name in names:
        if _is_warc(name):
            try:
                yield from warc_pages(name)
            except OSError as exc:
                raise PageSourceError(f"{name}: {exc.strerror or exc}") from None
        else:
            yield name


def _check_item(item: str | Page, url: str | None, against: NewsArticle | None = None) -> Report:
    from ..check import check_against, check_page
    from ..check._input import read_page

    page = item if not isinstance(item, str) else read_page(item, url)
    if against is not None and page.data is not None and not page.findings:
        return check_against(against, page.data, url=url, source=page.source)
    return check_page(page)


def _check_task(task: tuple[Sequence[str | Page], str | None]) -> list[Report | str]:
    items, url = task
    done: list[Report | str] = []
    for item in items:
        try:
            done.append(_check_item(item, url))
        except PageSourceError as exc:
            done.append(str(exc))  # raised in the parent, in order
    return done


def _chunks(items: Iterator[str | Page], size: int) -> Iterator[list[str | Page]]:
    chunk: list[str | Page] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def check_pages(names: Sequence[str | Page], *, url: str | None = None, against: NewsArticle | None = None,
                jobs: int = 1) -> Iterator[Report]:
    """Each page's report, in the order given (a WARC file's pages in record order): in ``jobs`` processes when there
    are enough pages to be worth it.

    A page file that cannot be read, or only in part, has a report that says so (``page/`` findings), and so has
    damage inside a WARC file; PageSourceError is raised, in order, for a WARC file that cannot be read. ``against`` (an article) compares one page with its source. Standard input (``-``) and WARC files
    are read here, never in a worker; a WARC file's pages are checked in the workers.
    """
    many = len(names) >= PARALLEL_FROM or any(_is_warc(name) for name in names)
    if jobs > 1 and many and against is None and "-" not in names:
        tasks = ((chunk, url) for chunk in _chunks(_items(names), PAGES_PER_TASK))
        for done in parallel_map(_check_task, tasks, jobs):
            for outcome in done:
                if isinstance(outcome, str):
                    raise PageSourceError(outcome)
                yield outcome
        return
    for item in _items(names):
        yield _check_item(item, url, against)


def wants_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def open_warcs(names: Sequence[str | Page]) -> None:
    """Every WARC file named is one: a usage error before any output, not in the middle of it."""
    from ..check import WarcError, warc_pages

    for name in names:
        if _is_warc(name):
            try:
                next(iter(warc_pages(name)), None)
            except (WarcError, OSError) as exc:
                raise UsageError(str(exc) if isinstance(exc, WarcError) else f"{name}: {exc.strerror or exc}") from None


def cmd_check(args) -> int:
    from ..check import Summary, jsonl_line, render_text, write_html, write_json, write_sarif

    try:
        names = page_paths(args.pages, args.follow_symlinks)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    if args.summary and args.format in ("sarif", "html"):
        raise UsageError(f"--summary prints counts as text, json or jsonl, not {args.format}")
    if not names:
        raise UsageError("no pages found (.html, .htm, .html.gz, .warc, .warc.gz, .wacz) in " + " ".join(args.pages))
    warcs = any(_is_warc(name) for name in names)
    if args.against is not None and (len(names) != 1 or warcs):
        raise UsageError("--against compares one source with one page")
    if args.url is not None and warcs:
        raise UsageError("--url names one page's address; the pages of a WARC file carry their own")
    open_warcs(names)
    source_article = read_article(args.against, None) if args.against is not None else None
    colour = args.format == "text" and wants_colour(sys.stdout)
    summary = Summary()
    bar = progress_bar(None if warcs else len(names), "page", enabled=warcs or len(names) > 1)

    def reports() -> Iterator[Report]:
        for report in check_pages(names, url=args.url, against=source_article, jobs=args.jobs or os.cpu_count() or 1):
            summary.add(report)
            yield report
            bar.update()

    results = reports()
    try:
        if args.summary:
            for _ in results:
                pass
        elif args.format == "json":
            write_json(results, sys.stdout)
        elif args.format == "sarif":
            write_sarif(results, sys.stdout, min_severity=args.severity)
        elif args.format == "html":
            write_html(results, sys.stdout)
        elif args.format == "jsonl":
            for report in results:
                bar.write(jsonl_line(report)[:-1])
                sys.stdout.flush()  # each line as soon as its page is done, for whoever reads the stream
        else:
            for report in results:
                for line in render_text([report], min_severity=args.severity, colour=colour):
                    bar.write(line)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    finally:
        # Ends the worker processes now, whatever stopped the output (a closed pipe): left to the garbage collector,
        # they could outlive main() and multiprocessing's exit handler would wait for them for ever.
        results.close()
        bar.close()
    if args.summary:
        _print_summary(summary, args.format)
    elif args.format == "jsonl":
        print(f"newsld: {summary.line()}", file=sys.stderr)
    elif args.format == "text" and summary.pages > 1:
        print(f"{summary.pages} pages checked, {summary.failing} with errors")
    return EXIT_INVALID if summary.has_errors else EXIT_OK


def _print_summary(summary: Summary, format: str) -> None:
    if format == "text":
        for line in summary.render_text():
            print(line)
    elif format == "json":
        print(utf8_json(summary.as_dict(), indent=2))
    else:
        document = summary.as_dict()
        for row in [document["summary"], *document["codes"], *document["hosts"]]:
            print(utf8_json(row, compact=True))
