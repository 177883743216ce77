"""Direct quotations in an article body, each with a guessed speaker: a draft of ``hasPart`` for an editor to confirm.

Quoted spans: “…”, „…“ (or „…”), «…» and "…" (straight marks paired in order), and in a paragraph without double
quotes, British ‘…’. A span still open at the end of its paragraph ends there: a quotation running over paragraphs is
one Quotation per paragraph, as the authoring format records every quotation interrupted by other text.

Each Quotation's text follows the authoring format's convention: the quoted words without their marks, without a
trailing comma (it belongs to the attribution: “…,” said X), and for a fragment set inside the article's own sentence
without the full stop that ends that sentence (… are “extending the war.”); a whole quoted sentence keeps its own.

The speaker is guessed from the article's own sentence, in this order:

1. after the quote: “…,” said X / “…,” X said / “…,” according to X (any verb of ``SPEECH_VERBS``);
2. before it, in the same sentence: X said “…” / X said that … “…” / According to X, “…”;
3. a pronoun (“…,” he stated) is the speaker of the latest quotation that has one;
4. a quote without attribution continues the previous quote of its paragraph (“…,” said X. “And …”), or of the
   paragraph before when that one was left open and this one opens its paragraph (a quotation running over
   paragraphs, whose earlier spans also take the speaker named in a later one); otherwise the speaker is unknown and
   the draft says so rather than guess.

A guessed speaker becomes ``spokenByCharacter: <id>`` when it names an entity of the source: its name or alternateName,
a name it ends with ("Prime Minister Dmitry Medvedev"), the last word of one name (a surname), or for an unnamed
source (no name) the head noun of its description ("the source" → "a source close to the Russian military").
Otherwise the draft carries the guess as a comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ._normalize import Span, normalize_text

__all__ = ["FoundQuote", "find_quotes", "quoted_spans", "match_entity", "draft", "draft_yaml", "SPEECH_VERBS"]

SPEECH_VERBS = frozenset(
    """acknowledged added adds admitted admits announced announces answered answers argued argues asked asks boasted
    claimed claims commented comments complained complains conceded concedes concluded concludes confirmed confirms
    continued continues countered counters cried declared declares denied denies emphasised emphasized explained
    explains insisted insists joked maintained maintains noted notes observed observes pledged posted predicted
    promised recalled recalls remarked remarks replied replies responded responds said say says shouted stated states
    stressed stresses suggested suggests tells threatened told tweeted urged urges vowed vows warned warns wrote
    writes""".split()
)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "another", "this", "that", "some", "his", "her", "their", "its"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "del", "della", "der", "den", "di", "da", "du", "la",
                             "le", "van", "von", "y", "abu", "bint"})
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
                            "st", "jr", "sr", "rev", "mt", "no", "vs", "u.s", "u.k", "u.n", "e.g", "i.e"})

# Opening mark → the marks that close it.
_PAIRS = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", '"': '"'}
_CLOSERS = "".join(set("".join(_PAIRS.values())))
_ATTRIBUTION_STOP = re.compile(
    r"[,;:()\[\]\u2013\u2014]|\s(?:in|on|at|to|during|after|before|when|while|last|this|yesterday|today|from|for|"
    r"as|adding|who|which)\s",
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class FoundQuote:
    text: str  # the Quotation text
    start: int  # its span in the body
    end: int
    paragraph: int
    speaker: str | None  # the guessed speaker as the article names it ("the source", "he" resolved), or None
    attribution: str | None  # the words it was guessed from ("explained the source"), or None


@dataclass(frozen=True)
class _Span:
    open: int  # offset of the opening mark
    inner_start: int
    inner_end: int
    close: int  # offset just after the closing mark (inner_end when the span runs to its paragraph's end)
    paragraph: int


# --------------------------------------------------------------------------------------------------------- quoted spans


def _paragraphs(body: str) -> Iterator[Span]:
    start = 0
    for gap in re.finditer(r"\n[ \t\r\f]*\n\s*", body):
        yield start, gap.start()
        start = gap.end()
    yield start, len(body)


_OPENING = re.compile("[" + "".join(_PAIRS) + "]")
_CLOSING = {opening: re.compile("[" + closers + "]") for opening, closers in _PAIRS.items()}


def _double_spans(body: str, start: int, end: int, number: int) -> list[_Span]:
    spans: list[_Span] = []
    opening = _OPENING.search(body, start, end)
    while opening is not None:
        index = opening.start()
        closing = _CLOSING[body[index]].search(body, index + 1, end)
        close = closing.start() if closing else end
        spans.append(_Span(index, index + 1, close, min(close + 1, end), number))
        opening = _OPENING.search(body, close + 1, end)
    return spans


def _single_close(body: str, opening: int, end: int) -> int:
    """Where a British ‘ quote closes. ’ is also the apostrophe: of "Russia’s" (a letter follows, never a closer) and of
    "soldiers’ choice" (like a closer), so a ’ after punctuation (“…choice,’ said”) is preferred, before the next ‘."""
    following = _next_single_open(body, opening + 1, end)
    limit = following if following is not None else end
    first = None
    index = body.find("\u2019", opening + 1, limit)
    while index >= 0:
        if (index + 1 == end or not body[index + 1].isalpha()) and not body[index - 1].isspace():
            if body[index - 1] in ",.!?;:":
                return index
            if first is None:
                first = index
        index = body.find("\u2019", index + 1, limit)
    return first if first is not None else limit


def _next_single_open(body: str, start: int, end: int) -> int | None:
    """The next ‘ at or after ``start`` that opens a quote (the text is taken to begin before ``start``)."""
    index = body.find("\u2018", start, end)
    while index >= 0 and body[index - 1].isalnum():
        index = body.find("\u2018", index + 1, end)
    return index if index >= 0 else None


def _single_spans(body: str, start: int, end: int, number: int) -> list[_Span]:
    spans: list[_Span] = []
    index = start if start < end and body[start] == "\u2018" else _next_single_open(body, start + 1, end)
    while index is not None:
        close = _single_close(body, index, end)
        spans.append(_Span(index, index + 1, close, min(close + 1, end), number))
        index = _next_single_open(body, close + 1, end)
    return spans


def _spans(body: str) -> list[_Span]:
    spans: list[_Span] = []
    for number, (start, end) in enumerate(_paragraphs(body)):
        found = _double_spans(body, start, end, number)
        spans += found or _single_spans(body, start, end, number)
    return spans


def quoted_spans(body: str) -> list[Span]:
    """The span of every passage inside quotation marks (without the marks)."""
    return [(span.inner_start, span.inner_end) for span in _spans(body)]


# ------------------------------------------------------------------------------------------------------- quotation text


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-ending punctuation mark in ``text`` (not after Mr., Dr., initials...)."""
    ends = []
    for match in re.finditer(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)", text):
        word = re.search(r"(\S+)$", text[: match.start()])
        stem = word.group(1).lower().lstrip("(\"'\u201c\u2018") if word else ""
        if match.group().startswith(".") and (stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha())):
            continue
        ends.append(match.end())
    return ends


def _is_fragment(body: str, span: _Span, paragraph_start: int) -> bool:
    """Whether the quote sits inside the article's own sentence rather than starting one."""
    before = body[paragraph_start: span.open].rstrip()
    return bool(before) and before[-1] not in ".!?:" and not before.endswith(tuple(_CLOSERS))


def _quotation_text(body: str, span: _Span, paragraph_start: int) -> Span | None:
    start, end = span.inner_start, span.inner_end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start and body[end - 1] == ",":
        end -= 1
    elif end > start and body[end - 1] == "." and body[end - 3: end] != "..." and _is_fragment(body, span,
                                                                                                 paragraph_start):
        end -= 1
    return (start, end) if end > start else None


# ---------------------------------------------------------------------------------------------------------- attribution


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text):
        bare = word.strip(".,;:!?\"'()[]\u201c\u201d\u2018\u2019")
        # "Mr." keeps its full stop; "Roe." at a sentence's end does not.
        words.append(bare + "." if word.endswith(".") and bare.lower() in _ABBREVIATIONS else bare)
    return words


def _is_name_word(word: str) -> bool:
    head = word.split("-", 1)[0].lower()
    return bool(word) and (word[0].isupper() or word.lower() in _NAME_PARTICLES or head in _NAME_PARTICLES)


def _who_before(words: list[str]) -> str | None:
    """The speaker named by the words just before a speech verb: a name, a pronoun or 'the source'."""
    if not words:
        return None
    if words[-1].lower() in _PRONOUNS:
        return words[-1].lower()
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word):
            break
        name.insert(0, word)
    while name and name[0].lower() in _NAME_PARTICLES:
        name.pop(0)
    if name:
        return " ".join(name)
    for back in range(1, min(4, len(words)) + 1):
        if words[-back].lower() in _DETERMINERS:
            return " ".join(words[-back:])
    return None


def _who_after(text: str) -> str | None:
    """The speaker named after a speech verb: up to the first comma, preposition or the like."""
    stop = _ATTRIBUTION_STOP.search(text)
    who = (text[: stop.start()] if stop else text).strip(" .!?\"'\u201c\u201d")
    return who if who and len(who.split()) <= 8 else None


def _verb_at(words: list[str]) -> list[int]:
    return [index for index, word in enumerate(words) if word.lower() in SPEECH_VERBS]


def _attribution_after(text: str) -> tuple[str, str] | None:
    text = text.lstrip(" ,\u2013\u2014-")
    according = _ACCORDING_TO.match(text)
    if according:
        who = _who_after(text[according.end():])
        return (who, text.strip(" .")) if who else None
    words = _words(text)
    verbs = _verb_at(words)
    if not verbs:
        return None
    if verbs[0] == 0:
        who = _who_after(text[_WORD.match(text).end():])
    else:
        who = _who_before(words[: verbs[0]]) if verbs[0] <= 8 else None
    return (who, text.strip(" .")) if who else None


def _attribution_before(text: str) -> tuple[str, str] | None:
    according = list(_ACCORDING_TO.finditer(text))
    if according:
        clause = text[according[-1].end():]
        who = clause.split(",", 1)[0].strip()
        if who and len(who.split()) <= 8:
            return who, text[according[-1].start():].strip(" ,:")
    words = _words(text)
    verbs = _verb_at(words)
    if not verbs:
        return None
    who = _who_before(words[: verbs[-1]])
    return (who, text.strip(" ,:")) if who else None


# ----------------------------------------------------------------------------------------------------------- the finder


def find_quotes(body: str) -> list[FoundQuote]:
    """Every quoted passage of ``body`` with its guessed speaker, in document order."""
    paragraphs = list(_paragraphs(body))
    spans = [span for span in _spans(body) if _quotation_text(body, span, paragraphs[span.paragraph][0])]
    found: list[FoundQuote] = []
    for index, span in enumerate(spans):
        paragraph_start, paragraph_end = paragraphs[span.paragraph]
        earlier = spans[index - 1] if index else None
        later = spans[index + 1] if index + 1 < len(spans) and spans[index + 1].paragraph == span.paragraph else None
        after = _clause_after(body[span.close: later.open if later else paragraph_end])
        own_paragraph = earlier is not None and earlier.paragraph == span.paragraph
        before = _clause_before(body[earlier.close if own_paragraph else paragraph_start: span.open])
        speaker, attribution = _attribution_after(after) or _attribution_before(before) or (None, None)
        previous = found[-1] if found else None
        if speaker in _PRONOUNS:
            speaker = next((quote.speaker for quote in reversed(found) if quote.speaker), None)
        elif speaker is None and previous is not None and (own_paragraph or _continues(earlier, span, paragraphs)):
            speaker, attribution = previous.speaker, previous.attribution
        start, end = _quotation_text(body, span, paragraph_start)
        found.append(FoundQuote(body[start:end], start, end, span.paragraph, speaker, attribution))
    # A quotation over several paragraphs is often attributed in its last one: its earlier spans take that speaker.
    for index in range(len(found) - 2, -1, -1):
        if found[index].speaker is None and _continues(spans[index], spans[index + 1], paragraphs):
            found[index] = replace(found[index], speaker=found[index + 1].speaker,
                                   attribution=found[index + 1].attribution)
    return found


def _continues(span: _Span, following: _Span, paragraphs: list[Span]) -> bool:
    """Whether ``following`` continues ``span``: it was left open at its paragraph's end, and the next paragraph opens
    with a quote mark (the typographic convention for a quotation running over paragraphs)."""
    return (span.close == span.inner_end and following.paragraph == span.paragraph + 1
            and following.open == paragraphs[following.paragraph][0])


def _clause_after(text: str) -> str:
    ends = _sentence_ends(text)
    return text[: ends[0]] if ends else text


def _clause_before(text: str) -> str:
    ends = _sentence_ends(text)
    return text[ends[-1]:] if ends else text


# ---------------------------------------------------------------------------------------------------- entities and YAML


def _names(entity: Mapping[str, Any]) -> list[str]:
    names = [entity.get("name")]
    alternate = entity.get("alternateName")
    names += alternate if isinstance(alternate, list) else [alternate]
    return [normalize_text(name).casefold() for name in names if isinstance(name, str) and name.strip()]


def match_entity(guess: str, entities: Mapping[str, Any]) -> str | None:
    """The local id of the entity a guessed speaker names, or None when none (or several) fit."""
    wanted = normalize_text(guess).casefold()
    named = {key: _names(value) for key, value in entities.items() if isinstance(value, Mapping)}
    for test in (
        lambda names: wanted in names,
        lambda names: any(wanted.endswith(" " + name) for name in names),
        lambda names: any(len(wanted.split()) == 1 and name.split()[-1] == wanted for name in names),
    ):
        hits = [key for key, names in named.items() if test(names)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    head = [word for word in wanted.split() if word not in _DETERMINERS][-1:]
    hits = [
        key for key, value in entities.items()
        if isinstance(value, Mapping) and not value.get("name") and isinstance(value.get("description"), str)
        and head and head[0] in normalize_text(value["description"]).casefold().split()
    ]
    return hits[0] if len(hits) == 1 else None


def draft_yaml(body: str, entities: Mapping[str, Any] | None = None, *, source: str = "the article") -> str:
    """The quotations of ``body`` as YAML list items to paste under the source's ``hasPart``."""
    quotes = find_quotes(body)
    lines = [
        f"# {len(quotes)} quoted passage(s) found in the body of {source}:",
        "# a draft to confirm, then paste under hasPart.",
        "# Speakers are guesses from the article's wording; check each one.",
    ]
    for quote in quotes:
        lines += ['  - "@type": Quotation', f"    text: {json.dumps(quote.text, ensure_ascii=False)}"]
        local_id = match_entity(quote.speaker, entities or {}) if quote.speaker else None
        evidence = f"  # {quote.attribution}" if quote.attribution else ""
        if local_id:
            lines.append(f"    spokenByCharacter: {local_id}{evidence}")
        elif quote.speaker:
            lines.append(f"    # spokenByCharacter: ?  guessed {json.dumps(quote.speaker, ensure_ascii=False)}, "
                         f"which names no entity of the source{evidence}")
        else:
            lines.append("    # spokenByCharacter: ?  the text attributes this quotation to no one")
    return "\n".join(lines) + "\n"


def draft(source: Path | bytes, format: str | None = None) -> str:
    """``draft_yaml`` for an article source (a path or its bytes), using its ``entities``; the source need not be a
    valid article yet, only readable."""
    from .._authoring import read_source
    from .._errors import NewsldValidationError, Problem

    name = str(source) if isinstance(source, Path) else "<stdin>"
    data, _ = read_source(source, format, name=name)
    body = data.get("articleBody") if isinstance(data, dict) else None
    if not isinstance(body, str) or not body.strip():
        raise NewsldValidationError([Problem("articleBody", "no article body to find quotations in")], name)
    entities: dict[str, Any] = data.get("entities") if isinstance(data.get("entities"), dict) else {}
    return draft_yaml(body, entities, source=name)
