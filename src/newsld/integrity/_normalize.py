"""The one text normalization behind every comparison of markup with article text.

Quotations, the closest-passage search, the quote finder and text fragments all compare through ``normalize``, in one of
two strengths:

* **editorial** (default): what a verbatim quotation must match. Typographic quotes and apostrophes equal their ASCII
  forms (“ ” „ ‟ « » → ``"``; ‘ ’ ‚ ‛ ‹ › → ``'``), every run of whitespace (U+00A0 and the other Unicode spaces
  included) is one space, compatibility forms are folded (NFKC: ``…`` is ``...``, ``ﬁ`` is ``fi``) and invisible format
  characters (soft hyphen, zero-width space, direction marks) are dropped. Letter case, accents and dashes count.
* **primary**: what a browser compares when it follows a text fragment (UTS #10 primary strength, simplified): letter
  case and Latin/Greek/Cyrillic accents do not count, compatibility forms are folded (NFKD), quote marks stay
  distinct. Only runs of HTML whitespace collapse, as rendering does; with ``blocks=True`` a blank line (a paragraph
  break) becomes ``"\\n"``, a block boundary that no search term can cross.

Every normalized character remembers the span of source text it came from, so a match maps back to the source.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "BLOCK_BREAK",
    "Normalized",
    "Span",
    "at_word_boundary",
    "find_passages",
    "fold",
    "normalize",
    "normalize_text",
]

Span = tuple[int, int]

_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u301f"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a"
_QUOTE_TABLE = str.maketrans({**dict.fromkeys(_DOUBLE_QUOTES, '"'), **dict.fromkeys(_SINGLE_QUOTES, "'")})
_HTML_WHITESPACE = frozenset(" \t\n\r\f")
BLOCK_BREAK = "\n"


def _is_accent(char: str) -> bool:
    # The combining diacritics blocks: accents of Latin, Greek and Cyrillic, secondary differences in UTS #10. Marks of
    # other scripts (Indic vowel signs, for instance) are letters at the primary level and stay.
    code = ord(char)
    return (
        0x0300 <= code <= 0x036F
        or 0x1AB0 <= code <= 0x1AFF
        or 0x1DC0 <= code <= 0x1DFF
        or 0x20D0 <= code <= 0x20FF
        or 0xFE20 <= code <= 0xFE2F
    )


@lru_cache(maxsize=8192)
def _fold(cluster: str, primary: bool) -> str:
    """One base character with its combining marks → its normalized form (possibly empty or several characters)."""
    if primary:
        decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", cluster).casefold())
        kept = (char for char in decomposed if not _is_accent(char))
    else:
        kept = unicodedata.normalize("NFKC", cluster).translate(_QUOTE_TABLE)
    return "".join(char for char in kept if unicodedata.category(char) != "Cf")


@dataclass(frozen=True)
class Normalized:
    """Normalized text with, for each of its characters, the source span it came from."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def source_span(self, start: int, end: int) -> Span:
        """The source span of the normalized span ``[start, end)`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]

    def position(self, source_offset: int) -> int:
        """The first normalized position whose source begins at or after ``source_offset``."""
        return bisect_left(self.starts, source_offset)

    def find_all(self, needle: str, limit: int | None = None) -> list[Span]:
        """Source spans of every occurrence of already-normalized ``needle`` that neither starts nor ends inside a
        word ("war" is not in "warfare"), overlapping ones included; the first ``limit`` of them when given (a
        word repeated a million times must not cost a million steps to tell that it is there)."""
        found: list[Span] = []
        if not needle:
            return found
        index = self.text.find(needle)
        while index >= 0 and (limit is None or len(found) < limit):
            end = index + len(needle)
            if at_word_boundary(self.text, index) and at_word_boundary(self.text, end):
                found.append(self.source_span(index, end))
            index = self.text.find(needle, index + 1)
        return found


_LETTER_JOINERS = frozenset("'\u2018\u2019.:\u00b7")
_DIGIT_JOINERS = frozenset("'\u2018\u2019.,;")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF)


def _joined(left: str, joiner: str, right: str) -> bool:
    if left.isalpha() and right.isalpha():
        return joiner in _LETTER_JOINERS and not (_is_ideograph(left) or _is_ideograph(right))
    return left.isdigit() and right.isdigit() and joiner in _DIGIT_JOINERS


def at_word_boundary(text: str, index: int) -> bool:
    """UAX #29 word boundaries, simplified: none between two letters or digits (or ``_``), nor across an apostrophe,
    full stop or colon joining letters ("don't", "e.g") or a comma, full stop, semicolon or apostrophe joining digits
    ("3,000"); each Han or kana character is a word of its own. The ends of the text are boundaries."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if _is_word(before) and _is_word(after):
        return _is_ideograph(before) or _is_ideograph(after)
    if _is_word(before) and index + 1 < len(text) and _joined(before, after, text[index + 1]):
        return False
    return not (_is_word(after) and index >= 2 and _joined(text[index - 2], before, after))


@lru_cache(maxsize=4)
def normalize(text: str, *, primary: bool = False, blocks: bool = False) -> Normalized:
    """``text`` normalized (see the module documentation) with its source map. Linear in the length of ``text``.

    The last few results are kept: one article body (and one page's text, in both strengths) is searched for many
    quotations in turn. Needles go through ``normalize_text``, which keeps nothing.
    """
    return _normalize(text, primary, blocks)


def _normalize(text: str, primary: bool, blocks: bool) -> Normalized:
    is_space = _HTML_WHITESPACE.__contains__ if primary else str.isspace
    out: list[str] = []
    starts = array("L")
    ends = array("L")
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if is_space(char):
            stop = index + 1
            while stop < length and is_space(text[stop]):
                stop += 1
            separator = BLOCK_BREAK if blocks and text.count("\n", index, stop) >= 2 else " "
            if separator == " " and not primary and out and out[-1] == " ":
                ends[-1] = stop  # editorially, spaces around a dropped invisible character are one run
            else:
                out.append(separator)
                starts.append(index)
                ends.append(stop)
            index = stop
            continue
        stop = index + 1
        while stop < length and unicodedata.combining(text[stop]):
            stop += 1
        cluster = text[index:stop]
        if len(cluster) == 1 and char < "\x80":
            folded = char.lower() if primary else char
        else:
            folded = _fold(cluster, primary)
        for item in folded:
            out.append(item)
            starts.append(index)
            ends.append(stop)
        index = stop
    return Normalized("".join(out), starts, ends)


def fold(text: str, *, primary: bool = False) -> str:
    """The normalized form of a needle (a quotation, a search term), without the source map or caching."""
    return _normalize(text, primary, False).text


def normalize_text(text: str, *, primary: bool = False) -> str:
    """``fold`` without leading or trailing space."""
    return fold(text, primary=primary).strip(" ")


def find_passages(body: str, passage: str, limit: int | None = None) -> list[Span]:
    """Source spans of every editorial match of ``passage`` in ``body`` (the first ``limit`` when given)."""
    return normalize(body).find_all(normalize_text(passage), limit)
