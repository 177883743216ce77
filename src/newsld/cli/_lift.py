"""``newsld lift``: the pages a newsroom already serves → one authoring source per page (and a site file).

Pages are found and read as ``newsld check`` finds and reads them: files, directories walked for .html, .htm,
.html.gz and web archives, ``-`` for standard input, and each HTML page of a WARC or WACZ file (its record's target URI
is its address). One page without ``--out-dir`` goes to standard output; with it, each page's source is written under
DIR: a page file's with the page's relative path and ``.md`` for its suffix, a web archive's pages under a directory
named after the archive, by host and path. A source that exists already is not overwritten without ``--force`` (an
editor may have worked on it). Exit status: 0 when every page lifted, 1 when some could not (each is reported), 2
for a usage error.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from .._files import write_text_atomic
from ._article import read_site
from ._check import PageSourceError, open_warcs, page_paths
from ._progress import progress_bar
from ._status import EXIT_INVALID, EXIT_OK, UsageError

__all__ = ["cmd_lift", "source_name", "warc_source_name"]

SOURCE_SUFFIX = ".md"
_SEGMENT = re.compile(r"[^\w.-]+")


def source_name(page: str) -> str:
    """The file name of a page's source: the page's, with ``.md`` for its .html/.htm(.gz) suffix."""
    from ..check._input import PAGE_SUFFIXES

    name = Path(page).name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + SOURCE_SUFFIX
    return name + SOURCE_SUFFIX


def warc_source_name(url: str) -> str:
    """A relative path for the source of the page at ``url``: host, then path segments, each made a safe file name
    (never ``..``, never absolute); ``index`` for a directory; a query adds a short digest of itself."""
    try:
        parts = urlsplit(url)
        host, path, query = parts.netloc, parts.path, parts.query
    except ValueError:  # not a URL (an unbalanced IPv6 bracket...): its text is the path
        host, path, query = "", "/" + url, ""
    segments = [host or "no-host", *(segment for segment in path.split("/") if segment)]
    if not path.strip("/") or path.endswith("/"):
        segments.append("index")
    segments = [_SEGMENT.sub("_", unquote(segment)).strip(".") or "_" for segment in segments]
    last = segments[-1]
    for suffix in (".html", ".htm", ".php", ".aspx", ".asp", ".jsp"):
        if last.lower().endswith(suffix) and len(last) > len(suffix):
            last = last[: -len(suffix)]
    if query:
        last += "_" + hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    segments[-1] = last
    return str(PurePosixPath(*map(_file_name, segments))) + SOURCE_SUFFIX


_NAME_BYTES = 120  # file systems allow 255 bytes a name; a longer path segment is cut and keeps a digest of itself


def _file_name(segment: str) -> str:
    if len(segment.encode("utf-8", "surrogatepass")) <= _NAME_BYTES:
        return segment
    digest = hashlib.sha256(segment.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return segment.encode("utf-8", "surrogatepass")[:_NAME_BYTES - 9].decode("utf-8", "ignore") + "_" + digest


@dataclass(frozen=True)
class _Input:
    name: str  # as given or found
    out: str  # its source's path relative to --out-dir; for a web archive, the directory of its pages' sources
    warc: bool = False
    problem: str | None = None  # why it is not read (a symbolic link out of the directory, a directory unreadable)


@dataclass
class _Page:
    label: str
    data: bytes | None
    out: str
    url: str | None = None
    charset: str | None = None
    problem: str | None = None  # why the page could not be read


def _inputs(arguments: list[str], follow_symlinks: bool = False) -> list[_Input]:
    from ..check import is_warc_name

    inputs: list[_Input] = []
    for argument in arguments:
        if argument == "-":
            inputs.append(_Input("-", "stdin" + SOURCE_SUFFIX))
            continue
        root = Path(argument)
        for name in page_paths([argument], follow_symlinks):
            if not isinstance(name, str):  # found in the directory but not read: check's page/ finding says why
                relative = Path(name.source).relative_to(root).parent if root.is_dir() else Path()
                problem = "; ".join(finding.message for finding in name.findings)
                inputs.append(_Input(name.source, str(relative / source_name(name.source)), problem=problem))
                continue
            relative = Path(name).relative_to(root).parent if root.is_dir() else Path()
            if is_warc_name(name):
                stem = re.sub(r"(?i)\.(warc(\.gz)?|wacz)$", "", Path(name).name)
                inputs.append(_Input(name, str(relative / stem), warc=True))
            else:
                inputs.append(_Input(name, str(relative / source_name(name))))
    return inputs


def _pages(inputs: list[_Input], url: str | None) -> Iterator[_Page]:
    from ..check import warc_pages
    from ..check._input import read_page

    for item in inputs:
        if item.problem is not None:
            yield _Page(item.name, None, item.out, problem=item.problem)
            continue
        if not item.warc:
            page = read_page(item.name, url)
            yield _Page(page.source, page.data if not page.cut else None, item.out, url, problem=_not_read(page))
            continue
        taken: set[str] = set()
        for page in warc_pages(item.name):
            name = warc_source_name(page.url or page.source)
            candidate, number = name, 2
            while candidate in taken:  # a page crawled twice: both sources are kept
                candidate, number = f"{name[: -len(SOURCE_SUFFIX)]}-{number}{SOURCE_SUFFIX}", number + 1
            taken.add(candidate)
            yield _Page(page.source, page.data if not page.cut else None, str(Path(item.out) / candidate), page.url,
                        page.charset, _not_read(page))


def _not_read(page) -> str | None:
    """Why a page is not lifted as read: it could not be read, or only its start was (a source lifted from part of a
    page would silently lack the rest of its article); None when it was read whole."""
    if page.data is not None and not page.cut:
        return None
    return "; ".join(finding.message for finding in page.findings) or "only part of the page could be read"


def _check_targets(inputs: list[_Input], out_dir: str, force: bool) -> None:
    """Before anything is written: no two page files to one source, and no source overwritten without --force."""
    taken: dict[Path, str] = {}
    for item in inputs:
        target = Path(out_dir) / item.out
        if target in taken:
            raise UsageError(f"{item.name} and {taken[target]} would both be written to {target}; lift them into "
                             "separate --out-dir directories")
        taken[target] = item.name
    existing = [str(target) for target, name in taken.items() if target.is_file()]
    if existing and not force:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise UsageError(f"{shown} exist{'s' if len(existing) == 1 else ''} already; pass --force to overwrite")


def cmd_lift(args) -> int:
    try:
        inputs = _inputs(args.pages, args.follow_symlinks)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    if not inputs:
        raise UsageError("no pages found (.html, .htm, .html.gz, .warc, .warc.gz, .wacz) in " + " ".join(args.pages))
    warcs = any(item.warc for item in inputs)
    if args.out_dir is None and (len(inputs) > 1 or warcs):
        what = f"{len(inputs)} pages make {len(inputs)} sources" if not warcs else "a web archive holds many pages"
        raise UsageError(f"{what}: give --out-dir DIR to write them into")
    if args.url is not None and (len(inputs) > 1 or warcs):
        raise UsageError("--url is one page's address: give it with one page file (a WARC record carries its own)")
    extract = not args.no_extract
    if extract:
        from ..check import require_extractor

        try:
            require_extractor()
        except ModuleNotFoundError as exc:
            raise UsageError(f"{exc} (or pass --no-extract to keep only the bodies the pages' JSON-LD gives)") from None
    if args.out_dir is not None:
        _check_targets(inputs, args.out_dir, args.force)
    open_warcs([item.name for item in inputs if item.warc])
    run = _Run(args, extract)
    bar = progress_bar(None if warcs else len(inputs), "page", enabled=(warcs or len(inputs) > 1) and not args.quiet)
    try:
        for page in _pages(inputs, args.url):
            for line in run.lift(page):
                bar.write(line, sys.stderr)
            bar.update()
    finally:
        bar.close()
    if run.site_to_write is not None and not args.quiet:
        print(f"newsld: no page has a publisher organization to build {run.site_to_write} around; it was not "
              "written", file=sys.stderr)
    return EXIT_INVALID if run.failed else EXIT_OK


class _Run:
    def __init__(self, args: Any, extract: bool) -> None:
        self.args = args
        self.extract = extract
        self.failed = 0
        self.site = None
        self.site_to_write: str | None = None
        if args.site is not None:
            if Path(args.site).is_file():
                self.site = read_site(args.site)
            elif Path(args.site).exists():
                raise UsageError(f"--site {args.site}: not a file")
            else:
                self.site_to_write = args.site

    def lift(self, page: _Page) -> list[str]:
        """Lift one page, write its source; the lines to report."""
        from ..check import site_for

        if page.data is None:
            self.failed += 1
            return [f"{page.label}: not lifted: {page.problem}"]
        lines = []
        lifted = self._lift(page)
        if self.site_to_write is not None and lifted.article is not None:
            proposal = site_for(lifted.result.article)
            if proposal is not None:
                self.site, notes = proposal
                _write_site(self.site_to_write, self.site, page.label, notes)
                if not self.args.quiet:
                    lines.append(f"{page.label}: wrote the site file {self.site_to_write}")
                self.site_to_write = None
                lifted = self._lift(page)
        if lifted.text is None:
            self.failed += 1
            return lines + [f"{page.label}: not lifted: {_why_not(lifted.result)}"]
        target = Path(self.args.out_dir) / page.out if self.args.out_dir is not None else None
        if target is not None and target.is_file() and not self.args.force:
            self.failed += 1  # a page of a web archive whose source exists (a page file's was refused up front)
            return lines + [f"{page.label}: not written: {target} exists already; pass --force to overwrite"]
        _write(lifted.text, target)
        if not self.args.quiet:
            lines.append(f"{page.label}: {'→ ' + str(target) + ', ' if target else ''}{_summary(lifted)}")
        return lines

    def _lift(self, page: _Page):
        from ..check import lift_source

        return lift_source(page.data, url=page.url, charset=page.charset, site=self.site, extract=self.extract,
                           name=page.label, site_name=self.args.site)


def _write(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text, durable=False)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def _write_site(path: str, site, page: str, notes: list[str]) -> None:
    from .._source import prose, site_source

    header = [prose(f"Site file written by `newsld lift` from {page}: what every page of the site shares. Check it, "
                    f"then emit each lifted source with --site {path}."), *map(prose, notes)]
    try:
        write_text_atomic(path, site_source(site, header=header))
    except OSError as exc:
        raise UsageError(f"cannot write the site file {path}: {exc.strerror or exc}") from None


def _why_not(result) -> str:
    decisive = ("lift/no-article", "lift/not-news-article", "lift/not-lifted")
    finding = next((finding for finding in result.findings if finding.code in decisive), None)
    return finding.message if finding else "no article"


def _summary(lifted) -> str:
    from .. import integrity_findings

    article = lifted.article
    parts = [article.type]
    if lifted.result.url_from:
        parts.append(f"url from {lifted.result.url_from}")
    if lifted.body == "extracted":
        parts.append("body extracted")
    if lifted.quotations:
        parts.append(f"{lifted.quotations} quotation draft{'s' if lifted.quotations > 1 else ''}")
    parts.append(f"{len(lifted.result.leftovers)} leftover{'s' if len(lifted.result.leftovers) != 1 else ''}")
    errors = [finding for finding in integrity_findings(article) if finding.severity == "error"]
    if errors:
        parts.append(f"{len(errors)} integrity error{'s' if len(errors) > 1 else ''} to fix before it validates "
                     f"({errors[0].code}{', …' if len(errors) > 1 else ''})")
    return ", ".join(parts)
