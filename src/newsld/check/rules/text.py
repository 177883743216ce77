"""Text hygiene: JSON strings carrying HTML, stray whitespace, and values that say nothing.

JSON-LD strings are plain text. A JSON parser does not decode ``&#8217;`` or strip ``<p>``, so consumers show them as
written (Google's snippets included) unless they happen to clean up after the CMS. Every string is scanned once, with
patterns that cannot backtrack, so the cost stays linear in the size of the page's JSON. ``@context`` is not scanned:
it holds IRIs and term definitions, not text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from html.entities import html5
from typing import Any

from ..._findings import Codes, Finding, excerpt, json_path
from .. import _limits
from .._limits import MAX_TEXT_SCAN
from .._page import PageData

__all__ = ["CODES", "check"]

CODES = Codes({
    "text/placeholder": (
        "error", "a headline or name that is a CMS placeholder (\"Untitled\", \"undefined\", {{title}}, %title%)"),
    "text/html-entity": (
        "warning", "an HTML character reference (&#8217;, &amp;, &quot;...) in a JSON string, shown as written"),
    "text/html-tag": ("warning", "HTML markup (<p>, <br>, <a href=...>) inside a JSON string, which is plain text"),
    "text/untrimmed": ("info", "a string with leading or trailing whitespace"),
    "text/empty-value": ("info", 'an empty value ("", only whitespace, [], {} or null) that says nothing'),
})

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A tag is an element name followed by whitespace, "/" or ">": "<p>", "</p>", "<br/>", "<a href=...".
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,15})(?=[\s/>])")
_HTML_ELEMENTS = frozenset(
    "a abbr address article aside audio b blockquote body br button caption cite code dd del details div dl dt em "
    "embed figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label "
    "li link main mark meta nav noscript object ol option p picture pre q s samp script section select small source "
    "span strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr u ul "
    "video wbr".split()
)
_EXCERPT = 80
# Where a CMS leaves a placeholder that consumers then show: the article's headline, the name of anything.
_NAMING_KEYS = frozenset({"headline", "alternativeHeadline", "name"})
_PLACEHOLDERS = frozenset(
    "untitled|untitled document|untitled post|untitled article|no title|(no title)|title|headline|your headline here|"
    "enter title here|add title|auto draft|null|undefined|none|nan|[object object]|lorem ipsum|wordpress|drupal|"
    "joomla|joomla!|typo3|contao|blogger|squarespace|wix|weebly|my blog|my wordpress blog|site title|site name|"
    "your site name|just another wordpress site".split("|")
)
# Template tokens left unreplaced: {{title}}, {% title %}, ${title}, %title% and WordPress/Yoast's %%title%%, <?php.
_TEMPLATE_TOKEN = re.compile(r"\{\{[^{}]{0,60}\}\}|\{%[^%]{0,60}%\}|\$\{[^{}]{1,60}\}|%%?[A-Za-z_]{2,40}%%?|<\?php")


def _excerpt(text: str, at: int = 0) -> str:
    """A quoted excerpt of ``text`` around position ``at``."""
    return json.dumps(excerpt(text, _EXCERPT, around=at), ensure_ascii=False)


def _entities(text: str) -> list[re.Match]:
    if "&" not in text:
        return []
    return [m for m in _ENTITY.finditer(text) if m.group()[1] == "#" or m.group()[1:] in html5]


def _first_tag(text: str) -> re.Match | None:
    if "<" not in text:
        return None
    return next((m for m in _TAG.finditer(text) if m.group(1).lower() in _HTML_ELEMENTS), None)


def _tag_text(text: str, tag: re.Match) -> str:
    end = text.find(">", tag.start(), tag.start() + 40)
    return text[tag.start() : end + 1] if end >= 0 else tag.group() + "…"


def _string_findings(text: str, where: str, path: str, block: int) -> Iterator[Finding]:
    """One finding for a string at most: its most serious problem, with the others named in its message."""
    if not text.strip():
        shown = "empty" if not text else "only whitespace"
        yield CODES.finding("text/empty-value", f"{where} is {shown}", path, block)
        return
    whole = text
    if len(text) > MAX_TEXT_SCAN:
        truncated = _limits.CODES.description("limits/text-truncated")
        yield _limits.CODES.finding("limits/text-truncated", f"{where}: {truncated}", path, block)
        text = text[:MAX_TEXT_SCAN]
    # (code, its message when it is the finding, the same said in passing): messages are made only for the finding.
    problems: list[tuple[str, Callable[[], str], str]] = []
    if where in _NAMING_KEYS:
        problems.extend(_placeholder(whole, where))
    tag = _first_tag(text)
    if tag:
        markup = _tag_text(text, tag)
        problems.append((
            "text/html-tag",
            lambda: f"{where} holds HTML markup ({markup}); JSON-LD strings are plain text: "
                    f"{_excerpt(text, tag.start())}",
            f"HTML markup ({markup})",
        ))
    found = _entities(text)
    if found:
        shown = ", ".join(dict.fromkeys(m.group() for m in found[:20]))
        problems.append(("text/html-entity", lambda: _entity_message(text, where, shown, found),
                         f"HTML character references ({shown})"))
    if whole[0].isspace() or whole[-1].isspace():
        edges = " and ".join(
            side for side, ragged in (("leading", whole[0].isspace()), ("trailing", whole[-1].isspace())) if ragged
        )
        problems.append(("text/untrimmed", lambda: f"{where} has {edges} whitespace: {_excerpt(whole)}",
                         f"{edges} whitespace"))
    if problems:
        code, message, _ = problems[0]
        also = f" (it also has {' and '.join(passing for _, _, passing in problems[1:])})" if len(problems) > 1 else ""
        yield CODES.finding(code, message() + also, path, block)


def _entity_message(text: str, where: str, shown: str, found: list[re.Match]) -> str:
    decoded = html.unescape(text)
    at = len(html.unescape(text[: found[0].start()]))
    twice = " (encoded twice: it still holds references)" if _entities(decoded) else ""
    return (
        f"{where} holds HTML character references ({shown}), which JSON does not decode; consumers show them as "
        f"written. Decoded: {_excerpt(decoded, at)}{twice}"
    )


def _placeholder(text: str, where: str) -> list[tuple[str, Callable[[], str], str]]:
    if text.strip().casefold() in _PLACEHOLDERS:
        return [("text/placeholder", lambda: f"{where} is {_excerpt(text.strip())}, a CMS placeholder: consumers show "
                 f"it as the {where}", "a placeholder")]
    token = _TEMPLATE_TOKEN.search(text)
    if token:
        return [("text/placeholder", lambda: f"{where} holds the template token {token.group()!r}, never filled in: "
                 f"consumers show it as written: {_excerpt(text, token.start())}", "a template token")]
    return []


def _is_silent(key: str, value: Any) -> bool:
    """Whether a value certainly has no finding: a number, a boolean, or a string of plain text without whitespace at
    its ends (most values) that names nothing. Only these are skipped, so the findings of the rest keep their order."""
    if isinstance(value, str):
        return ("&" not in value and "<" not in value and 0 < len(value.strip()) == len(value) <= MAX_TEXT_SCAN
                and key not in _NAMING_KEYS)
    return isinstance(value, (int, float))


def _check_value(block: int, path: str, value: Any) -> Iterator[Finding]:
    stack: list[tuple[str, str, Any]] = [(path, "the block", value)]
    while stack:  # iterative: deeply nested JSON must not exhaust Python's recursion limit
        path, where, value = stack.pop()
        if isinstance(value, str):
            yield from _string_findings(value, where, path, block)
        elif value is None or value == [] or value == {}:
            shown = "null" if value is None else json.dumps(value)
            yield CODES.finding("text/empty-value", f"{where} is {shown}", path, block)
        elif isinstance(value, list):
            items = [(json_path(path, i), where, item) for i, item in enumerate(value) if not _is_silent(where, item)]
            stack.extend(reversed(items))
        elif isinstance(value, dict):
            items = [
                (json_path(path, key), key, item)
                for key, item in value.items()
                if key != "@context" and not _is_silent(key, item)
            ]
            stack.extend(reversed(items))


def check(page: PageData) -> Iterator[Finding]:
    for block, path, value in page.values:
        yield from _check_value(block, path, value)
