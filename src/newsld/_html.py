"""The HTML pages newsld writes (the check report, the article preview): escaping, links, embedded data, the document.

Every value a page shows goes through ``text`` (element content and attribute values alike: ``& < > " '`` become
references, control characters and lone surrogates become visible ``\\uXXXX``); a link is made only from an absolute
http(s) URL; data for the page's own script is JSON escaped as newsld escapes JSON-LD (``escape_for_script``). The
document loads nothing and runs no script but its own: its Content-Security-Policy allows inline styles, ``data:``
images and exactly one script, named by its hash, so that even a value that escaped escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from ._findings import utf8_json
from ._serialize import escape_for_script

__all__ = ["data_script", "document_end", "document_start", "link", "safe_url", "script_json", "text"]

_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _replace(match: re.Match) -> str:
    char = match.group()
    return _REFERENCES.get(char) or f"\\u{ord(char):04x}"


def text(value: Any) -> str:
    """``value`` as text for element content or a double-quoted attribute: markup characters as references, control
    characters (but tab, newline and carriage return) and lone surrogates as a visible ``\\uXXXX``."""
    return _SPECIAL.sub(_replace, value if isinstance(value, str) else str(value))


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http or https URL (what a link may point at), else None: never ``javascript:``,
    ``data:`` or a relative reference that would resolve against the report's own location."""
    if not isinstance(url, str) or _SPECIAL.search(url.replace("&", "").replace("'", "")) or any(
            c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def link(url: Any, label: Any = None, *, css: str = "") -> str:
    """An external link (``rel="noopener noreferrer"``) when ``url`` is safe, else the text alone."""
    shown = text(url if label is None else label)
    target = safe_url(url)
    if target is None:
        return f'<span class="{css}">{shown}</span>' if css else shown
    kind = f' class="{css}"' if css else ""
    return f'<a{kind} href="{text(target)}" rel="noopener noreferrer">{shown}</a>'


def script_json(value: Any) -> str:
    """``value`` as compact JSON text that is safe inside a script element: ``<``, ``>``, ``&`` and U+2028/9 as \\u
    escapes (as newsld writes JSON-LD), lone surrogates too (so that the page is valid UTF-8)."""
    return escape_for_script(utf8_json(value, compact=True))


def data_script(element_id: str, value: Any) -> str:
    """``value`` as JSON in a ``<script type="application/json">`` element for the page's own script to read."""
    return f'<script type="application/json" id="{text(element_id)}">{script_json(value)}</script>'


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def document_start(title: str, style: str, script: str | None = None) -> str:
    """The document up to the opening of ``<body>``: charset, viewport, the policy, the title and the inline style."""
    scripts = f"'{_hash(script)}'" if script else "'none'"
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {scripts}; "
              "base-uri 'none'; form-action 'none'")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{text(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{text(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    )


def document_end(script: str | None = None) -> str:
    """The document's end, with the page's one script (the one ``document_start`` was given) last in the body."""
    return (f"<script>{script}</script>\n" if script else "") + "</body>\n</html>\n"
