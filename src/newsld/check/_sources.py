"""Where pages come from: one record per page, whatever held it (a file, standard input, a WARC record).

``check`` reads a page's bytes, its address and the charset its transport declared from here, and adds the findings
that reading it produced (a record cut off, a payload that could not be decoded) to the page's report.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._findings import Finding

__all__ = ["Page"]


@dataclass(frozen=True)
class Page:
    """One page to check.

    ``source`` names it in reports (a file name, ``-``, a WARC record's target URI). ``data`` is None when the page
    could not be read at all; ``findings`` then say why (they are page-level findings of its report either way).
    ``url`` is the page's address when known (never fetched); ``charset`` the encoding its transport declared, e.g. the
    charset of an HTTP ``Content-Type``, which a byte order mark still overrides. ``cut``: ``data`` is only the start
    of the page (its file ends early): a block it cuts in two is reported as cut, and the page is not said to lack
    JSON-LD.
    """

    source: str
    data: bytes | None
    url: str | None = None
    charset: str | None = None
    findings: tuple[Finding, ...] = ()
    cut: bool = False
