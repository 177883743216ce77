"""Deterministic JSON text, the escaping that makes it safe inside a <script> element, and the two script writers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from ._graph import to_jsonld
from .models import NewsArticle

if TYPE_CHECKING:
    from ._site import Site

__all__ = [
    "INJECT_FUNCTION",
    "ScriptTag",
    "dumps",
    "escape_for_script",
    "json_text",
    "to_client_script",
    "to_script_tag",
]

# Inside <script>, the HTML tokenizer reacts to "</script", "<!--" and "<script"; "&" matters to tools that unescape
# entities in script text (extruct does); U+2028/U+2029 end a line in older JavaScript. JSON allows each of them only
# inside strings, where the \uXXXX form denotes the same character, so the parsed value is unchanged.
_SCRIPT_ESCAPES = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


class ScriptTag(str):
    """A ``<script type="application/ld+json">`` element, marked safe for template engines via ``__html__``."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def json_text(doc: Any, *, indent: int | None = None) -> str:
    """Strict, deterministic JSON: key order as built, no NaN or Infinity, non-ASCII kept as characters."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)


def escape_for_script(text: str) -> str:
    """Escape JSON text for a script element; the JSON value it denotes is unchanged."""
    for raw, escaped in _SCRIPT_ESCAPES:
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def dumps(
    article: NewsArticle,
    *,
    indent: int | None = None,
    form: Literal["graph", "nested"] = "graph",
    site: Site | None = None,
) -> str:
    """The article's JSON-LD document as JSON text (compact unless ``indent`` is given)."""
    return json_text(to_jsonld(article, form=form, site=site), indent=indent)


def _document(article: NewsArticle | Mapping[str, Any], writer: str, site: Site | None) -> Mapping[str, Any]:
    """What both script writers take: a NewsArticle (emitted here) or a JSON-LD document as it is."""
    if site is not None and not isinstance(article, NewsArticle):
        raise TypeError(f"{writer}: site= applies to a NewsArticle, not to a document that is already emitted")
    doc = to_jsonld(article, site=site) if isinstance(article, NewsArticle) else article
    if not isinstance(doc, Mapping):
        raise TypeError(f"{writer} expects a NewsArticle or a JSON-LD dict, not {type(article).__name__}")
    return doc


def to_script_tag(
    article: NewsArticle | Mapping[str, Any], *, indent: int | None = None, site: Site | None = None
) -> ScriptTag:
    """A markup-safe ``<script type="application/ld+json">`` element for a NewsArticle or a JSON-LD document."""
    body = escape_for_script(json_text(_document(article, "to_script_tag", site), indent=indent))
    return ScriptTag(f'<script type="application/ld+json">{body}</script>')


# Runs once where the element is placed. The JSON text arrives as a JavaScript string literal, so the ld+json element
# gets exactly the text newsld emitted; textContent sets it as text, never parsed as markup as innerHTML would.
INJECT_FUNCTION = (
    "function (json) {"
    ' var script = document.createElement("script");'
    ' script.type = "application/ld+json";'
    " script.textContent = json;"
    " document.head.appendChild(script);"
    " }"
)


def to_client_script(
    article: NewsArticle | Mapping[str, Any], *, indent: int | None = None, site: Site | None = None
) -> ScriptTag:
    """A markup-safe ``<script>`` that adds the article's ``application/ld+json`` element to ``<head>`` when it runs.

    For pages whose head is rendered in the browser. The JSON-LD is embedded as a JavaScript string literal escaped for
    script context (no ``<``, ``>``, ``&``, U+2028 or U+2029 appear raw), and the new element's ``textContent`` is set
    to it, so the element carries exactly what :func:`newsld.dumps` emits.
    """
    literal = escape_for_script(json_text(json_text(_document(article, "to_client_script", site), indent=indent)))
    return ScriptTag(f"<script>({INJECT_FUNCTION})({literal});</script>")
