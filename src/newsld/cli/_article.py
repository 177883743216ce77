"""The commands on one article source: ``emit``, ``embed``, ``validate``, ``quotes``, ``roundtrip``, ``preview``; and
``schema``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ._status import EXIT_INVALID, EXIT_OK, CannotWrite, UsageError

__all__ = [
    "cmd_embed",
    "cmd_emit",
    "cmd_preview",
    "cmd_quotes",
    "cmd_roundtrip",
    "cmd_schema",
    "cmd_validate",
    "read_article",
    "read_site",
    "write",
]


def read_article(source: str, format: str | None):
    from .. import load

    if source == "-":
        data = sys.stdin.buffer.read()
        return load(data, format=format)
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such file")
    try:
        return load(path, format=format)
    except OSError as exc:  # unreadable (a permission, an I/O error): "cannot read SOURCE: reason"
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        from .._errors import NewsldValidationError

        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(str(exc)) from None


def read_site(source: str | None):
    """The ``--site`` file as a newsld.Site, or None without one."""
    if source is None:
        return None
    from .. import load_site

    path = Path(source)
    if not path.is_file():
        raise UsageError(f"--site {source}: no such file")
    try:
        return load_site(path)
    except ValueError as exc:
        from .._errors import NewsldValidationError

        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(f"--site {source}: {exc}") from None


def write(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


def cmd_emit(args) -> int:
    from .. import dumps

    article = read_article(args.file, args.format)
    write(dumps(article, indent=None if args.compact else 2, form=args.form, site=read_site(args.site)))
    return EXIT_OK


def cmd_embed(args) -> int:
    from .. import to_jsonld, to_script_tag

    article = read_article(args.file, args.format)
    doc = to_jsonld(article, form=args.form, site=read_site(args.site))
    write(to_script_tag(doc, indent=None if args.compact else 2))
    return EXIT_OK


def cmd_validate(args) -> int:
    from .. import integrity_findings, to_jsonld
    from .._errors import printable

    article = read_article(args.file, args.format)
    to_jsonld(article, site=read_site(args.site))  # graph rules (one @id, one entity) are checked while building it
    findings = integrity_findings(article)
    for finding in findings:
        if not (args.quiet and finding.severity == "info"):
            print(printable(f"{args.file}: {finding.severity} {finding.code} {finding.path or '(article)'}: "
                            f"{finding.message}"))
    if any(finding.severity == "error" for finding in findings):
        return EXIT_INVALID
    if not args.quiet:
        parts = len(article.quotations), len(article.claims), len(article.mentions or ())
        print(f"{args.file}: valid {article.type} ({parts[0]} quotations, {parts[1]} claims, {parts[2]} mentions)")
    return EXIT_OK


def cmd_quotes(args) -> int:
    from .._errors import NewsldValidationError
    from ..integrity import draft

    source = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
    if isinstance(source, Path) and not source.is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        write(draft(source, args.format))
    except ValueError as exc:
        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_roundtrip(args) -> int:
    from .. import roundtrip

    from .._roundtrip import require_roundtrip_extra

    try:
        require_roundtrip_extra()
    except ModuleNotFoundError as exc:
        raise UsageError(str(exc)) from None
    result = roundtrip(read_article(args.file, args.format), site=read_site(args.site))
    write(str(result))
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_preview(args) -> int:
    """The article as an editor reads it, as one HTML page: from a source file, or lifted from a saved page."""
    from ..integrity import preview_html

    if args.file != "-" and args.file.lower().endswith(_PAGE_SUFFIXES):
        article = _lifted(args.file)
    else:
        article = read_article(args.file, args.format)
    write(preview_html(article))
    return EXIT_OK


_PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def _lifted(name: str):
    from .._errors import NewsldValidationError, Problem
    from ..check import lift
    from ..check._input import read_page

    page = read_page(name)
    if page.data is None or page.findings:  # unreadable, or only in part: nothing to lift an article from
        raise UsageError(f"{name}: {page.findings[0].message.split(';')[0] if page.findings else 'cannot be read'}")
    result = lift(page.data)
    if result.article is None:
        lifting = [f for f in result.findings if f.code.startswith("lift/")]
        reasons = [f for f in lifting if f.severity != "info"] or lifting or list(result.findings)
        raise NewsldValidationError(
            [Problem(f.path, f"{f.code}: {f.message}") for f in reasons[:5]]
            or [Problem("", "the page has no article newsld can model")], source=name)
    return result.article


def cmd_schema(args) -> int:
    from .._schemas import write_schemas

    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise UsageError(f"cannot write schemas to {args.out}: not a directory")
    try:
        written = write_schemas(Path(args.out))
    except OSError as exc:
        raise CannotWrite.from_os_error(exc.filename or args.out, exc) from None
    for path in written:
        print(path)
    return EXIT_OK
