"""``check`` and ``lift`` on hostile pages: random and mutated HTML and JSON never raise and never hang, and every
limit of ``newsld.check._limits`` that is hit becomes a finding.

The fuzzing is seeded with pages of the real-page corpus (when ../shared is there) and with pages of our own. Nothing
here asserts a time; each case is sized to finish in a second or two, and a case that went quadratic would not.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsld import check_html, lift, load, to_script_tag
from newsld.check import all_codes
from newsld.check._report import render_json, render_text
from newsld.check import _limits
from newsld.check._extract import extract_blocks
from newsld.check._lift import LiftResult
from _support.strategies import examples
from _support.tally import tried

REPO = Path(__file__).resolve().parents[2]
REAL_PAGES = REPO.parent / "shared" / "corpora" / "real-pages"
EXAMPLE_PAGE = REPO / "examples" / "syria-air-missions.html"
LD = '<script type="application/ld+json">'
CODES = all_codes()
FUZZED = 300


def page(*blocks: str, before: str = "", after: str = "") -> str:
    return f"<!doctype html><html><head>{before}" + "".join(f"{LD}{b}</script>" for b in blocks) + f"</head>{after}"


def article(**properties) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks will go on",
            "url": "https://news.example.com/a", **properties}


def checked(html, *, lifted: bool = True):
    """The page's report and lift result (None when not ``lifted``: lift repeats check's work before its own), both
    well formed; every finding a documented code."""
    report = check_html(html)
    result = lift(html) if lifted else LiftResult(None, (), ())
    assert isinstance(result, LiftResult)
    for finding in [*report.all_findings, *result.findings]:
        assert CODES[finding.code][0] == finding.severity, finding
    json.loads(render_json([report]))
    for line in render_text([report]):
        assert "\n" not in line and "\x1b" not in line
    return report, result


def codes(report) -> set:
    return {finding.code for finding in report.all_findings}


# ------------------------------------------------------------------------------------------------------ the seeds


OWN_SEEDS = [
    page(json.dumps(article(author=[{"@type": "Person", "name": "Jane"}], hasPart=[
        {"@type": "Quotation", "text": "the talks go on", "spokenByCharacter": {"@type": "Person", "name": "X"}}],
        articleBody="He said the talks go on."))),
    page(json.dumps({"@context": "https://schema.org", "@graph": [article(**{"@id": "#a"}),
                                                                    {"@type": "Person", "@id": "#p", "name": "P"}]})),
    page('<!--\n{"@type": "NewsArticle", "headline": "x",}\n-->', "<![CDATA[[1, 2, ]]]>", '{"a": 1} {"b": 2}'),
    page(json.dumps(article(headline="&amp;amp; <b>bold</b>", image={"@type": "ImageObject", "url": "/x.jpg"}))),
    "<svg><script type='application/ld+json'>{\"a\": 1}</script><title><script>x</script></title></svg>"
    "<textarea><script type=application/ld+json>[]</script></textarea><math><mi>",
    page(json.dumps([article(), {"@type": "WebSite", "name": "w"}, {"@id": "#a", "mentions": {"@id": "#a"}}])),
]


def _corpus_seeds() -> list:
    if not REAL_PAGES.is_dir():
        return []
    files = sorted(REAL_PAGES.glob("*.html.gz"), key=lambda path: path.stat().st_size)
    # A spread of sizes, none so big that each example costs much.
    chosen = [path for path in files if path.stat().st_size < 40_000][:: max(1, len(files) // 24)]
    return [gzip.decompress(path.read_bytes()) for path in chosen]


SEEDS = [seed.encode("utf-8") for seed in OWN_SEEDS] + [EXAMPLE_PAGE.read_bytes()] + _corpus_seeds()

FRAGMENTS = [
    LD.encode(), b"<script type=application/ld+json>", b"</script>", b"</SCRIPT >", b"<script>", b"<!--", b"-->",
    b"<![CDATA[", b"]]>", b"<svg>", b"</svg>", b"<math>", b"<textarea>", b"<title>", b"<plaintext>", b"\x00",
    b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x80", b"&amp;amp;amp;",
    b"&#x26;#x26;", b'"@id": "#a", ', b'{"@id": "#a"}', b'"@type": ["NewsArticle", {}], ', b"[" * 50, b"{" * 50,
    b'{"a":' * 50, b"]" * 50, b"}" * 50, b'"' * 7, b"\\", b"\\u", b"\\ud800", b"NaN", b"1e999999", b"-", b",", b"\r",
]


@st.composite
def mutated_pages(draw):
    """A seed page truncated, with random bytes or hostile fragments inserted, spans dropped, script elements
    duplicated, brackets nested; sometimes re-encoded as UTF-16."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["truncate", "bytes", "fragment", "fragment", "drop", "duplicate", "nest"]))
        if operation == "truncate":
            del data[at:]
        elif operation == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif operation == "fragment":
            data[at:at] = draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(1, 3))
        elif operation == "drop":
            del data[at : at + draw(st.integers(1, 200))]
        elif operation == "duplicate":
            start = data.find(b"<script", at) if b"<script" in data[at:] else data.find(b"<script")
            end = data.find(b"</script>", start)
            if start >= 0 and end >= 0:
                element = bytes(data[start : end + 9])
                data[start:start] = element * draw(st.integers(1, 50))
        else:
            depth = draw(st.integers(1, 3000))
            opening, closing = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}"), (b"[{\"@graph\":", b"}]")]))
            data[at:at] = opening * depth + b"1" + closing * draw(st.integers(0, depth))
    if draw(st.integers(0, 9)) == 0:
        return b"\xff\xfe" + bytes(data).decode("utf-8", "replace").encode("utf-16-le")
    return bytes(data)


def test_mutated_pages_never_break_check_or_lift():
    # Our own seeds and the example page always; corpus pages as well where ../shared is present.
    assert len(SEEDS) == len(OWN_SEEDS) + 1 + len(_corpus_seeds())
    assert not REAL_PAGES.is_dir() or len(SEEDS) > len(OWN_SEEDS) + 1

    @examples(FUZZED)
    @given(mutated_pages())
    def check(data):
        tried("pages fuzzed through check and lift (mutated seeds)", 2)
        checked(data)
        checked(data.decode("utf-8", "replace"))

    check()


def test_random_bytes_and_markup_never_break_check_or_lift():
    markup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=8)), max_size=60).map(b"".join)

    @examples(200)
    @given(st.one_of(st.binary(max_size=3000), markup, markup.map(lambda soup: LD.encode() + soup)))
    def check(data):
        tried("pages fuzzed through check and lift (random bytes and markup)")
        checked(data)

    check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=15)
    | st.sampled_from(["NewsArticle", "Person", "https://schema.org", "#a", "</script>", "&amp;", "2024-05-01"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.one_of(st.sampled_from(["@type", "@id", "@context", "@graph", "headline", "author", "name", "url",
                                   "hasPart", "text", "mentions", "type", "datePublished", "image"]),
                  st.text(max_size=6)),
        children, max_size=5),
    max_leaves=25,
)


def test_random_json_ld_never_breaks_check_or_lift():
    @examples(300)
    @given(st.lists(json_values, min_size=1, max_size=3))
    def check(values):
        tried("pages fuzzed through check and lift (random JSON-LD)")
        checked(page(*(json.dumps(value).replace("<", "\\u003c") for value in values)))

    check()


# ---------------------------------------------------------------------------------------------------- the limits


def hostile(what: str) -> None:
    tried(f"hostile pages: {what}")


def test_a_100_mb_page_is_checked_on_its_first_50_mb():
    hostile("100 MB")
    first = page(json.dumps(article(headline="first")))
    last = page(json.dumps(article(headline="last")))
    filler = b"<p>" + b"x" * 1000 + b"</p>\n"
    data = first.encode() + filler * (100 * 2**20 // len(filler) + 1) + last.encode()
    assert len(data) > 100 * 2**20
    report, result = checked(data)
    assert "limits/page-truncated" in codes(report)
    assert [block.index for block in report.blocks] == [0]  # the second article is past the cut
    assert result.article.headline == "first"
    text_report = check_html(data[: 60 * 2**20].decode())
    assert "limits/page-truncated" in codes(text_report) and len(text_report.blocks) == 1


def test_a_cut_never_splits_a_character():
    hostile("100 MB")
    for tail in ("é", "€", "😀"):
        data = ("x" * (_limits.MAX_PAGE_BYTES - 1) + tail * 4).encode()
        cut = _limits.cut_page(data)
        assert len(cut) <= _limits.MAX_PAGE_BYTES and cut.decode("utf-8")
    utf16 = b"\xff\xfe" + ("x" * (_limits.MAX_PAGE_BYTES // 2 - 2) + "😀" * 4).encode("utf-16-le")
    assert _limits.cut_page(utf16).decode("utf-16")


@pytest.mark.parametrize("nested", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 100_000 + "1" + "}" * 100_000,
    "[" * 100_000,
    json.dumps(article(about="X")).replace('"X"', "[" * 600 + "]" * 600),
    json.dumps(article(about="X")).replace('"X"', '{"@type": "Thing", "about": ' * 600 + "1" + "}" * 600),
])
def test_json_nested_too_deep_is_a_finding(nested):
    hostile("JSON nested 600 to 100,000 levels deep")
    report, result = checked(page(json.dumps(article(headline="before")), nested, json.dumps(article())))
    [too_deep] = [finding for finding in report.all_findings if finding.code == "limits/too-deep"]
    assert too_deep.block == 1 and "syntax/invalid-json" not in codes(report)
    assert [len(block.types) for block in report.blocks] == [1, 0, 1]  # the blocks around it are checked
    assert result.article is not None


def test_json_nested_within_the_limit_is_checked():
    shallow = json.dumps(article(about="X")).replace('"X"', "[" * 400 + '"deep"' + "]" * 400)
    report, _ = checked(page(shallow))
    assert not any(code.startswith("limits/") for code in codes(report))


def test_a_million_element_array_is_a_finding():
    hostile("a million-element array")
    for values in ("[" + ",".join(["1"] * 1_000_000) + "]", json.dumps(article(keywords=[0] * 1_000_000))):
        report, result = checked(page(json.dumps(article(headline="first")), values, json.dumps(article())))
        # The block that went past the limit and every later one are set aside, as the message says.
        assert [finding.block for finding in report.all_findings if finding.code == "limits/too-many-nodes"] == [1, 2]
        assert [block.limit for block in extract_blocks(page("1", values, "2"))] == [
            None, "limits/too-many-nodes", "limits/too-many-nodes"]
        assert result.article.headline == "first"


def test_thousands_of_blocks_are_a_finding():
    hostile("thousands of script blocks")
    blocks = [json.dumps({"@context": "https://schema.org", "@type": "Person", "name": f"P{n}"}) for n in range(3000)]
    report, _ = checked(page(*blocks))
    assert len(report.blocks) == _limits.MAX_BLOCKS
    assert [f.code for f in report.findings if f.code.startswith("limits/")] == ["limits/too-many-blocks"]
    report, _ = checked(page(*["[]"] * _limits.MAX_BLOCKS))
    assert "limits/too-many-blocks" not in codes(report)


def test_an_oversized_block_is_a_finding():
    hostile("a 6 MB block")
    report, _ = checked(page(json.dumps(article(articleBody="x" * 6_000_000)), json.dumps(article())))
    assert [block.findings[0].code for block in report.blocks][:1] == ["limits/block-too-large"]
    assert report.blocks[1].types == ("NewsArticle",)


def test_thousands_of_made_up_names_are_a_finding():
    hostile("thousands of distinct made-up property names")
    names = {f"prop{n:05d}x": n for n in range(5000)}
    report, result = checked(page(json.dumps(article()), json.dumps(article(**names))))
    assert "limits/too-many-terms" in codes(report)
    assert report.blocks[0].types == ("NewsArticle",) and result.article is not None


def test_a_string_longer_than_the_text_rules_scan_is_a_finding():
    hostile("a 1.5 MB string")
    body = "&amp;" + "x" * 1_500_000
    report, _ = checked(page(json.dumps(article(articleBody=body))))
    found = codes(report)
    assert {"limits/text-truncated", "text/html-entity"} <= found


def test_quotations_beyond_the_comparison_budget_are_a_finding():
    hostile("200 quotations of a 500 KB body")
    body = " ".join(f"word{n % 5000}" for n in range(60_000))
    quotations = [{"@type": "Quotation", "text": f"word{n} word{n + 1}",
                   "spokenByCharacter": {"@type": "Person", "name": "X"}} for n in range(200)]
    report, _ = checked(page(json.dumps(article(articleBody=body, hasPart=quotations)), after=f"<p>{body}</p>"),
                        lifted=False)
    [finding] = [finding for finding in report.all_findings if finding.code == "limits/quotations-unchecked"]
    unchecked = int(re.match(r"(\d+) of the page's 200 quotations were not checked", finding.message).group(1))
    # Each quotation searches the body and the page's text, about 1 MB: some 10 fit in the budget.
    assert 180 < unchecked < 195
    assert finding.path == f"$.hasPart[{200 - unchecked}]"
    assert not any(finding.code.startswith("integrity/") for finding in report.all_findings)


@pytest.mark.parametrize("body, quotation", [
    ("a " * 100_000, "a"),  # a hundred thousand places where it might start
    ("a'" * 100_000, "a"),  # none of them at a word boundary
    ("x " * 100_000, "y " * 50_000),  # aligning words costs the product of the lengths
])
def test_pathological_quotations_finish(body, quotation):
    hostile("quotations built to make text matching slow")
    quotations = [{"@type": "Quotation", "text": quotation, "spokenByCharacter": {"@type": "Person", "name": "X"}}] * 3
    checked(page(json.dumps(article(articleBody=body, hasPart=quotations)), after=f"<p>{body}</p>"), lifted=False)


@pytest.mark.parametrize("data", [
    pytest.param(json.dumps(article(headline="&amp;" * 200_000)), id="amp-chain"),
    pytest.param(json.dumps(article(headline="&amp;" + "amp;" * 200_000)), id="amp-amp-amp"),
    pytest.param(json.dumps(article(headline="&#x26;" * 100_000 + "#x26;" * 100_000)), id="numeric-chain"),
    pytest.param(json.dumps(article(hasPart=[{"@type": "Quotation", "text": "&amp;" * 100_000 + "<b>",
                                              "spokenByCharacter": {"@type": "Person", "name": "X"}}],
                                    articleBody="&lt;" * 100_000)), id="entities-in-quotations"),
])
def test_entity_expansion_tricks_stay_small(data):
    hostile("entity-expansion tricks")
    laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "&lol;" * 10}">' for n in range(9)) + "]>"
    report, _ = checked(laughs + page(data, before="&lol8;") + "&amp;" * 100_000)
    assert all(len(finding.message) < 2_000 for finding in report.all_findings)
    assert "text/html-entity" in codes(report)


ARTICLE_PAGE = page(json.dumps(article()))


@pytest.mark.parametrize("data, note", [
    pytest.param(b"\xff\xfe" + ARTICLE_PAGE.encode("utf-16-le"), None, id="utf-16-le"),
    pytest.param(b"\xfe\xff" + ARTICLE_PAGE.encode("utf-16-be"), None, id="utf-16-be"),
    pytest.param(b"\xef\xbb\xbf" + ARTICLE_PAGE.encode(), None, id="utf-8-bom"),
    pytest.param(b"\xff\xfe" + ARTICLE_PAGE.encode("utf-16-le") + b"\x00", None, id="utf-16-odd-length"),
    pytest.param(ARTICLE_PAGE.encode() + b"\xe2\x82", None, id="truncated-character"),
    pytest.param(ARTICLE_PAGE.encode().replace(b"Talks", b"Caf\xe9"), "syntax/invalid-utf8", id="latin-1-byte"),
    pytest.param(ARTICLE_PAGE.encode().replace(b"Talks", b"T\xc0\xafalks"), "syntax/invalid-utf8", id="overlong"),
    pytest.param(ARTICLE_PAGE.encode().replace(b"Talks", b"T\xed\xa0\x80alks"), "syntax/invalid-utf8",
                 id="encoded-surrogate"),
    pytest.param(b"\xff\xfe\x00\x00" + ARTICLE_PAGE.encode("utf-32-le"), "syntax/no-jsonld", id="utf-32"),
    pytest.param(bytes(range(256)) * 40, "syntax/no-jsonld", id="every-byte"),
])
def test_any_encoding_is_read_or_reported(data, note):
    hostile("invalid encodings, bytes that are not UTF-8, BOMs")
    report, _ = checked(data)
    if note is None:  # read as the page says, to the same article
        assert [block.types for block in report.blocks] == [("NewsArticle",)]
        assert report.blocks[0].findings == check_html(ARTICLE_PAGE).blocks[0].findings
    else:
        assert note in codes(report)


@pytest.mark.parametrize("pattern", [
    "<a '", '<a "', "<a b='", "<!--", "<p", "<script>", "<title>", "<svg><math>", "&amp;", "</", "<!", "<?",
    '<script type="application/ld+json" x="', LD, LD + "<!--<script>",
])
def test_repeated_markup_stays_linear(pattern):
    hostile("markup repeated 100,000 times")
    quotation = json.dumps(article(articleBody="He said hello there.", hasPart=[
        {"@type": "Quotation", "text": "hello there", "spokenByCharacter": {"@type": "Person", "name": "X"}}]))
    checked(page(quotation) + pattern * 100_000)


def test_references_that_multiply_a_big_node_stay_bounded():
    hostile("references that multiply one big node")
    big = {"@type": "Person", "@id": "https://news.example.com/#x", "name": "X",
           "knows": [f"v{n}" for n in range(50_000)]}
    report, result = checked(page(json.dumps([article(mentions=[{"@id": big["@id"]}] * 1000), big])))
    assert result.article is not None
    assert any(finding.code == "lift/unresolved-reference" for finding in result.findings)


def test_every_limit_code_is_documented_and_explained():
    assert dict(_limits.CODES) == {code: entry for code, entry in CODES.items() if code.startswith("limits/")}
    assert len(_limits.CODES) == 9


def test_gzip_bombs_and_huge_files_are_read_up_to_the_limit(tmp_path):
    from newsld.check._input import read_page

    hostile("an 80 MB gzip bomb and a 60 MB file")
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(80):
            handle.write(b"<p>" * (2**20 // 3))
    assert bomb.stat().st_size < 2**20
    assert len(read_page(str(bomb)).data) == _limits.MAX_PAGE_BYTES + 1
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(60 * 2**20)
    assert len(read_page(str(huge)).data) == _limits.MAX_PAGE_BYTES + 1
    assert "limits/page-truncated" in codes(check_html(read_page(str(bomb)).data))


def test_the_real_source_round_trip_survives_in_a_hostile_page():
    source = load(REPO / "examples" / "syria-air-missions.md")
    noise = "<p>" + "&amp;<!--<script>" * 1000 + "</p>"
    report, result = checked(f"<html><head>{to_script_tag(source)}</head><body>{noise}</body></html>")
    assert result.article == source
    assert not report.has_errors


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_every_corpus_page_stays_below_every_limit():
    hit = []
    for path in sorted(REAL_PAGES.glob("*.html.gz")):
        report = check_html(gzip.decompress(path.read_bytes()))
        hit += [(path.name, code) for code in codes(report) if code.startswith("limits/")]
    tried("corpus pages checked for limit findings (none expected)", len(list(REAL_PAGES.glob("*.html.gz"))))
    assert hit == []


def test_messages_stay_short_when_the_page_s_values_are_huge():
    hostile("every property a 180,000-character value")
    big = "x<b>&amp;" * 20_000
    node = article(**{
        "@type": ["NewsArticle", big], "@id": big, "headline": big, "url": big, "datePublished": big,
        "dateModified": big, "author": [{"@type": "Person", "name": "By " + big, "url": big}], "image": big,
        "publisher": {"@type": big, "name": big, "logo": big}, "mentions": [{"@id": big}], "wordCount": big,
        "isAccessibleForFree": big, "hasPart": [{"@type": "WebPageElement", "cssSelector": big}], big[:50]: 1,
        "speakable": {"@type": "SpeakableSpecification", "cssSelector": big}, "sameAs": big, "inLanguage": big,
    })
    report, result = checked(page(json.dumps(node)))
    assert len(report.all_findings) > 20 and len(result.findings) > 3
    assert max(len(finding.message) for finding in [*report.all_findings, *result.findings]) < 1_000
