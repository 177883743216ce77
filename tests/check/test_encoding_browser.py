"""Differential test: newsld decodes a page's bytes as headless Chromium does.

Each page is served over (intercepted) HTTP with a ``Content-Type`` with or without a charset, and Chromium navigates
to it as a top document. Where newsld finds a declaration (a BOM, the transport's charset, a meta element), Chromium's
``document.characterSet`` must be the encoding newsld chose and the JSON-LD script's text must be newsld's. Where
newsld finds none (and reads UTF-8), Chromium must not have used any encoding the page names: it fell back to its own
default (windows-1252 in its en-US locale) or guessed from the bytes — the one documented departure. The generated
pages put meta elements everywhere a browser may or may not see them: before and after the first 1024 bytes, in and
after the head, inside comments, scripts, styles, titles, textareas and noscript, with every attribute order, quoting
and label spelling; labels of windows-1252 (iso-8859-1, latin1, ascii...) are left to the hand-written cases, since
Chromium's default is that encoding.

``NEWSLD_ENCODING_SEED`` and ``NEWSLD_ENCODING_PAGES`` change the seed and the number of pages (defaults 14 and 120).
"""

from __future__ import annotations

import os
import random

from newsld.check._encoding import decode_html, encoding_for_label
from newsld.check._extract import extract_blocks

SEED = int(os.environ.get("NEWSLD_ENCODING_SEED", "14"))
PAGES = int(os.environ.get("NEWSLD_ENCODING_PAGES", "120"))

# Bytes that every encoding below decodes without error, each to a different text.
PAYLOAD = b'{"name": "caf\xe9 \xc3\xa9 \xa4\xf3"}'
LD = b'<script type="application/ld+json">' + PAYLOAD + b"</script>"

HAND_WRITTEN = [  # (page, Content-Type)
    (b'<meta charset="iso-8859-1">' + LD, "text/html"),
    (b"<meta charset=latin1>" + LD, "text/html"),
    (b'<meta charset="x-user-defined">' + LD, "text/html"),
    (b'<meta charset="windows-1252">\x80\x81\x8d\x8f\x90\x9d\x9f' + LD, "text/html"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">' + LD, "text/html"),
    (b'<meta content="text/html; charset=koi8-r" http-equiv="content-type">' + LD, "text/html"),
    (b'<meta charset="utf-16">' + LD, "text/html"),
    (b'<meta charset="utf-8">' + LD, "text/html; charset=iso-8859-2"),
    (b"<html><head><title>x</title><!--" + b"x" * 1100 + b'--><meta charset="iso-8859-2">' + LD, "text/html"),
    (b"<head><script>" + b"var a = 1;" * 120 + b'</script><meta charset="iso-8859-5"></head>' + LD, "text/html"),
    (b'<html><head></head><body><p>hi</p><meta charset="iso-8859-2">' + LD, "text/html"),
    (b"<!-- <meta charset=\"iso-8859-2\"> -->" + LD, "text/html; charset=utf-8"),
    (b"\xef\xbb\xbf<meta charset=\"iso-8859-1\">" + LD, "text/html; charset=koi8-r"),
    (b"\xff\xfe" + ('<meta charset="koi8-r"><script type="application/ld+json">{"a": "\u00e9\u4e2d"}</script>')
     .encode("utf-16-le"), "text/html"),
    (b'<meta charset="iso-2022-kr">' + LD, "text/html"),
    (LD, "text/html; charset=shift_jis"),
    (LD, "text/html; charset=bogus"),
]

GENERATED_LABELS = (
    "iso-8859-2", "ISO-8859-15", "latin2", " koi8-r ", "windows-1251", "cp1250", "Shift_JIS", "euc-kr", "gb2312",
    "gb18030", "big5", "utf-8", "UTF-16", "utf-16be", "iso-2022-kr", "bogus-label", "", "iso-8859-5", "macintosh",
    "windows-874", "iso-8859-8-i", "euc-jp", "l5", "cyrillic", "koi8-u", "windows-1258", "csisolatin4",
)


def _meta(rng: random.Random, label: str) -> str:
    quote = rng.choice(['"', "'", ""]) if label.strip() and " " not in label else '"'
    value = f"{quote}{label}{quote}"
    form = rng.randrange(7)
    if form == 0:
        return f"<meta charset={value}>"
    if form == 1:
        return f"<META CharSet={value} />"
    content = f'"text/html; charset={label}"' if rng.random() < 0.8 else f"'text/html;charset=\"{label}\"'"
    if form == 2:
        return f'<meta http-equiv="Content-Type" content={content}>'
    if form == 3:
        return f'<meta content={content} http-equiv="content-type">'
    if form == 4:
        return f"<meta content={content}>"  # no pragma: does not count
    if form == 5:
        return f'<meta http-equiv="refresh" content={content}>'  # the wrong pragma
    return f'<meta name="x" charset={value} content="text/html; charset=iso-8859-7" http-equiv="content-type">'


def _wrapped(rng: random.Random, meta: str) -> str:
    """The meta as it is, or inside something that hides it from the tokenizer (or does not)."""
    return rng.choice([
        meta, meta, meta, f"<!-- {meta} -->", f"<script>var m = '{meta}';</script>", f"<style>/* {meta} */</style>",
        f"<title>{meta}</title>", f"<textarea>{meta}</textarea>", f"<noscript>{meta}</noscript>",
        f"<div title='{meta}'></div>", f"<!{meta}>", f"<xmp>{meta}</xmp>",
    ])


FILLERS = (
    "<title>A page</title>", "<link rel=x>", "<base target=_top>", "<!-- a comment -->", "<style>p{}</style>",
    "<script>var a = 1;</script>", "<noscript><p>on</p></noscript>", "<object></object>", "text ",
    "<p>a paragraph</p>", "<div>", "</head>", "<body>", "<!DOCTYPE html>", "<html>", "<head>", "<?pi x?>",
    "<!--" + "pad " * 300 + "-->", "<script>" + "var pad = 0;" * 120 + "</script>", "<p>" + "pad " * 300 + "</p>",
)


def generated_page(rng: random.Random) -> tuple[bytes, str]:
    pieces = [rng.choice(FILLERS) for _ in range(rng.randrange(0, 6))]
    for _ in range(rng.choice([1, 1, 1, 2])):
        pieces.insert(rng.randrange(len(pieces) + 1), _wrapped(rng, _meta(rng, rng.choice(GENERATED_LABELS))))
    pieces.append(LD.decode("latin-1"))
    transport = "text/html"
    if rng.random() < 0.15:
        transport += f"; charset={rng.choice(GENERATED_LABELS) or 'utf-8'}"
    return "".join(pieces).encode("latin-1"), transport


def _labels_in(page: bytes) -> set[str]:
    """Every encoding a label anywhere in the page names (so that a page newsld reads as undeclared can be told
    apart from one where Chromium saw a declaration newsld missed)."""
    text = page.decode("latin-1").lower()
    return {name for label in GENERATED_LABELS if (name := encoding_for_label(label)) and label.strip().lower() in text}


def _charset_of(content_type: str) -> str | None:
    _, _, charset = content_type.partition("charset=")
    return charset or None


def _disagreement(page: bytes, content_type: str, chromium: tuple[str, list[str]]) -> str | None:
    decoded = decode_html(page, _charset_of(content_type))
    charset, texts = chromium
    charset = charset.lower()
    if decoded.source == "default":
        named = _labels_in(page) - {"utf-8"}
        if charset in named:
            return f"Chromium used {charset}, named in the page, where newsld found no declaration"
        return None
    if charset != decoded.encoding:
        return f"newsld chose {decoded.encoding} ({decoded.source}), Chromium {charset}"
    ours = [block.text for block in extract_blocks(decoded.text, replaced=decoded.replaced)]
    theirs = [text for text in texts if text.startswith("{")]
    if not decoded.replaced and ours != theirs:
        return f"texts differ: newsld {ours!r}, Chromium {theirs!r}"
    return None


def test_hand_written_pages_decode_as_in_chromium(browser):
    results = browser.served(HAND_WRITTEN)
    problems = [
        f"{page[:90]!r} ({content_type}): {problem}"
        for (page, content_type), result in zip(HAND_WRITTEN, results)
        if (problem := _disagreement(page, content_type, result))
    ]
    assert not problems, "\n".join(problems)


def test_generated_pages_decode_as_in_chromium(browser):
    rng = random.Random(SEED)
    pages = [generated_page(rng) for _ in range(PAGES)]
    results = browser.served(pages)
    problems = [
        f"page {number} (seed {SEED}): {page[:300]!r} ({content_type}): {problem}"
        for number, ((page, content_type), result) in enumerate(zip(pages, results))
        if (problem := _disagreement(page, content_type, result))
    ]
    declared = sum(decode_html(page, _charset_of(ct)).source != "default" for page, ct in pages)
    assert declared > PAGES // 5, "the generator should make many pages with a declaration newsld finds"
    assert not problems, f"{len(problems)} of {PAGES} pages disagree:\n" + "\n".join(problems[:10])
