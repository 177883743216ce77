"""Editorial integrity: quotations, claims, corrections and deep links that hold up against the article itself.

``integrity_findings(article)`` compares an article's structured data with its own text and dates. Each finding has a
stable code (``CODES``) and a path into the model (``hasPart[3].text``). Quotations are matched as ``_normalize``
describes (editorial strength): an editorial insertion in [square brackets] or an ellipsis passes only where the
article itself has it, because the match is a plain substring match after normalization; a quotation interrupted by its
attribution is recorded as one Quotation per quoted span, and each span is checked on its own.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from itertools import compress
from operator import itemgetter
from urllib.parse import urldefrag

from .._findings import Codes, Finding, excerpt
from .._types import parse_datetime
from ..models import Claim, ClaimReview, NewsArticle, Organization, Person, Quotation
from ._claimreview import MAX_CLAIM_REVIEWED, claim_too_long, verdict_in_claim
from ._normalize import Span, find_passages, normalize, normalize_text
from ._quotes import quoted_spans
from ._textfragment import find_fragment, text_directives

__all__ = ["CODES", "claim_parts", "closest_passage", "integrity_findings", "is_unnamed", "quotation_parts",
           "quotation_problem", "review_parts"]

# Words for the closest-passage search: quote marks and other punctuation around a word do not make it another word.
_WORD = re.compile(r"\w+(?:['.\-]\w+)*")

CODES = Codes({
    "integrity/no-article-body": ("warning", "the article has quotations but no articleBody to check them against"),
    "integrity/quotation-not-in-body": (
        "error", "a quotation's text is not in the article body (the message shows the closest passage)"),
    "integrity/quotation-not-quoted": (
        "warning", "a quotation's text is in the article body, but never inside quotation marks"),
    "integrity/speaker-not-an-entity": (
        "error", "a quotation's speaker or a claim's author is not among the article's mentions, about, author or "
        "publisher"),
    "integrity/unnamed-sources": ("info", "how many quotations and claims rest only on unnamed sources"),
    "integrity/unnamed-sources-policy-missing": (
        "warning", "the article relies on unnamed sources and its publisher has no unnamedSourcesPolicy"),
    "integrity/claim-no-interpreter": (
        "info", "a claim has no claimInterpreter (who worded it; usually the publisher)"),
    "integrity/claim-no-date": ("info", "a claim has no datePublished (when it was made)"),
    "integrity/dated-after-article": (
        "warning", "a quotation or claim is dated after the article's datePublished and dateModified"),
    "integrity/claimreview-claim-too-long": ("warning", "claimReviewed is 75 characters or longer"),
    "integrity/claimreview-verdict-in-claim": ("warning", "claimReviewed contains the verdict (reviewRating's "
                                               "alternateName)"),
    "integrity/claimreview-rich-result-retired": (
        "info", "Google Search phased out the ClaimReview rich result in 2025; Fact Check Explorer still reads it"),
    "integrity/correction-no-date-modified": ("error", "the article carries a correction but no dateModified"),
    "integrity/correction-date-modified-not-later": (
        "error", "the article carries a correction but its dateModified is not after its datePublished"),
    "integrity/correction-after-date-modified": ("error", "a correction is dated after the article's dateModified"),
    "integrity/correction-before-publication": ("error", "a correction is dated before the article's datePublished"),
    "integrity/deep-link-malformed": ("error", "a quotation's or claim's url has a malformed text fragment"),
    "integrity/deep-link-no-match": ("error", "a quotation's or claim's text fragment selects nothing in the body"),
    "integrity/deep-link-wrong-passage": (
        "error", "a quotation's text fragment selects other text than the quotation"),
    "integrity/deep-link-ambiguous": ("warning", "a text fragment also selects other passages of the body"),
})


def _finding(code: str, path: str, message: str) -> Finding:
    return CODES.finding(code, message, path)


def integrity_findings(article: NewsArticle) -> list[Finding]:
    """Everything in ``article``'s quotations, claims, reviews and corrections that its own text or dates contradict."""
    if not isinstance(article, NewsArticle):
        raise TypeError(f"integrity_findings expects a NewsArticle, not {type(article).__name__}")
    findings: list[Finding] = []
    findings += _quotations(article)
    findings += _attribution(article)
    findings += _claims(article)
    findings += _claim_reviews(article)
    findings += _corrections(article)
    findings += _deep_links(article)
    return findings


# -------------------------------------------------------------------------------------------------------- what to check


def quotation_parts(article: NewsArticle) -> list[tuple[str, Quotation]]:
    """Each quotation with its path in the article (``hasPart[3]``)."""
    return [(f"hasPart[{index}]", part) for index, part in enumerate(article.hasPart or ())
            if isinstance(part, Quotation)]


def review_parts(article: NewsArticle) -> list[tuple[str, ClaimReview]]:
    """Each ClaimReview with its path in the article."""
    return [(f"hasPart[{index}]", part) for index, part in enumerate(article.hasPart or ())
            if isinstance(part, ClaimReview)]


def claim_parts(article: NewsArticle) -> list[tuple[str, Claim]]:
    """Each claim once, at the first place it occurs: mentions, about, a review's itemReviewed."""
    found: list[tuple[str, Claim]] = []
    seen: set = set()
    places = [(f"{name}[{index}]", item) for name in ("mentions", "about")
              for index, item in enumerate(getattr(article, name) or ())]
    places += [(f"{path}.itemReviewed", review.itemReviewed) for path, review in review_parts(article)]
    for path, item in places:
        if isinstance(item, Claim) and id(item) not in seen:
            seen.add(id(item))
            found.append((path, item))
    return found


def _last_date(article: NewsArticle):
    dates = [parse_datetime(value) for value in (article.datePublished, article.dateModified) if value]
    return max(dates) if dates else None


# ----------------------------------------------------------------------------------------------------------- quotations


def _quotations(article: NewsArticle) -> Iterator[Finding]:
    parts = quotation_parts(article)
    if not parts:
        return
    body = article.articleBody
    if not body or not body.strip():
        yield _finding("integrity/no-article-body", "articleBody",
                       f"{len(parts)} quotation(s) but no articleBody: newsld cannot check that they are verbatim; "
                       "give the article text as articleBody (the Markdown body of a source file)")
        return
    quoted: _Quoted | None = None  # only a quotation that is in the body needs the body's quoted passages
    last = _last_date(article)
    for path, quotation in parts:
        problem = quotation_problem(body, quotation.text, "article body")
        if problem:
            yield _finding("integrity/quotation-not-in-body", f"{path}.text", problem)
        elif not (quoted := quoted or _Quoted(body)).holds_any(quotation.text):
            yield _finding("integrity/quotation-not-quoted", f"{path}.text",
                           f"{_show(quotation.text)} is in the article body, but not inside quotation marks there: "
                           "the article presents these words as its own, not as a quotation")
        if quotation.dateCreated and last and parse_datetime(quotation.dateCreated) > last:
            yield _finding("integrity/dated-after-article", f"{path}.dateCreated",
                           f"dateCreated {quotation.dateCreated} is after the article's last date "
                           f"({article.dateModified or article.datePublished})")


class _Quoted:
    """The passages of a body inside quotation marks (in order, none inside another)."""

    def __init__(self, body: str):
        self.body = body
        self.spans = quoted_spans(body)
        self.starts = [start for start, _ in self.spans]

    def holds_any(self, text: str) -> bool:
        """Whether some occurrence of ``text`` in the body lies inside quotation marks."""
        for start, end in normalize(self.body).occurrences(normalize_text(text)):
            index = bisect_right(self.starts, start) - 1
            if index >= 0 and end <= self.spans[index][1]:
                return True
        return False


_CLOSEST_LIMIT = 10_000


def quotation_problem(body: str, text: str, where: str) -> str | None:
    """None when ``text`` is verbatim in ``body``; otherwise what is wrong, with the closest passage of ``body``."""
    if find_passages(body, text, limit=1):
        return None
    message = f"{_show(text)} is not in the {where}"
    if normalize(body, primary=True).find_all(normalize_text(text, primary=True), limit=1):
        return message + " as written; it is there if letter case and accents are ignored: quote the exact wording"
    # Aligning words costs the product of the two lengths: past a page of text, say what is wrong without the closest.
    closest = closest_passage(body, text) if len(text) <= _CLOSEST_LIMIT else None
    if len(text) > _CLOSEST_LIMIT:
        message += f"; at {len(text):,} characters it is too long to look for the closest passage"
    elif closest is None:
        message += "; nothing there resembles it"
    else:
        (start, end), ratio, differences = closest
        message += f". Closest passage ({ratio:.0%} alike): {_show(body[start:end])}"
        if differences:
            message += "; " + "; ".join(differences)
    if "[" in text or "\u2026" in text or "..." in text:
        message += (". An editorial insertion in [brackets] or an ellipsis is accepted only where the article has it; "
                    "record the passages around a cut as separate Quotations")
    return message


def _show(text: str, limit: int = 160) -> str:
    return f"\u201c{excerpt(' '.join(text.split()), limit, ends=True)}\u201d"


def closest_passage(body: str, text: str) -> tuple[Span, float, list[str]] | None:
    """The passage of ``body`` most like ``text``: its span, how alike (0..1) and the word differences, or None.

    A window as long as ``text`` slides over the body's words counting shared words; the best few windows are then
    aligned word by word with difflib and widened or narrowed to the aligned words. Linear in the body and small in
    memory whatever its size: the words are read a chunk at a time, and only those of the best windows are kept.
    """
    folded = normalize(body)
    shown = _WORD.findall(normalize_text(text))
    wanted = [word.casefold() for word in shown]
    if not wanted:
        return None
    words = _Words(folded.text, wanted)
    firsts, width = words.best_windows()
    margin = max(3, width // 4)
    best: tuple[float, int, int] | None = None
    for first in firsts:
        low, high = max(0, first - margin), min(words.count, first + width + margin)
        around = [word for _, word in words.between(low, high)]
        blocks = [block for block in SequenceMatcher(None, wanted, around, autojunk=False).get_matching_blocks()
                  if block.size]
        if not blocks:
            continue
        start, stop = low + blocks[0].b, low + blocks[-1].b + blocks[-1].size
        ratio = SequenceMatcher(None, wanted, around[start - low: stop - low], autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = ratio, start, stop
    if best is None:
        return None
    _, start, stop = best
    spans = [span for span, _ in words.between(start, stop)]
    passage = folded.text[spans[0][0]: spans[-1][1]]
    needle = normalize_text(text)
    # Characters tell brackets and punctuation apart, which words do not; past a thousand they cost too much.
    ratio = SequenceMatcher(None, needle, passage, autojunk=False).ratio() if len(needle) <= 1000 else best[0]
    found = [folded.text[begin:end] for begin, end in spans]
    differences = _differences(shown, found) or ["they differ only in punctuation, brackets or spacing"]
    return folded.source_span(spans[0][0], spans[-1][1]), ratio, differences


_CHUNK = 1 << 16  # characters of text tokenized at a time: a few hundred kilobytes of words
_SPACE = re.compile(r"\s")
_CANDIDATES = 5  # windows aligned word by word


class _Words:
    """The words of a (normalized) text as a quotation's words see them: how many there are, which windows of them
    share the most words with the quotation, and the words of a range. Nothing is kept per word of the text."""

    def __init__(self, text: str, wanted: list[str]):
        self.text = text
        self.want = Counter(wanted)
        self.width = len(wanted)
        self.ids = {word: number for number, word in enumerate(self.want, 1)}
        self.chunks: list[tuple[int, int, int]] = []  # (start, end, index of its first word), known after one pass
        self.count = 0  # words in the text, known after one pass

    def _wanted(self) -> Iterator[tuple[int, int]]:
        """(word index, quotation word id) of every word of the text that is one of the quotation's, in order."""
        ids, text = self.ids, self.text
        if self.chunks:
            chunks: Iterable[tuple[int, int, int]] = self.chunks
        else:
            chunks = self._chunk()
        for start, end, first in chunks:
            chunk = text[start:end]
            if chunk.isascii():  # casefolding ASCII is lower-casing, and changes no word's extent: fold it at once
                numbers = list(map(ids.get, _WORD.findall(chunk.lower())))
            else:
                numbers = [ids.get(word.casefold()) for word in _WORD.findall(chunk)]
            self.count = max(self.count, first + len(numbers))
            # Ids count from 1, so that the words that are not the quotation's (None) are the false ones.
            yield from zip(compress(range(first, first + len(numbers)), numbers), filter(None, numbers))

    def _chunk(self) -> Iterator[tuple[int, int, int]]:
        start, text = 0, self.text
        while start < len(text):
            cut = _SPACE.search(text, start + _CHUNK) if start + _CHUNK < len(text) else None
            end = cut.start() if cut else len(text)  # words never hold whitespace: a cut there splits none
            first = self.count
            self.chunks.append((start, end, first))
            yield start, end, first
            start = end

    def best_windows(self) -> tuple[list[int], int]:
        """The best windows (see ``_best``) as long as the quotation, or as the text when that is shorter, and that
        length in words."""
        found = self._best(self.width)
        if self.count < self.width:
            self.width = self.count
            found = self._best(self.width) if self.count else []
        return found, self.width

    def _best(self, width: int) -> list[int]:
        """The first words of the windows of ``width`` words that share the most words with the quotation (a word
        counts as often as the quotation has it): best first and, among equals, earliest first; none that shares none.

        A window's score changes only where a quotation word enters or leaves it, so only those places are visited.
        """
        want = [0] + [self.want[word] for word in self.ids]
        have = [0] * len(want)
        shared = 0
        inside: deque = deque()  # (index, id) of the quotation words in the current window
        best: list[tuple[int, int]] = []  # a heap of (score, -first): the weakest, and among those the latest, on top
        floor = 0  # what a window must share to be a candidate: more than the weakest of five, once there are five
        unscored = width - 1  # windows are named by their last word: the first window not yet scored

        def candidates(last: int) -> None:
            # The windows ending at unscored..last all share ``shared`` words: the earliest of them may be candidates.
            nonlocal floor
            for end in range(unscored, min(last, unscored + _CANDIDATES - 1) + 1):
                if len(best) < _CANDIDATES:
                    heapq.heappush(best, (shared, width - 1 - end))
                elif shared > best[0][0]:
                    heapq.heapreplace(best, (shared, width - 1 - end))
                else:
                    break
            if len(best) == _CANDIDATES:
                floor = best[0][0]

        for index, number in self._wanted():
            while inside and inside[0][0] + width <= index:  # words that have left the window by now
                position, gone = inside.popleft()
                if position + width - 1 >= unscored:
                    if shared > floor:
                        candidates(position + width - 1)
                    unscored = position + width
                have[gone] -= 1
                if have[gone] < want[gone]:
                    shared -= 1
            if index > unscored:
                if shared > floor:
                    candidates(index - 1)
                unscored = index
            if have[number] < want[number]:
                shared += 1
            have[number] += 1
            inside.append((index, number))
        while inside:
            position, gone = inside.popleft()
            last = min(position + width, self.count) - 1
            if last >= unscored:
                if shared > floor:
                    candidates(last)
                unscored = last + 1
            have[gone] -= 1
            if have[gone] < want[gone]:
                shared -= 1
        return [-first for _, first in sorted(best, key=lambda entry: (-entry[0], -entry[1]))]

    def between(self, low: int, high: int) -> list[tuple[Span, str]]:
        """(span in the text, casefolded word) of the words ``low`` to ``high - 1``."""
        found: list[tuple[Span, str]] = []
        # The chunk holding word ``low``: the last one that begins at or before it.
        chunk = max(0, bisect_right(self.chunks, low, key=itemgetter(2)) - 1)
        for start, end, first in self.chunks[chunk:]:
            if first >= high:
                break
            for offset, match in enumerate(_WORD.finditer(self.text, start, end)):
                if first + offset >= high:
                    break
                if first + offset >= low:
                    found.append((match.span(), match.group().casefold()))
        return found


def _differences(wanted: list[str], found: list[str], limit: int = 3) -> list[str]:
    """The word differences between a quotation and its closest passage, in words as written (compared caselessly,
    as the closest passage was found)."""
    described = []
    matcher = SequenceMatcher(None, [w.casefold() for w in wanted], [w.casefold() for w in found], autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        quoted, actual = " ".join(wanted[a1:a2]), " ".join(found[b1:b2])
        if tag == "replace":
            described.append(f"the quotation has {_show(quoted, 60)} where the article has {_show(actual, 60)}")
        elif tag == "delete":
            described.append(f"the quotation adds {_show(quoted, 60)}")
        elif tag == "insert":
            described.append(f"the article also has {_show(actual, 60)} there")
    if len(described) > limit:
        described = described[:limit] + [f"{len(described) - limit} more difference(s)"]
    return described


# ---------------------------------------------------------------------------------------------------------- attribution


def _entities(article: NewsArticle) -> list:
    entities = list(article.author or ()) + list(article.mentions or ()) + list(article.about or ())
    return entities + ([article.publisher] if article.publisher else [])


def _is_entity(agent, entities: Iterable) -> bool:
    if getattr(agent, "id", None):
        return any(getattr(entity, "id", None) == agent.id for entity in entities)
    return any(entity is agent or entity == agent for entity in entities)


def _label(agent) -> str:
    if agent.name:
        return f"{agent.type} {_show(agent.name)}"
    return f"unnamed {agent.type} {_show(agent.description or '')}"


def is_unnamed(agent) -> bool:
    """Whether a speaker or claimant is an unnamed source (a Person or Organization with no name)."""
    return isinstance(agent, (Person, Organization)) and not agent.name


def _attribution(article: NewsArticle) -> Iterator[Finding]:
    entities = _entities(article)
    advice = "add it to the article's mentions (or correct the reference)"
    for path, quotation in quotation_parts(article):
        if not _is_entity(quotation.spokenByCharacter, entities):
            yield _finding("integrity/speaker-not-an-entity", f"{path}.spokenByCharacter",
                           f"the speaker, {_label(quotation.spokenByCharacter)}, is not among the article's mentions, "
                           f"about, author or publisher: {advice}")
    for path, claim in claim_parts(article):
        for index, author in enumerate(claim.author):
            if not _is_entity(author, entities):
                yield _finding("integrity/speaker-not-an-entity", f"{path}.author[{index}]",
                               f"the claim's author, {_label(author)}, is not among the article's mentions, about, "
                               f"author or publisher: {advice}")
    yield from _unnamed_sources(article)


def _unnamed_sources(article: NewsArticle) -> Iterator[Finding]:
    quotations = [quotation for _, quotation in quotation_parts(article)]
    claims = [claim for _, claim in claim_parts(article)]
    unnamed_quotes = [q for q in quotations if is_unnamed(q.spokenByCharacter)]
    unnamed_claims = [c for c in claims if all(is_unnamed(author) for author in c.author)]
    if not unnamed_quotes and not unnamed_claims:
        return
    sources = [q.spokenByCharacter for q in unnamed_quotes] + [a for c in unnamed_claims for a in c.author]
    described = list(dict.fromkeys(source.description or source.type for source in sources))
    policy = getattr(article.publisher, "unnamedSourcesPolicy", None)
    message = (f"{len(unnamed_quotes)} of {len(quotations)} quotation(s) and {len(unnamed_claims)} of {len(claims)} "
               f"claim(s) rest only on unnamed sources ({'; '.join(described)})")
    yield _finding("integrity/unnamed-sources", "", message + (f"; the publisher's policy: {policy}" if policy else ""))
    if policy is None:
        where = ("give the publisher (a NewsMediaOrganization) an unnamedSourcesPolicy"
                 if article.publisher else "give the article a publisher with an unnamedSourcesPolicy")
        yield _finding("integrity/unnamed-sources-policy-missing", "publisher",
                       f"the article relies on unnamed sources: {where}, the page on when the newsroom grants "
                       "anonymity, so readers can weigh them")


# ------------------------------------------------------------------------------------------------------ claims, reviews


def _claims(article: NewsArticle) -> Iterator[Finding]:
    last = _last_date(article)
    claims = claim_parts(article)
    publisher = f" (usually the publisher, {_show(article.publisher.name)})" if getattr(
        article.publisher, "name", None) else ""
    yield from _claims_without(claims, "claimInterpreter", "integrity/claim-no-interpreter",
                               f"name who worded it this way{publisher}")
    yield from _claims_without(claims, "datePublished", "integrity/claim-no-date", "say when it was made")
    for path, claim in claims:
        if claim.datePublished and last and parse_datetime(claim.datePublished) > last:
            yield _finding("integrity/dated-after-article", f"{path}.datePublished",
                           f"the claim is dated {claim.datePublished}, after the article's last date "
                           f"({article.dateModified or article.datePublished})")


def _claims_without(claims: list[tuple[str, Claim]], name: str, code: str, advice: str) -> Iterator[Finding]:
    # One finding for all the claims that lack a property: advice, not a problem of each claim.
    paths = [path for path, claim in claims if getattr(claim, name) is None]
    if len(paths) == 1:
        yield _finding(code, paths[0], f"the claim has no {name}: {advice}")
    elif paths:
        parent = "mentions" if all(path.startswith("mentions[") for path in paths) else ""
        yield _finding(code, parent, f"{len(paths)} claims have no {name} ({', '.join(paths)}): for each, {advice}")


def _claim_reviews(article: NewsArticle) -> Iterator[Finding]:
    reviews = review_parts(article)
    for path, review in reviews:
        claimed = review.claimReviewed
        if claim_too_long(claimed):
            yield _finding("integrity/claimreview-claim-too-long", f"{path}.claimReviewed",
                           f"claimReviewed is {len(claimed)} characters; Google asks for fewer than "
                           f"{MAX_CLAIM_REVIEWED}: state the claim briefly")
        verdict = review.reviewRating.alternateName
        if verdict_in_claim(claimed, verdict):
            yield _finding("integrity/claimreview-verdict-in-claim", f"{path}.claimReviewed",
                           f"claimReviewed contains the verdict {_show(verdict)}: state the claim as made, and the "
                           "verdict only in reviewRating.alternateName")
    if reviews:
        yield _finding("integrity/claimreview-rich-result-retired", reviews[0][0],
                       "Google Search phased out the ClaimReview rich result in 2025; Google's Fact Check Explorer "
                       "and other fact-check tools still read ClaimReview, so keep it accurate")


# ---------------------------------------------------------------------------------------------------------- corrections


def _corrections(article: NewsArticle) -> Iterator[Finding]:
    corrections = article.correction or []
    if not corrections:
        return
    published = parse_datetime(article.datePublished) if article.datePublished else None
    if not article.dateModified:
        yield _finding("integrity/correction-no-date-modified", "dateModified",
                       "the article carries a correction but no dateModified: set it to when the article was "
                       "corrected")
        modified = None
    else:
        modified = parse_datetime(article.dateModified)
        if published and modified <= published:
            yield _finding("integrity/correction-date-modified-not-later", "dateModified",
                           f"the article carries a correction but dateModified ({article.dateModified}) is not after "
                           f"datePublished ({article.datePublished}): a correction changes the article")
    for index, correction in enumerate(corrections):
        when = parse_datetime(correction.datePublished)
        path = f"correction[{index}].datePublished"
        if modified and when > modified:
            yield _finding("integrity/correction-after-date-modified", path,
                           f"the correction is dated {correction.datePublished}, after the article's dateModified "
                           f"({article.dateModified}): dateModified must be on or after the latest correction")
        if published and when < published:
            yield _finding("integrity/correction-before-publication", path,
                           f"the correction is dated {correction.datePublished}, before the article was published "
                           f"({article.datePublished})")


# ----------------------------------------------------------------------------------------------------------- deep links


def _pages(article: NewsArticle) -> set:
    pages = {urldefrag(article.url)[0]}
    if article.mainEntityOfPage is not None:
        pages.add(urldefrag(article.mainEntityOfPage.url)[0])
    return pages


def _deep_links(article: NewsArticle) -> Iterator[Finding]:
    body = article.articleBody
    if not body:
        return
    pages = _pages(article)
    items = [(path, part) for path, part in quotation_parts(article)] + claim_parts(article)
    for path, item in items:
        if not item.url or urldefrag(item.url)[0] not in pages:
            continue  # a link to another page (the source of a quotation, say) is not this article's to check
        for directive in text_directives(item.url):
            yield from _deep_link(body, f"{path}.url", item, directive)


def _deep_link(body: str, path: str, item, directive: str) -> Iterator[Finding]:
    try:
        selected = find_fragment(body, directive)
    except ValueError as exc:
        yield _finding("integrity/deep-link-malformed", path, f"the text fragment {directive!r} is malformed: {exc}")
        return
    if not selected:
        yield _finding("integrity/deep-link-no-match", path,
                       f"the text fragment {directive!r} selects nothing in the article body, so the link lands at "
                       f"the top of the page; build one with newsld.deep_link")
        return
    intended = find_passages(body, item.text) if isinstance(item, Quotation) else None
    if intended and not any(_same_words(body, selected[0], span) for span in intended):
        yield _finding("integrity/deep-link-wrong-passage", path,
                       f"the text fragment selects {_show(body[selected[0][0]:selected[0][1]])}, not the quotation; "
                       "build one with newsld.deep_link")
        return
    others = [span for span in selected[1:] if not (intended and any(_same_words(body, span, i) for i in intended))]
    if others:
        yield _finding("integrity/deep-link-ambiguous", path,
                       f"the text fragment selects {len(selected)} passages of the body; a browser highlights the "
                       f"first, {_show(body[selected[0][0]:selected[0][1]])}. Add context (newsld.deep_link does) so "
                       f"that it selects one")


def _same_words(body: str, one: Span, other: Span) -> bool:
    """Whether two spans hold the same words, ignoring punctuation and spaces at their edges."""
    def core(span: Span) -> Span:
        start, end = span
        while start < end and not body[start].isalnum():
            start += 1
        while end > start and not body[end - 1].isalnum():
            end -= 1
        return start, end

    return core(one) == core(other)
