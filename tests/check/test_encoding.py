"""Bytes → text as a browser decodes them: BOM, the transport's charset, <meta>, else UTF-8 (and what check says)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsld.check import check_html
from newsld.check._encoding import decode_html, encoding_for_label

LD = '<script type="application/ld+json">'
CAFE = b'{"@context": "https://schema.org", "@type": "Thing", "name": "caf\xe9"}'


def page(head: bytes = b"", body: bytes = CAFE) -> bytes:
    return head + LD.encode() + body + b"</script>"


def codes(data: bytes, **options) -> list[str]:
    return [finding.code for finding in check_html(data, **options).all_findings if finding.code.startswith("syntax/")]


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO-8859-1", " latin1 ", "ascii", "us-ascii", "cp1252", "l1",
                                   "windows-1252", "x-cp1252", "iso_8859-1:1987"])
def test_latin_1_labels_mean_windows_1252_as_the_encoding_standard_says(label):
    assert encoding_for_label(label) == "windows-1252"


@pytest.mark.parametrize("label, name", [
    ("gb2312", "gbk"), ("Shift_JIS", "shift_jis"), ("ks_c_5601-1987", "euc-kr"), ("utf8", "utf-8"),
    ("unicode-1-1-utf-8", "utf-8"), ("iso-8859-9", "windows-1254"), ("tis-620", "windows-874"),
    ("iso-2022-kr", "replacement"), ("utf-16", "utf-16le"), ("latin-1", None), ("utf-32", None), ("", None),
])
def test_labels_follow_the_encoding_standard(label, name):
    assert encoding_for_label(label) == name


def test_a_meta_charset_declares_the_encoding():
    decoded = decode_html(page(b'<meta charset="iso-8859-1">'))
    assert (decoded.encoding, decoded.source, decoded.label, decoded.replaced) == ("windows-1252", "meta",
                                                                                   "iso-8859-1", False)
    assert "café" in decoded.text


@pytest.mark.parametrize("meta", [
    b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    b"<meta content='text/html;charset=\"latin1\"' HTTP-EQUIV=content-type>",
    b"<META CHARSET=Latin1>",
    b'<meta name="x" charset="latin1" content="text/html; charset=koi8-r" http-equiv="content-type">',
])
def test_every_spelling_of_the_declaration_counts(meta):
    assert decode_html(page(meta)).encoding == "windows-1252"


@pytest.mark.parametrize("meta", [
    b'<meta content="text/html; charset=iso-8859-1">',  # no http-equiv pragma
    b'<meta http-equiv="refresh" content="text/html; charset=iso-8859-1">',
    b'<!-- <meta charset="iso-8859-1"> -->',
    b"<script>document.write('<meta charset=\"iso-8859-1\">')</script>",
    b'<title><meta charset="iso-8859-1"></title>',
    b'<meta charset="no-such-encoding">',
])
def test_declarations_a_browser_does_not_see_do_not_count(meta):
    assert decode_html(page(meta)).source == "default"


def test_past_1024_bytes_a_meta_counts_only_while_the_tokens_are_ones_a_head_holds():
    comment = b"<!--" + b"x" * 1100 + b"-->"
    assert decode_html(page(b"<html><head><title>t</title>" + comment + b'<meta charset="latin1">')).source == "meta"
    assert decode_html(page(b"<body><p>" + b"x" * 1100 + b'</p><meta charset="latin1">')).source == "default"
    assert decode_html(page(b'<body><p>x</p><meta charset="latin1">')).source == "meta"  # within 1024 bytes
    # A head longer than the first look (64 KB) is followed to its end.
    assert decode_html(page(b"<head><script>" + b"x" * 70_000 + b"</script><meta charset=latin1>")).source == "meta"


def test_the_byte_order_mark_wins_then_the_transport_then_the_meta():
    declared = page(b'<meta charset="koi8-r">', b'{"name": "caf\xc3\xa9"}')
    assert decode_html(b"\xef\xbb\xbf" + declared, "iso-8859-2").source == "bom"
    assert decode_html(declared, "utf-8").source == "transport"
    assert decode_html(declared, "utf-8").text.endswith('"café"}</script>')
    assert decode_html(declared, "no-such-charset").source == "meta"  # a label that names nothing is ignored
    utf16 = b"\xff\xfe" + page(b'<meta charset="koi8-r">').decode("latin-1").encode("utf-16-le")
    assert decode_html(utf16).encoding == "utf-16le"


def test_html_overrides_what_a_meta_can_declare():
    assert decode_html(page(b'<meta charset="utf-16">', b'{"name": "caf\xc3\xa9"}')).encoding == "utf-8"
    assert decode_html(page(b'<meta charset="x-user-defined">')).encoding == "windows-1252"
    assert decode_html(b"\x80\xfe", "x-user-defined").text == "\uf780\uf7fe"  # the transport may use it


def test_the_bytes_windows_1252_leaves_unassigned_are_c1_controls_not_replacements():
    decoded = decode_html(b"<meta charset=windows-1252>\x80\x81\x8d\x8f\x90\x9d\x9f")
    assert decoded.text.endswith("€\x81\x8d\x8f\x90\x9dŸ") and not decoded.replaced
    assert decode_html(b"<meta charset=windows-1253>\xaa").replaced  # unassigned outside 0x80-0x9F: U+FFFD


def test_the_replacement_encoding_shows_nothing_but_one_replacement_character():
    decoded = decode_html(page(b'<meta charset="iso-2022-kr">'))
    assert (decoded.text, decoded.encoding, decoded.replaced) == ("\ufffd", "replacement", True)


def test_utf8_bytes_under_a_legacy_declaration_are_flagged():
    assert decode_html(page(b'<meta charset="iso-8859-2">', b'{"name": "caf\xc3\xa9"}')).utf8_bytes
    assert not decode_html(page(b'<meta charset="iso-8859-2">', b'{"name": "cafe"}')).utf8_bytes  # ASCII only
    assert not decode_html(page(b'<meta charset="iso-8859-2">')).utf8_bytes  # \xe9 alone is not UTF-8


@given(st.binary(max_size=3000), st.one_of(st.none(), st.text(max_size=20)))
def test_decoding_never_raises_and_says_when_it_replaced_bytes(data, charset):
    decoded = decode_html(data, charset)
    assert isinstance(decoded.text, str) and decoded.source in ("bom", "transport", "meta", "default")
    assert not decoded.replaced or "\ufffd" in decoded.text
    if decoded.encoding == "windows-1252":  # every byte means something in windows-1252
        assert not decoded.replaced


MARKUP = st.sampled_from([
    "<meta", " charset=", "latin1", '"', "'", ">", "<", "/", " ", "=", "<!--", "-->", "<!", "<?", "</", "<script",
    "</script", "<title>", "</title>", "http-equiv=content-type", "content=", "text/html; charset=koi8-r", "<head>",
    "<body>", "x" * 600, "\x00", "\xe9",
])


@given(st.lists(MARKUP, max_size=30).map("".join))
@example("<html><head><script ")  # the page ends inside a tag, after its name
def test_the_meta_scan_never_raises_on_markup_cut_anywhere(text):
    data = text.encode("latin-1")
    for end in range(len(data) + 1) if len(data) < 200 else range(0, len(data) + 1, len(data) // 50):
        decode_html(data[:end])


@given(st.text(max_size=300))
def test_a_utf8_page_that_says_so_reads_back_exactly(text):
    data = b'<meta charset="utf-8">' + text.encode("utf-8", "surrogatepass")
    try:
        expected = '<meta charset="utf-8">' + text.encode("utf-8").decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate is not UTF-8: replaced, and said so
        assert decode_html(data).replaced
        return
    assert decode_html(data).text == expected


# ----------------------------------------------------------------------------------------------- what check reports


def test_a_page_that_declares_latin_1_is_read_in_it_without_a_finding():
    # The issue: syntax/invalid-utf8 on pages that declare <meta charset="iso-8859-1">.
    for head in (b'<meta charset="iso-8859-1">', b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'):
        report = check_html(page(head), url="https://example.com/")
        assert codes(page(head)) == []
        assert report.blocks[0].findings == check_html(page(head).replace(b"caf\xe9", b"cafe")).blocks[0].findings


def test_bytes_that_are_not_utf8_without_a_declaration_are_a_warning():
    (finding,) = [f for f in check_html(page()).all_findings if f.code.startswith("syntax/")]
    assert (finding.severity, finding.code, finding.block) == ("warning", "syntax/invalid-utf8", 0)
    assert "declares no encoding" in finding.message and "caf\ufffd" in finding.message


def test_bytes_the_declared_encoding_does_not_define_are_an_error():
    (finding,) = [f for f in check_html(page(b"<meta charset=utf-8>")).all_findings if f.code.startswith("syntax/")]
    assert (finding.severity, finding.code) == ("error", "syntax/invalid-encoding")
    assert "'utf-8'" in finding.message and "caf\ufffd" in finding.message


def test_utf8_bytes_under_a_latin_declaration_are_a_warning_showing_the_mojibake():
    # A warning: the server's Content-Type, which a saved page has lost, may say UTF-8 and win over the <meta>.
    data = page(b'<meta charset="iso-8859-1">', b'{"@context": "https://schema.org", "@type": "Thing", "name": "caf\xc3\xa9"}')
    (finding,) = [f for f in check_html(data).all_findings if f.code.startswith("syntax/")]
    assert (finding.severity, finding.code) == ("warning", "syntax/charset-mismatch")
    assert "cafÃ©" in finding.message and "'iso-8859-1' (windows-1252)" in finding.message
    assert "means 'caf\u00e9" in finding.message
    ascii_only = page(b'<meta charset="iso-8859-1">', b'{"name": "cafe"}') + "<p>caf\u00e9</p>".encode()
    assert codes(ascii_only) == []  # the JSON-LD is not garbled: nothing to say about it


def test_a_replacement_encoding_is_one_page_level_error_instead_of_no_jsonld():
    assert codes(page(b'<meta charset="iso-2022-kr">')) == ["syntax/invalid-encoding"]


def test_the_transport_charset_is_a_parameter_of_check_html():
    assert codes(page(), charset="iso-8859-1") == []
    assert check_html(page(), charset="iso-8859-1").blocks[0].types == ("Thing",)
    assert codes(page(b"<meta charset=latin1>"), charset="utf-8") == ["syntax/invalid-encoding"]


def test_the_python_codecs_cover_every_encoding():
    from newsld.check._encoding import python_codec

    names = {encoding_for_label(label) for label in ("utf-8", "gbk", "big5", "euc-jp", "iso-2022-jp", "shift_jis",
                                                      "euc-kr", "koi8-u", "macintosh", "x-mac-cyrillic", "ibm866")}
    for name in names:
        codecs.lookup(python_codec(name))
