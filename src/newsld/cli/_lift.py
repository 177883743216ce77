"""``newsld lift``: the pages a newsroom already serves → one authoring source per page (and a site file).

Pages are found and read as ``newsld check`` finds and reads them (files, directories walked for .html, .htm and
.html.gz, ``-`` for standard input). One page without ``--out-dir`` goes to standard output; with it, each page's
source is written under DIR with the page's relative path and ``.md`` for its suffix. A source that exists already is
not overwritten without ``--force`` (an editor may have worked on it). Exit status: 0 when every page lifted, 1 when
some could not (each is reported), 2 for a usage error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .._files import write_text_atomic
from ._article import read_site
from ._check import PAGE_SUFFIXES, PageSourceError, page_paths, read_page
from ._progress import progress_bar
from ._status import EXIT_INVALID, EXIT_OK, UsageError

__all__ = ["cmd_lift", "source_name"]

SOURCE_SUFFIX = ".md"


@dataclass(frozen=True)
class _Page:
    name: str  # as given or found
    out: str  # its source's path relative to --out-dir


def source_name(page: str) -> str:
    """The file name of a page's source: the page's, with ``.md`` for its .html/.htm(.gz) suffix."""
    name = Path(page).name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + SOURCE_SUFFIX
    return name + SOURCE_SUFFIX


def _pages(arguments: list[str]) -> list[_Page]:
    pages: list[_Page] = []
    for argument in arguments:
        if argument == "-":
            pages.append(_Page("-", "stdin" + SOURCE_SUFFIX))
            continue
        root = Path(argument)
        for name in page_paths([argument]):
            relative = Path(name).relative_to(root).parent if root.is_dir() else Path()
            pages.append(_Page(name, str(relative / source_name(name))))
    return pages


def _targets(pages: list[_Page], out_dir: str, force: bool) -> dict[str, Path]:
    targets: dict[str, Path] = {}
    taken: dict[Path, str] = {}
    for page in pages:
        target = Path(out_dir) / page.out
        if target in taken:
            raise UsageError(f"{page.name} and {taken[target]} would both be written to {target}; lift them into "
                             "separate --out-dir directories")
        taken[target] = page.name
        targets[page.name] = target
    existing = [str(target) for target in targets.values() if target.exists()]
    if existing and not force:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise UsageError(f"{shown} exist{'s' if len(existing) == 1 else ''} already; pass --force to overwrite")
    return targets


def cmd_lift(args) -> int:
    from ..check import lift_source, site_for

    try:
        pages = _pages(args.pages)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    if not pages:
        raise UsageError("no pages found (.html, .htm, .html.gz) in " + " ".join(args.pages))
    if args.out_dir is None and len(pages) > 1:
        raise UsageError(f"{len(pages)} pages make {len(pages)} sources: give --out-dir DIR to write them into")
    if args.url is not None and len(pages) > 1:
        raise UsageError("--url is one page's address: give it with one page")
    extract = not args.no_extract
    if extract:
        from ..check import require_extractor

        try:
            require_extractor()
        except ModuleNotFoundError as exc:
            raise UsageError(f"{exc} (or pass --no-extract to keep only the bodies the pages' JSON-LD gives)") from None
    targets = _targets(pages, args.out_dir, args.force) if args.out_dir is not None else {}
    site, site_to_write = None, None
    if args.site is not None:
        if Path(args.site).is_file():
            site = read_site(args.site)
        elif Path(args.site).exists():
            raise UsageError(f"--site {args.site}: not a file")
        else:
            site_to_write = args.site

    failed = 0
    bar = progress_bar(len(pages), "page", enabled=len(pages) > 1 and not args.quiet)
    try:
        for page in pages:
            label = "<stdin>" if page.name == "-" else page.name
            try:
                html = read_page(page.name)
            except (OSError, PageSourceError) as exc:
                bar.write(f"{label}: not lifted: {getattr(exc, 'strerror', None) or exc}", sys.stderr)
                failed += 1
                bar.update()
                continue
            lifted = lift_source(html, url=args.url, site=site, extract=extract, name=label, site_name=args.site)
            if site_to_write is not None and lifted.article is not None:
                proposal = site_for(lifted.result.article)
                if proposal is not None:
                    site, notes = proposal
                    _write_site(site_to_write, site, label, notes)
                    if not args.quiet:
                        bar.write(f"{label}: wrote the site file {site_to_write}", sys.stderr)
                    site_to_write = None
                    lifted = lift_source(html, url=args.url, site=site, extract=extract, name=label,
                                         site_name=args.site)
            if lifted.text is None:
                failed += 1
                bar.write(f"{label}: not lifted: {_why_not(lifted.result)}", sys.stderr)
            else:
                target = targets.get(page.name)
                _write(lifted.text, target)
                if not args.quiet:
                    bar.write(f"{label}: {'→ ' + str(target) + ', ' if target else ''}{_summary(lifted)}", sys.stderr)
            bar.update()
    finally:
        bar.close()
    if site_to_write is not None and not args.quiet:
        print(f"newsld: no page has a publisher organization to build {site_to_write} around; it was not written",
              file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


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
    from .._source import site_source

    header = [f"Site file written by `newsld lift` from {page}: what every page of the site shares. Check it, then "
              f"emit each lifted source with --site {path}.", *notes]
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
