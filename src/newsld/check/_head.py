"""The address a page gives for itself in its markup: ``<link rel="canonical">`` and the Open Graph ``og:url``.

Lift falls back on them when the article's JSON-LD has no ``url``. Only the document's head is read, as search engines
read a canonical link only there: the scan stops at ``</head>`` or ``<body>``. The first of each wins, as in Google's
reading of a page with several. Values are returned as the page wrote them (character references decoded, as a
browser decodes attributes); whether one is a usable URL is the caller's decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["PageAddresses", "page_addresses"]


@dataclass(frozen=True)
class PageAddresses:
    canonical: str | None = None  # href of the first <link rel="canonical">
    og_url: str | None = None  # content of the first <meta property="og:url"> (or name="og:url", as some pages write)


class _EndOfHead(Exception):
    pass


class _HeadScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None
        self.og_url: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _EndOfHead
        values = {name: value for name, value in reversed(attrs)}  # the first of a repeated attribute wins, as in HTML
        if tag == "link" and self.canonical is None:
            rel = (values.get("rel") or "").lower().split()
            if "canonical" in rel and values.get("href"):
                self.canonical = values["href"].strip()
        elif tag == "meta" and self.og_url is None:
            name = (values.get("property") or values.get("name") or "").strip().lower()
            if name == "og:url" and values.get("content"):
                self.og_url = values["content"].strip()
        if self.canonical is not None and self.og_url is not None:
            raise _EndOfHead

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            raise _EndOfHead


def page_addresses(html: str) -> PageAddresses:
    """The canonical link and ``og:url`` of a page's head (None where it has none). Never raises on any text."""
    scanner = _HeadScanner()
    try:
        scanner.feed(html)
        scanner.close()
    except _EndOfHead:
        pass
    except (AssertionError, ValueError):  # html.parser's own complaints about badly broken markup
        pass
    return PageAddresses(scanner.canonical, scanner.og_url)
