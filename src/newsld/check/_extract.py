"""HTML → JSON-LD blocks: found as a browser finds them, read as leniently as real pages need, every leniency noted.

A block is a ``<script>`` element of the page's document (HTML namespace) whose type attribute denotes JSON-LD, and
its text is the element's text as the DOM has it (``script.text``): NUL read as U+FFFD, CR LF and CR as LF. Which
elements the document has is what a browser's HTML parser decides with scripting enabled, as when it navigates to
the page: comments, attribute values, raw-text elements (``<style>``, ``<textarea>``, ``<title>``, ``<noscript>``...)
and SVG/MathML content hide markup; script text ends at the first ``</script`` followed by a space, "/" or ">",
except in the escaped states that ``<!--`` then ``<script`` open. Scripts in a ``<template>``'s contents (declarative
shadow roots included) are not blocks: they are not in the document (``document.querySelectorAll`` does not see them,
nor does any consumer that reads the DOM) until a script of the page clones them in. Scripts a ``<frameset>`` removes
with the body are not blocks either. Blocks come in source order (the DOM's tree order differs only where a table
foster-parents content before itself).

Regular expressions find the scripts without a DOM, and only up to the last ``<script`` that could be JSON-LD; they
follow the tokenizer and the tree-construction decisions common pages need (SVG/MathML entered and left by their own
tags, HTML start tags and ``</p>``/``</br>`` that break out of them, templates). A page with anything more (a
frameset, HTML in an SVG/MathML integration point, an end tag that leaves foreign content through an HTML ancestor)
is replayed by ``newsld.check._treebuild``, the standard's tree-construction algorithm on element names. A block's
JSON is read strictly first; only when that fails are the repairs real pages need applied, each recorded as a note
code, and whatever still fails becomes the block's error, located in the page. Nothing here raises on any page.

Not modelled: a type attribute that spells "json" with character references; a script element that is not in the
HTML namespace (``<svg><script type="application/ld+json">``: its content is markup, and no consumer reads it as
JSON-LD). Bytes are decoded as a browser decodes them (``newsld.check._encoding``: BOM, the transport's charset,
``<meta charset>``, else UTF-8); extruct reads them as UTF-8 whatever the page declares.
"""

from __future__ import annotations

import html as _html
import json
import re
import sys
from dataclasses import dataclass
from typing import Any

from . import _limits
from ._encoding import decode_html
from ._limits import MAX_BLOCK_CHARS, MAX_BLOCKS, MAX_PAGE_BYTES, PageBudget, cut_page
from ._treebuild import document_scripts

__all__ = ["Block", "BlockError", "NOTE_CODES", "extract_blocks"]

# Every note a block can carry, in the order they are reported.
NOTE_CODES = (
    "undecodable-bytes",  # bytes the page's encoding does not define: U+FFFD replaced them inside this block
    "type-attribute-entities",  # the type attribute holds character references (browsers decode them)
    "type-attribute-whitespace",  # spaces around the type value
    "type-attribute-case",  # e.g. Application/LD+JSON
    "type-attribute-params",  # e.g. application/ld+json; charset=utf-8
    "empty-block",  # nothing but whitespace, comments and wrappers
    "bom",  # U+FEFF before or after the JSON
    "html-comment-wrapper",  # <!-- ... --> around the JSON, or a comment of words before it
    "cdata-wrapper",  # <![CDATA[ ... ]]> around the JSON
    "js-comment",  # // or /* */ comments
    "trailing-comma",  # a comma before } or ], or after the last value
    "raw-control-characters",  # raw newlines, tabs... inside strings (JSON.parse rejects them)
    "multiple-values",  # several JSON texts one after another (or separated by commas)
    "top-level-array",  # an array at the top: its items are the block's values
)
_NOTE_ORDER = {code: rank for rank, code in enumerate(NOTE_CODES)}

# A repeated group makes Python's regex engine keep about 1 KB of backtracking state per repetition (hundreds of MB on
# a big page) unless the repeat is possessive, which Python only has from 3.11. No pattern here needs to backtrack
# into its repeats, so possessive ones match the same text.
_REPEAT = "*+" if sys.version_info >= (3, 11) else "*"


@dataclass(frozen=True)
class BlockError:
    """Why a block's JSON could not be read, and where in the page (1-based line and column, in characters)."""

    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class Block:
    """One ``<script type="application/ld+json">`` element of a page.

    ``line``/``column`` locate its start tag (1-based; columns count characters). ``values`` are the JSON values it
    holds: one normally, several for concatenated values, the items of a top-level array; empty when ``error`` is set.
    ``notes`` name each leniency that was needed (codes from ``NOTE_CODES``). ``limit`` is the ``limits/`` code (see
    ``newsld.check._limits``) when a limit kept the block's JSON from being read; ``error`` then says which.
    ``closed`` is false for a script element that the end of the page ends (no end tag).
    """

    index: int
    line: int
    column: int
    type_attribute: str
    text: str
    values: tuple[Any, ...]
    error: BlockError | None
    notes: tuple[str, ...]
    limit: str | None = None
    closed: bool = True


def extract_blocks(
    html: str | bytes, *, max_blocks: int | None = None, replaced: bool = False
) -> list[Block]:
    """The page's JSON-LD blocks in document order (at most ``max_blocks``); never raises on any page.

    ``replaced`` says that ``html`` is text already decoded by ``decode_html`` with bytes replaced. The limits of
    ``newsld.check._limits`` apply: a page is read up to its first ``MAX_PAGE_BYTES``, ``max_blocks`` is ``MAX_BLOCKS``
    unless given, and a block past the other limits keeps no values (its ``limit`` and ``error`` say why).
    """
    if isinstance(html, (bytes, bytearray, memoryview)):
        decoded = decode_html(cut_page(bytes(html)))
        html, replaced = decoded.text, decoded.replaced
    elif not isinstance(html, str):
        raise TypeError(f"extract_blocks expects str or bytes, not {type(html).__name__}")
    else:
        html = html[1 if html.startswith("\ufeff") else 0 : MAX_PAGE_BYTES]
    wanted = MAX_BLOCKS if max_blocks is None else max_blocks
    lines = _LineIndex(html)
    blocks: list[Block] = []
    budget = PageBudget()
    for script in _jsonld_scripts(html)[:wanted]:
        blocks.append(_read_block(html, script, len(blocks), lines, replaced, budget))
    return blocks


# ------------------------------------------------------------------------------------------------------------ positions


class _LineIndex:
    """Offset → (line, column), counted on from the previous offset: blocks and their errors come in page order.

    LF, CR LF and a lone CR each end a line. Only the text up to the last offset asked for is read, in place.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1
        self._line_start = 0

    def locate(self, offset: int) -> tuple[int, int]:
        text, start = self._text, self._offset
        line_feeds = text.count("\n", start, offset)
        lone_crs = 0
        split_pair = False
        if text.find("\r", start, offset) >= 0:  # a look for CR costs a fraction of a count
            lone_crs = text.count("\r", start, offset) - text.count("\r\n", start, offset)
            split_pair = text.startswith("\r\n", offset - 1)  # the offset is on its LF: that LF ends the line
            lone_crs -= split_pair
        if line_feeds or lone_crs:
            self._line += line_feeds + lone_crs
            last = text.rfind("\n", start, offset)
            if lone_crs:  # a CR followed by LF in the range is before that LF, so the later of the two is the end
                last = max(last, text.rfind("\r", start, offset - split_pair))
            self._line_start = last + 1
        self._offset = offset
        return self._line, offset - self._line_start + 1


# ------------------------------------------------------------------------------------------------------ finding scripts

_HTML_SPACE = "\t\n\f\r "
# A start or end tag's attributes, up to just after its ">" (or the end of the page), as the tokenizer reads them: a
# name may begin with "=" and may hold quotes; only a value (after "=") can be quoted. Group 1: the last run of
# spaces and slashes, which makes the tag self-closing when it ends in "/" just before ">".
_ATTRIBUTES = (
    r"(?:([\t\n\f\r /]+)"
    r"|[^\t\n\f\r />][^\t\n\f\r />=]*(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?"
    r")" + _REPEAT + r"(?:>|\Z)"
)
_TAG_REST = r"[^\t\n\f\r />]*" + _ATTRIBUTES.replace("([", "(?:[", 1)  # after the first letter of the name
# Where _TAG_REST ends, found sooner (these patterns run over every tag before the page's JSON-LD). The usual start
# tag, spaces and name="value", name='value' or name=value pairs with no other quote or "=", ends at the same ">"
# as the tokenizer reads it; an end tag without quotes ends at its first ">". Anything else falls to _TAG_REST.
_START_TAG_REST = (
    r"(?:[^\t\n\f\r />\"'=]*(?:[\t\n\f\r /]+[^\t\n\f\r />\"'=]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r >\"'=]+))?)"
    + _REPEAT + r"[\t\n\f\r /]*>|" + _TAG_REST + ")"
)
_END_TAG_REST = r"(?:[^>\"']*>|" + _TAG_REST + ")"
# A comment's text, up to its first "-->" or "--!>": runs without "-" at a time where the repeat can be possessive.
_COMMENT_TEXT = r"(?:[^-]++|-(?!-!?>))*+" if _REPEAT == "*+" else r".*?"
# End tags _DATA_IN_TEMPLATE reads without looking: any but </template (which closes a template's contents).
_NOT_TEMPLATE = r"(?!(?i:template)[\t\n\f\r />])"


def _markup(end_tag_guard: str) -> str:
    """Comments, bogus comments, doctypes, end tags (but those ``end_tag_guard`` rejects), a "<" that is just text."""
    return (
        r"|<!--(?:-?>|" + _COMMENT_TEXT + r"(?:--!?>|\Z))"
        r"|<[!?][^>]*(?:>|\Z)"
        r"|</(?:" + end_tag_guard + r"[A-Za-z]" + _END_TAG_REST + r"|>|[^A-Za-z>][^>]*(?:>|\Z)|\Z)"
        r"|<(?![A-Za-z!?/])"
    )


# Elements whose content the tokenizer does not read as markup, scripts among them.
_RAW_TEXT_NAMES = (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"
)
# Start tags the quick scanner stops at: raw-text elements, SVG/MathML roots, templates; in a template's contents also
# <col> (which the template insertion modes treat apart) and the end tag </template>.
_STOPS = "|".join(_RAW_TEXT_NAMES) + "|svg|math|template"
_SPECIAL = re.compile(r"<(/?)(?i:(" + _STOPS + r"|col))(?=[\t\n\f\r />])", re.A)


def _data(stops: str, end_tag_guard: str = "") -> re.Pattern[str]:
    """Everything up to the next start tag named in ``stops`` or an end tag ``end_tag_guard`` rejects. End tags, as
    common as start tags and quicker to tell apart, are tried first; _markup's own end-tag branch reads the same ones."""
    return re.compile(
        r"(?:[^<]+|</" + end_tag_guard + r"[A-Za-z]" + _END_TAG_REST
        + r"|<(?!(?i:" + stops + r")[\t\n\f\r />])[A-Za-z]" + _START_TAG_REST + _markup(end_tag_guard) + ")"
        + _REPEAT,
        re.S | re.A,
    )


_DATA = _data(_STOPS)  # outside templates, where </template> is ignored
_DATA_IN_TEMPLATE = _data(_STOPS + "|col", _NOT_TEMPLATE)

# HTML start tags that end SVG/MathML content (WHATWG HTML 13.2.6.5; <font> too when it has color, face or size).
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta "
    "nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
# In SVG/MathML content: text, comments, CDATA sections and "<" that begins no tag, up to the next tag. At an
# integration point Chromium reads "<![CDATA[" as a bogus comment, as in HTML.
_FOREIGN_TEXT_AT_POINT = (
    r"<!--(?:-?>|" + _COMMENT_TEXT + r"(?:--!?>|\Z))|<[!?][^>]*(?:>|\Z)"
    r"|</(?:>|[^A-Za-z>][^>]*(?:>|\Z))|<(?![A-Za-z!?/])"
)
# Elsewhere in foreign content, also the usual self-closing tag (<path d="..."/>, most of an inline icon), which
# changes nothing unless it breaks out: its "/>" after a quoted value, a name or a space, never after an unquoted value.
_SELF_CLOSING = (
    r"<(?!(?i:" + "|".join(sorted(_BREAKOUT)) + r"|font)[\t\n\f\r />])[A-Za-z][^\t\n\f\r />\"'=]*"
    r"(?:[\t\n\f\r /]+[^\t\n\f\r />\"'=]+"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r >\"'=]+(?=[\t\n\f\r ])))?)" + _REPEAT
    + r"[\t\n\f\r ]*/>"
)
_FOREIGN_TEXT = {
    False: re.compile(
        r"(?:[^<]+|<!\[CDATA\[.*?(?:\]\]>|\Z)|" + _SELF_CLOSING + "|" + _FOREIGN_TEXT_AT_POINT + ")" + _REPEAT,
        re.S | re.A,
    ),
    True: re.compile(r"(?:[^<]+|" + _FOREIGN_TEXT_AT_POINT + ")" + _REPEAT, re.S | re.A),
}
_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*", re.A)
_SVG, _MATHML = 1, 2
_INTEGRATION_POINTS = {
    _SVG: frozenset(("foreignobject", "desc", "title")),
    _MATHML: frozenset(("mi", "mo", "mn", "ms", "mtext")),
}
_TAG_END = re.compile(_ATTRIBUTES.replace("([", "(?:[", 1).replace(r"(?:>|\Z)", r"(>)?"), re.A)
_ATTRIBUTE = re.compile(  # one attribute, or the tag's ">" (group 1); nothing at the end of the page
    r"[\t\n\f\r /]*"
    r"(?:(>)|([^\t\n\f\r />][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?)?",
    re.A,
)
_END_TAG = re.compile(r"</[A-Za-z]" + _TAG_REST, re.A)
_RAW_TEXT_END = {
    name: re.compile(r"</(?i:" + name + r")[\t\n\f\r />]", re.A) for name in _RAW_TEXT_NAMES if name != "plaintext"
}
# Script data and its escaped states (WHATWG HTML 13.2.5.4-13.2.5.31): "<!--" then "<script" hide "</script".
_SCRIPT_DATA = re.compile(r"<!--|</(?i:script)[\t\n\f\r />]", re.A)
_SCRIPT_ESCAPED = re.compile(r"-->|<(/?)(?i:script)[\t\n\f\r />]", re.A)
_SCRIPT_DOUBLE_ESCAPED = re.compile(r"-->|</(?i:script)[\t\n\f\r />]", re.A)
# "<script" anywhere, and (group 1) its attributes as if it began a tag; or "<frameset" anywhere (one pass finds both).
_SCRIPT_START = re.compile(
    r"<(?=[SsFf])(?:(?i:script)(?=[\t\n\f\r />])(?=(" + _ATTRIBUTES.replace("([", "(?:[", 1) + r"))"
    r"|(?i:frameset)[\t\n\f\r />])",
    re.A,
)
_JSON = re.compile("json", re.I | re.A)


@dataclass(frozen=True)
class _Script:
    start: int  # offset of "<script"
    type_attribute: str
    type_notes: tuple[str, ...]
    text_start: int
    text_end: int


class _Undecided(Exception):
    """The quick scanner met markup whose meaning depends on tree construction it does not follow."""


def _jsonld_scripts(page: str) -> list[_Script]:
    # Tokenizing every tag exactly is what costs; past the last "<script" that reads as a JSON-LD start tag wherever
    # it stands (in a comment, an attribute, another script), no JSON-LD script can begin. A frameset anywhere may
    # remove the body, and with it scripts before it: only the tree builder knows.
    last, frameset = _last_jsonld_candidate(page)
    if last < 0:
        return []
    if not frameset:
        try:
            return _quick_scripts(page, last)
        except _Undecided:
            pass
        stop = last
    else:
        stop = len(page)
    scripts = []
    for start, tag_end, text_end in document_scripts(page, _start_tag_end, _attribute_pairs, _raw_text_end, stop):
        jsonld = _jsonld_type(page, start + len("<script"), tag_end)
        if jsonld is not None:
            scripts.append(_Script(start, jsonld[0], jsonld[1], tag_end, text_end))
    return scripts


def _quick_scripts(page: str, last: int) -> list[_Script]:
    """The scripts, for a page whose tree construction needs no more than this follows; else _Undecided."""
    scripts: list[_Script] = []
    end = len(page)
    pos = 0
    foreign: list[tuple[str, int, bool]] = []  # the open SVG/MathML elements: name, namespace, integration point
    templates = 0  # open template elements: what is inside them is not in the document
    while pos <= last:
        if foreign:
            pos = _skip_foreign(page, pos, foreign)
            continue
        pos = (_DATA_IN_TEMPLATE if templates else _DATA).match(page, pos).end()
        if pos >= end:
            break
        special = _SPECIAL.match(page, pos)
        name = special.group(2).lower()
        if special.group(1):  # </template>: closes the innermost template, if one is open
            templates -= templates > 0
            close = _END_TAG.match(page, pos)
            pos = close.end()
            continue
        tag_end, self_closing = _start_tag_end(page, special.end())
        if tag_end < 0:  # the page ends inside the start tag: no element
            break
        if name in ("svg", "math"):
            if not self_closing:
                foreign.append((name, _SVG if name == "svg" else _MATHML, False))
            pos = tag_end
            continue
        if name == "template":
            templates += 1
            pos = tag_end
            continue
        if name == "col":  # in a template, <col> first switches to a mode that ignores most tags
            raise _Undecided
        text_end = _raw_text_end(page, name, tag_end)
        if name == "script" and not templates:
            jsonld = _jsonld_type(page, special.end(), tag_end)
            if jsonld is not None:
                scripts.append(_Script(pos, jsonld[0], jsonld[1], tag_end, text_end))
        close = _END_TAG.match(page, text_end)
        pos = close.end() if close else end
    return scripts


def _last_jsonld_candidate(page: str) -> tuple[int, bool]:
    """Offset of the last "<script" anywhere whose tag reads as JSON-LD (-1 if none), the page's length if such tags
    overlap so much that checking them would cost more than tokenizing the page (hostile input); and whether
    "<frameset" occurs anywhere."""
    budget = 2 * len(page)
    last = -1
    frameset = False
    for match in _SCRIPT_START.finditer(page):
        start, end = match.span(1)
        if start < 0:
            frameset = True
            continue
        budget -= end - start
        if budget < 0:
            return len(page), "<frameset" in page.lower()
        if _jsonld_type(page, start, end) is not None:
            last = match.start()
    return last, frameset


def _skip_foreign(page: str, pos: int, foreign: list[tuple[str, int, bool]]) -> int:
    """Past one tag of SVG/MathML content (and the text before it), updating the open foreign elements; _Undecided
    when the tag is handed to the HTML rules in a way that depends on the HTML elements open around the foreign ones.
    """
    pos = _FOREIGN_TEXT[foreign[-1][2]].match(page, pos).end()
    end = len(page)
    if pos >= end:
        return end
    closing = page.startswith("</", pos)
    name_match = _NAME.match(page, pos + 1 + closing)
    if name_match is None:  # "</" at the very end: the tokenizer emits it as text
        return end
    name = name_match.group().lower()
    tag_end, self_closing = _start_tag_end(page, name_match.end())
    if tag_end < 0:
        foreign.clear()
        return end
    if closing:
        if name in ("p", "br"):  # ends foreign content up to an integration point, then goes to the HTML rules
            while foreign and not foreign[-1][2]:
                foreign.pop()
            return tag_end
        for index in range(len(foreign) - 1, -1, -1):
            if foreign[index][0] == name:
                del foreign[index:]
                return tag_end
        raise _Undecided  # the HTML rules apply: it may close an HTML element around the foreign content
    current, ns, point = foreign[-1]
    if point or (current == "annotation-xml" and name == "svg"):
        raise _Undecided  # HTML inside an integration point
    if name in _BREAKOUT or (name == "font" and {"color", "face", "size"} & {
        attribute for attribute, _ in _attribute_pairs(page, name_match.end(), tag_end)
    }):
        foreign.clear()  # popped up to the HTML element around them; the tag is then read as HTML
        return pos
    if self_closing:
        return tag_end
    # <path ...></path>, text at most between: the element opens and closes again (the usual shape of icons).
    close = page.find("<", tag_end)
    after = close + 2 + len(name)
    if page.startswith("</", close) and page.startswith(">", after) and page[close + 2 : after].lower() == name:
        return after + 1
    if ns == _MATHML and name == "annotation-xml":
        encoding = dict(_attribute_pairs(page, name_match.end(), tag_end)).get("encoding", "")
        point = encoding.lower() in ("text/html", "application/xhtml+xml")
    else:
        point = name in _INTEGRATION_POINTS[ns]
    foreign.append((name, ns, point))
    return tag_end


def _start_tag_end(page: str, pos: int) -> tuple[int, bool]:
    """From just after a start tag's name: the offset after its ">" (-1 if the page ends first, even inside a quoted
    value that holds a ">"), and whether the tag is self-closing."""
    match = _TAG_END.match(page, pos)
    if match.group(1) is None:
        return -1, False
    end = match.end()
    if page[end - 2] != "/":
        return end, False
    # The "/" before ">" makes the tag self-closing only when it is not the end of an unquoted attribute value.
    while True:
        match = _ATTRIBUTE.match(page, pos, end)
        if match.group(1) is not None:
            return end, match.start(1) > match.start() and page[match.start(1) - 1] == "/"
        if match.end() == pos:
            return end, False
        pos = match.end()


def _attribute_pairs(page: str, pos: int, end: int) -> list[tuple[str, str]]:
    """The (ASCII-lower-case name, value) pairs of the start tag's attributes ``page[pos:end]``, character references
    decoded, NUL read as U+FFFD."""
    pairs = []
    while True:
        match = _ATTRIBUTE.match(page, pos, end)
        name = match.group(2)
        if name is None or match.end() == pos:
            return pairs
        pos = match.end()
        value = _unquote(match.group(3) or "")
        if "&" in value:
            value = _html.unescape(value)
        pairs.append((_ascii_lower(name), value.replace("\0", "\ufffd")))


def _unquote(value: str) -> str:
    if value[:1] in ("'", '"'):
        return value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
    return value


def _ascii_lower(text: str) -> str:
    return text.lower() if text.isascii() else "".join(c.lower() if c.isascii() else c for c in text)


def _jsonld_type(page: str, pos: int, end: int) -> tuple[str, tuple[str, ...]] | None:
    """The type attribute of the start tag's attributes ``page[pos:end]`` (as the DOM has it: CR LF and CR read as
    LF, NUL as U+FFFD) and its notes, if it denotes JSON-LD."""
    if not _JSON.search(page, pos, end):  # cheap, and a type spelling "json" with character references is absurd
        return None
    while True:
        match = _ATTRIBUTE.match(page, pos, end)
        pos = match.end()
        name = match.group(2)
        if name is None:
            return None
        if name.lower() == "type":
            value = _browser_text(_unquote(match.group(3) or ""))
            notes = _type_notes(value)
            return None if notes is None else (value, notes)


def _raw_text_end(page: str, name: str, pos: int) -> int:
    if name == "script":
        return _script_text_end(page, pos)
    if name == "plaintext":
        return len(page)
    match = _RAW_TEXT_END[name].search(page, pos)
    return match.start() if match else len(page)


def _script_text_end(page: str, pos: int) -> int:
    pattern = _SCRIPT_DATA
    while True:
        match = pattern.search(page, pos)
        if match is None:
            return len(page)
        token = match.group()
        if pattern is _SCRIPT_DATA:
            if token != "<!--":
                return match.start()
            pattern, pos = _SCRIPT_ESCAPED, match.start() + 2  # its dashes may already close it: "<!-->"
            continue
        if token == "-->":
            pattern = _SCRIPT_DATA
        elif pattern is _SCRIPT_DOUBLE_ESCAPED:
            pattern = _SCRIPT_ESCAPED
        elif match.group(1):
            return match.start()
        else:
            pattern = _SCRIPT_DOUBLE_ESCAPED
        pos = match.end()


def _type_notes(raw: str) -> tuple[str, ...] | None:
    """The notes a JSON-LD type attribute needs, or None when it does not denote JSON-LD."""
    if raw == "application/ld+json":
        return ()
    notes = []
    value = raw
    if "&" in value:
        value = _html.unescape(value)
        if value != raw:
            notes.append("type-attribute-entities")
    stripped = value.strip(_HTML_SPACE)
    if stripped != value:
        notes.append("type-attribute-whitespace")
    essence, semicolon, _ = stripped.partition(";")
    if semicolon:
        essence = essence.rstrip(_HTML_SPACE)
        notes.append("type-attribute-params")
    if essence != "application/ld+json":
        # ASCII only: str.lower() would also map e.g. KELVIN SIGN to "k".
        if not (essence.isascii() and essence.lower() == "application/ld+json"):
            return None
        notes.append("type-attribute-case")
    return tuple(notes)


# ------------------------------------------------------------------------------------------------------ reading a block


class _NotJson(ValueError):
    """NaN or Infinity: Python's decoder accepts them, JSON (and JSON.parse) does not."""


def _reject_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


_STRICT = json.JSONDecoder(parse_constant=_reject_constant)
_LENIENT = json.JSONDecoder(parse_constant=_reject_constant, strict=False)
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_LEXEME = re.compile(
    r"\"[^\"\\]*(?:\\.[^\"\\]*)" + _REPEAT + r"(?:\"|\\?\Z)"
    r"|//[^\n\r]*"
    r"|/\*.*?(?:\*/|\Z)"
    r"|<!--|-->|<!\[CDATA\[|\]\]>"
    r"|[\[\]{},\ufeff]"
    r"|-?(?:NaN|Infinity)",
    re.S,
)
_CONTROL = re.compile(r"[\x00-\x1f]")
_WRAPPER_NOTES = {
    "<!--": "html-comment-wrapper",
    "-->": "html-comment-wrapper",
    "<![CDATA[": "cdata-wrapper",
    "]]>": "cdata-wrapper",
    "\ufeff": "bom",
}


def _read_block(
    page: str, script: _Script, index: int, lines: _LineIndex, replaced: bool, budget: PageBudget
) -> Block:
    line, column = lines.locate(script.start)
    raw = page[script.text_start : script.text_end]
    text = _browser_text(raw)
    notes = list(script.type_notes)
    if replaced and "\ufffd" in raw:
        notes.append("undecodable-bytes")
    limit = budget.spent or ("limits/block-too-large" if len(text) > MAX_BLOCK_CHARS else None)
    if limit is not None:
        values, failure = (), (_limits.CODES.description(limit), 0)
    else:
        values, json_notes, failure = _parse(text)
        notes.extend(json_notes)
        if failure is not None and failure[0] == _TOO_DEEP:
            limit = "limits/too-deep"
        elif values:
            limit = budget.take(values)
            if limit is not None:
                values, failure = (), (_TOO_DEEP if limit == "limits/too-deep" else _limits.CODES.description(limit), 0)
    error = None
    if failure is not None:
        message, offset = failure
        error = BlockError(message, *lines.locate(script.text_start + _raw_offset(raw, offset)))
    return Block(
        index=index,
        line=line,
        column=column,
        type_attribute=script.type_attribute,
        text=text,
        values=values,
        error=error,
        notes=tuple(sorted(set(notes), key=_NOTE_ORDER.__getitem__)),
        limit=limit,
        closed=script.text_end < len(page),
    )


def _browser_text(raw: str) -> str:
    """Text as the DOM has it: the input stream reads CR LF and CR as LF; raw-text states read NUL as U+FFFD."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in raw:
        raw = raw.replace("\0", "\ufffd")
    return raw


def _raw_offset(raw: str, offset: int) -> int:
    """The offset in ``raw`` of the character at ``offset`` in ``_browser_text(raw)`` (each CR LF read as one LF)."""
    pair = raw.find("\r\n")
    while 0 <= pair < offset:
        offset += 1
        pair = raw.find("\r\n", pair + 2)
    return offset


_TOO_DEEP = "arrays or objects nested too deeply"


def _parse(text: str) -> tuple[tuple[Any, ...], list[str], tuple[str, int] | None]:
    """Values, notes, and (message, offset in ``text``) when the text is not JSON even after the repairs."""
    try:
        return _flatten([_STRICT.decode(text)], [])
    except ValueError:
        pass
    except RecursionError:  # no repair makes it shallower
        return (), [], (_TOO_DEEP, _JSON_SPACE.match(text).end())
    cleaned, notes, constant_at = _repair(text)
    values = []
    pos = _JSON_SPACE.match(cleaned).end()
    try:
        while pos < len(cleaned):
            value, end = _LENIENT.raw_decode(cleaned, pos)
            values.append(value)
            pos = _JSON_SPACE.match(cleaned, end).end()
    except json.JSONDecodeError as exc:
        return (), notes, (exc.msg, exc.pos)
    except _NotJson as exc:
        return (), notes, (str(exc), max(constant_at, pos))
    except RecursionError:
        return (), notes, (_TOO_DEEP, pos)
    except ValueError:  # the one other failure: an integer beyond Python's digit limit (sys.get_int_max_str_digits)
        return (), notes, ("an integer with too many digits", pos)
    if not values:
        notes.append("empty-block")
    elif len(values) > 1:
        notes.append("multiple-values")
    return _flatten(values, notes)


def _flatten(values: list[Any], notes: list[str]) -> tuple[tuple[Any, ...], list[str], None]:
    if not any(isinstance(value, list) for value in values):
        return tuple(values), notes, None
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(value)
        else:
            flat.append(value)
    return tuple(flat), notes + ["top-level-array"], None


def _repair(text: str) -> tuple[str, list[str], int]:
    """``text`` with wrappers, comments, BOMs and stray commas outside strings blanked out (so every offset stays put),
    the notes for them and for raw control characters in strings, and the offset of the first NaN or Infinity."""
    blanks: list[tuple[int, int]] = []
    notes = set()
    depth = 0
    comma = -1  # offset of a comma that only whitespace and comments follow so far
    constant_at = -1
    last = 0
    pos = 0
    while True:
        match = _LEXEME.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        pos = end
        if comma >= 0 and text[last:start].strip(" \t\n\r"):
            comma = -1
        last = end
        token = match.group()
        first = token[0]
        if first == "/":
            blanks.append((start, end))
            body = token[2:-2] if token.startswith("/*") and token.endswith("*/") else token[2:]
            notes.add((depth == 0 and _WRAPPER_NOTES.get(body.strip())) or "js-comment")
            continue
        if first == ",":
            if depth == 0:  # between top-level values (an array without its brackets) or after the last one
                blanks.append((start, end))
            comma = start
            continue
        if first in "}]" and token != "]]>":
            if depth:
                depth -= 1
                if comma >= 0:
                    blanks.append((comma, comma + 1))
                    notes.add("trailing-comma")
        elif first in "{[":
            depth += 1
        elif first == '"':
            if _CONTROL.search(token):
                notes.add("raw-control-characters")
        elif token in _WRAPPER_NOTES:
            if depth == 0:
                if token == "<!--":
                    # A comment holding words rather than the JSON (extruct's samples have "<!-- John joined the
                    # festival. -->" before it) goes as a whole; around the JSON only its markers do.
                    close = text.find("-->", end)
                    inside = text[end : len(text) if close < 0 else close].strip(" \t\n\r")
                    if inside and inside[0] not in "{[":
                        end = pos = len(text) if close < 0 else close + 3
                        last = end
                blanks.append((start, end))
                notes.add(_WRAPPER_NOTES[token])
        elif constant_at < 0:
            constant_at = start
        comma = -1
    if comma >= 0 and depth == 0 and not text[last:].strip(" \t\n\r"):
        notes.add("trailing-comma")
    return _blank(text, blanks), list(notes), constant_at


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces = []
    pos = 0
    for start, end in sorted(spans):
        pieces.append(text[pos:start])
        pieces.append(" " * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
