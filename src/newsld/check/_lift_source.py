"""A page lifted to an authoring source an editor can keep: ``lift_source(html)``, the work of ``newsld lift``.

The source is what ``newsld.load`` and ``newsld emit`` read (YAML front matter, entities by readable local ids, the
article text as the Markdown body), and says in comments everything else an editor needs:

* at the top, where values came from that the article's JSON-LD did not give: the page's address (canonical link,
  og:url, ...), an ``articleBody`` extracted from the page's visible text, the publisher and WebSite left to the site
  file, and the readings lift made (``type`` as ``@type``, pixels written as text, ...);
* at the end of the front matter, the quoted passages ``newsld quotes`` finds in the body, as commented drafts of
  ``hasPart`` Quotations (suggestions to confirm, never data), then every leftover: each value of the page's article
  that newsld does not model or rejects, with its JSON path and the reason, so that nothing of the page is lost.

Every comment line is escaped (``newsld._source.yaml_comment``): no value of the page can end a comment line, add a key
or start a document. The leftovers block is machine-readable as well: ``read_leftovers`` gives it back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from .._graph import canonical_json
from .._site import Site
from .._source import prose, source_data, to_source
from ..integrity import draft_yaml
from ..models import NewsArticle, NewsMediaOrganization, Organization
from ._body import extract_body
from ._lift import Leftover, LiftResult, lift_page
from ._run import analyse

__all__ = ["LEFTOVERS_MARKER", "LiftedSource", "lift_source", "read_leftovers", "site_for"]

LEFTOVERS_MARKER = "leftovers:"
# Lift's findings that say how a value was read (its leftovers are listed one by one instead).
_READINGS = ("lift/url-fallback", "lift/url-from-id", "lift/pixels-from-text", "lift/type-property",
             "lift/merged-nodes", "lift/several-articles")
_RULE = "-" * 100


@dataclass(frozen=True)
class LiftedSource:
    """A page lifted to an authoring source.

    ``text`` is the source (None when the page's article cannot be lifted: ``result``'s findings say why). ``article``
    is what the source says: the lifted article, with an extracted body and without what it leaves to ``site``.
    ``body`` is where ``articleBody`` came from: ``"jsonld"``, ``"extracted"`` or None when there is none.
    ``quotations`` counts the commented quotation drafts.
    """

    text: str | None
    result: LiftResult
    article: NewsArticle | None = None
    body: str | None = None
    quotations: int = 0
    site: Site | None = None


def lift_source(
    html: str | bytes,
    *,
    url: str | None = None,
    charset: str | None = None,
    site: Site | None = None,
    extract: bool = True,
    name: str = "the page",
    site_name: str | None = None,
) -> LiftedSource:
    """The page's article as an authoring source, with every value newsld cannot hold kept in comments.

    ``url`` is the page's address, used when the page gives none itself (never fetched); ``charset`` the encoding its
    transport declared, for bytes. With ``site``, the article's
    publisher and WebSite are left to it where they are the site's (emit the source with that site). ``extract``: an
    article without ``articleBody`` takes the page's visible text (needs ``newsld[lift]``; ModuleNotFoundError
    otherwise). ``name`` and ``site_name`` name the page and the site file in the comments.
    """
    _, page, check_findings = analyse(html, url=url, charset=charset)
    result = lift_page(page)
    result = replace(result, findings=tuple(check_findings) + tuple(result.findings))
    if result.article is None:
        return LiftedSource(None, result)
    article = result.article
    header = [f"Lifted by `newsld lift` from {name}: an authoring source to edit, then check with `newsld validate` "
              "and publish with `newsld emit`."]
    header += [f"{finding.code}: {finding.message}" for finding in result.findings if finding.code in _READINGS]

    body = "jsonld" if article.articleBody is not None else None
    if body is None and extract:
        extracted = extract_body(page.html or "")
        if extracted.text is not None and not _has_surrogate(extracted.text):
            article = article.model_copy(update={"articleBody": extracted.text})
            body = "extracted"
            header.append(f"articleBody: the page's JSON-LD has none; the Markdown body below is the page's visible "
                          f"text as {extracted.extractor} extracted it. Read it against the page before you publish: "
                          "it is markup of what readers see only if it is the article's text and nothing else.")
        else:
            why = extracted.failure or "it found no article text on the page"
            header.append(f"articleBody: the page's JSON-LD has none, and {extracted.extractor} extracted none ({why}).")

    if site is not None:
        article, left = _leave_to_site(article, site)
        where = site_name or "the site file"
        header += [f"{what}: the site's, in {where}; emit with --site {where}." for what in left]

    footer = []
    quotations = 0
    if article.articleBody:
        draft = draft_yaml(article.articleBody, source_data(article).get("entities", {}), source=name)
        quotations = sum(1 for line in draft.splitlines() if line.strip().startswith('- "@type": Quotation'))
        if quotations:
            footer += [_RULE, prose("Quotation drafts by `newsld quotes`: suggestions for an editor to confirm, never "
                                     "data. Uncomment what is right and merge it into the source (under hasPart; a "
                                     "speaker it names under entities). Passages the page marks up already are listed "
                                     "too."), draft.rstrip("\n")]
    if result.leftovers:
        footer += [_RULE, _leftovers_text(result.leftovers)]
        header.append(f"{len(result.leftovers)} leftover{'s' if len(result.leftovers) > 1 else ''}: values of the "
                      "page's JSON-LD that newsld does not model or rejects, listed at the end of this header so that "
                      "nothing is lost.")
    text = to_source(article, header=map(prose, header), footer=footer)
    return LiftedSource(text, result, article, body, quotations, site)


def _has_surrogate(text: str) -> bool:
    return re.search("[\ud800-\udfff]", text) is not None


def _leftovers_text(leftovers: tuple[Leftover, ...]) -> str:
    lines = [prose(f"Leftovers: {len(leftovers)} value{'s' if len(leftovers) > 1 else ''} of the page's article that "
                    "newsld does not model or rejects, each at its JSON path from the article ($), as the page wrote "
                    "it, and why."), LEFTOVERS_MARKER]
    for leftover in leftovers:
        lines += [f"  - path: {_json(leftover.path)}", f"    value: {_json(leftover.value)}",
                  f"    reason: {_json(leftover.reason)}"]
    return "\n".join(lines)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_LEFTOVER_LINE = re.compile(r"#\s*(?:- )?(path|value|reason): (.*)")


def read_leftovers(text: str) -> list[Leftover]:
    """The leftovers a lifted source lists in its comments, as ``lift`` gave them (an edited block may not read)."""
    lines = text.split("\n")
    marker = f"# {LEFTOVERS_MARKER}"
    if marker not in lines:
        return []
    found: list[Leftover] = []
    fields: dict[str, Any] = {}
    for line in lines[len(lines) - 1 - lines[::-1].index(marker) + 1:]:
        match = _LEFTOVER_LINE.fullmatch(line)
        if match is None:
            break
        fields[match.group(1)] = json.loads(match.group(2))
        if match.group(1) == "reason":
            found.append(Leftover(fields["path"], fields["value"], fields["reason"]))
            fields = {}
    return found


# ------------------------------------------------------------------------------------------------------------ the site


def _leave_to_site(article: NewsArticle, site: Site) -> tuple[NewsArticle, list[str]]:
    """The article without the publisher and WebSite that are the site's (emitting with the site adds them back)."""
    updates: dict[str, Any] = {}
    left = []
    if article.publisher is not None and _same(article.publisher, site.publisher):
        updates["publisher"] = None
        left.append("publisher")
    page = article.mainEntityOfPage
    if page is not None and page.isPartOf is not None and _same(page.isPartOf, site.website):
        updates["mainEntityOfPage"] = page.model_copy(update={"isPartOf": None})
        left.append("WebSite (mainEntityOfPage.isPartOf)")
    return (article.model_copy(update=updates) if updates else article), left


def _same(model: Any, other: Any) -> bool:
    return type(model) is type(other) and canonical_json(model) == canonical_json(other)


def site_for(article: NewsArticle) -> tuple[Site, list[str]] | None:
    """The site a lifted article's publisher and WebSite describe, and where each of its values came from; None when
    the article has no publisher organization to build one around."""
    publisher = article.publisher
    if not isinstance(publisher, (Organization, NewsMediaOrganization)):
        return None
    page = article.mainEntityOfPage
    website = page.isPartOf if page is not None else None
    notes = ["publisher: the page's publisher"]
    values: dict[str, Any] = {"publisher": publisher}
    if website is not None:
        values.update(url=website.url, name=website.name, inLanguage=website.inLanguage,
                      description=website.description)
        if website.alternateName and len(website.alternateName) == 1:
            values["alternateName"] = website.alternateName[0]
        action = website.potentialAction
        if action is not None and "{search_term_string}" in action.target:
            values["searchUrl"] = action.target
        notes.append("url, name and the rest: the page's WebSite")
    else:
        parts = urlsplit(article.url)
        values.update(url=publisher.url or f"{parts.scheme}://{parts.netloc}/", name=publisher.name)
        notes.append("url: " + ("the publisher's url" if publisher.url else "the article's, without its path")
                     + "; name: the publisher's (the page has no WebSite node)")
    try:
        return Site(**{key: value for key, value in values.items() if value is not None}), notes
    except ValidationError:
        return None
