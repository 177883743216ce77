"""The ``newsld`` command line: argument parsing and printing only; every command calls the public API.

Exit status: 0 success, 1 invalid content, 2 usage (bad arguments, unreadable file).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with how newsld was called (exit status 2)."""


def _read_article(source: str, format: Optional[str]):
    from .. import load

    if source == "-":
        data = sys.stdin.buffer.read()
        return load(data, format=format)
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such file")
    try:
        return load(path, format=format)
    except ValueError as exc:
        from .._errors import NewsldValidationError

        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(str(exc)) from None


def _write(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


def cmd_emit(args) -> int:
    from .. import dumps

    article = _read_article(args.file, args.format)
    _write(dumps(article, indent=None if args.compact else 2, form=args.form))
    return EXIT_OK


def cmd_embed(args) -> int:
    from .. import to_jsonld, to_script_tag

    article = _read_article(args.file, args.format)
    _write(to_script_tag(to_jsonld(article, form=args.form), indent=None if args.compact else 2))
    return EXIT_OK


def cmd_validate(args) -> int:
    from .. import integrity_findings, to_jsonld
    from .._errors import printable

    article = _read_article(args.file, args.format)
    to_jsonld(article)  # graph rules (one @id, one entity) are checked while building it
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
    from ..integrity._quotes import draft

    source = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
    if isinstance(source, Path) and not source.is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        _write(draft(source, args.format))
    except ValueError as exc:
        if isinstance(exc, NewsldValidationError):
            raise
        raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_roundtrip(args) -> int:
    from .. import roundtrip

    result = roundtrip(_read_article(args.file, args.format))
    _write(str(result))
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_schema(args) -> int:
    from .._schemas import write_schemas

    try:
        written = write_schemas(Path(args.out))
    except OSError as exc:
        raise UsageError(f"cannot write schemas to {args.out}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    return EXIT_OK


def cmd_check(args) -> int:
    from ._batch import progress_bar
    from ._check import (
        PageSourceError,
        check_pages,
        page_paths,
        render_json,
        render_text,
        summary_line,
        wants_colour,
    )

    try:
        names = page_paths(args.pages)
    except PageSourceError as exc:
        raise UsageError(str(exc)) from None
    if not names:
        raise UsageError("no pages found (.html, .htm, .html.gz) in " + " ".join(args.pages))
    if args.against is not None and len(names) != 1:
        raise UsageError("--against compares one source with one page")
    source_article = _read_article(args.against, None) if args.against is not None else None
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


def cmd_batch(args) -> int:
    from ._batch import BatchUsageError, run_batch

    try:
        return run_batch(args.input, out=args.out, out_dir=args.out_dir, errors=args.errors, resume=args.resume,
                         jobs=args.jobs, quiet=args.quiet)
    except BatchUsageError as exc:
        raise UsageError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsld",
        description="Describe a news article as schema.org JSON-LD: emit it, embed it, validate it.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def article_command(name: str, handler: Callable, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("file", metavar="FILE", help="article source (.yaml, .json, .toml, .md), or - for stdin")
        sub.add_argument("--format", choices=("yaml", "json", "toml", "markdown"),
                         help="source format (default: from the file suffix, or sniffed for stdin)")
        sub.set_defaults(handler=handler)
        return sub

    for name, handler, help in (
        ("emit", cmd_emit, "print the article's JSON-LD document"),
        ("embed", cmd_embed, 'print a <script type="application/ld+json"> element for a page'),
    ):
        sub = article_command(name, handler, help)
        sub.add_argument("--compact", action="store_true", help="no indentation")
        sub.add_argument("--form", choices=("graph", "nested"), default="graph",
                         help="one @graph of nodes (default), or the article with its nodes nested")

    sub = article_command("validate", cmd_validate,
                          "report problems, and quotations, claims and corrections the article's own text or dates "
                          "contradict, without emitting")
    sub.add_argument("-q", "--quiet", action="store_true",
                     help="print only errors and warnings (nothing when the article is valid)")
    article_command("quotes", cmd_quotes,
                    "list the body's quoted passages with guessed speakers, as YAML to confirm and paste under hasPart")

    sub = commands.add_parser(
        "check",
        help="check the JSON-LD of pages you already serve",
        description="Check the JSON-LD of saved pages: files, directories (recursively: .html, .htm, .html.gz) or - "
        "for standard input. Never fetches anything. Exit 1 when any page has an error-level finding.",
    )
    sub.add_argument("pages", nargs="+", metavar="PAGE", help="page file, directory, or - for stdin")
    sub.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    sub.add_argument("--severity", choices=("error", "warning", "info"), default="info",
                     help="lowest severity shown in text output (default: info)")
    sub.add_argument("--url", help="the page's address, for rules that compare URLs (it is not fetched)")
    sub.add_argument("--against", metavar="SOURCE",
                     help="compare the page with the article source it was rendered from")
    sub.add_argument("--jobs", type=int, metavar="N", help="worker processes for many pages (default: one per core)")
    sub.set_defaults(handler=cmd_check)

    sub = commands.add_parser(
        "batch",
        help="emit the JSON-LD of many articles, on every core",
        description="Emit the JSON-LD of many articles: a directory of sources (.yaml, .yml, .json, .toml, .md; "
        "recursively) or JSON Lines, one article per line in the authoring format. Invalid articles are reported "
        "and skipped. Exit 0 when all are valid, 1 when some are not, 130 when interrupted.",
    )
    sub.add_argument("input", metavar="INPUT", help="directory of sources, JSON Lines file, or - for stdin")
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="FILE", help="JSON Lines output, one document per line (default: - for stdout)")
    where.add_argument("--out-dir", metavar="DIR", help="one .jsonld file per article instead")
    sub.add_argument("--errors", metavar="FILE", help="also write the invalid articles' problems here, as JSON Lines")
    sub.add_argument("--resume", action="store_true", help="continue an interrupted run into the same output")
    sub.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    sub.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    sub.set_defaults(handler=cmd_batch)

    article_command("roundtrip", cmd_roundtrip,
                    "embed the JSON-LD in a page, extract it with extruct, and compare as JSON, models and RDF")

    sub = commands.add_parser("schema", help="write the JSON Schemas (authoring input, emitted document)")
    sub.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    sub.set_defaults(handler=cmd_schema)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    from .._errors import NewsldValidationError, printable

    try:
        return args.handler(args)
    except NewsldValidationError as exc:
        source = getattr(args, "file", None) or exc.source or "-"
        for problem in exc.problems:
            where = f"{source}:{problem.line}" if problem.line is not None else source
            print(printable(f"{where}: {problem.path or '(document)'}: {problem.message}"), file=sys.stderr)
        return EXIT_INVALID
    except UsageError as exc:
        print(printable(f"newsld: error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `newsld emit x | head`): stop quietly. What is still buffered for stdout goes to
        # /dev/null, or Python's flush at exit would fail again and print "Exception ignored ... BrokenPipeError".
        _discard_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(printable(f"newsld: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"),
              file=sys.stderr)
        return EXIT_INVALID


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (a test's capture): nothing will be flushed
        pass

