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

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

__all__ = [
    "BLOCK_BREAK",
    "Normalized",
    "SourceMap",
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


class SourceMap:
    """Where each character of a normalized text came from, in a few numbers per run rather than two per character.

    Most of a text maps one to one (a run of ordinary characters: each from the source character at the same offset
    in its run); the rest maps character by character, each output character to a source span. A segment begins at
    normalized position ``norm[k]`` with source offset ``src[k]``: a one-to-one run when ``stop[k]`` is ``-1``,
    otherwise every character in it comes from ``[src[k], stop[k])``.
    """

    __slots__ = ("norm", "src", "stop", "length")

    def __init__(self) -> None:
        self.norm = array("q")
        self.src = array("q")
        self.stop = array("q")
        self.length = 0  # normalized characters mapped so far

    def one_to_one(self, source: int, count: int) -> None:
        """The next ``count`` characters come from ``source``, ``source + 1``, ... ."""
        if not count:
            return
        if self.stop and self.stop[-1] < 0 and self.src[-1] + self.length - self.norm[-1] == source:
            self.length += count  # the run before continues
            return
        self._segment(source, -1)
        self.length += count

    def spanning(self, start: int, stop: int, count: int = 1) -> None:
        """The next ``count`` characters all come from the source span ``[start, stop)``."""
        if not count:
            return
        if stop == start + 1 and count == 1:
            self.one_to_one(start, 1)
            return
        self._segment(start, stop)
        self.length += count

    def widen_last(self, stop: int) -> None:
        """The last character's source span now ends at ``stop``."""
        start = self.start(self.length - 1)
        if self.stop[-1] < 0 and self.length - 1 > self.norm[-1]:
            self.length -= 1  # split it off its one-to-one run
            self._segment(start, stop)
            self.length += 1
        else:
            self.stop[-1] = stop

    def _segment(self, start: int, stop: int) -> None:
        self.norm.append(self.length)
        self.src.append(start)
        self.stop.append(stop)

    def _at(self, index: int) -> int:
        return bisect_right(self.norm, index) - 1

    def start(self, index: int) -> int:
        k = self._at(index)
        return self.src[k] + (index - self.norm[k] if self.stop[k] < 0 else 0)

    def end(self, index: int) -> int:
        k = self._at(index)
        return self.src[k] + index - self.norm[k] + 1 if self.stop[k] < 0 else self.stop[k]

    def position(self, source_offset: int) -> int:
        """The first normalized position whose source begins at or after ``source_offset``."""
        k = bisect_left(self.src, source_offset)  # the first segment that begins there or later
        if k and self.stop[k - 1] < 0:
            index = self.norm[k - 1] + source_offset - self.src[k - 1]
            if index < (self.norm[k] if k < len(self.norm) else self.length):
                return index
        return self.norm[k] if k < len(self.norm) else self.length


@dataclass(frozen=True)
class Normalized:
    """Normalized text with the map back to the source text it came from."""

    text: str
    source: SourceMap = field(repr=False)

    def source_span(self, start: int, end: int) -> Span:
        """The source span of the normalized span ``[start, end)`` (non-empty)."""
        return self.source.start(start), self.source.end(end - 1)

    def position(self, source_offset: int) -> int:
        """The first normalized position whose source begins at or after ``source_offset``."""
        return self.source.position(source_offset)

    def find_all(self, needle: str, limit: int | None = None) -> list[Span]:
        """Source spans of every occurrence of already-normalized ``needle`` that neither starts nor ends inside a
        word ("war" is not in "warfare"), overlapping ones included; the first ``limit`` of them when given (a
        word repeated a million times must not cost a million steps to tell that it is there)."""
        return list(islice(self.occurrences(needle), limit))

    def occurrences(self, needle: str) -> Iterator[Span]:
        """``find_all``, one at a time."""
        if not needle:
            return
        index = self.text.find(needle)
        while index >= 0:
            end = index + len(needle)
            if at_word_boundary(self.text, index) and at_word_boundary(self.text, end):
                yield self.source_span(index, end)
            index = self.text.find(needle, index + 1)


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


# Printable ASCII with single spaces between its words normalizes to itself (lower-cased at primary strength), one
# character for one, so a whole run of it is copied at once. Everything else (other whitespace, other characters, a
# letter that combining marks follow) goes through the character-by-character path. A body of 50 MB stays a matter of
# seconds, and its map a few numbers per run of plain text. (Only single-character repetitions here: a repeated group
# would make the regular expression engine keep a mark per repetition.)
_PRINTABLE = re.compile(r"[!-~ ]+")
_SPACES = re.compile(r" *")


def _plain_runs(text: str) -> Iterator[Span]:
    """The runs of ``text`` that normalize to themselves: printable ASCII, starting and ending with a non-space, with no
    two spaces in a row, and not followed by a combining mark (which belongs with the run's last letter)."""
    for match in _PRINTABLE.finditer(text):
        start, end = match.span()
        if end < len(text) and unicodedata.combining(text[end]):
            end -= 1
        while end > start and text[end - 1] == " ":
            end -= 1
        start = _SPACES.match(text, start, end).end()
        while start < end:
            gap = text.find("  ", start, end)
            if gap < 0:
                yield start, end
                break
            yield start, gap
            start = _SPACES.match(text, gap, end).end()


def _normalize(text: str, primary: bool, blocks: bool) -> Normalized:
    out: list[str] = []
    source = SourceMap()
    done = 0
    for start, end in _plain_runs(text):
        if start > done:
            _fold_into(text, done, start, primary, blocks, out, source)
        run = text[start:end]
        out.append(run.lower() if primary else run)
        source.one_to_one(start, end - start)
        done = end
    if done < len(text):
        _fold_into(text, done, len(text), primary, blocks, out, source)
    return Normalized("".join(out), source)


def _fold_into(text: str, index: int, length: int, primary: bool, blocks: bool, out: list[str],
               source: SourceMap) -> None:
    """Normalize ``text[index:length]`` character by character onto ``out``; ``length`` never splits a whitespace run
    or a character from its combining marks."""
    is_space = _HTML_WHITESPACE.__contains__ if primary else str.isspace
    while index < length:
        char = text[index]
        if is_space(char):
            stop = index + 1
            while stop < length and is_space(text[stop]):
                stop += 1
            separator = BLOCK_BREAK if blocks and text.count("\n", index, stop) >= 2 else " "
            if separator == " " and not primary and out and out[-1][-1:] == " ":
                source.widen_last(stop)  # editorially, spaces around a dropped invisible character are one run
            else:
                out.append(separator)
                source.spanning(index, stop)
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
        if folded:
            out.append(folded)
            source.spanning(index, stop, len(folded))
        index = stop


def fold(text: str, *, primary: bool = False) -> str:
    """The normalized form of a needle (a quotation, a search term), without the source map or caching."""
    return _normalize(text, primary, False).text


def normalize_text(text: str, *, primary: bool = False) -> str:
    """``fold`` without leading or trailing space."""
    return fold(text, primary=primary).strip(" ")


def find_passages(body: str, passage: str, limit: int | None = None) -> list[Span]:
    """Source spans of every editorial match of ``passage`` in ``body`` (the first ``limit`` when given)."""
    return normalize(body).find_all(normalize_text(passage), limit)
