"""Editorial integrity on a page: every Quotation's text is in its article's articleBody and in what readers see.

The words are matched as ``newsld validate`` matches them (typographic quotes, whitespace and Unicode forms do not
count; brackets and ellipses only where the text has them). What readers see is the page's text without its tags and
without the contents of script, style, template, noscript, title, iframe, noembed and noframes elements, with character
references decoded. A page whose HTML does not carry the article's text at all (rendered by script, or behind a
paywall) gets one warning instead of an error for every quotation; on a page marked ``isAccessibleForFree: false`` a
quotation missing from the visible text is a warning (the page shows only part of the article).
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Iterator

from ..._findings import Codes, Finding, json_path
from ...integrity import CODES as ARTICLE_CODES
from ...integrity import find_passages, quotation_problem
from .. import _limits
from .._limits import MAX_COMPARED_CHARS
from .._page import NodeRef, PageData
from ._nodes import is_article, node_types

__all__ = ["CODES", "check", "visible_text"]

# A quotation missing from its article's articleBody is the model path's integrity/quotation-not-in-body, reported
# under that code (ARTICLE_CODES); the codes below are about the page.
CODES = Codes({
    "integrity/quotation-not-on-page": (
        "error", "a quotation's text is not in the page's visible text (the message shows the closest passage)"),
    "integrity/quotation-paywalled": (
        "warning", "a quotation of an article marked isAccessibleForFree false is not in the page's visible text "
        "(it may be in the part for subscribers)"),
    "integrity/body-not-on-page": (
        "warning", "the page's HTML does not show its article's articleBody, so quotations cannot be checked against "
        "what readers see"),
})

_HIDDEN = frozenset({"script", "style", "template", "noscript", "title", "iframe", "noembed", "noframes"})
_BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section summary table td th tr ul".split()
)
# A tag: its name, then after a space or '/' its attributes, up to '>'. The name cannot run into the attributes, and
# neither holds '<' outside quotes, so a failed match stops at the next '<' without backtracking: the scan is linear.
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/<>]*)(?:[\s/](?:[^>\"'<]|\"[^\"]*\"|'[^']*')*)?>")
_OPENING_WORDS = 12


def visible_text(page_html: str) -> str:
    """The text a reader sees on the page, approximately: tags and hidden elements dropped, references decoded."""
    out: list[str] = []
    lower = page_html.lower()
    position, length = 0, len(page_html)
    while position < length:
        opening = page_html.find("<", position)
        if opening < 0:
            out.append(page_html[position:])
            break
        out.append(page_html[position:opening])
        if page_html.startswith("<!--", opening):
            end = page_html.find("-->", opening + 4)
            position = length if end < 0 else end + 3
            continue
        tag = _TAG.match(page_html, opening)
        if tag is None:
            if page_html.startswith(("<!", "<?"), opening):  # doctype, CDATA, processing instruction
                end = page_html.find(">", opening)
                position = length if end < 0 else end + 1
            else:
                out.append("<")
                position = opening + 1
            continue
        closing, name = tag.group(1), tag.group(2).lower()
        position = tag.end()
        if name in _BLOCKS:
            out.append("\n")
        if name in _HIDDEN and not closing:
            end = lower.find("</" + name, position)
            close = page_html.find(">", end) if end >= 0 else -1
            position = length if close < 0 else close + 1
    return html_module.unescape("".join(out))


def _article_of(page: PageData, quotation: NodeRef, articles: list[NodeRef]) -> NodeRef | None:
    """The article a quotation belongs to: the one it is nested in or says it isPartOf, the one that lists it, or the
    page's only article."""
    nested = [ref for ref in articles if ref.block == quotation.block and quotation.path.startswith(ref.path + ".")]
    if nested:
        return max(nested, key=lambda ref: len(ref.path))
    own_id = quotation.node.get("@id")
    part_of = quotation.node.get("isPartOf")
    for ref in articles:
        article_id = ref.node.get("@id")
        if isinstance(part_of, dict) and article_id is not None and part_of.get("@id") == article_id:
            return ref
        if isinstance(own_id, str) and own_id in _referenced_ids(ref.node):
            return ref
    return articles[0] if len({id(ref.node) for ref in articles}) == 1 else None


def _referenced_ids(node: dict) -> set:
    found = set()
    for key in ("hasPart", "mentions", "about", "citation"):
        values = node.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict) and isinstance(value.get("@id"), str):
                found.add(value["@id"])
    return found


def _descriptions(page: PageData, article: NodeRef) -> list[NodeRef]:
    article_id = article.node.get("@id")
    return [article] + (page.by_id.get(article_id, []) if isinstance(article_id, str) else [])


def _raw_body(page: PageData, article: NodeRef | None) -> str | None:
    for ref in _descriptions(page, article) if article is not None else ():
        body = ref.node.get("articleBody")
        if isinstance(body, str) and body.strip():
            return body
    return None


def _paywalled(page: PageData, article: NodeRef | None) -> bool:
    return article is not None and any(
        ref.node.get("isAccessibleForFree") in (False, "False", "false") for ref in _descriptions(page, article))


def _as_text(value: str) -> str:
    # Some publishers put HTML, or HTML-escaped text, in their JSON-LD (the text family reports it); the words are what
    # is compared here, so markup and character references are read as a browser would show them.
    return visible_text(html_module.unescape(value)) if "<" in value or "&" in value else value


def _shows(text: str, body: str) -> bool:
    opening = " ".join(body.split()[:_OPENING_WORDS])
    return bool(find_passages(text, opening, limit=1))


def check(page: PageData) -> Iterator[Finding]:
    quotations = [ref for ref in page.nodes if "Quotation" in node_types(ref.node)]
    if not quotations:
        return
    articles = [ref for ref in page.nodes if is_article(ref.node)]
    seen_text: str | None = None
    hidden_bodies: set = set()
    compared = 0  # characters searched so far: each quotation searches its article's body and the page's text
    for number, quotation in enumerate(quotations):
        text = quotation.node.get("text")
        if not isinstance(text, str) or not text.strip():
            continue  # the schemaorg and google families report missing or non-text values
        article = _article_of(page, quotation, articles)
        raw_body = _raw_body(page, article)
        if seen_text is None and page.html is not None:
            seen_text = visible_text(page.html)
        compared += len(text) + len(raw_body or "") + len(seen_text or "")
        if compared > MAX_COMPARED_CHARS:
            yield _limits.CODES.finding(
                "limits/quotations-unchecked",
                f"{len(quotations) - number} of the page's {len(quotations)} quotations were not checked: comparing "
                f"them all with the article's and the page's text would search more than {MAX_COMPARED_CHARS:,} "
                "characters",
                quotation.path,
                quotation.block,
            )
            return
        text = _as_text(text)
        path = json_path(quotation.path, "text")
        body = _as_text(raw_body) if raw_body is not None else None
        if body is not None:
            problem = quotation_problem(body, text, "article's articleBody")
            if problem:
                yield ARTICLE_CODES.finding("integrity/quotation-not-in-body", problem, path, quotation.block)
        if seen_text is None:
            continue
        if body is not None and not _shows(seen_text, body):
            if id(article.node) not in hidden_bodies:
                hidden_bodies.add(id(article.node))
                yield CODES.finding(
                    "integrity/body-not-on-page",
                    "the page's HTML does not show the article's text (its opening words are not in the visible text: "
                    "rendered by script, or behind a paywall?), so its quotations are checked against articleBody only",
                    article.path,
                    article.block,
                )
            continue
        problem = quotation_problem(seen_text, text, "page's visible text")
        if problem:
            # A paywalled page shows part of the text; the rest may be where the quotation is.
            code = "integrity/quotation-paywalled" if _paywalled(page, article) else "integrity/quotation-not-on-page"
            yield CODES.finding(code, problem, path, quotation.block)
