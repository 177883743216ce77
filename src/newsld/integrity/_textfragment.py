"""Text fragments (``#:~:text=…``): links that land on a passage of the article, built and followed per the WICG spec.

https://wicg.github.io/scroll-to-text-fragment/ defines the syntax ``text=[prefix-,]start[,end][,-suffix]`` and how a
browser finds the range a directive selects. ``find_fragment`` implements that search over the article body;
``text_fragment`` builds a directive and keeps it only once ``find_fragment`` shows that the passage is what it selects:
the only match in the body where one exists (a browser highlights the first match; a single one keeps the link right
even when the page around the body repeats the words, as pull quotes do), else the first match, which is what browsers
highlight (for instance when the passage opens the body and its first words recur later, there is no prefix to add).

Building:

* every character outside the spec's ``TextDirectiveExplicitChar`` set (ASCII letters, digits and ``!$'()*+./:;=?@_~``)
  is percent-encoded as UTF-8: the syntax characters ``-``, ``&`` and ``,``, spaces, ``%``, ``#`` and all non-ASCII;
* a passage of at most ``EXACT_MAX_WORDS`` words and ``EXACT_MAX_CHARS`` characters within one paragraph is one exact
  term; a longer one (or one running over a paragraph break) is ``textStart,textEnd``: its first and last three words,
  more when fewer are not unique. An exact term is the most precise selection, but percent-encoded it takes about three
  URL characters per character of text; past ten words the range form keeps a link near a hundred characters and
  still selects the whole passage;
* ``prefix-,`` and ``,-suffix`` (the words just before and after, one more at a time) are added only when the terms
  alone also select other text.

Following (simplifications of the spec, all on the body as plain text):

* the body is the document; a blank line separates blocks (paragraphs). A term never matches across one; the whitespace
  between a context term and the match may;
* comparison at primary strength (letter case, Latin/Greek/Cyrillic accents and compatibility forms do not count), runs
  of whitespace collapse as rendering does: see ``_normalize``;
* word boundaries follow UAX #29 in simplified form: there is one between two characters unless both are letters or
  digits (or ``_``), or a letter pair is joined by an apostrophe, full stop or colon ("don't", "e.g") or a digit pair
  by a comma, full stop, semicolon or apostrophe ("3,000"); each Han or kana character is a word of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from ._normalize import BLOCK_BREAK, Normalized, Span, at_word_boundary, find_passages, fold, normalize

__all__ = ["text_fragment", "deep_link", "find_fragment", "text_directives", "EXACT_MAX_WORDS", "EXACT_MAX_CHARS"]

EXACT_MAX_WORDS = 10
EXACT_MAX_CHARS = 300
_FIRST_RANGE_WORDS = 3
_MAX_CONTEXT_WORDS = 10

_EXPLICIT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$'()*+./:;=?@_~")
_HTML_WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_TOKEN = re.compile(r"[^ \t\n\r\f]+")


@dataclass(frozen=True)
class TextDirective:
    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def encode(self) -> str:
        parts = [_encode(self.prefix) + "-"] if self.prefix else []
        parts.append(_encode(self.start))
        if self.end:
            parts.append(_encode(self.end))
        if self.suffix:
            parts.append("-" + _encode(self.suffix))
        return "text=" + ",".join(parts)


def _encode(term: str) -> str:
    return "".join(char if char in _EXPLICIT else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
                   for char in term)


# -------------------------------------------------------------------------------------------------------------- parsing


def text_directives(url_or_fragment: str) -> list[str]:
    """The ``text=`` directives of a URL, a fragment (``#:~:text=…``) or a fragment directive (``text=…&text=…``)."""
    value = url_or_fragment.split("#", 1)[1] if "#" in url_or_fragment else url_or_fragment
    if ":~:" in value:
        value = value.split(":~:", 1)[1]
    elif not value.startswith("text="):
        return []
    return [item for item in value.split("&") if item.startswith("text=")]


def parse_text_directive(value: str) -> TextDirective:
    """The spec's "parse a text directive", raising ValueError where the spec returns null."""
    raw = value[len("text="):] if value.startswith("text=") else value
    tokens = raw.split(",")
    if not 1 <= len(tokens) <= 4:
        raise ValueError(f"a text directive has 1 to 4 comma-separated terms, not {len(tokens)}")
    prefix = suffix = None
    if tokens[0].endswith("-"):
        prefix = tokens.pop(0)[:-1]
        if not prefix or "-" in prefix or not tokens:
            raise ValueError("malformed prefix term (a prefix ends in '-' and is followed by a start term)")
    if tokens and tokens[-1].startswith("-"):
        suffix = tokens.pop()[1:]
        if not suffix or "-" in suffix or not tokens:
            raise ValueError("malformed suffix term (a suffix starts with '-' and follows a start term)")
    if len(tokens) > 2:
        raise ValueError("more than a start and an end term")
    start, end = tokens[0], (tokens[1] if len(tokens) == 2 else None)
    for term in (start, end):
        if term is not None and (not term or "-" in term):
            raise ValueError("a start or end term is empty or holds an unencoded '-'")
    return TextDirective(_decode(start), _decode(end), _decode(prefix), _decode(suffix))


def _decode(term: str | None) -> str | None:
    # The spec's "UTF-8 decode without BOM" replaces what is not UTF-8 rather than failing.
    return None if term is None else unquote(term, encoding="utf-8", errors="replace")


# ------------------------------------------------------------------------------------------------------------- matching


def _find(text: str, term: str, start: int, word_start: bool, word_end: bool) -> int | None:
    index = text.find(term, start)
    while index >= 0:
        starts = not word_start or at_word_boundary(text, index)
        if starts and (not word_end or at_word_boundary(text, index + len(term))):
            return index
        index = text.find(term, index + 1)
    return None


def _at(text: str, term: str, index: int, word_end: bool) -> bool:
    return text.startswith(term, index) and (not word_end or at_word_boundary(text, index + len(term)))


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in (" ", BLOCK_BREAK):
        index += 1
    return index


def _ranges(text: str, directive: TextDirective) -> Iterator[tuple[int, int]]:
    """Every range the spec's search finds, in document order: the first is what a browser highlights."""
    start_term, end_term, prefix, suffix = directive.start, directive.end, directive.prefix, directive.suffix
    start_ends_word = end_term is not None or suffix is None
    search = 0
    while search < len(text):
        if prefix is not None:
            found = _find(text, prefix, search, True, False)
            if found is None:
                return
            search = found + 1
            begin = _skip_space(text, found + len(prefix))
            if begin >= len(text):
                return
            if not _at(text, start_term, begin, start_ends_word):
                continue
        else:
            begin = _find(text, start_term, search, True, start_ends_word)
            if begin is None:
                return
            search = begin + 1
        match = _complete(text, directive, begin, begin + len(start_term))
        if match is None:
            if end_term is not None:
                return  # no later start can find an end+suffix that this one could not
            continue
        yield match


def _complete(text: str, directive: TextDirective, begin: int, end: int) -> tuple[int, int] | None:
    """Extend a start match by its end term and check its suffix (the inner loop of the spec's search)."""
    search_end = end
    while True:
        if directive.end is not None:
            found = _find(text, directive.end, search_end, True, directive.suffix is None)
            if found is None:
                return None
            end = found + len(directive.end)
        if directive.suffix is None:
            return begin, end
        after = _skip_space(text, end)
        if after < len(text) and _at(text, directive.suffix, after, True):
            return begin, end
        if directive.end is None:
            return None
        search_end = end
        if search_end >= len(text):
            return None


def _folded(directive: TextDirective) -> TextDirective:
    def term_of(term: str | None) -> str | None:
        if term is None:
            return None
        folded = fold(term, primary=True)
        if not folded.strip():
            raise ValueError(f"the term {term!r} holds no visible text")
        return folded

    return TextDirective(term_of(directive.start), term_of(directive.end), term_of(directive.prefix),
                         term_of(directive.suffix))


def _select(folded_body: Normalized, directive: TextDirective) -> list[Span]:
    return [folded_body.source_span(begin, end) for begin, end in _ranges(folded_body.text, _folded(directive))]


def find_fragment(body: str, directive: str) -> list[Span]:
    """The spans of ``body`` that a text directive selects, in document order (a browser highlights the first).

    ``directive`` is a URL with a text fragment, a fragment (``#:~:text=…``) or a directive (``text=…``); it must hold
    exactly one text directive. Raises ValueError for a malformed one.
    """
    found = text_directives(directive)
    if len(found) != 1:
        raise ValueError(f"expected one text directive, found {len(found)} in {directive!r}")
    return _select(normalize(body, primary=True, blocks=True), parse_text_directive(found[0]))


# ------------------------------------------------------------------------------------------------------------- building


def _term(body: str, start: int, end: int) -> str:
    # Rendering collapses runs of HTML whitespace, so a term carries one space where the source may have a line break.
    return _HTML_WHITESPACE_RUN.sub(" ", body[start:end])


def _tokens(body: str, start: int, end: int) -> list[Span]:
    return [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(body[start:end])]


def _blocks_apart(body: str, left: int, right: int) -> bool:
    """Whether the whitespace between two words (source offsets ``left`` and ``right``) is a paragraph break."""
    return body.count("\n", left, right) >= 2


def _same_block(body: str, tokens: list[Span]) -> list[list[Span]]:
    groups: list[list[Span]] = []
    for token in tokens:
        if groups and not _blocks_apart(body, groups[-1][-1][1], token[0]):
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _prefix_pieces(body: str, start: int) -> list[Span]:
    """The words just before ``start``, nearest first, all from the block the text before ``start`` ends in."""
    token_start = start
    while token_start > 0 and body[token_start - 1] not in " \t\n\r\f":
        token_start -= 1
    pieces = [(token_start, start)] if token_start < start else []
    before = _same_block(body, _tokens(body, 0, token_start))
    if before and (not pieces or not _blocks_apart(body, before[-1][-1][1], token_start)):
        pieces += reversed(before[-1][-_MAX_CONTEXT_WORDS:])
    return pieces[:_MAX_CONTEXT_WORDS]


def _suffix_pieces(body: str, end: int) -> list[Span]:
    token_end = end
    while token_end < len(body) and body[token_end] not in " \t\n\r\f":
        token_end += 1
    pieces = [(end, token_end)] if end < token_end else []
    after = _same_block(body, _tokens(body, token_end, min(len(body), token_end + 4000)))
    if after and (not pieces or not _blocks_apart(body, token_end, after[0][0][0])):
        pieces += after[0][:_MAX_CONTEXT_WORDS]
    return pieces[:_MAX_CONTEXT_WORDS]


def _main_terms(body: str, start: int, end: int) -> Iterator[tuple[str, str | None]]:
    """(start term, end term) candidates for the passage ``[start, end)``, shortest first."""
    blocks = _same_block(body, _tokens(body, start, end))
    words = sum(len(block) for block in blocks)
    exact = len(blocks) == 1 and (words <= EXACT_MAX_WORDS and end - start <= EXACT_MAX_CHARS)
    if exact:
        yield _term(body, start, end), None
        return
    first, last = blocks[0], blocks[-1]
    most = max(len(first), len(last)) if len(blocks) > 1 else (words - 1) // 2
    for size in range(min(_FIRST_RANGE_WORDS, most) or 1, most + 1):
        head, tail = first[: size], last[-size:]
        yield _term(body, start, head[-1][1]), _term(body, tail[0][0], end)
    if len(blocks) == 1:
        yield _term(body, start, end), None


def _context_options(prefix: Sequence[Span], suffix: Sequence[Span]) -> Iterator[tuple[int, int]]:
    yield 0, 0
    for count in range(1, max(len(prefix), len(suffix)) + 1):
        for before, after in ((count, 0), (0, count), (count, count)):
            if before <= len(prefix) and after <= len(suffix):
                yield before, after


def _build(body: str, folded: Normalized, start: int, end: int) -> str:
    begin, stop = folded.position(start), folded.position(end)
    if begin >= stop:
        raise ValueError("the passage holds no visible text")
    wanted = folded.source_span(begin, stop)
    prefix, suffix = _prefix_pieces(body, start), _suffix_pieces(body, end)
    first_only = None  # a directive that a browser follows to the passage, though it also matches later text
    for start_term, end_term in _main_terms(body, start, end):
        for before, after in _context_options(prefix, suffix):
            directive = TextDirective(
                start_term,
                end_term,
                _term(body, prefix[before - 1][0], prefix[0][1]) if before else None,
                _term(body, suffix[0][0], suffix[after - 1][1]) if after else None,
            )
            encoded = directive.encode()
            selected = _select(folded, parse_text_directive(encoded))
            if selected == [wanted]:
                return encoded
            if first_only is None and selected[:1] == [wanted]:
                first_only = encoded
    if first_only is not None:
        return first_only
    raise ValueError(
        f"no text directive selects only this passage: {_term(body, start, end)[:80]!r} repeats with the same words "
        "around it (or starts or ends inside a word)"
    )


def text_fragment(body: str, passage: str, *, occurrence: int = 0) -> str:
    """A ``#:~:text=`` fragment selecting ``passage`` in ``body`` and nothing else there.

    ``passage`` is found as quotations are (typographic quotes, whitespace and Unicode forms do not matter); the
    fragment is built from the body's own text. ``occurrence`` picks among repeated passages (0 is the first). Raises
    ValueError when the passage is not in the body or no directive can single it out.
    """
    spans = find_passages(body, passage)
    if not spans:
        raise ValueError(f"the passage is not in the body: {passage[:80]!r}")
    if not 0 <= occurrence < len(spans):
        raise ValueError(f"occurrence {occurrence} asked for; the passage occurs {len(spans)} time(s)")
    start, end = spans[occurrence]
    return "#:~:" + _build(body, normalize(body, primary=True, blocks=True), start, end)


def deep_link(url: str, body: str, passage: str, *, occurrence: int = 0) -> str:
    """``url`` with a text fragment for ``passage`` (replacing any text fragment it has; keeping an ordinary one)."""
    base, _, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0]
    return f"{base}#{fragment}{text_fragment(body, passage, occurrence=occurrence)[1:]}"
