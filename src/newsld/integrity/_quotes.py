"""Direct quotations in an article body, each with a guessed speaker: a draft of ``hasPart`` for an editor to confirm.

Quoted spans, in every convention a newsroom writes in: “…” and "…", „…“ and „…”, «…» (also with spaces inside, as
French sets them) and »…«, and the single forms ‘…’, '…', ‚…‘, ‹…› and ›…‹. A span inside another (a quote within a
quote, either way round) is part of the outer one. Single marks double as apostrophes, so a single-quoted span must
close within its paragraph (“…soldiers’ choice,’” closes after the comma) unless it opens the paragraph. A span still
open at the end of its paragraph ends there: a quotation running over paragraphs is one Quotation per paragraph, as
the authoring format records every quotation interrupted by other text.

Each Quotation's text follows the authoring format's convention: the quoted words without their marks, without a
trailing comma (it belongs to the attribution: “…,” said X), and for a fragment set inside the article's own sentence
without the full stop that ends that sentence (… are “extending the war.”); a whole quoted sentence keeps its own.

The speaker is guessed from the article's own sentence, in this order:

1. after the quote: “…,” said X / “…,” X said / “…,” according to X (any verb of ``SPEECH_VERBS``);
2. before it, in the same sentence: X said “…” / X said that … “…” / According to X, “…” / what X calls ‘…’;
3. a pronoun (“…,” she said) is the person the paragraph last named before it (its last attribution, else the last
   full name it mentions), else the speaker of the latest quotation that has one;
4. a quote without attribution continues the previous quote of its paragraph (“…,” said X. “And …”), or of the
   paragraph before when that one was left open and this one opens its paragraph (a quotation running over
   paragraphs, whose earlier spans also take the speaker named in a later one); otherwise the speaker is unknown and
   the draft says so rather than guess.

A speaker as the article names them ("union leader Karin Holm", "Tom Ash, chair of the users' group", "Mr Crane", "the
source") is read as a ``Speaker``: the name without job title or honorific ("Karin Holm"), the job title ("union
leader"), the honorific ("Mr"), or, for an unnamed source, the words that describe it ("a city official"). A surname
alone names the person the article named in full. The attribution grammar is English; the quotation marks are any.

A speaker becomes ``spokenByCharacter: <id>`` when it names an entity of the source: its name or alternateName, a name
it ends with, the last word of one name (a surname), or for an unnamed source (no name) the head noun of its
description ("the source" → "a source close to the Russian military"). A named speaker that is not an entity yet gets
an entity stub (Person or Organization, with its jobTitle) to paste under ``entities``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ._normalize import Span, normalize_text

__all__ = [
    "SPEECH_VERBS",
    "DraftQuotation",
    "FoundQuote",
    "QuoteDraft",
    "Speaker",
    "draft",
    "draft_quotations",
    "draft_yaml",
    "find_quotes",
    "match_entity",
    "quoted_spans",
    "read_speaker",
]

SPEECH_VERBS = frozenset(
    """acknowledged added adds admitted admits agreed agrees announced announces answered answers argued argues asked
    asks boasted call called calls claimed claims commented comments complained complains conceded concedes concluded
    concludes confirmed confirms continued continues countered counters cried declared declares denied denies described
    describes disagreed disagrees dubbed emphasised emphasized explained explains insisted insists joked maintained
    maintains noted notes observed observes pledged posted predicted promised recalled recalls remarked remarks replied
    replies responded responds said say says shouted stated states stressed stresses suggested suggests tells termed
    threatened told tweeted urged urges vowed vows warned warns wrote writes""".split()
)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "another", "this", "that", "some", "his", "her", "their", "its"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "del", "della", "der", "den", "di", "da", "du", "la",
                             "le", "van", "von", "y", "abu", "bint"})
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
                            "st", "jr", "sr", "rev", "mt", "no", "vs", "u.s", "u.k", "u.n", "e.g", "i.e", "p.m",
                            "a.m"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev"})
# Words of a job title written before a name ("union leader Karin Holm", "Foreign Minister Sergei Lavrov"): the name is
# what follows the last of them.
_TITLE_WORDS = frozenset(
    """acting adviser advisor ambassador analyst archbishop assistant attorney bishop cardinal ceo cfo chair chairman
    chairwoman chancellor chief coach colonel commander commissioner congressman congresswoman coo councillor
    councilman councilwoman councilor deputy director economist editor envoy executive founder general governor head
    imam inspector judge justice king leader manager mayor member minister mp mep official officer pope premier
    president prince princess professor prosecutor queen rabbi representative secretary senator sergeant sheikh
    speaker spokesman spokesperson spokeswoman superintendent treasurer vice""".split()
)
# Words that make a named speaker an organization rather than a person ("the Kremlin said", "said Reuters").
_ORGANIZATION_WORDS = frozenset(
    """agency army assembly association authority bank board bureau cabinet campaign church commission committee
    company corporation council court department federation foundation government group inc institute kremlin league
    ltd ministry movement network office organisation organization parliament party pentagon police press reuters
    senate service society tribunal union university""".split()
)
_PREPOSITIONS = frozenset({"at", "in", "of", "for", "from", "on", "with", "near", "close", "to", "by"})
_RELATIVE = frozenset({"who", "which", "whose", "that", "speaking", "familiar", "involved", "aged"})

# Opening mark → the marks that close it.
_DOUBLE_PAIRS = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", "\u00bb": "\u00ab", '"': '"'}
_SINGLE_PAIRS = {"\u2018": "\u2019", "\u201a": "\u2018\u2019", "\u2039": "\u203a", "\u203a": "\u2039", "'": "'"}
_APOSTROPHES = "\u2019'"  # closing marks that are also apostrophes (Russia’s, soldiers’, don't)
_CLOSERS = "".join(sorted(set("".join(_DOUBLE_PAIRS.values()) + "".join(_SINGLE_PAIRS.values()))))
_MARKS = "".join(sorted(set(_CLOSERS + "".join(_DOUBLE_PAIRS) + "".join(_SINGLE_PAIRS))))
_ATTRIBUTION_STOP = re.compile(
    r"[,;:()\[\]\u2013\u2014]|\s(?:in|on|at|to|during|after|before|when|while|last|this|yesterday|today|from|for|"
    r"as|adding|who|which)\s",
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Speaker:
    """Who a quotation is attributed to, read from the words the article names them with.

    ``name`` is None for an unnamed source ("the source", "a city official"), which ``description`` then describes.
    Property names are schema.org's, so a stub is ``{"@type": type, "name": name, "jobTitle": jobTitle, ...}``.
    """

    words: str  # as the article names them: "union leader Karin Holm", "the source"
    name: str | None = None
    jobTitle: str | None = None
    honorificPrefix: str | None = None
    description: str | None = None
    type: str = "Person"

    def properties(self) -> dict[str, str]:
        """The speaker as an entity stub's properties (only those the text gives)."""
        stub = {"@type": self.type, "name": self.name, "description": self.description, "jobTitle": self.jobTitle,
                "honorificPrefix": self.honorificPrefix}
        return {key: value for key, value in stub.items() if value}


@dataclass(frozen=True)
class FoundQuote:
    text: str  # the Quotation text
    start: int  # its span in the body
    end: int
    paragraph: int
    speaker: Speaker | None  # the guessed speaker (a pronoun resolved), or None
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


_DOUBLE_OPENING = re.compile("[" + "".join(_DOUBLE_PAIRS) + "]")
_DOUBLE_CLOSING = {opening: re.compile("[" + closers + "]") for opening, closers in _DOUBLE_PAIRS.items()}
_SINGLE_OPENING = re.compile("[" + "".join(_SINGLE_PAIRS) + "]")
_SINGLE_CLOSING = {opening: re.compile("[" + closers + "]") for opening, closers in _SINGLE_PAIRS.items()}


def _double_spans(body: str, start: int, end: int, number: int) -> list[_Span]:
    spans: list[_Span] = []
    opening = _DOUBLE_OPENING.search(body, start, end)
    while opening is not None:
        index = opening.start()
        closing = _DOUBLE_CLOSING[body[index]].search(body, index + 1, end)
        close = closing.start() if closing else end
        spans.append(_Span(index, index + 1, close, min(close + 1, end), number))
        opening = _DOUBLE_OPENING.search(body, close + 1, end)
    return spans


def _next_single_open(body: str, start: int, end: int) -> int | None:
    """The next single mark at or after ``start`` that can open a quote: not inside a word (Russia’s, don't), and
    followed by what it quotes."""
    opening = _SINGLE_OPENING.search(body, start, end)
    while opening is not None:
        index = opening.start()
        before = body[index - 1] if index > 0 else " "
        after = body[index + 1] if index + 1 < end else " "
        if not before.isalnum() and not after.isspace():
            return index
        opening = _SINGLE_OPENING.search(body, index + 1, end)
    return None


def _single_close(body: str, opening: int, limit: int) -> int | None:
    """Where a single-quoted span closes, before ``limit``, or None. The closing mark may also be an apostrophe: of
    "Russia’s" (a letter follows: never a closer) and of "soldiers’ choice" (like a closer), so a mark after punctuation
    (“…choice,’ said”) is preferred to the first that could close."""
    first = None
    for closing in _SINGLE_CLOSING[body[opening]].finditer(body, opening + 2, limit):
        index = closing.start()
        char = body[index]
        if char in _APOSTROPHES and index + 1 < len(body) and body[index + 1].isalnum():
            continue
        if body[index - 1].isspace():
            continue
        if body[index - 1] in ",.!?;:":
            return index
        if first is None:
            first = index
    return first


def _single_spans(body: str, start: int, end: int, number: int) -> list[_Span]:
    spans: list[_Span] = []
    index = _next_single_open(body, start, end)
    while index is not None:
        following = _next_single_open(body, index + 1, end)
        close = _single_close(body, index, following if following is not None else end)
        if close is None and index == start and following is None:
            close = end  # a quotation running on into the next paragraph, as the British convention leaves it open
        if close is not None and sum(char.isalnum() for char in body[index + 1: close][:3]) >= 2:
            spans.append(_Span(index, index + 1, close, min(close + 1, end), number))
            following = _next_single_open(body, close + 1, end)
        index = following
    return spans


def _outermost(doubles: list[_Span], singles: list[_Span]) -> list[_Span]:
    """The spans no other span holds. A single span that crosses a double one is taken for an apostrophe's mistake."""
    kept_singles = []
    double_starts = [span.open for span in doubles]
    for span in singles:
        index = bisect_right(double_starts, span.open) - 1
        if index >= 0 and doubles[index].close > span.open:
            continue  # inside (or crossing) the double span that opened before it
        following = doubles[index + 1] if index + 1 < len(doubles) else None
        if following is not None and following.open < span.close and following.close > span.close:
            continue  # crossing the next one
        kept_singles.append(span)
    single_starts = [span.open for span in kept_singles]
    kept_doubles = []
    for span in doubles:
        index = bisect_right(single_starts, span.open) - 1
        if index >= 0 and kept_singles[index].close >= span.close:
            continue  # a quote within a single-quoted quotation
        kept_doubles.append(span)
    return sorted(kept_doubles + kept_singles, key=lambda span: span.open)


def _spans(body: str) -> list[_Span]:
    spans: list[_Span] = []
    for number, (start, end) in enumerate(_paragraphs(body)):
        spans += _outermost(_double_spans(body, start, end, number), _single_spans(body, start, end, number))
    return spans


def quoted_spans(body: str) -> list[Span]:
    """The span of every passage inside quotation marks (without the marks), in order, none inside another."""
    return [(span.inner_start, span.inner_end) for span in _spans(body)]


# ------------------------------------------------------------------------------------------------------- quotation text


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-ending punctuation mark in ``text`` (not after Mr., Dr., initials...)."""
    ends = []
    for match in re.finditer(r"[.!?]+[" + re.escape(_CLOSERS) + r")\]]*(?=\s|$)", text):
        word = re.search(r"(\S+)$", text[: match.start()])
        stem = word.group(1).lower().lstrip("(" + _MARKS) if word else ""
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


# -------------------------------------------------------------------------------------------------------------- speakers


def _bare(word: str) -> str:
    return word.strip(".,;:!?()[]" + _MARKS)


def _key(word: str) -> str:
    return _bare(word).lower().rstrip(".")


def _is_name_word(word: str) -> bool:
    bare = _bare(word)
    head = bare.split("-", 1)[0].lower()
    return bool(bare) and (bare[0].isupper() or bare.lower() in _NAME_PARTICLES or head in _NAME_PARTICLES)


def _possessive_free(words: list[str]) -> list[str]:
    """A title without the possessive it opens with: "the operator’s chief executive" → "chief executive"."""
    for index, word in enumerate(words):
        if _key(word) in _TITLE_WORDS:
            break
        if re.search(r"['\u2019]s?$", word) and index + 1 < len(words):
            return words[index + 1:]
    return words


def _title(words: list[str]) -> str | None:
    words = [word for word in words if _key(word)]
    while words and _key(words[0]) in _DETERMINERS:
        words = words[1:]
    words = _possessive_free(words)
    text = " ".join(words).strip(" ,")
    return text or None


def _organization_like(words: list[str]) -> bool:
    return any(_key(word) in _ORGANIZATION_WORDS for word in words)


def read_speaker(words: str) -> Speaker | None:
    """The speaker the words name: "union leader Karin Holm" → Speaker(name="Karin Holm", jobTitle="union leader"),
    "Tom Ash, chair of the users' group" → jobTitle "chair of the users' group", "Mr Crane" → honorificPrefix "Mr",
    "the source" → an unnamed source described as "the source"; None when they name no one (a pronoun, nothing)."""
    words = " ".join(words.split()).strip(" ,.:;" + _MARKS)
    if not words or words.lower() in _PRONOUNS:
        return None
    head, _, appositive = words.partition(",")
    head, appositive = head.strip(), appositive.strip(" ,")
    if appositive and _name_only(appositive.split()) and not _name_only(head.split()):
        head, appositive = appositive, head  # "the union's leader, Karin Holm"
    speaker = _read_head(words, head)
    if speaker is None:
        return None
    appositive_words = [word for word in appositive.split() if not _bare(word).isdigit()]  # "Maria Chen, 41, a nurse"
    if speaker.name and appositive_words and not speaker.jobTitle and len(appositive_words) <= 8 and (
            _key(appositive_words[0]) in _DETERMINERS or any(_key(word) in _TITLE_WORDS for word in appositive_words)):
        speaker = replace(speaker, jobTitle=_title(appositive_words))
    return speaker


def _name_only(words: list[str]) -> bool:
    return bool(words) and all(_is_name_word(word) for word in words) and not any(
        _key(word) in _TITLE_WORDS or _key(word) in _HONORIFICS or _key(word) in _DETERMINERS for word in words)


def _read_head(words: str, head: str) -> Speaker | None:
    parts = head.split()
    # "Lea Bonvin of the Valais Tourism Board": the name is before the organization she speaks for.
    for index, word in enumerate(parts):
        if index and _key(word) in {"of", "from", "at"} and _is_name_word(parts[index - 1]):
            parts = parts[:index]
            break
    if not parts:
        return None
    if _key(parts[0]) in _DETERMINERS:
        rest = parts[1:]
        if rest and all(_is_name_word(word) for word in rest) and _organization_like(rest) or (
                rest and all(_bare(word)[:1].isupper() for word in rest) and not any(
                    _key(word) in _TITLE_WORDS for word in rest)):
            name = " ".join(_bare(word) for word in (parts if parts[0][0].isupper() else rest))
            return Speaker(words, name=name, type="Organization")
        return Speaker(words, description=_described(parts))
    name: list[str] = []
    for word in reversed(parts):
        if not _is_name_word(word) or _key(word) in _TITLE_WORDS or _key(word) in _HONORIFICS:
            break
        name.insert(0, _bare(word))
    while name and name[0] in _NAME_PARTICLES:
        name.pop(0)
    if not name:
        return Speaker(words, description=_described(parts)) if len(parts) <= 6 else None
    before = parts[: len(parts) - len(name)]
    honorific = None
    if before and _key(before[-1]) in _HONORIFICS:
        honorific = _bare(before[-1]) + ("." if before[-1].endswith(".") else "")
        before = before[:-1]
    kind = "Organization" if _organization_like(name) else "Person"
    return Speaker(words, name=" ".join(name), jobTitle=_title(before) if kind == "Person" else None,
                   honorificPrefix=honorific, type=kind)


def _described(parts: list[str]) -> str:
    """An unnamed source's words up to a clause about them: "One passenger at Leeds station, who…" → "one passenger at
    Leeds station"."""
    kept = [parts[0].lower() if _key(parts[0]) in _DETERMINERS else parts[0]]
    for word in parts[1:]:
        if _key(word) in _RELATIVE:
            break
        kept.append(word)
    return " ".join(kept).strip(" ,")


def _head_noun(words: str) -> str:
    """The noun a description is about: "a source close to the Russian military" → "source"."""
    kept: list[str] = []
    for word in words.split():
        if _key(word) in _PREPOSITIONS | _RELATIVE:
            break
        if _key(word) not in _DETERMINERS:
            kept.append(_key(word))
    return kept[-1] if kept else ""


# ---------------------------------------------------------------------------------------------------------- attribution


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text):
        bare = _bare(word)
        # "Mr." keeps its full stop; "Roe." at a sentence's end does not.
        words.append(bare + "." if word.endswith(".") and bare.lower() in _ABBREVIATIONS else bare)
    return words


def _subject(text: str) -> str | None:
    """The words naming who does what the text ends before (a speech verb): "Karin Holm, the union leader," →
    itself; "One passenger at Leeds station, who did not want to be named," → "One passenger at Leeds station"."""
    closed = text.strip().endswith(",")
    segments = [segment.strip() for segment in text.strip().rstrip(",").split(",")]
    while closed and len(segments) > 1 and (re.match(r"(?:who|which|whose|aged|speaking|and)\b", segments[-1]) or
                                            segments[-1].isdigit() or not segments[-1]):
        segments.pop()  # a relative clause or an age between the subject and its verb
    last = _words(segments[-1])
    if not last:
        return None
    if last[-1].lower() in _PRONOUNS:
        return last[-1].lower()
    if len(segments) > 1 and _name_only(last) and len(last) <= 5:
        # "The operator’s chief executive, Martin Crane," / "Her neighbor, retired teacher Paul Grant,"
        previous = segments[-2].split()[-6:]
        return f"{' '.join(previous)}, {' '.join(last)}" if previous else " ".join(last)
    if len(segments) > 1 and _key(last[0]) in _DETERMINERS and not any(_key(word) in _DETERMINERS
                                                                         for word in last[1:]):
        previous = _words(segments[-2])
        name = _trailing_name(previous)
        if name and not (len(previous) > len(name.split()) and
                         _key(previous[-len(name.split()) - 1]) in _PREPOSITIONS):
            return f"{name}, {' '.join(last)}"  # "Karin Holm, the union leader,"
    return _trailing_phrase(last)


def _trailing_name(words: list[str]) -> str | None:
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word):
            break
        name.insert(0, word)
    return " ".join(name) if name else None


def _trailing_phrase(words: list[str]) -> str | None:
    """A name with the title before it ("Police spokesman John Smith"), or a phrase from its determiner ("the
    source"), at the end of ``words``."""
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word):
            break
        name.insert(0, word)
    while name and name[0] in _NAME_PARTICLES:
        name.pop(0)
    if name:
        start = len(words) - len(name)
        while start > 0 and _key(words[start - 1]) in _TITLE_WORDS:
            start -= 1  # "union leader Karin Holm"
        if start < len(words) - len(name) and start <= 3 or start == 1 and len(words) <= 4:
            start = 0  # the whole title that opens a clause: "Hoteliers’ association director …", "Police spokesman …"
        return " ".join(words[start:])
    for back in range(1, min(6, len(words)) + 1):
        if words[-back].lower() in _DETERMINERS:
            return " ".join(words[-back:])
    return None


def _who_after(text: str) -> str | None:
    """The speaker named after a speech verb: up to the first comma, preposition or the like, with the appositive that
    follows a name ("Maria Chen, 41, a nurse")."""
    stop = _ATTRIBUTION_STOP.search(text)
    who = (text[: stop.start()] if stop else text).strip(" .!?" + _MARKS)
    if not who or len(who.split()) > 8:
        return None
    if stop and stop.group() == ",":
        rest = text[stop.end():]
        end = re.search(r"[.;:!?\u2013\u2014]|,\s*(?:who|which|adding|as|speaking)\b", rest)
        appositive = (rest[: end.start()] if end else rest).strip(" ,")
        if appositive and len(appositive.split()) <= 10:
            return f"{who}, {appositive}"
    return who


def _verb_at(words: list[str]) -> list[int]:
    return [index for index, word in enumerate(words) if word.lower() in SPEECH_VERBS]


def _attribution_after(text: str) -> tuple[str, str] | None:
    text = text.lstrip(" ,\u2013\u2014-")
    according = _ACCORDING_TO.search(text)
    if according and (according.start() == 0 or text[according.start() - 2: according.start()] == ", "):
        who = _who_after(text[according.end():])
        return (who, text[according.start():].strip(" .")) if who else None
    words = _words(text)
    verbs = _verb_at(words)
    if not verbs:
        return None
    if verbs[0] == 0:
        who = _who_after(text[_WORD.match(text).end():])
    else:
        who = _subject(_text_before_word(text, verbs[0])) if verbs[0] <= 10 else None
    return (who, text.strip(" .")) if who else None


def _text_before_word(text: str, index: int) -> str:
    """``text`` up to its ``index``-th word."""
    matches = list(_WORD.finditer(text))
    return text[: matches[index].start()]


def _attribution_before(text: str) -> tuple[str, str] | None:
    according = list(_ACCORDING_TO.finditer(text))
    if according:
        who = _who_after(text[according[-1].end():])
        if who:
            return who, text[according[-1].start():].strip(" ,:")
    words = _words(text)
    verbs = _verb_at(words)
    if not verbs:
        return None
    who = _subject(_text_before_word(text, verbs[-1]))
    return (who, text.strip(" ,:")) if who else None


def _named_before(text: str, pronoun: str) -> str | None:
    """Whom a pronoun after ``text`` most likely means: the last attribution in it that names someone, else the subject
    of the last sentence that names one (a person, for "he" and "she")."""
    for sentence in reversed(_sentences(text)):
        words = _words(sentence)
        for verb in reversed(_verb_at(words)):
            who = _subject(_text_before_word(sentence, verb))
            if who and who not in _PRONOUNS:
                return who
        who = _sentence_subject(sentence, person=pronoun in {"he", "she"})
        if who:
            return who
    return None


def _sentence_subject(sentence: str, person: bool = False) -> str | None:
    """The first full name of a sentence with its title and appositive ("Siobhan O’Hara, secretary of the …, was
    unmoved"), or the unnamed source it opens with ("An engineer who worked on it … was more guarded")."""
    sentence = sentence.strip()
    for run in _NAME_RUN.finditer(sentence):
        if run.start() == 0 and run.group().split()[0].lower() in _DETERMINERS:
            continue
        if person and _organization_like(run.group().split()):
            continue
        who = _subject(sentence[: run.end()])
        appositive = re.match(r",([^,.;:]{1,80}),", sentence[run.end():])
        if (who and appositive and len(appositive.group(1).split()) <= 10 and "," not in who
                and _key(appositive.group(1).split()[0]) not in _RELATIVE):
            who += "," + appositive.group(1)
        return who
    words = sentence.split()
    if words and _key(words[0]) in {"a", "an", "one", "another"}:
        kept = []
        for word in words:
            bare = word.rstrip(",:")
            if _key(bare) in _RELATIVE | _AUXILIARIES:
                break
            kept.append(bare)
            if bare != word:
                break
        return _described(kept)
    return None


_AUXILIARIES = frozenset({"is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "did", "does"})


# Two or more capitalized words (name particles between them): a full name, or the name of an organization or place.
_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:(?:%s)\s+)*[A-Z][\w'\u2019-]*)+" % "|".join(sorted(_NAME_PARTICLES)))


def _sentences(text: str) -> list[str]:
    starts = [0] + _sentence_ends(text)
    return [text[start:end] for start, end in zip(starts, starts[1:] + [len(text)]) if text[start:end].strip()]


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
        found_after = _attribution_after(after)
        words, attribution = found_after or _attribution_before(before) or (None, None)
        if words is None and before.rstrip().endswith(":"):  # "X was unmoved: “…”": the sentence's subject says it
            words = _sentence_subject(before)
            attribution = before.strip(" :") if words else None
        previous = found[-1] if found else None
        speaker = read_speaker(words) if words else None
        if words is not None and words.lower() in _PRONOUNS:
            context_end = span.open
            if found_after is None:  # the pronoun is in the clause before the quote: whom the text named before it
                pronouns = list(re.finditer(rf"\b{words}\b", body[paragraph_start: span.open], re.IGNORECASE))
                context_end = paragraph_start + pronouns[-1].start() if pronouns else span.open
            named = _named_before(_unquoted(body, spans, paragraph_start, context_end), words.lower())
            speaker = read_speaker(named) if named else next(
                (quote.speaker for quote in reversed(found) if quote.speaker), None)
        elif speaker is None and previous is not None and (own_paragraph or _continues(earlier, span, paragraphs)
                                                           or _quote_paragraph(body, span, paragraphs, previous)):
            speaker, attribution = previous.speaker, previous.attribution
        start, end = _quotation_text(body, span, paragraph_start)
        found.append(FoundQuote(body[start:end], start, end, span.paragraph, speaker, attribution))
    # A quotation over several paragraphs is often attributed in its last one: its earlier spans take that speaker.
    for index in range(len(found) - 2, -1, -1):
        if found[index].speaker is None and _continues(spans[index], spans[index + 1], paragraphs):
            found[index] = replace(found[index], speaker=found[index + 1].speaker,
                                   attribution=found[index + 1].attribution)
    return _full_names(found)


def _unquoted(body: str, spans: list[_Span], start: int, end: int) -> str:
    """The text of ``body[start:end]`` outside quotation marks."""
    text, position = [], start
    for span in spans:
        if span.close <= start or span.open >= end:
            continue
        text.append(body[position: span.open])
        position = span.close
    text.append(body[position:end])
    return " … ".join(text)


def _full_names(found: list[FoundQuote]) -> list[FoundQuote]:
    """A speaker named by surname only ("Mr Crane said") is the one the article named in full ("Martin Crane")."""
    full = [quote.speaker for quote in found if quote.speaker and quote.speaker.name and " " in quote.speaker.name]
    resolved = []
    for quote in found:
        speaker = quote.speaker
        if speaker is not None and speaker.name and " " not in speaker.name:
            matches = {other.name: other for other in full if other.name.split()[-1] == speaker.name}
            if len(matches) == 1:
                named = next(iter(matches.values()))
                speaker = replace(named, words=speaker.words, honorificPrefix=speaker.honorificPrefix
                                  or named.honorificPrefix)
        resolved.append(replace(quote, speaker=speaker) if speaker is not quote.speaker else quote)
    return resolved


def _continues(span: _Span, following: _Span, paragraphs: list[Span]) -> bool:
    """Whether ``following`` continues ``span``: it was left open at its paragraph's end, and the next paragraph opens
    with a quote mark (the typographic convention for a quotation running over paragraphs)."""
    return (span.close == span.inner_end and following.paragraph == span.paragraph + 1
            and following.open == paragraphs[following.paragraph][0])


def _quote_paragraph(body: str, span: _Span, paragraphs: list[Span], previous: FoundQuote) -> bool:
    """Whether the span is a paragraph of its own right after one with a quotation: it goes on with that speaker."""
    start, end = paragraphs[span.paragraph]
    return previous.paragraph == span.paragraph - 1 and span.open == start and not body[span.close:end].strip()


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


def match_entity(guess: str | Speaker, entities: Mapping[str, Any]) -> str | None:
    """The local id of the entity a guessed speaker names, or None when none (or several) fit."""
    if isinstance(guess, Speaker):
        for words in dict.fromkeys(filter(None, (guess.name, guess.words, guess.description))):
            found = match_entity(words, entities)
            if found is not None:
                return found
        return None
    wanted = normalize_text(guess).casefold()
    named = {key: _names(value) for key, value in entities.items() if isinstance(value, Mapping)}
    for test in (
        lambda names: wanted in names,
        lambda names: any(wanted.endswith(" " + name) or name.endswith(" " + wanted) for name in names),
        lambda names: any(len(wanted.split()) == 1 and name.split()[-1] == wanted for name in names),
    ):
        hits = [key for key, names in named.items() if test(names)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    # An unnamed source, or a body named by its kind ("the ministry"): the one entity whose description (an unnamed
    # source's first), else whose name, has that head noun.
    head = [_head_noun(wanted)] if _head_noun(wanted) else []
    if not head:
        return None
    described = {key: normalize_text(value["description"]).casefold().split() for key, value in entities.items()
                 if isinstance(value, Mapping) and isinstance(value.get("description"), str)}
    for test in (
        lambda key: key in described and not entities[key].get("name") and head[0] in described[key],
        lambda key: key in described and head[0] in described[key],
        lambda key: wanted.split()[0] in _DETERMINERS and any(head[0] in name.split() for name in named[key]),
    ):
        hits = [key for key in named if test(key)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


@dataclass(frozen=True)
class DraftQuotation:
    """A found quotation with its speaker resolved: ``speaker_id`` names an entity of the source or a new stub."""

    quote: FoundQuote
    speaker_id: str | None


@dataclass(frozen=True)
class QuoteDraft:
    """The quotations of an article body, ready to confirm: each with the local id of its speaker where one is named,
    and ``stubs``, the entities to add for speakers the source does not define yet (local id → properties)."""

    quotations: list[DraftQuotation]
    stubs: dict[str, dict[str, str]] = field(default_factory=dict)

    def yaml(self, source: str = "the article") -> str:
        """The draft as a YAML document whose ``hasPart``, ``mentions`` and ``entities`` merge into the source."""
        count = len(self.quotations)
        lines = [
            f"# {count} quoted passage{'s' if count != 1 else ''} found in the body of {source}: a draft to confirm.",
            "# Speakers are guesses from the article's wording; check each one, then paste the items under the",
            "# source's hasPart" + (", and the new speakers under entities and mentions." if self.stubs else "."),
            "hasPart:",
        ]
        for item in self.quotations:
            quote = item.quote
            lines += ['  - "@type": Quotation', f"    text: {_yaml_string(quote.text)}"]
            evidence = f"  # {_evidence(quote)}" if quote.attribution else ""
            if item.speaker_id:
                lines.append(f"    spokenByCharacter: {item.speaker_id}{evidence}")
            elif quote.speaker is not None:
                lines.append(f"    # spokenByCharacter: ?  {_yaml_string(quote.speaker.words)} names no entity of the "
                             f"source{evidence}")
            else:
                lines.append("    # spokenByCharacter: ?  the text attributes this quotation to no one")
        if self.stubs:
            lines.append(f"mentions: [{', '.join(self.stubs)}]  # the new speakers, beside the source's own")
            lines.append("entities:")
            for local_id, properties in self.stubs.items():
                lines.append(f"  {local_id}:")
                lines += [f"    {_yaml_key(key)}: {value if key == '@type' else _yaml_string(value)}"
                          for key, value in properties.items()]
        return "\n".join(lines) + "\n"


_EVIDENCE = 60


def _evidence(quote: FoundQuote) -> str:
    """The attribution's words, shortened to those nearest the quote."""
    text = _one_line(quote.attribution or "")
    if len(text) <= _EVIDENCE:
        return text
    if text.lower().startswith(tuple(SPEECH_VERBS)) or quote.speaker is None:
        return text[:_EVIDENCE].rsplit(" ", 1)[0] + " …"
    return "… " + text[-_EVIDENCE:].split(" ", 1)[-1]


def _yaml_string(text: str) -> str:
    return json.dumps(_one_line(text), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml_key(key: str) -> str:
    return json.dumps(key) if key.startswith("@") else key


def _one_line(text: str) -> str:
    return " ".join(text.split())


def draft_quotations(body: str, entities: Mapping[str, Any] | None = None) -> QuoteDraft:
    """The quotations of ``body`` with their speakers matched against ``entities`` (the source's, local id →
    properties), and a stub for each named speaker none of them is."""
    entities = entities or {}
    stubs: dict[str, dict[str, str]] = {}
    by_name: dict[str, str] = {}
    items = []
    for quote in find_quotes(body):
        speaker = quote.speaker
        local_id = match_entity(speaker, entities) if speaker is not None else None
        if local_id is None and speaker is not None and (speaker.name or _introduces(speaker)):
            key = speaker.name or speaker.words
            local_id = by_name.get(key)
            if local_id is None:
                local_id = _new_id(speaker.name or _head_noun(speaker.description or "") or "source", set(entities) | set(stubs))
                stubs[local_id], by_name[key] = speaker.properties(), local_id
            elif speaker.jobTitle and "jobTitle" not in stubs[local_id]:
                stubs[local_id]["jobTitle"] = speaker.jobTitle
        items.append(DraftQuotation(quote, local_id))
    return QuoteDraft(items, stubs)


def _introduces(speaker: Speaker) -> bool:
    """Whether an unnamed source is introduced here ("a city official", "one diplomat"), not referred back to ("the
    source", which some earlier sentence introduced)."""
    return speaker.name is None and _key(speaker.words.split()[0]) in {"a", "an", "one", "another"}


def _new_id(name: str, taken: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "speaker"
    local_id, number = base, 2
    while local_id in taken:
        local_id, number = f"{base}_{number}", number + 1
    return local_id


def draft_yaml(body: str, entities: Mapping[str, Any] | None = None, *, source: str = "the article") -> str:
    """The quotations of ``body`` as a YAML draft to merge into the source (see ``QuoteDraft.yaml``)."""
    return draft_quotations(body, entities).yaml(source)


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
