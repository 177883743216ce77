"""The ``newsld`` argument parser: every command, its arguments, an example, and the function that runs it.

One meaning per flag across commands: ``--input-format`` is the format of an article source, ``--format`` the format
of what a command prints, ``--out`` a file written and ``--out-dir`` a directory written. The spellings of the previous
release (``--format`` for a source's format, ``schema --out DIR``) still work, with a deprecation warning, until
newsld 0.3.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from . import _article
from ._status import UsageError

__all__ = ["INPUT_FORMATS", "build_parser", "renamed_flags"]

INPUT_FORMATS = ("yaml", "json", "toml", "markdown")

# A flag of the previous release's spelling: where the parser puts it → (where it belongs, old flag, new flag).
_RENAMED = {
    "deprecated_format": ("input_format", "--format", "--input-format"),
    "deprecated_out": ("out_dir", "--out", "--out-dir"),
}
_WHY = {"--format": "--format is the format of what a command prints", "--out": "--out is a file, --out-dir a directory"}


# What a command requires, checked once an old spelling has been moved to its new place.
_REQUIRED = {"schema": ("out_dir", "--out-dir")}


def renamed_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    """Moves what was given in an old spelling to its new place; returns a warning for each. Both spellings with
    different values is a UsageError; a required option given in neither, argparse's usage error."""
    warnings = []
    for old_dest, (new_dest, old_flag, new_flag) in _RENAMED.items():
        value = getattr(args, old_dest, None)
        if value is None:
            continue
        current = getattr(args, new_dest, None)
        if current is not None and current != value:
            raise UsageError(f"{old_flag} {value} and {new_flag} {current} disagree; give only {new_flag}")
        setattr(args, new_dest, value)
        warnings.append(f"{old_flag} here is deprecated and stops working in newsld 0.3: use {new_flag} "
                        f"({_WHY[old_flag]})")
    dest, flag = _REQUIRED.get(args.command, (None, None))
    if dest is not None and getattr(args, dest) is None:
        parser.error(f"the following arguments are required: {flag}")
    return warnings


def _later(module: str, command: str) -> Callable[[argparse.Namespace], int]:
    """The handler ``command`` of ``module``, imported when the command runs: the page and batch commands' modules
    (worker pools, progress bars, the page readers) stay out of the other commands' start-up."""

    def handler(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(module, __package__), command)(args)

    return handler


def _help(description: str, *examples: str) -> dict:
    """A command's help: what it does, and how it is called."""
    epilog = "examples:\n" + "\n".join(f"  {example}" for example in examples) if examples else None
    return {"description": description, "epilog": epilog, "formatter_class": argparse.RawDescriptionHelpFormatter}


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="newsld",
        **_help("Describe a news article as schema.org JSON-LD: emit it, embed it, validate it; check the pages you "
                "already serve. Run 'newsld COMMAND --help' for a command's options.",
                "newsld validate article.md",
                "newsld emit article.md > article.jsonld",
                "newsld check site-dump/"),
    )
    parser.add_argument("--version", action="version", version=f"newsld {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def site_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--site", metavar="SITE",
                         help="what every page of the site shares (publisher, WebSite, defaults), as YAML, JSON or TOML")

    def input_format(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--input-format", choices=INPUT_FORMATS,
                         help="source format (default: from the file suffix, or sniffed for stdin)")
        sub.add_argument("--format", choices=INPUT_FORMATS, dest="deprecated_format", help=argparse.SUPPRESS)

    def article_command(name: str, handler: Callable, summary: str, description: str, *examples: str,
                        many: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, **_help(description, *examples))
        if many:
            sub.add_argument("files", nargs="+", metavar="FILE",
                             help="article sources (.yaml, .json, .toml, .md), or - for stdin")
        else:
            sub.add_argument("file", metavar="FILE", help="article source (.yaml, .json, .toml, .md), or - for stdin")
        input_format(sub)
        sub.set_defaults(handler=handler)
        return sub

    def document_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--compact", action="store_true", help="no indentation")
        sub.add_argument("--form", choices=("graph", "nested"), default="graph",
                         help="one @graph of nodes (default), or the article as one self-contained tree")
        site_option(sub)

    sub = article_command(
        "emit", _article.cmd_emit, "print the article's JSON-LD document",
        "Print the article's JSON-LD document: validated, every entity once with a stable @id, deterministic.",
        "newsld emit article.md", "newsld emit article.yaml --compact --site site.yaml > article.jsonld")
    document_options(sub)

    sub = article_command(
        "embed", _article.cmd_embed, 'print a <script type="application/ld+json"> element for a page',
        'Print the <script type="application/ld+json"> element for the article\'s page, escaped so that no article '
        "text can end it early.",
        "newsld embed article.md", "cat article.json | newsld embed - --input-format json --compact")
    document_options(sub)

    sub = article_command(
        "validate", _article.cmd_validate, "report every problem and integrity finding, without emitting",
        "Report every problem of each article source, one per line as FILE:LINE:COLUMN: path: message, and the "
        "quotations, claims and corrections the article's own text or dates contradict. Exit 1 when a source is "
        "invalid or has an error-level finding, 2 when one cannot be read.",
        "newsld validate article.md", "newsld validate -q articles/*.yaml", many=True)
    sub.add_argument("-q", "--quiet", action="store_true",
                     help="print only errors and warnings (nothing when the article is valid)")
    site_option(sub)

    article_command(
        "quotes", _article.cmd_quotes, "draft Quotations for the body's quoted passages, with guessed speakers",
        "List the quoted passages of the article body with guessed speakers, as YAML whose hasPart, mentions and "
        "entities (stubs for speakers the source does not define yet) an editor confirms and merges into the source.",
        "newsld quotes article.md", "newsld quotes draft.md >> review.yaml")

    article_command(
        "preview", _article.cmd_preview, "the article as an editor reads it, as one self-contained HTML page",
        "Write the article as an editor reads it, as one self-contained HTML page: quotations marked in the body, "
        "speakers' cards, claims, who said what. FILE may also be a saved page: its article is lifted.",
        "newsld preview article.md > preview.html", "newsld preview saved-page.html > preview.html")

    sub = commands.add_parser(
        "check", help="check the JSON-LD of pages you already serve",
        **_help("Check the JSON-LD of saved pages: files, web archives (.warc, .warc.gz, .wacz: every HTML response), "
                "directories (recursively: .html, .htm, .html.gz and web archives) or - for standard input. Never "
                "fetches anything. Exit 1 when any page has an error-level finding.",
                "newsld check page.html", "newsld check site-dump/ --format json --severity warning",
                "newsld check crawl.warc.gz --summary", "newsld check page.html --against article.md"),
    )
    sub.add_argument("pages", nargs="+", metavar="PAGE", help="page file, WARC file, directory, or - for stdin")
    sub.add_argument("--format", choices=("text", "json", "jsonl", "sarif", "html"), default="text",
                     help="report format: text, one JSON document, JSON Lines (one page per line as it is done, "
                     "totals to stderr), SARIF 2.1.0 for code-scanning views, or one self-contained HTML page to "
                     "open in a browser (default: text)")
    sub.add_argument("--summary", action="store_true",
                     help="print counts by finding code and by site (host) instead of each page's findings")
    sub.add_argument("--severity", choices=("error", "warning", "info"), default="info",
                     help="lowest severity shown in text and SARIF output (default: info)")
    sub.add_argument("--url", help="the page's address, for rules that compare URLs (it is not fetched)")
    sub.add_argument("--against", metavar="SOURCE",
                     help="compare the page with the article source it was rendered from")
    sub.add_argument("--jobs", type=int, metavar="N", help="worker processes for many pages (default: one per core)")
    sub.add_argument("--follow-symlinks", action="store_true",
                     help="in a directory, read symbolic links to pages outside it and follow links to directories")
    sub.set_defaults(handler=_later("._check", "cmd_check"))

    sub = commands.add_parser(
        "lift", help="turn pages you already serve into article sources",
        **_help("Lift each page's article into an authoring source (YAML front matter and Markdown body, as emit "
                "reads it): values newsld does not model are kept as comments, an article without articleBody gets "
                "the page's visible text (newsld[lift]), quoted passages become commented Quotation drafts. Pages are "
                "found as check finds them; nothing is fetched. Exit 1 when some page could not be lifted.",
                "newsld lift page.html > article.md", "newsld lift site-dump/ --out-dir sources/ --site site.yaml",
                "newsld lift crawl.warc.gz --out-dir sources/"),
    )
    sub.add_argument("pages", nargs="+", metavar="PAGE",
                     help="page file, directory, web archive (.warc, .warc.gz, .wacz), or - for stdin")
    sub.add_argument("--out-dir", metavar="DIR",
                     help="write one source per page here, PAGE's relative path with .md (default: stdout, one page)")
    sub.add_argument("--site", metavar="SITE",
                     help="a site file (YAML) to leave the shared publisher and WebSite to: reused when it exists, "
                     "written from the first page with a publisher when it does not")
    sub.add_argument("--url", help="the page's address when the page gives none (canonical link, og:url, "
                     "mainEntityOfPage); never fetched")
    sub.add_argument("--no-extract", action="store_true",
                     help="do not extract a body from the page's text when its JSON-LD has no articleBody")
    sub.add_argument("--force", action="store_true", help="overwrite sources that exist in --out-dir")
    sub.add_argument("--follow-symlinks", action="store_true",
                     help="in a directory, read symbolic links to pages outside it and follow links to directories")
    sub.add_argument("-q", "--quiet", action="store_true", help="report only the pages that could not be lifted")
    sub.set_defaults(handler=_later("._lift", "cmd_lift"))

    sub = commands.add_parser(
        "batch", help="emit the JSON-LD of many articles, on every core",
        **_help("Emit the JSON-LD of many articles: a directory of sources (.yaml, .yml, .json, .toml, .md; "
                "recursively) or JSON Lines, one article per line in the authoring format. Invalid articles are "
                "reported and skipped. Exit 0 when all are valid, 1 when some are not, 2 for usage errors, 3 when a "
                "file cannot be written (see docs/batch.md), 128+N when ended by signal N (130 Ctrl-C, 143 SIGTERM).",
                "newsld batch archive/ --out archive.jsonl --errors errors.jsonl",
                "newsld batch articles.jsonl --out-dir jsonld/ --resume"),
    )
    sub.add_argument("input", metavar="INPUT", help="directory of sources, JSON Lines file, or - for stdin")
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="FILE", help="JSON Lines output, one document per line (default: - for stdout)")
    where.add_argument("--out-dir", metavar="DIR", help="one .jsonld file per article instead")
    sub.add_argument("--errors", metavar="FILE", help="also write the invalid articles' problems here, as JSON Lines")
    sub.add_argument("--resume", action="store_true",
                     help="continue the unfinished run that wrote the same output (after checking that it did)")
    sub.add_argument("--follow-symlinks", action="store_true",
                     help="read symbolic links to files outside INPUT, and follow links to directories")
    sub.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    sub.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    site_option(sub)
    sub.set_defaults(handler=_later("._batch", "cmd_batch"))

    sub = article_command(
        "roundtrip", _article.cmd_roundtrip,
        "embed the JSON-LD in a page, extract it with extruct, and compare as JSON, models and RDF",
        "Embed the article's JSON-LD in a page, extract it again with extruct, and compare what comes back with what "
        "was emitted: as JSON, as models and as RDF. Exit 1 on a difference. Needs newsld[roundtrip].",
        "newsld roundtrip article.md")
    site_option(sub)

    sub = commands.add_parser(
        "schema", help="write the JSON Schemas (authoring input, emitted document)",
        **_help("Write the JSON Schemas of newsld's input (the authoring format, for editors' completion and CI) and "
                "of its output (the emitted JSON-LD document) into a directory, and print their paths.",
                "newsld schema --out-dir schemas/"),
    )
    sub.add_argument("--out-dir", metavar="DIR", help="directory to write into")
    sub.add_argument("--out", metavar="DIR", dest="deprecated_out", help=argparse.SUPPRESS)
    sub.set_defaults(handler=_article.cmd_schema)
    return parser
