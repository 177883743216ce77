"""Which ``<script>`` start tags of a page become script elements of its document, by the HTML tree-construction rules.

The extractor's quick scanner follows the tokenizer and the few tree-builder decisions that common pages need; when
a page needs more (a ``<frameset>``, HTML inside SVG/MathML integration points, an end tag that leaves foreign content
through an HTML ancestor, ``<col>`` in a template), this module replays the WHATWG tree-construction algorithm (HTML
Living Standard 13.2.6, with the relaxed ``<select>`` parsing that Chromium ships) on element names alone: the stack
of open elements, the insertion modes, the list of active formatting elements and the adoption agency, the template
insertion modes, the head and form pointers, the frameset-ok flag, the quirks mode. No DOM is built. Scripting is
enabled (``<noscript>`` is raw text), as for a page a browser navigates to.

Not modelled, because no rule here depends on them: text content, attributes (but those that steer the parser),
foster-parenting's placement of nodes (a block's order is its order in the source, not in the tree).
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable

__all__ = ["ScriptElement", "document_scripts"]

HTML, SVG, MATHML = 0, 1, 2

# (offset of "<script", offset after its start tag's ">", offset where its text ends)
ScriptElement = tuple[int, int, int]

_SPACE = "\t\n\f\r "
_SPECIAL_HTML = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup "
    "dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head "
    "header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes "
    "noscript object ol p param plaintext pre script search section select source style summary table tbody td "
    "template textarea tfoot th thead title tr track ul wbr xmp".split()
)
_MATHML_TEXT_POINTS = frozenset(("mi", "mo", "mn", "ms", "mtext"))
_SVG_HTML_POINTS = frozenset(("foreignobject", "desc", "title"))
_SCOPE_HTML = frozenset(("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"))
_IMPLIED = frozenset(("dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"))
_IMPLIED_THOROUGH = _IMPLIED | frozenset(("caption", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_BLOCK_START = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup "
    "main menu nav ol p search section summary ul".split()
)
_BLOCK_END = _BLOCK_START - {"p"} | frozenset(("button", "listing", "pre"))
_IN_HEAD_START = frozenset(
    ("base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "template", "title")
)
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta "
    "nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
_TABLE_SECTIONS = frozenset(("tbody", "tfoot", "thead"))
_TABLE_STARTS_IN_CAPTION = frozenset(("caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"))
_RAW_TEXT = {
    "title": "rcdata", "textarea": "rcdata", "style": "rawtext", "xmp": "rawtext", "iframe": "rawtext",
    "noembed": "rawtext", "noframes": "rawtext", "noscript": "rawtext", "script": "script", "plaintext": "plaintext",
}
# Doctypes that put a document in quirks mode: the public identifiers' common prefixes (WHATWG HTML 13.2.6.4.1).
_QUIRKY_PUBLIC = (
    "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html 2.0", "-//ietf//dtd html 3",
    "-//ietf//dtd html level", "-//ietf//dtd html strict", "-//ietf//dtd html//", "-//metrius//",
    "-//microsoft//dtd internet explorer", "-//netscape comm. corp.//dtd", "-//o'reilly and associates//",
    "-//sq//dtd html 2.0", "-//softquad", "-//spyglass//", "-//sun microsystems corp.//dtd hotjava",
    "-//w3c//dtd html 3", "-//w3c//dtd html 4.0 ", "-//w3c//dtd html experimental", "-//w3c//dtd w3 html",
    "-//w3o//dtd w3 html", "-//webtechs//dtd mozilla html",
)


class _Element:
    __slots__ = ("name", "ns", "html_point", "text_point", "attributes")

    def __init__(self, name: str, ns: int = HTML, attributes: dict[str, str] | None = None) -> None:
        self.name = name
        self.ns = ns
        self.attributes = attributes
        self.text_point = ns == MATHML and name in _MATHML_TEXT_POINTS
        self.html_point = (ns == SVG and name in _SVG_HTML_POINTS) or (
            ns == MATHML and name == "annotation-xml" and attributes is not None
            and attributes.get("encoding", "").lower() in ("text/html", "application/xhtml+xml")
        )

    def special(self) -> bool:
        if self.ns == HTML:
            return self.name in _SPECIAL_HTML
        return self.html_point or self.text_point or (self.ns == MATHML and self.name == "annotation-xml")

    def scope_boundary(self) -> bool:
        if self.ns == HTML:
            return self.name in _SCOPE_HTML
        return self.special()


_MARKER = _Element("#marker", -1)


class _Tag:
    __slots__ = ("name", "start", "end", "self_closing", "attributes_at", "_attributes")

    def __init__(self, name: str, start: int, end: int, self_closing: bool, attributes_at: int) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.self_closing = self_closing
        self.attributes_at = attributes_at
        self._attributes: dict[str, str] | None = None


_TEXT = re.compile(r"[^<]+")
_NAME = re.compile(r"[^\t\n\f\r />]*")
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:--!?>|\Z))", re.S)
_BOGUS = re.compile(r"[^>]*(?:>|\Z)")
_DOCTYPE = re.compile(r"<!(?i:doctype)([^>]*)(?:>|\Z)")
_DOCTYPE_ID = re.compile(r"""(?i:public|system)[\t\n\f\r ]*(?:"([^">]*)"?|'([^'>]*)'?)""")
# Characters that set frameset-ok to "not ok": Chromium leaves it alone for U+FFFD too (the standard does not).
_NOT_SPACE = re.compile("[^\t\n\f\r \x00\ufffd]")
# Before the body, Chromium skips NUL as it skips whitespace (the standard reads it as text that opens the body).
_SKIPPED = _SPACE + "\x00"
# SVG element names in camel case: Chromium gives an end tag in SVG content its SVG spelling, which then matches no
# HTML element when the HTML rules get it.
_SVG_CAMEL_CASE = frozenset(
    "altglyph altglyphdef altglyphitem animatecolor animatemotion animatetransform clippath feblend fecolormatrix "
    "fecomponenttransfer fecomposite feconvolvematrix fediffuselighting fedisplacementmap fedistantlight "
    "fedropshadow feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage femerge femergenode femorphology "
    "feoffset fepointlight fespecularlighting fespotlight fetile feturbulence foreignobject glyphref "
    "lineargradient radialgradient textpath".split()
)


def document_scripts(
    page: str,
    tag_end: Callable[[str, int], tuple[int, bool]],
    attribute_pairs: Callable[[str, int, int], list[tuple[str, str]]],
    raw_text_end: Callable[[str, str, int], int],
    stop: int | None = None,
) -> list[ScriptElement]:
    """The script elements (HTML namespace) the parser puts into ``page``'s document, in source order: not those in a
    template's contents, nor those a ``<frameset>`` removed with the body.

    The tokenizer's details are the caller's (shared with its quick scanner): ``tag_end(page, pos)`` from just after a
    start tag's name gives the offset after its ">" (-1 if the page ends first) and whether it is self-closing;
    ``attribute_pairs(page, pos, end)`` its (lower-case name, decoded value) pairs; ``raw_text_end(page, name, pos)``
    where a raw-text element's text ends. Tokens starting after ``stop`` are not read (no script the caller wants
    starts there, and no frameset follows).
    """
    builder = _Builder(page, attribute_pairs)
    return builder.run(tag_end, raw_text_end, len(page) if stop is None else stop)


class _Builder:
    def __init__(self, page: str, attribute_pairs: Callable[[str, int, int], list[tuple[str, str]]]) -> None:
        self.page = page
        self.attribute_pairs = attribute_pairs
        self.stack: list[_Element] = []
        self.formatting: list[_Element] = []
        self.templates: list[str] = []
        self.mode = "initial"
        self.original_mode = ""
        self.head: _Element | None = None
        self.form: _Element | None = None
        self.frameset_ok = True
        self.quirks = False
        self.body_removed = False
        self.tokenizer_state: str | None = None  # set by a start tag that switches the tokenizer
        self.found: list[tuple[int, int, bool, bool]] = []  # start, tag end, in a template, in the head
        self.pending_script: int | None = None

    # ----------------------------------------------------------------------------------------------------------- tokens

    def run(self, tag_end: Callable[[str, int], tuple[int, bool]],
            raw_text_end: Callable[[str, str, int], int], stop: int) -> list[ScriptElement]:
        page = self.page
        end = len(page)
        pos = 0
        texts: dict[int, int] = {}  # index in self.found -> where its text ends
        while pos < end and pos <= stop:
            text = _TEXT.match(page, pos)
            if text:
                self.characters(text.group())
                pos = text.end()
                continue
            if page.startswith("<!--", pos):
                pos = _COMMENT.match(page, pos).end()
                continue
            if page.startswith("<![CDATA[", pos) and self.in_foreign(None):  # Chromium: not at integration points
                close = page.find("]]>", pos + 9)
                close = end if close < 0 else close
                self.characters(page[pos + 9 : close])
                pos = min(end, close + 3)
                continue
            if page.startswith("<!", pos):
                doctype = _DOCTYPE.match(page, pos)
                if doctype:
                    self.doctype(doctype.group(1))
                    pos = doctype.end()
                else:
                    pos = _BOGUS.match(page, pos).end()
                continue
            if page.startswith("<?", pos):
                pos = _BOGUS.match(page, pos).end()
                continue
            if page.startswith("</", pos):
                if pos + 2 < end and page[pos + 2].isascii() and page[pos + 2].isalpha():
                    raw = _NAME.match(page, pos + 2).group()
                    name = raw.lower()
                    after, _ = tag_end(page, pos + 2 + len(raw))
                    if after < 0:
                        break
                    self.end_tag(name)
                    pos = after
                elif pos + 2 >= end:
                    self.characters("</")
                    pos = end
                else:
                    pos = _BOGUS.match(page, pos + 2).end()  # "</>" is dropped, "</ x>" is a bogus comment
                continue
            if pos + 1 < end and page[pos + 1].isascii() and page[pos + 1].isalpha():
                raw = _NAME.match(page, pos + 1).group()
                name = raw.lower()
                attributes_at = pos + 1 + len(raw)
                after, self_closing = tag_end(page, attributes_at)
                if after < 0:
                    break
                self.tokenizer_state = None
                self.pending_script = None
                self.start_tag(_Tag(name, pos, after, self_closing, attributes_at))
                pos = after
                state = self.tokenizer_state
                if state is None:
                    continue
                if state == "plaintext":
                    break
                text_end = raw_text_end(page, name, pos)
                if self.pending_script is not None:
                    texts[self.pending_script] = text_end
                self.characters_in_text()
                if text_end >= end:
                    break
                self.stack.pop()  # the raw-text element's end tag, in the "text" insertion mode
                self.mode = self.original_mode
                pos, _ = tag_end(page, text_end + 2 + len(name))
                if pos < 0:
                    break
                continue
            self.characters("<")
            pos += 1
        return [
            (start, after, texts.get(index, end))
            for index, (start, after, in_template, in_head) in enumerate(self.found)
            if not in_template and not (self.body_removed and not in_head)
        ]

    def attributes(self, tag: _Tag) -> dict[str, str]:
        if tag._attributes is None:
            values: dict[str, str] = {}
            for name, value in self.attribute_pairs(self.page, tag.attributes_at, tag.end):
                values.setdefault(name, value)
            tag._attributes = values
        return tag._attributes

    # --------------------------------------------------------------------------------------------------------- dispatch

    def adjusted_current(self) -> _Element:
        return self.stack[-1]

    def in_foreign(self, start_name: str | None) -> bool:
        """Whether the token goes to the foreign-content rules (a start tag's name, None for characters)."""
        if not self.stack:
            return False
        node = self.stack[-1]
        if node.ns == HTML:
            return False
        if node.text_point and (start_name is None or start_name not in ("mglyph", "malignmark")):
            return False
        if node.ns == MATHML and node.name == "annotation-xml" and start_name == "svg":
            return False
        return not node.html_point

    def start_tag(self, tag: _Tag) -> None:
        if self.in_foreign(tag.name):
            self.foreign_start(tag)
        else:
            getattr(self, "start_" + self.mode.replace(" ", "_"))(tag)

    def end_tag(self, name: str) -> None:
        if self.stack and self.stack[-1].ns != HTML:
            self.foreign_end(name)
        else:
            getattr(self, "end_" + self.mode.replace(" ", "_"))(name)

    def characters(self, text: str) -> None:
        if self.in_foreign(None):
            if _NOT_SPACE.search(text):
                self.frameset_ok = False
            return
        if "&" in text:
            text = _html.unescape(text)
        while text:
            text = getattr(self, "chars_" + self.mode.replace(" ", "_"))(text)

    def characters_in_text(self) -> None:
        """Raw text of the element just opened: the "text" insertion mode, which changes nothing here."""

    def doctype(self, body: str) -> None:
        if self.mode != "initial":
            return
        words = body.strip(_SPACE)
        name = re.match(r"[^\t\n\f\r >]*", words).group().lower()
        public = system = None
        for match in _DOCTYPE_ID.finditer(words):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            if match.group().lower().startswith("public") and public is None:
                public = value
            elif system is None:
                system = value
        public_lower = (public or "").lower()
        self.quirks = (
            name != "html"
            or public_lower in ("-//w3o//dtd w3 html strict 3.0//en//", "-/w3c/dtd html 4.0 transitional/en", "html")
            or (system or "").lower() == "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"
            or public_lower.startswith(_QUIRKY_PUBLIC)
            or (system is None and public_lower.startswith(
                ("-//w3c//dtd html 4.01 frameset//", "-//w3c//dtd html 4.01 transitional//")))
        )
        self.mode = "before html"

    # ---------------------------------------------------------------------------------------------------------- helpers

    def insert(self, name: str, attributes: dict[str, str] | None = None) -> _Element:
        element = _Element(name, HTML, attributes)
        self.stack.append(element)
        return element

    def has_template(self) -> bool:
        return any(node.name == "template" and node.ns == HTML for node in self.stack)

    def in_scope(self, names: frozenset[str], extra: frozenset[str] = frozenset()) -> bool:
        for node in reversed(self.stack):
            if node.ns == HTML and node.name in names:
                return True
            if node.scope_boundary() or (node.ns == HTML and node.name in extra):
                return False
        return False

    def in_table_scope(self, names: frozenset[str]) -> bool:
        for node in reversed(self.stack):
            if node.ns == HTML and node.name in names:
                return True
            if node.ns == HTML and node.name in ("html", "table", "template"):
                return False
        return False

    def pop_until(self, names: frozenset[str]) -> None:
        while self.stack:
            node = self.stack.pop()
            if node.ns == HTML and node.name in names:
                return

    def generate_implied(self, exclude: str = "", thorough: bool = False) -> None:
        implied = _IMPLIED_THOROUGH if thorough else _IMPLIED
        while self.stack and self.stack[-1].ns == HTML and self.stack[-1].name in implied and (
            self.stack[-1].name != exclude
        ):
            self.stack.pop()

    def close_p(self) -> None:
        self.generate_implied("p")
        self.pop_until(frozenset(("p",)))

    def close_p_in_button_scope(self) -> None:
        if self.in_scope(frozenset(("p",)), frozenset(("button",))):
            self.close_p()

    def current_is(self, *names: str) -> bool:
        return bool(self.stack) and self.stack[-1].ns == HTML and self.stack[-1].name in names

    def reconstruct(self) -> None:
        entries = self.formatting
        if not entries or entries[-1] is _MARKER or entries[-1] in self.stack:
            return
        index = len(entries) - 1
        while index > 0 and entries[index - 1] is not _MARKER and entries[index - 1] not in self.stack:
            index -= 1
        for position in range(index, len(entries)):
            old = entries[position]
            entries[position] = self.insert(old.name, old.attributes)

    def push_formatting(self, element: _Element) -> None:
        same = [
            entry for entry in self._after_marker()
            if entry.name == element.name and entry.attributes == element.attributes
        ]
        if len(same) >= 3:
            self.formatting.remove(same[-1])  # the earliest: _after_marker walks backwards
        self.formatting.append(element)

    def _after_marker(self) -> list[_Element]:
        entries = []
        for entry in reversed(self.formatting):
            if entry is _MARKER:
                break
            entries.append(entry)
        return entries

    def clear_formatting_to_marker(self) -> None:
        while self.formatting:
            if self.formatting.pop() is _MARKER:
                return

    def reset_mode(self) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            node = self.stack[index]
            last = index == 0
            if node.ns != HTML:
                continue
            name = node.name
            if name in ("td", "th") and not last:
                self.mode = "in cell"
            elif name == "tr":
                self.mode = "in row"
            elif name in _TABLE_SECTIONS:
                self.mode = "in table body"
            elif name == "caption":
                self.mode = "in caption"
            elif name == "colgroup":
                self.mode = "in column group"
            elif name == "table":
                self.mode = "in table"
            elif name == "template":
                self.mode = self.templates[-1]
            elif name == "head" and not last:
                self.mode = "in head"
            elif name == "body":
                self.mode = "in body"
            elif name == "frameset":
                self.mode = "in frameset"
            elif name == "html":
                self.mode = "before head" if self.head is None else "after head"
            elif last:
                self.mode = "in body"
            else:
                continue
            return
        self.mode = "in body"

    def raw_text(self, tag: _Tag, state: str) -> None:
        self.insert(tag.name)
        self.tokenizer_state = state
        self.original_mode = self.mode
        self.mode = "text"

    # ---------------------------------------------------------------------------------------------------------- foreign

    def foreign_start(self, tag: _Tag) -> None:
        name = tag.name
        if name in _BREAKOUT or (name == "font" and {"color", "face", "size"} & self.attributes(tag).keys()):
            while self.stack and not (
                self.stack[-1].ns == HTML or self.stack[-1].html_point or self.stack[-1].text_point
            ):
                self.stack.pop()
            getattr(self, "start_" + self.mode.replace(" ", "_"))(tag)
            return
        self.insert_foreign(tag, self.adjusted_current().ns)

    def insert_foreign(self, tag: _Tag, ns: int) -> None:
        attributes = self.attributes(tag) if (ns == MATHML and tag.name == "annotation-xml") else None
        element = _Element(tag.name, ns, attributes)
        if not tag.self_closing:
            self.stack.append(element)

    def foreign_end(self, name: str) -> None:
        if name in ("br", "p"):
            while self.stack and not (
                self.stack[-1].ns == HTML or self.stack[-1].html_point or self.stack[-1].text_point
            ):
                self.stack.pop()
            getattr(self, "end_" + self.mode.replace(" ", "_"))(name)
            return
        index = len(self.stack) - 1
        while index > 0:
            node = self.stack[index]
            if node.ns != HTML and node.name == name:
                del self.stack[index:]
                return
            index -= 1
            if self.stack[index].ns == HTML:
                if not (self.stack[-1].ns == SVG and name in _SVG_CAMEL_CASE):
                    getattr(self, "end_" + self.mode.replace(" ", "_"))(name)
                return

    # ------------------------------------------------------------------------------------------------------------ modes

    # ------------------------------------------------------------------------------ initial / before html / before head

    def chars_initial(self, text: str) -> str:
        rest = text.lstrip(_SKIPPED)
        if rest:
            self.quirks = True
            self.mode = "before html"
        return rest

    def start_initial(self, tag: _Tag) -> None:
        self.quirks = True
        self.mode = "before html"
        self.start_tag(tag)

    def end_initial(self, name: str) -> None:
        self.quirks = True
        self.mode = "before html"
        self.end_tag(name)

    def chars_before_html(self, text: str) -> str:
        rest = text.lstrip(_SKIPPED)
        if rest:
            self.insert("html")
            self.mode = "before head"
        return rest

    def start_before_html(self, tag: _Tag) -> None:
        self.insert("html")
        self.mode = "before head"
        if tag.name != "html":
            self.start_tag(tag)

    def end_before_html(self, name: str) -> None:
        if name in ("head", "body", "html", "br"):
            self.insert("html")
            self.mode = "before head"
            self.end_tag(name)

    def chars_before_head(self, text: str) -> str:
        rest = text.lstrip(_SKIPPED)
        if rest:
            self.head = self.insert("head")
            self.mode = "in head"
        return rest

    def start_before_head(self, tag: _Tag) -> None:
        if tag.name == "html":
            self.start_in_body(tag)
            return
        self.head = self.insert("head")
        self.mode = "in head"
        if tag.name != "head":
            self.start_tag(tag)

    def end_before_head(self, name: str) -> None:
        if name in ("head", "body", "html", "br"):
            self.head = self.insert("head")
            self.mode = "in head"
            self.end_tag(name)

    # --------------------------------------------------------------------------------------------- in head / after head

    def chars_in_head(self, text: str) -> str:
        rest = text.lstrip(_SKIPPED)
        if rest:
            self.stack.pop()
            self.mode = "after head"
        return rest

    def start_in_head(self, tag: _Tag) -> None:
        name = tag.name
        if name == "html":
            self.start_in_body(tag)
        elif name in ("base", "basefont", "bgsound", "link", "meta"):
            pass  # inserted and popped at once
        elif name == "title":
            self.raw_text(tag, "rcdata")
        elif name in ("noscript", "noframes", "style"):
            self.raw_text(tag, "rawtext")
        elif name == "script":
            self.found.append((tag.start, tag.end, self.has_template(), self.head in self.stack))
            self.pending_script = len(self.found) - 1
            self.raw_text(tag, "script")
        elif name == "template":
            self.insert("template")
            self.formatting.append(_MARKER)
            self.frameset_ok = False
            self.mode = "in template"
            self.templates.append("in template")
        elif name == "head":
            pass
        else:
            self.stack.pop()
            self.mode = "after head"
            self.start_tag(tag)

    def end_in_head(self, name: str) -> None:
        if name == "head":
            self.stack.pop()
            self.mode = "after head"
        elif name in ("body", "html", "br"):
            self.stack.pop()
            self.mode = "after head"
            self.end_tag(name)
        elif name == "template":
            if not self.has_template():
                return
            self.generate_implied(thorough=True)
            self.pop_until(frozenset(("template",)))
            self.clear_formatting_to_marker()
            self.templates.pop()
            self.reset_mode()

    def chars_after_head(self, text: str) -> str:
        rest = text.lstrip(_SKIPPED)
        if rest:
            self.insert("body")
            self.mode = "in body"
        return rest

    def start_after_head(self, tag: _Tag) -> None:
        name = tag.name
        if name == "html":
            self.start_in_body(tag)
        elif name == "body":
            self.insert("body")
            self.frameset_ok = False
            self.mode = "in body"
        elif name == "frameset":
            self.insert("frameset")
            self.mode = "in frameset"
        elif name in _IN_HEAD_START:
            assert self.head is not None
            head = self.head
            self.stack.append(head)
            self.start_in_head(tag)
            self.stack.remove(head)
        elif name == "head":
            pass
        else:
            self.insert("body")
            self.mode = "in body"
            self.start_tag(tag)

    def end_after_head(self, name: str) -> None:
        if name == "template":
            self.end_in_head(name)
        elif name in ("body", "html", "br"):
            self.insert("body")
            self.mode = "in body"
            self.end_tag(name)

    # ---------------------------------------------------------------------------------------------------------- in body

    def chars_in_body(self, text: str) -> str:
        self.reconstruct()
        if _NOT_SPACE.search(text):
            self.frameset_ok = False
        return ""

    def start_in_body(self, tag: _Tag) -> None:  # noqa: C901 - one branch per rule of the standard
        name = tag.name
        if name == "html":
            return
        if name in _IN_HEAD_START:
            self.start_in_head(tag)
        elif name == "body":
            if len(self.stack) > 1 and self.stack[1].name == "body" and not self.has_template():
                self.frameset_ok = False
        elif name == "frameset":
            if len(self.stack) > 1 and self.stack[1].name == "body" and self.frameset_ok:
                self.body_removed = True
                del self.stack[1:]
                self.insert("frameset")
                self.mode = "in frameset"
        elif name in _BLOCK_START:
            self.close_p_in_button_scope()
            self.insert(name)
        elif name in _HEADINGS:
            self.close_p_in_button_scope()
            if self.current_is(*_HEADINGS):
                self.stack.pop()
            self.insert(name)
        elif name in ("pre", "listing"):
            self.close_p_in_button_scope()
            self.insert(name)
            self.frameset_ok = False
        elif name == "form":
            if self.form is not None and not self.has_template():
                return
            self.close_p_in_button_scope()
            element = self.insert(name)
            if not self.has_template():
                self.form = element
        elif name == "li" or name in ("dd", "dt"):
            self.frameset_ok = False
            names = ("li",) if name == "li" else ("dd", "dt")
            for node in reversed(self.stack):
                if node.ns == HTML and node.name in names:
                    self.generate_implied(node.name)
                    self.pop_until(frozenset((node.name,)))
                    break
                if node.special() and not (node.ns == HTML and node.name in ("address", "div", "p")):
                    break
            self.close_p_in_button_scope()
            self.insert(name)
        elif name == "plaintext":
            self.close_p_in_button_scope()
            self.insert(name)
            self.tokenizer_state = "plaintext"
        elif name == "button":
            if self.in_scope(frozenset(("button",))):
                self.generate_implied()
                self.pop_until(frozenset(("button",)))
            self.reconstruct()
            self.insert(name)
            self.frameset_ok = False
        elif name == "a":
            for entry in self._after_marker():
                if entry.name == "a":
                    self.adoption_agency("a")
                    if entry in self.formatting:
                        self.formatting.remove(entry)
                    if entry in self.stack:
                        self.stack.remove(entry)
                    break
            self.reconstruct()
            self.push_formatting(self.insert(name, self.attributes(tag)))
        elif name in _FORMATTING:
            self.reconstruct()
            if name == "nobr" and self.in_scope(frozenset(("nobr",))):
                self.adoption_agency("nobr")
                self.reconstruct()
            self.push_formatting(self.insert(name, self.attributes(tag)))
        elif name in ("applet", "marquee", "object"):
            self.reconstruct()
            self.insert(name)
            self.formatting.append(_MARKER)
            self.frameset_ok = False
        elif name == "table":
            if not self.quirks:
                self.close_p_in_button_scope()
            self.insert(name)
            self.frameset_ok = False
            self.mode = "in table"
        elif name in ("area", "br", "embed", "img", "image", "keygen", "wbr"):
            self.reconstruct()
            self.frameset_ok = False
        elif name == "input":
            if self.in_scope(frozenset(("select",))):
                self.pop_until(frozenset(("select",)))
            self.reconstruct()
            if self.attributes(tag).get("type", "").lower() != "hidden":
                self.frameset_ok = False
        elif name in ("param", "source", "track"):
            pass
        elif name == "hr":
            if self.in_scope(frozenset(("select",))):
                self.generate_implied()
            else:
                self.close_p_in_button_scope()
            self.frameset_ok = False
        elif name == "textarea":
            self.insert_raw_text_after(tag, "rcdata")
            self.frameset_ok = False
        elif name == "xmp":
            self.close_p_in_button_scope()
            self.reconstruct()
            self.frameset_ok = False
            self.raw_text(tag, "rawtext")
        elif name == "iframe":
            self.frameset_ok = False
            self.raw_text(tag, "rawtext")
        elif name in ("noembed", "noscript"):
            self.raw_text(tag, "rawtext")
        elif name == "select":
            if self.in_scope(frozenset(("select",))):
                self.pop_until(frozenset(("select",)))
            else:
                self.reconstruct()
                self.insert(name)
                self.frameset_ok = False
        elif name in ("optgroup", "option"):
            if self.in_scope(frozenset(("select",))):
                self.generate_implied("" if name == "optgroup" else "optgroup")
            elif self.current_is("option"):
                self.stack.pop()
            self.reconstruct()
            self.insert(name)
        elif name in ("rb", "rtc"):
            if self.in_scope(frozenset(("ruby",))):
                self.generate_implied()
            self.insert(name)
        elif name in ("rp", "rt"):
            if self.in_scope(frozenset(("ruby",))):
                self.generate_implied("rtc")
            self.insert(name)
        elif name in ("math", "svg"):
            self.reconstruct()
            self.insert_foreign(tag, MATHML if name == "math" else SVG)
        elif name in ("caption", "col", "colgroup", "frame", "head", "tbody", "td", "tfoot", "th", "thead", "tr"):
            pass
        else:
            self.reconstruct()
            self.insert(name)

    def insert_raw_text_after(self, tag: _Tag, state: str) -> None:
        if self.in_scope(frozenset(("select",))):
            self.pop_until(frozenset(("select",)))
        self.raw_text(tag, state)

    def end_in_body(self, name: str) -> None:  # noqa: C901 - one branch per rule of the standard
        if name == "template":
            self.end_in_head(name)
        elif name in ("body", "html"):
            if self.in_scope(frozenset(("body",))):
                self.mode = "after body"
                if name == "html":
                    self.end_tag(name)
        elif name in _BLOCK_END or name == "select":
            if self.in_scope(frozenset((name,))):
                self.generate_implied()
                self.pop_until(frozenset((name,)))
        elif name == "form":
            if not self.has_template():
                node, self.form = self.form, None
                if node is None or not self.in_scope_element(node):
                    return
                self.generate_implied()
                self.stack.remove(node)
            elif self.in_scope(frozenset(("form",))):
                self.generate_implied()
                self.pop_until(frozenset(("form",)))
        elif name == "p":
            if not self.in_scope(frozenset(("p",)), frozenset(("button",))):
                self.insert("p")
            self.close_p()
        elif name == "li":
            if self.in_scope(frozenset(("li",)), frozenset(("ol", "ul"))):
                self.generate_implied("li")
                self.pop_until(frozenset(("li",)))
        elif name in ("dd", "dt"):
            if self.in_scope(frozenset((name,))):
                self.generate_implied(name)
                self.pop_until(frozenset((name,)))
        elif name in _HEADINGS:
            if self.in_scope(_HEADINGS):
                self.generate_implied()
                self.pop_until(_HEADINGS)
        elif name in _FORMATTING:
            if not self.adoption_agency(name):
                self.any_other_end(name)
        elif name in ("applet", "marquee", "object"):
            if self.in_scope(frozenset((name,))):
                self.generate_implied()
                self.pop_until(frozenset((name,)))
                self.clear_formatting_to_marker()
        elif name == "br":
            self.reconstruct()
            self.frameset_ok = False
        else:
            self.any_other_end(name)

    def in_scope_element(self, element: _Element) -> bool:
        for node in reversed(self.stack):
            if node is element:
                return True
            if node.scope_boundary():
                return False
        return False

    def any_other_end(self, name: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            node = self.stack[index]
            if node.ns == HTML and node.name == name:
                self.generate_implied(name)
                del self.stack[index:]
                return
            if node.special():
                return

    def adoption_agency(self, subject: str) -> bool:
        """False when the token is to be handled as "any other end tag"."""
        stack, formatting = self.stack, self.formatting
        current = stack[-1]
        if current.ns == HTML and current.name == subject and current not in formatting:
            stack.pop()
            return True
        for _ in range(8):
            element = next((entry for entry in self._after_marker() if entry.name == subject), None)
            if element is None:
                return False
            if element not in stack:
                formatting.remove(element)
                return True
            if not self.in_scope_element(element):
                return True
            index = stack.index(element)
            furthest = next((node for node in stack[index + 1 :] if node.special()), None)
            if furthest is None:
                del stack[index:]
                formatting.remove(element)
                return True
            bookmark = _Element("#bookmark", -1)
            formatting.insert(formatting.index(element) + 1, bookmark)
            node_index = stack.index(furthest)
            last = furthest
            inner = 0
            while True:
                inner += 1
                node_index -= 1
                node = stack[node_index]
                if node is element:
                    break
                if inner > 3 and node in formatting:
                    formatting.remove(node)
                if node not in formatting:
                    del stack[node_index]
                    continue
                clone = _Element(node.name, HTML, node.attributes)
                formatting[formatting.index(node)] = clone
                stack[node_index] = clone
                if last is furthest:
                    formatting.remove(bookmark)
                    formatting.insert(formatting.index(clone) + 1, bookmark)
                last = clone
            clone = _Element(element.name, HTML, element.attributes)
            formatting.remove(element)
            formatting[formatting.index(bookmark)] = clone
            stack.remove(element)
            stack.insert(stack.index(furthest) + 1, clone)
        return True

    # ----------------------------------------------------------------------------------------------------------- tables

    def chars_in_table(self, text: str) -> str:
        if self.current_is("table", "tbody", "template", "tfoot", "thead", "tr"):
            if _NOT_SPACE.search(text):  # the pending table text, reprocessed with foster parenting
                self.reconstruct()
                self.frameset_ok = False
            return ""
        return self.chars_in_body(text)

    def clear_to_table_context(self, names: tuple[str, ...]) -> None:
        while not self.current_is(*names):
            self.stack.pop()

    def start_in_table(self, tag: _Tag) -> None:
        name = tag.name
        if name == "caption":
            self.clear_to_table_context(("table", "template", "html"))
            self.formatting.append(_MARKER)
            self.insert(name)
            self.mode = "in caption"
        elif name == "colgroup":
            self.clear_to_table_context(("table", "template", "html"))
            self.insert(name)
            self.mode = "in column group"
        elif name == "col":
            self.clear_to_table_context(("table", "template", "html"))
            self.insert("colgroup")
            self.mode = "in column group"
            self.start_tag(tag)
        elif name in _TABLE_SECTIONS:
            self.clear_to_table_context(("table", "template", "html"))
            self.insert(name)
            self.mode = "in table body"
        elif name in ("td", "th", "tr"):
            self.clear_to_table_context(("table", "template", "html"))
            self.insert("tbody")
            self.mode = "in table body"
            self.start_tag(tag)
        elif name == "table":
            if self.in_table_scope(frozenset(("table",))):
                self.pop_until(frozenset(("table",)))
                self.reset_mode()
                self.start_tag(tag)
        elif name in ("style", "script", "template"):
            self.start_in_head(tag)
        elif name == "input" and self.attributes(tag).get("type", "").lower() == "hidden":
            pass
        elif name == "form":
            if not self.has_template() and self.form is None:
                self.form = _Element("form")  # inserted and popped at once
        else:
            self.start_in_body(tag)

    def end_in_table(self, name: str) -> None:
        if name == "table":
            if self.in_table_scope(frozenset(("table",))):
                self.pop_until(frozenset(("table",)))
                self.reset_mode()
        elif name in ("body", "caption", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr"):
            pass
        elif name == "template":
            self.end_in_head(name)
        else:
            self.end_in_body(name)

    def chars_in_caption(self, text: str) -> str:
        return self.chars_in_body(text)

    def close_caption(self) -> bool:
        if not self.in_table_scope(frozenset(("caption",))):
            return False
        self.generate_implied()
        self.pop_until(frozenset(("caption",)))
        self.clear_formatting_to_marker()
        self.mode = "in table"
        return True

    def start_in_caption(self, tag: _Tag) -> None:
        if tag.name in _TABLE_STARTS_IN_CAPTION:
            if self.close_caption():
                self.start_tag(tag)
        else:
            self.start_in_body(tag)

    def end_in_caption(self, name: str) -> None:
        if name == "caption":
            self.close_caption()
        elif name == "table":
            if self.close_caption():
                self.end_tag(name)
        elif name in ("body", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr"):
            pass
        else:
            self.end_in_body(name)

    def chars_in_column_group(self, text: str) -> str:
        rest = text.lstrip(_SPACE)
        if not rest:
            return ""
        if not self.current_is("colgroup"):
            return ""
        self.stack.pop()
        self.mode = "in table"
        return rest

    def start_in_column_group(self, tag: _Tag) -> None:
        name = tag.name
        if name == "html":
            self.start_in_body(tag)
        elif name == "col":
            pass
        elif name == "template":
            self.start_in_head(tag)
        elif self.current_is("colgroup"):
            self.stack.pop()
            self.mode = "in table"
            self.start_tag(tag)

    def end_in_column_group(self, name: str) -> None:
        if name == "colgroup":
            if self.current_is("colgroup"):
                self.stack.pop()
                self.mode = "in table"
        elif name == "col":
            pass
        elif name == "template":
            self.end_in_head(name)
        elif self.current_is("colgroup"):
            self.stack.pop()
            self.mode = "in table"
            self.end_tag(name)

    def chars_in_table_body(self, text: str) -> str:
        return self.chars_in_table(text)

    def start_in_table_body(self, tag: _Tag) -> None:
        name = tag.name
        if name == "tr":
            self.clear_to_table_context(("tbody", "tfoot", "thead", "template", "html"))
            self.insert(name)
            self.mode = "in row"
        elif name in ("th", "td"):
            self.clear_to_table_context(("tbody", "tfoot", "thead", "template", "html"))
            self.insert("tr")
            self.mode = "in row"
            self.start_tag(tag)
        elif name in ("caption", "col", "colgroup", "tbody", "tfoot", "thead"):
            if self.in_table_scope(_TABLE_SECTIONS):
                self.clear_to_table_context(("tbody", "tfoot", "thead", "template", "html"))
                self.stack.pop()
                self.mode = "in table"
                self.start_tag(tag)
        else:
            self.start_in_table(tag)

    def end_in_table_body(self, name: str) -> None:
        if name in _TABLE_SECTIONS:
            if self.in_table_scope(frozenset((name,))):
                self.clear_to_table_context(("tbody", "tfoot", "thead", "template", "html"))
                self.stack.pop()
                self.mode = "in table"
        elif name == "table":
            if self.in_table_scope(_TABLE_SECTIONS):
                self.clear_to_table_context(("tbody", "tfoot", "thead", "template", "html"))
                self.stack.pop()
                self.mode = "in table"
                self.end_tag(name)
        elif name in ("body", "caption", "col", "colgroup", "html", "td", "th", "tr"):
            pass
        else:
            self.end_in_table(name)

    def chars_in_row(self, text: str) -> str:
        return self.chars_in_table(text)

    def close_row(self) -> bool:
        if not self.in_table_scope(frozenset(("tr",))):
            return False
        self.clear_to_table_context(("tr", "template", "html"))
        self.stack.pop()
        self.mode = "in table body"
        return True

    def start_in_row(self, tag: _Tag) -> None:
        name = tag.name
        if name in ("th", "td"):
            self.clear_to_table_context(("tr", "template", "html"))
            self.insert(name)
            self.mode = "in cell"
            self.formatting.append(_MARKER)
        elif name in ("caption", "col", "colgroup", "tbody", "tfoot", "thead", "tr"):
            if self.close_row():
                self.start_tag(tag)
        else:
            self.start_in_table(tag)

    def end_in_row(self, name: str) -> None:
        if name == "tr":
            self.close_row()
        elif name == "table":
            if self.close_row():
                self.end_tag(name)
        elif name in _TABLE_SECTIONS:
            if self.in_table_scope(frozenset((name,))) and self.close_row():
                self.end_tag(name)
        elif name in ("body", "caption", "col", "colgroup", "html", "td", "th"):
            pass
        else:
            self.end_in_table(name)

    def chars_in_cell(self, text: str) -> str:
        return self.chars_in_body(text)

    def close_cell(self) -> None:
        self.generate_implied()
        self.pop_until(frozenset(("td", "th")))
        self.clear_formatting_to_marker()
        self.mode = "in row"

    def start_in_cell(self, tag: _Tag) -> None:
        if tag.name in _TABLE_STARTS_IN_CAPTION:
            if self.in_table_scope(frozenset(("td", "th"))):
                self.close_cell()
                self.start_tag(tag)
        else:
            self.start_in_body(tag)

    def end_in_cell(self, name: str) -> None:
        if name in ("td", "th"):
            if self.in_table_scope(frozenset((name,))):
                self.generate_implied()
                self.pop_until(frozenset((name,)))
                self.clear_formatting_to_marker()
                self.mode = "in row"
        elif name in ("body", "caption", "col", "colgroup", "html"):
            pass
        elif name in ("table", "tbody", "tfoot", "thead", "tr"):
            if self.in_table_scope(frozenset((name,))):
                self.close_cell()
                self.end_tag(name)
        else:
            self.end_in_body(name)

    # -------------------------------------------------------------------------------------------------------- templates

    def chars_in_template(self, text: str) -> str:
        return self.chars_in_body(text)

    def start_in_template(self, tag: _Tag) -> None:
        name = tag.name
        if name in _IN_HEAD_START:
            self.start_in_head(tag)
            return
        if name in ("caption", "colgroup", "tbody", "tfoot", "thead"):
            mode = "in table"
        elif name == "col":
            mode = "in column group"
        elif name == "tr":
            mode = "in table body"
        elif name in ("td", "th"):
            mode = "in row"
        else:
            mode = "in body"
        self.templates[-1] = mode
        self.mode = mode
        self.start_tag(tag)

    def end_in_template(self, name: str) -> None:
        if name == "template":
            self.end_in_head(name)

    # -------------------------------------------------------------------------------------------- after body, framesets

    def chars_after_body(self, text: str) -> str:
        rest = text.lstrip(_SPACE)
        if rest:
            self.mode = "in body"
        return rest

    def start_after_body(self, tag: _Tag) -> None:
        if tag.name != "html":
            self.mode = "in body"
        self.start_in_body(tag)

    def end_after_body(self, name: str) -> None:
        if name == "html":
            self.mode = "after after body"
        else:
            self.mode = "in body"
            self.end_tag(name)

    def chars_in_frameset(self, text: str) -> str:
        return ""

    def start_in_frameset(self, tag: _Tag) -> None:
        if tag.name == "frameset":
            self.insert("frameset")
        elif tag.name == "noframes":
            self.start_in_head(tag)

    def end_in_frameset(self, name: str) -> None:
        if name == "frameset" and not self.current_is("html"):
            self.stack.pop()
            if not self.current_is("frameset"):
                self.mode = "after frameset"

    def chars_after_frameset(self, text: str) -> str:
        return ""

    def start_after_frameset(self, tag: _Tag) -> None:
        if tag.name == "noframes":
            self.start_in_head(tag)

    def end_after_frameset(self, name: str) -> None:
        if name == "html":
            self.mode = "after after frameset"

    def chars_after_after_body(self, text: str) -> str:
        rest = text.lstrip(_SPACE)
        if rest:
            self.mode = "in body"
        return rest

    def start_after_after_body(self, tag: _Tag) -> None:
        if tag.name != "html":
            self.mode = "in body"
        self.start_in_body(tag)

    def end_after_after_body(self, name: str) -> None:
        self.mode = "in body"
        self.end_tag(name)

    def chars_after_after_frameset(self, text: str) -> str:
        return ""

    def start_after_after_frameset(self, tag: _Tag) -> None:
        if tag.name == "noframes":
            self.start_in_head(tag)

    def end_after_after_frameset(self, name: str) -> None:
        pass

    def chars_text(self, text: str) -> str:
        return ""
