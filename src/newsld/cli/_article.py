"""The commands on one article source: ``emit``, ``embed``, ``validate``, ``quotes``, ``roundtrip``, ``preview``; and
``schema``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ._status import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CannotWrite, UsageError, location, print_problems

__all__ = [
    "cmd_embed",
    "cmd_emit",
    "cmd_preview",
    "cmd_quotes",
    "cmd_roundtrip",
    "cmd_schema",
    "cmd_validate",
    "read_article",
    "read_mapped",
    "read_site",
    "write",
]


def read_article(source: str, input_format: str | None):
    """The article of a source file (or ``-``, standard input); a file that cannot be read is a UsageError naming it."""
    return read_mapped(source, input_format)[0]


def read_mapped(source: str, input_format: str | None):
    """``read_article``, and where each of its paths is in the source (``SourceMap``)."""
    from .._authoring import load_mapped

    if source == "-":
        return load_mapped(sys.stdin.buffer.read(), format=input_format)
    try:
        return load_mapped(_readable(source), format=input_format)
    except ValueError as exc:
        from .._errors import NewsldValidationError

        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(f"{source}: {exc}") from None
    except OSError as exc:  # read after the check: removed, or unreadable, in between
        raise UsageError(f"{source}: cannot read: {_reason(exc)}") from None


def _reason(exc: OSError) -> str:
    return os.strerror(exc.errno).lower() if exc.errno else str(exc)


def _readable(source: str) -> Path:
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{source}: is a directory; give an article source file")
    if not path.exists():
        raise UsageError(f"{source}: no such file")
    if not os.access(path, os.R_OK):
        raise UsageError(f"{source}: cannot read: permission denied")
    return path


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

    article = read_article(args.file, args.input_format)
    write(dumps(article, indent=None if args.compact else 2, form=args.form, site=read_site(args.site)))
    return EXIT_OK


def cmd_embed(args) -> int:
    from .. import to_jsonld, to_script_tag

    article = read_article(args.file, args.input_format)
    doc = to_jsonld(article, form=args.form, site=read_site(args.site))
    write(to_script_tag(doc, indent=None if args.compact else 2))
    return EXIT_OK


def cmd_validate(args) -> int:
    """Each source in turn; the status is the worst of them (2 unreadable, 1 invalid, 0 valid)."""
    from .._errors import NewsldValidationError, printable

    site = read_site(args.site)
    status = EXIT_OK
    for source in args.files:
        try:
            valid = _validate(source, args, site)
        except NewsldValidationError as exc:
            print_problems(exc.problems, exc.source or source)
            status = max(status, EXIT_INVALID)
        except UsageError as exc:
            print(printable(f"newsld: error: {exc}"), file=sys.stderr)
            status = EXIT_USAGE
        else:
            status = max(status, EXIT_OK if valid else EXIT_INVALID)
    return status


def _validate(source: str, args, site) -> bool:
    from .. import integrity_findings, to_jsonld
    from .._errors import printable

    from .._errors import NewsldValidationError

    article, source_map = read_mapped(source, args.input_format)
    try:
        to_jsonld(article, site=site)  # graph rules (one @id, one entity) are checked while building it
    except NewsldValidationError as exc:
        raise NewsldValidationError([source_map.problem(problem) for problem in exc.problems], exc.source) from None
    findings = integrity_findings(article)
    for finding in findings:
        if not (args.quiet and finding.severity == "info"):
            where = location(source, *(source_map.position(finding.path) or (None, None)))
            print(printable(f"{where}: {finding.path or '(article)'}: {finding.severity} {finding.code}: "
                            f"{finding.message}"))
    if any(finding.severity == "error" for finding in findings):
        return False
    if not args.quiet:
        parts = len(article.quotations), len(article.claims), len(article.mentions or ())
        print(f"{source}: valid {article.type} ({parts[0]} quotations, {parts[1]} claims, {parts[2]} mentions)")
    return True


def cmd_quotes(args) -> int:
    from .._errors import NewsldValidationError
    from ..integrity import draft

    source = sys.stdin.buffer.read() if args.file == "-" else _readable(args.file)
    try:
        write(draft(source, args.input_format))
    except ValueError as exc:
        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(f"{args.file}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read: {_reason(exc)}") from None
    return EXIT_OK


def cmd_roundtrip(args) -> int:
    from .. import roundtrip

    from .._roundtrip import require_roundtrip_extra

    try:
        require_roundtrip_extra()
    except ModuleNotFoundError as exc:
        raise UsageError(str(exc)) from None
    result = roundtrip(read_article(args.file, args.input_format), site=read_site(args.site))
    write(str(result))
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_preview(args) -> int:
    """The article as an editor reads it, as one HTML page: from a source file, or lifted from a saved page."""
    from ..integrity import preview_html

    if args.file != "-" and args.file.lower().endswith(_PAGE_SUFFIXES):
        article = _lifted(args.file)
    else:
        article = read_article(args.file, args.input_format)
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

    if os.path.exists(args.out_dir) and not os.path.isdir(args.out_dir):
        raise UsageError(f"cannot write schemas to {args.out_dir}: not a directory")
    try:
        written = write_schemas(Path(args.out_dir))
    except OSError as exc:
        raise CannotWrite.from_os_error(exc.filename or args.out_dir, exc) from None
    for path in written:
        print(path)
    return EXIT_OK
