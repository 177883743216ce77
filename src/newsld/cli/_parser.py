"""The ``newsld`` argument parser: every command, its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import _article, _batch, _check, _lift

__all__ = ["build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsld",
        description="Describe a news article as schema.org JSON-LD: emit it, embed it, validate it.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def site_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--site", metavar="SITE",
                         help="what every page of the site shares (publisher, WebSite, defaults), as YAML, JSON or TOML")

    def article_command(name: str, handler: Callable, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("file", metavar="FILE", help="article source (.yaml, .json, .toml, .md), or - for stdin")
        sub.add_argument("--format", choices=("yaml", "json", "toml", "markdown"),
                         help="source format (default: from the file suffix, or sniffed for stdin)")
        sub.set_defaults(handler=handler)
        return sub

    for name, handler, help in (
        ("emit", _article.cmd_emit, "print the article's JSON-LD document"),
        ("embed", _article.cmd_embed, 'print a <script type="application/ld+json"> element for a page'),
    ):
        sub = article_command(name, handler, help)
        sub.add_argument("--compact", action="store_true", help="no indentation")
        sub.add_argument("--form", choices=("graph", "nested"), default="graph",
                         help="one @graph of nodes (default), or the article as one self-contained tree")
        site_option(sub)

    sub = article_command("validate", _article.cmd_validate,
                          "report problems, and quotations, claims and corrections the article's own text or dates "
                          "contradict, without emitting")
    sub.add_argument("-q", "--quiet", action="store_true",
                     help="print only errors and warnings (nothing when the article is valid)")
    site_option(sub)
    article_command("quotes", _article.cmd_quotes,
                    "list the body's quoted passages with guessed speakers, as YAML to confirm and paste under hasPart")

    article_command("preview", _article.cmd_preview,
                    "the article as an editor reads it, as one self-contained HTML page: quotations marked in the "
                    "body, speakers' cards, claims, who said what (FILE may also be a saved page: its article is "
                    "lifted)")

    sub = commands.add_parser(
        "check",
        help="check the JSON-LD of pages you already serve",
        description="Check the JSON-LD of saved pages: files, web archives (.warc, .warc.gz, .wacz: every HTML "
        "response), directories (recursively: .html, .htm, .html.gz and web archives) or - for standard input. Never "
        "fetches anything. Exit 1 when any page has an error-level finding.",
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
    sub.set_defaults(handler=_check.cmd_check)

    sub = commands.add_parser(
        "lift",
        help="turn pages you already serve into article sources",
        description="Lift each page's article into an authoring source (YAML front matter and Markdown body, as emit "
        "reads it): values newsld does not model are kept as comments, an article without articleBody gets the "
        "page's visible text (newsld[lift]), quoted passages become commented Quotation drafts. Pages are found as "
        "check finds them; nothing is fetched. Exit 1 when some page could not be lifted. "
        "Example: newsld lift site-dump/ --out-dir sources/ --site site.yaml",
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
    sub.set_defaults(handler=_lift.cmd_lift)

    sub = commands.add_parser(
        "batch",
        help="emit the JSON-LD of many articles, on every core",
        description="Emit the JSON-LD of many articles: a directory of sources (.yaml, .yml, .json, .toml, .md; "
        "recursively) or JSON Lines, one article per line in the authoring format. Invalid articles are reported "
        "and skipped. Exit 0 when all are valid, 1 when some are not, 2 for usage errors, 3 when a file cannot be "
        "written (see docs/batch.md), 128+N when ended by signal N (130 Ctrl-C, 143 SIGTERM).",
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
    sub.set_defaults(handler=_batch.cmd_batch)

    sub = article_command("roundtrip", _article.cmd_roundtrip,
                          "embed the JSON-LD in a page, extract it with extruct, and compare as JSON, models and RDF")
    site_option(sub)

    sub = commands.add_parser("schema", help="write the JSON Schemas (authoring input, emitted document)")
    sub.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    sub.set_defaults(handler=_article.cmd_schema)
    return parser
