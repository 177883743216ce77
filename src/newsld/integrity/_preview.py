"""An article as an editor reads it, in one self-contained HTML page (``newsld preview``): its quotations marked.

The body shows every Quotation where it occurs (found as ``integrity_findings`` finds it); a quotation that is not
there is listed as not found, with the closest passage of the body outlined. Each quotation and claim links to its
speaker's card (name, jobTitle, sameAs links, an unnamed-source marker); claims show who made them and their deep
links; a drawing shows who said what. The page has no script at all and loads nothing; every value goes through
``newsld._html.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urlsplit

from .. import __version__
from .._findings import Finding, excerpt
from .._html import document_end, document_start, link, safe_url, text
from .._types import parse_datetime
from ..models import ClaimReview, NewsArticle, Organization, Person
from ._article import claim_parts, closest_passage, integrity_findings, is_unnamed, quotation_parts, review_parts
from ._normalize import find_passages
from ._textfragment import deep_link, find_fragment, text_directives

__all__ = ["preview_html"]

# Aligning words costs the product of the two lengths: past this, no closest passage (as integrity_findings does).
_CLOSEST_LIMIT = 10_000
# Speakers' colours (Tableau 10 without its red, which means "not found" here).
_PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#9c755f", "#d37295", "#edc948", "#8cd17d",
            "#bab0ac")
# A claim is worded by the publisher, not quoted: its closest passage is shown only when it is this alike.
_CLAIM_ALIKE = 0.6
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass
class _Agent:
    """A speaker, claimant, author or publisher: one card."""

    number: int
    model: object
    roles: list[str] = field(default_factory=list)
    quotations: list[int] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"who-{self.number}"

    @property
    def colour(self) -> int:
        return (self.number - 1) % len(_PALETTE)

    @property
    def unnamed(self) -> bool:
        return is_unnamed(self.model) or not getattr(self.model, "name", None)

    @property
    def label(self) -> str:
        name = getattr(self.model, "name", None)
        if name:
            return name
        return getattr(self.model, "description", None) or f"unnamed {getattr(self.model, 'type', 'source')}"


@dataclass
class _Quote:
    number: int
    path: str
    model: object
    speaker: _Agent
    spans: list[tuple[int, int]]
    closest: tuple[tuple[int, int], float, list[str]] | None
    findings: list[Finding]

    @property
    def anchor(self) -> str:
        return f"q{self.number}"


@dataclass
class _Claim:
    number: int
    path: str
    model: object
    authors: list[_Agent]
    spans: list[tuple[int, int]]  # what its deep link selects, else where the text reports it (``reported``)
    reported: float | None  # how alike the closest passage is, when ``spans`` is one
    verdict: str | None
    findings: list[Finding]

    @property
    def anchor(self) -> str:
        return f"c{self.number}"


class _Agents:
    """The article's people and organizations, each once (by @id, else by value), numbered as first met."""

    def __init__(self) -> None:
        self.all: list[_Agent] = []

    def get(self, model, role: str) -> _Agent:
        for agent in self.all:
            if agent.model is model or (getattr(model, "id", None) and getattr(agent.model, "id", None) == model.id) \
                    or agent.model == model:
                break
        else:
            agent = _Agent(len(self.all) + 1, model)
            self.all.append(agent)
        if role not in agent.roles:
            agent.roles.append(role)
        return agent


def preview_html(article: NewsArticle) -> str:
    """The article as one self-contained HTML page for an editor: headline, byline and body with every quotation
    marked where it occurs (or listed as not found, with the closest passage), the speakers' cards, the claims with
    who made them and their deep links, a drawing of who said what, and what ``integrity_findings`` reports."""
    if not isinstance(article, NewsArticle):
        raise TypeError(f"preview_html expects a NewsArticle, not {type(article).__name__}")
    body = article.articleBody or ""
    findings = integrity_findings(article)
    agents = _Agents()
    for author in article.author or ():
        agents.get(author, "author")
    quotes = _quotations(article, body, agents, findings)
    claims = _claims(article, body, agents, findings)
    if article.publisher is not None:
        agents.get(article.publisher, "publisher")
    parts = [
        document_start(f"Preview: {article.headline}", _STYLE),
        _header(article, agents),
        _stats(quotes, claims, agents, findings),
        '<div class="layout">\n',
        _body(article, body, quotes, claims),
        _quotation_list(article, quotes),
        "</div>\n",
        _claim_list(article, claims),
        _cards(agents),
        _drawing(agents, quotes, claims),
        _findings(findings),
        f'<footer>Made by newsld {text(__version__)} <code>preview</code>: one file, no script, nothing loaded from '
        "the network.</footer>\n",
        document_end(),
    ]
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------- the model


def _findings_at(findings: Sequence[Finding], path: str) -> list[Finding]:
    return [f for f in findings if f.path == path or f.path.startswith((path + ".", path + "["))]


def _quotations(article: NewsArticle, body: str, agents: _Agents, findings: Sequence[Finding]) -> list[_Quote]:
    quotes = []
    for number, (path, quotation) in enumerate(quotation_parts(article), 1):
        speaker = agents.get(quotation.spokenByCharacter, "speaker")
        speaker.quotations.append(number)
        spans = find_passages(body, quotation.text) if body else []
        closest = None
        if body and not spans and len(quotation.text) <= _CLOSEST_LIMIT:
            closest = closest_passage(body, quotation.text)
        quotes.append(_Quote(number, path, quotation, speaker, spans, closest, _findings_at(findings, path)))
    return quotes


def _claims(article: NewsArticle, body: str, agents: _Agents, findings: Sequence[Finding]) -> list[_Claim]:
    verdicts = {id(review.itemReviewed): review.reviewRating.alternateName for _, review in review_parts(article)
                if isinstance(review, ClaimReview)}
    pages = {urldefrag(article.url)[0]}
    if article.mainEntityOfPage is not None:
        pages.add(urldefrag(article.mainEntityOfPage.url)[0])
    claims = []
    for number, (path, claim) in enumerate(claim_parts(article), 1):
        authors = [agents.get(author, "claimant") for author in claim.author]
        for author in authors:
            author.claims.append(number)
        spans: list[tuple[int, int]] = []
        reported = None
        if body and claim.url and urldefrag(claim.url)[0] in pages:
            for directive in text_directives(claim.url):
                try:
                    spans += find_fragment(body, directive)[:1]  # a browser highlights the first match
                except ValueError:
                    pass  # malformed: integrity_findings says so
        elif body and not claim.url and len(claim.text) <= _CLOSEST_LIMIT:
            closest = closest_passage(body, claim.text)
            if closest is not None and closest[1] >= _CLAIM_ALIKE:
                spans, reported = [closest[0]], closest[1]
        claims.append(_Claim(number, path, claim, authors, spans, reported, verdicts.get(id(claim)),
                             _findings_at(findings, path)))
    return claims


# --------------------------------------------------------------------------------------------------------- the page


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        moment = parse_datetime(value)
    except ValueError:
        return text(value)
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "-0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f'<time datetime="{text(value)}">{moment.day} {moment:%B %Y, %H:%M} {zone}</time>'


def _names(agents: Iterable[_Agent]) -> str:
    return ", ".join(f'<a class="who s{agent.colour}" href="#{agent.anchor}">{text(agent.label)}</a>'
                     for agent in agents)


def _header(article: NewsArticle, agents: _Agents) -> str:
    kind = [text(article.type)]
    sections = article.articleSection
    for section in [sections] if isinstance(sections, str) else sections or ():
        kind.append(text(section))
    if article.inLanguage:
        kind.append(text(article.inLanguage))
    out = ['<header class="top">\n', f'<p class="kind">{" · ".join(kind)}</p>\n',
           f'<h1 class="v">{text(article.headline)}</h1>\n']
    if article.alternativeHeadline:
        out.append(f'<p class="alt v">{text(article.alternativeHeadline)}</p>\n')
    if article.description:
        out.append(f'<p class="desc v">{text(article.description)}</p>\n')
    byline = []
    authors = [agent for agent in agents.all if "author" in agent.roles]
    if authors:
        byline.append(f"By {_names(authors)}")
    if article.dateline:
        byline.append(text(article.dateline))
    if article.datePublished:
        byline.append(f"Published {_date(article.datePublished)}")
    if article.dateModified:
        byline.append(f"Updated {_date(article.dateModified)}")
    if article.publisher is not None:
        byline.append(f"Publisher: {text(getattr(article.publisher, 'name', None) or 'unnamed')}")
    out.append(f'<p class="byline">{" · ".join(byline) or "No byline in the data"}</p>\n')
    out.append(f'<p class="url">{link(article.url)}</p>\n</header>\n')
    return "".join(out)


def _stats(quotes: Sequence[_Quote], claims: Sequence[_Claim], agents: _Agents, findings: Sequence[Finding]) -> str:
    found = sum(1 for quote in quotes if quote.spans)
    missing = len(quotes) - found
    speakers = [agent for agent in agents.all if agent.quotations or agent.claims]
    unnamed = sum(1 for agent in speakers if agent.unnamed)
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    items = [
        f'<a href="#quotations"><b id="count-quotations">{len(quotes)}</b> quotation{"s" * (len(quotes) != 1)}</a>',
        f'<span class="ok"><b id="count-found">{found}</b> in the text</span>',
        f'<span class="{"bad" if missing else "ok"}"><b id="count-missing">{missing}</b> not found</span>',
        f'<a href="#claims"><b id="count-claims">{len(claims)}</b> claim{"s" * (len(claims) != 1)}</a>',
        f'<a href="#people"><b>{len(speakers)}</b> speaker{"s" * (len(speakers) != 1)}</a>',
        f'<span class="{"warn" if unnamed else "ok"}"><b>{unnamed}</b> unnamed</span>',
        f'<a href="#findings"><b>{counts["error"]}</b> error{"s" * (counts["error"] != 1)}, <b>{counts["warning"]}'
        f'</b> warning{"s" * (counts["warning"] != 1)}, <b>{counts["info"]}</b> info</a>',
    ]
    return '<nav class="stats">' + "".join(f"<span class=\"stat\">{item}</span>" for item in items) + "</nav>\n"


def _body(article: NewsArticle, body: str, quotes: Sequence[_Quote], claims: Sequence[_Claim]) -> str:
    if not body.strip():
        note = ("The article has no <code>articleBody</code>: its quotations cannot be shown in the text or checked "
                "against it. Give the article text as <code>articleBody</code> (the Markdown body of a source file).")
        return f'<article class="body"><p class="note">{note}</p></article>\n'
    # Each stretch of text between two boundaries is covered by the same marks: quotation occurrences, the closest
    # passages of quotations not found, and the passages claims' deep links select. Marks never nest.
    marks: list[tuple[int, int, str, object]] = []
    for quote in quotes:
        marks += [(start, end, "q", quote) for start, end in quote.spans]
        if quote.closest is not None:
            marks.append((*quote.closest[0], "near", quote))
    for claim in claims:
        marks += [(start, end, "c", claim) for start, end in claim.spans]
    ends_of = {}
    for start, end, kind, item in marks:
        key = (kind, id(item))
        ends_of[key] = max(ends_of.get(key, 0), end)
    paragraphs = [(match.start(), match.end()) for match in _PARAGRAPH.finditer(body)]
    cuts = sorted({0, len(body), *(p for pair in paragraphs for p in pair),
                   *(s for start, end, _, _ in marks for s in (start, end))})
    breaks = {start: end for start, end in paragraphs}
    out = ['<article class="body" id="body"><h2 class="sr">Article text</h2>\n<p>']
    skip_to = -1
    for start, end in zip(cuts, cuts[1:]):
        if start < skip_to:
            continue
        if start in breaks:
            out.append("</p>\n<p>")
            skip_to = breaks[start]
            continue
        covering = [(kind, item) for s, e, kind, item in marks if s <= start and end <= e]
        piece = text(body[start:end])
        if not covering:
            out.append(piece)
            continue
        out.append(_marked(piece, covering, end, ends_of))
    out.append("</p>\n</article>\n")
    return "".join(out).replace("<p></p>", "")


def _marked(piece: str, covering: list[tuple[str, object]], end: int, ends_of: dict) -> str:
    quotes = [item for kind, item in covering if kind == "q"]
    nears = [item for kind, item in covering if kind == "near"]
    claims = [item for kind, item in covering if kind == "c"]
    classes, target, title = [], None, []
    if quotes:
        first = quotes[0]
        classes += ["q", f"s{first.speaker.colour}"]
        target = first.speaker.anchor
        title += [f"Q{quote.number}: {quote.speaker.label}" for quote in quotes]
    if nears:
        classes.append("near")
        target = target or nears[0].anchor
        title += [f"closest passage to Q{quote.number} (not found)" for quote in nears]
    if claims:
        classes.append("cl")
        if not quotes and claims[0].authors:
            classes.append(f"s{claims[0].authors[0].colour}")
        target = target or claims[0].anchor
        title += [f"C{claim.number}: deep link of the claim" for claim in claims]
    notes = "".join(
        f'<sup><a href="#{item.anchor}">{prefix}{item.number}{"?" if kind == "near" else ""}</a></sup>'
        for kind, item in covering for prefix in ["Q" if kind in ("q", "near") else "C"]
        if ends_of[(kind, id(item))] == end
    )
    data = "".join(f' data-{kind}="{" ".join(f"{prefix}{item.number}" for item in items)}"'
                   for kind, prefix, items in (("q", "Q", quotes), ("near", "Q", nears), ("c", "C", claims)) if items)
    return (f'<mark class="{" ".join(classes)}"{data} title="{text("; ".join(title))}">'
            f'<a href="#{target}">{piece}</a></mark>{notes}')


def _quotation_list(article: NewsArticle, quotes: Sequence[_Quote]) -> str:
    out = ['<aside class="quotes" id="quotations"><h2>Quotations</h2>\n']
    if not quotes:
        out.append('<p class="note">The article marks up no quotations (<code>hasPart</code> Quotation).</p>\n')
    else:
        out.append('<ol class="items">\n')
    body = article.articleBody or ""
    for quote in quotes:
        model = quote.model
        state = "found" if quote.spans else "missing"
        out.append(f'<li id="{quote.anchor}" class="item {state} s{quote.speaker.colour}">'
                   f'<span class="num">Q{quote.number}</span> ')
        out.append(f'<q class="v">{text(model.text)}</q>\n<p class="meta">— '
                   f'<a class="who s{quote.speaker.colour}" href="#{quote.speaker.anchor}">'
                   f'{text(quote.speaker.label)}</a>')
        if quote.speaker.unnamed:
            out.append(' <span class="badge unnamed">unnamed source</span>')
        if model.dateCreated:
            out.append(f" · said {_date(model.dateCreated)}")
        out.append("</p>\n")
        if quote.spans:
            times = f" {len(quote.spans)} times" if len(quote.spans) > 1 else ""
            out.append(f'<p class="status ok">✓ Verbatim in the text{times}</p>\n')
        elif not body.strip():
            out.append('<p class="status bad">Not checked: the article has no body</p>\n')
        else:
            out.append('<p class="status bad">✗ Not found in the text</p>\n')
            if quote.closest is not None:
                (start, end), ratio, differences = quote.closest
                out.append(f'<p class="closest">Closest passage ({ratio:.0%} alike): <a href="#body">'
                           f'“{text(excerpt(body[start:end], 300, ends=True))}”</a></p>\n')
                if differences:
                    out.append('<ul class="diff">' + "".join(f"<li>{text(d)}</li>" for d in differences) + "</ul>\n")
        if model.url:
            out.append(f'<p class="deep">deep link: {_deep(model.url)}</p>\n')
        elif quote.spans and (computed := _computed_link(article, model.text)):
            out.append(f'<p class="deep">suggested deep link: {_deep(computed)}</p>\n')
        out.append(_finding_lines(quote.findings))
        out.append("</li>\n")
    if quotes:
        out.append("</ol>\n")
    out.append("</aside>\n")
    return "".join(out)


def _computed_link(article: NewsArticle, passage: str) -> str | None:
    try:
        return deep_link(article.url, article.articleBody or "", passage)
    except ValueError:  # not in the body, or no fragment singles it out
        return None


def _deep(url: str) -> str:
    """A deep link as a reader can check it: the page, then the text fragment decoded."""
    page, _, fragment = url.partition("#")
    shown = _host_path(page)
    if fragment:
        shown += " #" + unquote(fragment)
    return link(url, excerpt(shown, 140, ends=True), css="url")


def _claim_list(article: NewsArticle, claims: Sequence[_Claim]) -> str:
    out = ['<section id="claims"><h2>Claims</h2>\n']
    if not claims:
        out.append('<p class="note">The article records no claims (Claim in <code>mentions</code>, <code>about</code>'
                   " or a ClaimReview).</p>\n</section>\n")
        return "".join(out)
    out.append('<ol class="items claims">\n')
    for claim in claims:
        model = claim.model
        colour = claim.authors[0].colour if claim.authors else 0
        out.append(f'<li id="{claim.anchor}" class="item s{colour}"><span class="num">C{claim.number}</span> '
                   f'<span class="v claim">{text(model.text)}</span>\n<p class="meta">made by {_names(claim.authors)}')
        if any(author.unnamed for author in claim.authors):
            out.append(' <span class="badge unnamed">unnamed source</span>')
        interpreter = model.claimInterpreter
        if interpreter is not None:
            out.append(f" · worded by {text(getattr(interpreter, 'name', None) or 'an unnamed organization')}")
        if model.datePublished:
            out.append(f" · made {_date(model.datePublished)}")
        if claim.verdict:
            out.append(f' · <span class="badge verdict">fact-check: {text(claim.verdict)}</span>')
        out.append("</p>\n")
        body = article.articleBody or ""
        passage = excerpt(body[claim.spans[0][0]:claim.spans[0][1]], 160, ends=True) if claim.spans else ""
        if model.url:
            selected = f' — selects <a href="#body">“{text(passage)}”</a>' if passage else ""
            out.append(f'<p class="deep">deep link: {_deep(model.url)}{selected}</p>\n')
        elif claim.reported is not None:
            computed = _computed_link(article, body[claim.spans[0][0]:claim.spans[0][1]])
            out.append(f'<p class="deep">reported in the text ({claim.reported:.0%} alike): <a href="#body">'
                       f'“{text(passage)}”</a></p>\n'
                       + (f'<p class="deep">suggested deep link: {_deep(computed)}</p>\n' if computed else ""))
        else:
            out.append('<p class="deep none">no deep link, and no passage of the text words it closely</p>\n')
        out.append(_finding_lines(claim.findings))
        out.append("</li>\n")
    out.append("</ol>\n</section>\n")
    return "".join(out)


def _sameas(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def _cards(agents: _Agents) -> str:
    out = ['<section id="people"><h2>Who speaks, who wrote it</h2>\n<div class="cards">\n']
    for agent in agents.all:
        model = agent.model
        kind = getattr(model, "type", "Thing")
        shape = "org" if isinstance(model, Organization) else "person" if isinstance(model, Person) else "thing"
        out.append(f'<div class="card {shape} s{agent.colour}{" unnamed" if agent.unnamed else ""}" '
                   f'id="{agent.anchor}">\n<p class="role">{text(kind)} · {text(", ".join(agent.roles))}</p>\n')
        if agent.unnamed:
            out.append('<h3><span class="badge unnamed">unnamed source</span></h3>\n')
            if getattr(model, "description", None):
                out.append(f'<p class="v">{text(model.description)}</p>\n')
        else:
            prefix = getattr(model, "honorificPrefix", None)
            out.append(f'<h3 class="v">{text((prefix + " ") if prefix else "")}{text(model.name)}</h3>\n')
            if getattr(model, "jobTitle", None):
                out.append(f'<p class="job v">{text(model.jobTitle)}</p>\n')
            if getattr(model, "description", None):
                out.append(f'<p class="v">{text(model.description)}</p>\n')
        for name in ("affiliation", "worksFor"):
            places = getattr(model, name, None)
            for place in [places] if places is not None and not isinstance(places, list) else places or ():
                out.append(f'<p class="aff">{name}: {text(getattr(place, "name", None) or "unnamed")}</p>\n')
        links = [(url, _host_path(url)) for url in _sameas(getattr(model, "sameAs", None))]
        if getattr(model, "url", None):
            links.insert(0, (model.url, _host_path(model.url)))
        if links:
            out.append('<ul class="links">' + "".join(
                f"<li>{link(url, label, css='url')}</li>" for url, label in links) + "</ul>\n")
        elif not agent.unnamed and kind in ("Person", "Organization", "NewsMediaOrganization"):
            out.append('<p class="hint">no url or sameAs: consumers cannot tell which one this is</p>\n')
        said = [f'<a href="#q{n}">Q{n}</a>' for n in agent.quotations]
        said += [f'<a href="#c{n}">C{n}</a>' for n in agent.claims]
        if said:
            out.append(f'<p class="said">{" ".join(said)}</p>\n')
        out.append("</div>\n")
    out.append("</div>\n</section>\n")
    return "".join(out)


def _host_path(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    shown = (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) if parts.netloc else url
    return excerpt(shown, 48, ends=True)


def _drawing(agents: _Agents, quotes: Sequence[_Quote], claims: Sequence[_Claim]) -> str:
    """Who said what: speakers on the left, quotations and claims on the right, a line for each."""
    speakers = [agent for agent in agents.all if agent.quotations or agent.claims]
    items: list[tuple[str, str, bool, list[_Agent]]] = [
        (f"Q{q.number}", q.model.text, bool(q.spans) or not q.closest, [q.speaker]) for q in quotes]
    items += [(f"C{c.number}", c.model.text, True, c.authors) for c in claims]
    out = ['<section id="drawing"><h2>Who said what</h2>\n']
    if not items:
        out.append('<p class="note">Nothing to draw: no quotations or claims.</p>\n</section>\n')
        return "".join(out)
    row, top, width = 24, 14, 1140
    height = top * 2 + row * max(len(items), len(speakers))
    left_step = (height - 2 * top) / max(len(speakers), 1)
    where = {agent.number: top + left_step * (index + 0.5) for index, agent in enumerate(speakers)}
    out.append(f'<svg class="who-said-what" role="img" viewBox="0 0 {width} {height}" width="{width}" '
               f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>Who said what</title>\n')
    lines, labels = [], []
    for index, (label, words, ok, by) in enumerate(items):
        y = top + row * (index + 0.5)
        for agent in by:
            y0 = where[agent.number]
            lines.append(f'<path class="edge" d="M306 {y0:.1f} C460 {y0:.1f} 460 {y:.1f} 600 {y:.1f}" '
                         f'stroke="{_PALETTE[agent.colour]}"/>')
        kind = "quote" if label.startswith("Q") else "claim"
        anchor = label.lower()
        labels.append(f'<a href="#{anchor}"><g class="node {kind}{"" if ok else " missing"}">'
                      f'<rect x="600" y="{y - 10:.1f}" width="44" height="20" rx="{10 if kind == "quote" else 3}"/>'
                      f'<text x="622" y="{y + 4:.1f}" text-anchor="middle" class="id">{text(label)}</text>'
                      f'<text x="654" y="{y + 4:.1f}" class="words">{text(excerpt(" ".join(words.split()), 64))}'
                      "</text></g></a>")
    for agent in speakers:
        y = where[agent.number]
        shape = (f'<circle cx="300" cy="{y:.1f}" r="7"/>' if isinstance(agent.model, Person)
                 else f'<rect x="293" y="{y - 7:.1f}" width="14" height="14" rx="2"/>')
        colour = _PALETTE[agent.colour]
        labels.append(f'<a href="#{agent.anchor}"><g class="speaker{" unnamed" if agent.unnamed else ""}" '
                      f'fill="{colour}" stroke="{colour}">{shape}<text x="284" y="{y + 4:.1f}" text-anchor="end">'
                      f'{text(excerpt(agent.label, 34))}</text></g></a>')
    out.append("\n".join(lines + labels))
    out.append('\n</svg>\n<p class="legend"><span class="dot"></span> person <span class="square"></span> '
               'organization · dashed: unnamed source · red: a quotation not found in the text</p>\n</section>\n')
    return "".join(out)


def _finding_lines(findings: Sequence[Finding]) -> str:
    shown = [f for f in findings if f.code != "integrity/quotation-not-in-body"]  # the status above says it
    if not shown:
        return ""
    return '<ul class="findings">' + "".join(
        f'<li class="{f.severity}"><span class="sev">{f.severity}</span> <code>{text(f.code)}</code> '
        f"{text(f.message)}</li>" for f in shown) + "</ul>\n"


def _findings(findings: Sequence[Finding]) -> str:
    out = ['<section id="findings"><h2>What <code>newsld validate</code> says</h2>\n']
    if not findings:
        out.append('<p class="status ok">Nothing: quotations, attribution, claims, corrections and deep links hold '
                   "up against the article.</p>\n</section>\n")
        return "".join(out)
    out.append('<ul class="findings all">' + "".join(
        f'<li class="{f.severity}"><span class="sev">{f.severity}</span> <code>{text(f.code)}</code> '
        f'<span class="path">{text(f.path or "(article)")}</span> {text(f.message)}</li>' for f in findings))
    out.append("</ul>\n</section>\n")
    return "".join(out)


_STYLE = """
:root{--ink:#1d2330;--muted:#5d6678;--line:#dde1e8;--bg:#f6f7f9;--ok:#1f7a3f;--bad:#b3261e;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
background:var(--bg)}
.v,q,td,h1,h3,.claim{unicode-bidi:plaintext;overflow-wrap:anywhere}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:28px 40px 18px}
.kind{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}
h1{font:700 34px/1.2 Georgia,"Times New Roman",serif;margin:6px 0 8px;max-width:60rem}
.alt,.desc{margin:4px 0;color:#394150;font-size:18px;max-width:60rem}
.byline{margin:10px 0 0;color:var(--muted)}
.url{margin:2px 0 0;font-size:13px}
.stats{display:flex;flex-wrap:wrap;gap:8px;padding:12px 40px;background:#fff;border-bottom:1px solid var(--line);
position:sticky;top:0;z-index:2}
.stat{background:var(--bg);border:1px solid var(--line);border-radius:999px;padding:3px 12px;font-size:14px}
.stat a{color:inherit;text-decoration:none}
.stat .ok b{color:var(--ok)}.stat .bad b{color:var(--bad)}.stat .warn b{color:var(--warn)}
.layout{display:grid;grid-template-columns:minmax(0,1.6fr) minmax(0,1fr);gap:28px;padding:24px 40px;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
article.body{background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px 32px;
font:18px/1.7 Georgia,"Times New Roman",serif}
article.body p{white-space:pre-line;margin:16px 0}
.sr{position:absolute;left:-9999px}
mark{color:inherit;background:none;padding:1px 0;border-radius:3px}
mark a{color:inherit;text-decoration:none}
mark.q{background:color-mix(in srgb,var(--c) 20%,#fff);border-bottom:2px solid var(--c)}
mark.near{background:repeating-linear-gradient(45deg,#fde8e6 0 6px,#fff 6px 10px);outline:2px dashed var(--bad)}
mark.cl{text-decoration:underline dotted 2px var(--c,#5d6678);text-underline-offset:5px}
mark.q.near{outline:2px dashed var(--bad)}
sup a{font:700 11px system-ui,sans-serif;color:var(--muted);text-decoration:none;margin-left:1px}
h2{font:700 20px/1.3 system-ui,sans-serif;margin:4px 0 12px}
aside.quotes,section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 20px}
aside.quotes{position:sticky;top:64px;max-height:calc(100vh - 80px);overflow:auto}
section{margin:0 40px 24px}
ol.items{list-style:none;margin:0;padding:0}
ol.claims{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:0 14px}
.item{border-left:4px solid var(--c);padding:8px 12px;margin:0 0 12px;background:#fbfbfc;border-radius:0 6px 6px 0}
.item.missing{border-left-color:var(--bad);background:#fff5f4}
.item:target,.card:target{box-shadow:0 0 0 3px #ffd54f}
.num{font:700 12px system-ui,sans-serif;background:var(--ink);color:#fff;border-radius:4px;padding:1px 6px;
margin-right:4px}
.item q{font-family:Georgia,serif;font-size:16px}
.meta,.status,.closest,.deep,.said,.aff,.role,.hint,.legend{margin:4px 0;font-size:14px;color:var(--muted)}
.status.ok{color:var(--ok);font-weight:600}.status.bad{color:var(--bad);font-weight:600}
.closest a{color:var(--ink)}
.diff{margin:2px 0 0 18px;padding:0;font-size:13px;color:#6b3a36}
.deep{overflow-wrap:anywhere}.deep.none{font-style:italic}
a{color:#1a5fb4}
a.who{color:var(--ink);font-weight:600;text-decoration:none;border-bottom:2px solid var(--c)}
.badge{display:inline-block;font:600 11px/1.6 system-ui,sans-serif;border-radius:4px;padding:0 6px;
vertical-align:1px}
.badge.unnamed{background:#fff3cd;color:#7a5200;border:1px dashed #c99a2e}
.badge.verdict{background:#eef2ff;color:#283c8f}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
.card{border:1px solid var(--line);border-top:4px solid var(--c);border-radius:8px;padding:10px 12px;background:#fff}
.card.unnamed{border-style:dashed;border-top-style:solid}
.card h3{margin:2px 0;font-size:17px}
.card p{margin:2px 0}
.job{font-style:italic;color:#394150}
.links{margin:6px 0 0;padding-left:18px;font-size:13px}
.said a{display:inline-block;margin-right:4px;font-weight:600}
.hint{font-style:italic}
.findings{margin:6px 0 0;padding:0;list-style:none;font-size:14px}
.findings li{margin:3px 0;padding-left:4px}
.sev{font:700 11px system-ui,sans-serif;text-transform:uppercase;border-radius:4px;padding:0 5px;color:#fff}
.error .sev{background:var(--bad)}.warning .sev{background:var(--warn)}.info .sev{background:#4a6b8a}
.path{color:var(--muted);font-family:ui-monospace,monospace;font-size:12px}
.note{color:var(--muted);font-style:italic}
svg.who-said-what{max-width:100%;height:auto;font:13px system-ui,sans-serif}
.edge{fill:none;stroke-width:1.6;opacity:.7}
.node rect{fill:#fff;stroke:#8993a4}.node.quote rect{fill:#f1f4fa}.node.missing rect{stroke:var(--bad);fill:#fde8e6}
.node .id{font-weight:700;fill:var(--ink)}.node .words{fill:#394150}
.speaker text{fill:var(--ink);stroke:none;font-weight:600}
.speaker.unnamed circle,.speaker.unnamed rect{fill:#fff;stroke-dasharray:3 2;stroke-width:2}
.speaker.unnamed text{font-style:italic;font-weight:400}
.legend .dot,.legend .square{display:inline-block;width:10px;height:10px;background:#8993a4;border-radius:50%}
.legend .square{border-radius:2px}
footer{color:var(--muted);font-size:13px;padding:0 40px 30px}
""" + "".join(f".s{index}{{--c:{colour}}}" for index, colour in enumerate(_PALETTE)) + "\n"
