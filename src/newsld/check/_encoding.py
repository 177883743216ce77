"""A page's bytes → its text, decoded as a browser decodes it (the WHATWG Encoding Standard and HTML's sniffing).

The encoding is, in order: the byte order mark's; the charset the transport declared (an HTTP ``Content-Type``'s,
when the caller knows it: the WARC reader does); a ``<meta charset>`` or ``<meta http-equiv="Content-Type"
content="...; charset=...">`` of the page; else UTF-8. The meta tags are found the way Chromium finds them: with the
HTML tokenizer (a meta inside a comment, a script, a style or a title does not count), within the first 1024 bytes
or, past them, for as long as the tokens are ones a ``<head>`` holds. A meta naming UTF-16 means UTF-8, and
x-user-defined windows-1252, as HTML says; labels are read as the Encoding Standard reads them, so ``iso-8859-1``,
``latin1`` and ``ascii`` all mean windows-1252, ``gb2312`` means GBK (read with the gb18030 decoder) and ``euc-kr``
means windows-949. The five bytes windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) and their like in the
other windows-125x encodings decode to the C1 control characters, not to U+FFFD.

Where a browser with no declaration to go on guesses (by locale, or by looking at the bytes), newsld reads UTF-8, the
encoding of nearly every page today, and says when the bytes are not UTF-8.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from functools import cache

__all__ = ["Decoded", "decode_html", "encoding_for_label", "python_codec"]

# The Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), by encoding name.
_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "ibm866": "866 cp866 csibm866 ibm866",
    "iso-8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    "iso-8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    "iso-8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    "iso-8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988",
    "iso-8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
    "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso-8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 "
    "iso_8859-7:1987 sun_eu_greek",
    "iso-8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
    "iso_8859-8 iso_8859-8:1988 visual",
    "iso-8859-8-i": "csiso88598i iso-8859-8-i logical",
    "iso-8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso-8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso-8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso-8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso-8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "macintosh": "csmacintosh mac macintosh x-mac-roman",
    "windows-874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "windows-1250": "cp1250 windows-1250 x-cp1250",
    "windows-1251": "cp1251 windows-1251 x-cp1251",
    "windows-1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
    "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    "windows-1253": "cp1253 windows-1253 x-cp1253",
    "windows-1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
    "windows-1254 x-cp1254",
    "windows-1255": "cp1255 windows-1255 x-cp1255",
    "windows-1256": "cp1256 windows-1256 x-cp1256",
    "windows-1257": "cp1257 windows-1257 x-cp1257",
    "windows-1258": "cp1258 windows-1258 x-cp1258",
    "x-mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gbk": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    "gb18030": "gb18030",
    "big5": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc-jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso-2022-jp": "csiso2022jp iso-2022-jp",
    "shift_jis": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "euc-kr": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 "
    "windows-949",
    "replacement": "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement",
    "utf-16be": "unicodefffe utf-16be",
    "utf-16le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
    "x-user-defined": "x-user-defined",
}
_BY_LABEL = {label: name for name, labels in _LABELS.items() for label in labels.split()}

# Python's codec for each encoding. The Encoding Standard's GBK decoder is its gb18030 decoder, its Big5 has the HKSCS
# additions, its Shift_JIS and EUC-KR are Microsoft's code pages 932 and 949.
_CODECS = {
    "utf-8": "utf-8", "ibm866": "cp866", "iso-8859-8-i": "iso8859-8", "koi8-r": "koi8-r", "koi8-u": "koi8-u",
    "macintosh": "mac-roman", "windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic", "gbk": "gb18030",
    "gb18030": "gb18030", "big5": "big5hkscs", "euc-jp": "euc-jp", "iso-2022-jp": "iso2022-jp", "shift_jis": "cp932",
    "euc-kr": "cp949", "utf-16be": "utf-16-be", "utf-16le": "utf-16-le",
    **{f"iso-8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259)},
}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"))


@dataclass(frozen=True)
class Decoded:
    """A page's text and how it was read.

    ``encoding`` is the Encoding Standard's name (``utf-8``, ``windows-1252``...); ``source`` says what chose it:
    ``"bom"``, ``"transport"``, ``"meta"`` or ``"default"`` (nothing declared one: UTF-8). ``label`` is the label as
    the page or transport wrote it (``iso-8859-1``), None for a BOM or the default. ``replaced``: some bytes were not
    valid in the encoding and are U+FFFD in ``text``. ``utf8_bytes``: a legacy encoding was declared although the bytes
    are UTF-8 with characters beyond ASCII (a browser shows them as mojibake, "cafÃ©").
    """

    text: str
    encoding: str
    source: str
    label: str | None = None
    replaced: bool = False
    utf8_bytes: bool = False


def encoding_for_label(label: str) -> str | None:
    """The Encoding Standard's encoding name for a charset label (``"Latin1 "`` → ``"windows-1252"``), or None."""
    return _BY_LABEL.get(label.strip("\t\n\f\r ").lower())


def python_codec(encoding: str) -> str:
    """Python's codec for an encoding of the Encoding Standard (``windows-1252`` → ``cp1252``); LookupError if none."""
    if encoding not in _CODECS:
        raise LookupError(f"no Python codec for {encoding}")
    return _CODECS[encoding]


def decode_html(data: bytes, transport_charset: str | None = None) -> Decoded:
    """The page's text as a browser decodes it (see the module's docstring); never raises."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, replaced = _decode(data[len(bom) :], name)
            return Decoded(text, name, "bom", None, replaced)
    if transport_charset is not None and encoding_for_label(transport_charset) is not None:
        name, source, label = encoding_for_label(transport_charset), "transport", transport_charset
    else:
        found = _meta_charset(data)
        name, source, label = (found[0], "meta", found[1]) if found else ("utf-8", "default", None)
    text, replaced = _decode(data, name)
    legacy = name not in ("utf-8", "utf-16be", "utf-16le", "replacement")
    return Decoded(text, name, source, label, replaced, legacy and _is_utf8_beyond_ascii(data))


def _decode(data: bytes, name: str) -> tuple[str, bool]:
    """Text, and whether bytes had to be replaced."""
    if name == "replacement":  # labels of encodings browsers refuse to decode (ISO-2022-KR, HZ...): one U+FFFD
        return ("\ufffd", True) if data else ("", False)
    table = _single_byte_table(name)
    if table is not None:
        text = codecs.charmap_decode(data, "replace", table)[0]
        return text, "\ufffd" in text  # no byte of a single-byte encoding stands for U+FFFD itself
    try:
        return data.decode(_CODECS[name]), False
    except UnicodeDecodeError:
        return data.decode(_CODECS[name], "replace"), True


@cache
def _single_byte_table(name: str) -> str | None:
    """The 256 characters a single-byte encoding decodes bytes to (U+FFFE: unassigned); None for other encodings."""
    if name == "x-user-defined":
        return "".join(chr(b) if b < 0x80 else chr(0xF780 + b - 0x80) for b in range(256))
    codec = _CODECS.get(name, "")
    if not (codec.startswith(("cp", "iso8859", "koi8", "mac")) and codec not in ("cp932", "cp949")):
        return None
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            # The Encoding Standard's windows-125x indexes give Microsoft's unassigned 0x80-0x9F bytes to C1 controls.
            chars.append(chr(byte) if name.startswith("windows-125") and 0x80 <= byte <= 0x9F else "\ufffe")
    return "".join(chars)


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# ------------------------------------------------------------------------------------------------------ the meta scan

_SCAN_UNCONDITIONALLY = 1024  # bytes; past them, the scan goes on only while the tokens are ones a <head> holds
# A meta start tag whose text names a charset: without one anywhere, no scan can find a declaration.
_CHARSET_META = re.compile(rb"<meta[\t\n\f\r /][^<>]*charset", re.I)
_HEAD_TAGS = frozenset(("script", "noscript", "style", "link", "meta", "object", "title", "base"))
# Elements whose content is text to Chromium's meta scanner, no tags inside (its tokenizer runs without scripting and
# plugins, so <noscript> and <noembed> hold markup here).
_RAW_TEXT = frozenset(("script", "style", "xmp", "iframe", "noframes", "title", "textarea"))
_SPACE = "\t\n\f\r "
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_ATTRIBUTE = re.compile(
    r"[\t\n\f\r /]*"  # separators; a lone "/" is ignored between attributes
    r"(?:(>)|([^\t\n\f\r />][^\t\n\f\r /=>]*)"  # the tag's end, or an attribute's name
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"([^\"]*)(?:\"|\Z)|'([^']*)(?:'|\Z)|([^\t\n\f\r >]*)))?)"
)
# Every attribute up to the tag's ">" at once, read as _ATTRIBUTE reads them one by one; None before Python 3.11.
_ATTRIBUTES_TO_END = re.compile(
    r"(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r /=>]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?+)*+>"
) if sys.version_info >= (3, 11) else None
_CHARSET_IN_CONTENT = re.compile(r"charset[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"([^\"]*)\"|'([^']*)'|([^\t\n\f\r ;\"']+))", re.I)


def _meta_charset(data: bytes) -> tuple[str, str] | None:
    """(encoding name, label as written) from the page's first effective ``<meta>`` charset declaration, if any."""
    candidate = _CHARSET_META.search(data)
    if candidate is None:
        return None  # no meta element that could declare one: nothing to tokenize
    # A byte per character: positions are byte offsets, and labels are ASCII. The text is decoded as far as the scan
    # goes: most pages declare their charset in their first tags.
    window = max(candidate.end() + _SCAN_UNCONDITIONALLY, 4 * _SCAN_UNCONDITIONALLY)
    page = data[:window].decode("latin-1")
    pos, in_head = 0, True
    while pos < len(page):
        start = page.find("<", pos)
        if start < 0 and len(page) < len(data):
            page = data[: 2 * len(page)].decode("latin-1")
            continue
        if start < 0 or not in_head and start >= _SCAN_UNCONDITIONALLY:
            return None
        pos = start
        if page.startswith("<!--", pos):
            pos = _comment_end(page, pos + 4)
        elif page.startswith(("<!", "<?"), pos) or page.startswith("</", pos) and not _letter_at(page, pos + 2):
            end = page.find(">", pos + 2)  # a bogus comment (or "</>", which is dropped)
            pos = len(page) if end < 0 else end + 1
        elif page.startswith("</", pos):
            name, pos = _tag(page, pos + 2)
            in_head = in_head and name in _HEAD_TAGS
        elif _letter_at(page, pos + 1):
            name, attributes, pos = _start_tag(page, pos + 1)
            if pos >= len(page) and len(page) < len(data):  # the tag goes on past the text decoded so far
                page, pos = data[: 2 * len(page)].decode("latin-1"), start
                continue
            if name == "meta":
                found = _meta_encoding(attributes)
                if found is not None:
                    return found
            if name == "plaintext":
                return None
            if name in _RAW_TEXT:
                pos = _raw_text_end(page, name, pos)
            in_head = in_head and (name in _HEAD_TAGS or name in ("html", "head"))
        else:
            pos += 1
        if pos >= len(page) and len(page) < len(data) and in_head:  # a comment or raw text goes on past it
            page, pos = data[: 2 * len(page)].decode("latin-1"), start
    return None


def _letter_at(page: str, pos: int) -> bool:
    return pos < len(page) and ("a" <= page[pos] <= "z" or "A" <= page[pos] <= "Z")


def _comment_end(page: str, pos: int) -> int:
    if page.startswith(">", pos) or page.startswith("->", pos):  # "<!-->" and "<!--->" are whole comments
        return pos + (1 if page[pos] == ">" else 2)
    ends = [end for end in (page.find("-->", pos), page.find("--!>", pos)) if end >= 0]
    if not ends:
        return len(page)
    end = min(ends)
    return end + (3 if page.startswith("-->", end) else 4)


def _tag(page: str, pos: int) -> tuple[str, int]:
    """An end tag from its name: the name (lower-case), and the position after its ``>``."""
    name = _TAG_NAME.match(page, pos)
    return name.group().lower(), _skip_attributes(page, name.end())


def _start_tag(page: str, pos: int) -> tuple[str, dict[str, str], int]:
    """A start tag from its name: the name (lower-case), a meta element's attributes (only a meta's are read), and the
    position after its ``>``."""
    name = _TAG_NAME.match(page, pos)
    tag = name.group().lower()
    if tag != "meta":
        return tag, {}, _skip_attributes(page, name.end())
    attributes, pos = _attributes(page, name.end())
    return tag, attributes, pos


def _skip_attributes(page: str, pos: int) -> int:
    """The position after a tag's ``>``: one match where the regex engine can (Python 3.11's possessive repeats keep
    it from backtracking), else attribute by attribute."""
    if _ATTRIBUTES_TO_END is not None:
        found = _ATTRIBUTES_TO_END.match(page, pos)
        if found is not None:
            return found.end()
    return _attributes(page, pos)[1]


def _attributes(page: str, pos: int) -> tuple[dict[str, str], int]:
    """Attributes up to the tag's ``>`` (the first of duplicates wins, as in the tokenizer) and the position after."""
    found: dict[str, str] = {}
    while pos < len(page):
        match = _ATTRIBUTE.match(page, pos)
        if match is None:  # only separators are left: the page ends inside the tag
            return found, len(page)
        if match.group(1):
            return found, match.end()
        value = next((v for v in match.group(3, 4, 5) if v is not None), "")
        found.setdefault(match.group(2).lower(), value)
        pos = match.end()
    return found, len(page)


def _raw_text_end(page: str, name: str, pos: int) -> int:
    """The position after the raw text of a ``name`` element that starts at ``pos`` (at its end tag's ``<``)."""
    end_tag = re.compile("</" + re.escape(name) + "[\t\n\f\r />]", re.I)
    found = end_tag.search(page, pos)
    return len(page) if found is None else found.start()


def _meta_encoding(attributes: dict[str, str]) -> tuple[str, str] | None:
    """A meta element's encoding, as Chromium reads it: the first of ``charset`` and ``content`` (its ``charset=``
    part, which counts only with ``http-equiv="content-type"``) that gives a label, if the label names an encoding."""
    label, pragma = None, False
    for key, value in attributes.items():  # in the order the tag gives them
        if key == "charset":
            label = value
        elif key == "content":
            found = _CHARSET_IN_CONTENT.search(value)
            label, pragma = (next(v for v in found.groups() if v is not None), True) if found else (None, False)
        if label:
            break
    if not label or pragma and attributes.get("http-equiv", "").lower() != "content-type":
        return None
    name = encoding_for_label(label)
    if name is None:
        return None
    if name in ("utf-16be", "utf-16le"):  # a page that declares itself in ASCII bytes is not UTF-16
        name = "utf-8"
    elif name == "x-user-defined":
        name = "windows-1252"
    return name, label.strip(_SPACE)
