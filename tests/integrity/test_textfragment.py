"""Text fragments: WICG syntax and encoding, the spec's matching, generated links selecting exactly their passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import newsld
from newsld.integrity._normalize import find_passages
from newsld.integrity._textfragment import (
    EXACT_MAX_WORDS,
    find_fragment,
    parse_text_directive,
    text_directives,
    text_fragment,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "syria-air-missions.md"
# The spec's TextDirectiveExplicitChar, and percent-escapes: everything a generated directive may contain.
DIRECTIVE = re.compile(r"text=(?:[A-Za-z0-9!$'()*+./:;=?@_~]|%[0-9A-F]{2}|[,-])+")


@pytest.fixture(scope="module")
def seed():
    return newsld.load(EXAMPLE)


def selected(body: str, fragment: str) -> list[str]:
    return [body[start:end] for start, end in find_fragment(body, fragment)]


# ------------------------------------------------------------------------------------------------ syntax, encoding


def test_syntax_characters_and_non_ascii_are_percent_encoded():
    body = "Prices rose – fast, and R&D costs too: well-known 3,000 €."
    fragment = text_fragment(body, "fast, and R&D costs too: well-known 3,000 €")
    assert fragment.startswith("#:~:text=")
    directive = fragment[len("#:~:"):]
    assert DIRECTIVE.fullmatch(directive)
    assert "%2C" in directive and "%26" in directive and "%2D" in directive and "%E2%82%AC" in directive
    assert "%3A" not in directive  # ':' is one of the spec's explicit characters
    assert selected(body, fragment) == ["fast, and R&D costs too: well-known 3,000 €"]


def test_parse_follows_the_spec():
    assert parse_text_directive("text=pre-,start,end,-suf") == parse_text_directive("pre-,start,end,-suf")
    directive = parse_text_directive("text=a%2Db-,c%20d,e,-f%26g")
    assert (directive.prefix, directive.start, directive.end, directive.suffix) == ("a-b", "c d", "e", "f&g")


@pytest.mark.parametrize("value", ["text=", "text=a,b,c", "text=-,a", "text=a,-", "text=p-,-s", "text=a-b",
                                   "text=a,b,c,d,e", "text=p-,a,b,c,-s"])
def test_malformed_directives_are_refused(value):
    with pytest.raises(ValueError):
        find_fragment("a b c", value)


def test_directives_are_read_from_urls_and_fragments():
    url = "https://example.com/a#section:~:text=one&text=two&other=x"
    assert text_directives(url) == ["text=one", "text=two"]
    assert text_directives("#:~:text=one") == ["text=one"]
    assert text_directives("https://example.com/a#plain") == []
    with pytest.raises(ValueError, match="one text directive"):
        find_fragment("one two", url)


# ---------------------------------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "body, directive, expected",
    [
        ("An impressive mountain range", "text=range", ["range"]),
        ("a color orange", "text=range", []),  # must start at a word boundary
        ("a forest ranger", "text=range", []),  # and end at one
        ("Don't stop", "text=don", []),  # an apostrophe between letters is inside a word
        ("It cost 3,000 dollars", "text=3", []),  # so is a comma between digits
        ("THE Café", "text=the%20cafe", ["THE Café"]),  # primary strength: case and accents do not count
        ("one two\n\nthree", "text=two%20three", []),  # no term crosses a paragraph break
        ("one two\n\nthree", "text=two-,three", ["three"]),  # the space after a prefix may
        ("a b\nc", "text=b%20c", ["b\nc"]),  # a line break inside a paragraph renders as a space
        ("x 1 y 2 x 3 y", "text=x,y", ["x 1 y", "x 3 y"]),
        ("x 1 y 2 x 3 y", "text=2-,x,y", ["x 3 y"]),
        ("cat dog cat bird", "text=cat,-bird", ["cat"]),
        ("ab ab ab", "text=ab,-ab", ["ab", "ab"]),
        ("夏目漱石の小説", "text=漱石", ["漱石"]),  # each Han character is a word of its own
    ],
)
def test_find_fragment_follows_the_spec(body, directive, expected):
    assert selected(body, directive) == expected


# ----------------------------------------------------------------------------------------------- building links


def test_every_seed_quotation_gets_a_link_that_selects_exactly_it(seed):
    body = seed.articleBody
    for quotation in seed.quotations:
        fragment = text_fragment(body, quotation.text)
        spans = find_passages(body, quotation.text)
        assert find_fragment(body, fragment) == spans[:1], quotation.text
        assert DIRECTIVE.fullmatch(fragment[len("#:~:"):])


def test_short_passages_are_exact_and_long_ones_ranges(seed):
    body = seed.articleBody
    short = "extending the war"
    assert text_fragment(body, short) == "#:~:text=extending%20the%20war"
    long_quote = seed.quotations[6].text  # the Western diplomat: 30 words
    assert len(long_quote.split()) > EXACT_MAX_WORDS
    directive = parse_text_directive(text_fragment(body, long_quote)[len("#:~:"):])
    assert (directive.start, directive.end) == ("We’re very concerned", "seize more territory")


def test_repeated_passages_get_context():
    body = "Talks resumed and the minister said no.\n\nLater the minister said no again."
    first, second = find_passages(body, "the minister said no")
    fragment = text_fragment(body, "the minister said no", occurrence=1)
    assert find_fragment(body, fragment) == [second]
    assert fragment == "#:~:text=Later-,the%20minister%20said%20no"
    assert find_fragment(body, text_fragment(body, "the minister said no")) == [first]


def test_context_is_added_for_what_only_a_browser_sees_as_repeated():
    # Quotations match case-sensitively, browsers do not: "The minister said no" is a second match for them.
    body = "The minister said no.\n\nLater the minister said no again."
    [span] = find_passages(body, "the minister said no")
    fragment = text_fragment(body, "the minister said no")
    assert find_fragment(body, fragment) == [span]


def test_passages_are_found_as_quotations_are():
    body = "He said: \u201cWe\u2019re\u00a0ready.\u201d"
    fragment = text_fragment(body, "We're ready.")  # straight apostrophe, ordinary space
    assert selected(body, fragment) == ["We\u2019re\u00a0ready."]
    assert "%E2%80%99" in fragment and "%C2%A0" in fragment  # the page's own characters


def test_passage_errors():
    with pytest.raises(ValueError, match="not in the body"):
        text_fragment("one two three", "four")
    with pytest.raises(ValueError, match="not in the body"):
        text_fragment("warfare", "war")  # only inside a longer word
    with pytest.raises(ValueError, match="occurs 1 time"):
        text_fragment("one two", "two", occurrence=1)
    with pytest.raises(ValueError, match="no text directive selects only"):
        text_fragment("same words\n\nsame words\n\nsame words", "same words", occurrence=2)


def test_deep_link_keeps_an_ordinary_fragment_and_replaces_a_text_one():
    body = "Alpha beta gamma."
    assert newsld.deep_link("https://x.example/a", body, "beta") == "https://x.example/a#:~:text=beta"
    assert newsld.deep_link("https://x.example/a#top", body, "beta") == "https://x.example/a#top:~:text=beta"
    assert newsld.deep_link("https://x.example/a#:~:text=old", body, "gamma") == "https://x.example/a#:~:text=gamma"
    assert newsld.text_fragment is text_fragment


# ------------------------------------------------------------------------------------------------------- property


WORDS = ["a", "The", "the", "Café", "cafe", "x-y", "R&D", "3,000", "don’t", "“yes”", "no,", "Ünï", "€5", "end."]
paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join)
bodies = st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(bodies, st.data())
def test_a_generated_fragment_selects_its_passage_first(body, data):
    """Whenever a fragment is built, a browser following it lands on exactly the intended occurrence."""
    words = body.split()
    start = data.draw(st.integers(0, len(words) - 1))
    stop = data.draw(st.integers(start + 1, min(len(words), start + 14)))
    passage = " ".join(words[start:stop])
    spans = find_passages(body, passage)
    assume(spans)
    occurrence = data.draw(st.integers(0, len(spans) - 1))
    try:
        fragment = text_fragment(body, passage, occurrence=occurrence)
    except ValueError as exc:
        assert "no text directive selects only" in str(exc)
        return
    assert find_fragment(body, fragment)[0] == spans[occurrence]


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph, min_size=2, max_size=5), st.data())
def test_repeated_passages_with_distinct_context_select_only_the_intended_one(paragraphs, data):
    """A passage repeated in paragraphs that differ right before it gets a link selecting that occurrence alone."""
    passage = data.draw(paragraph)
    body = "\n\n".join(f"{text} marker{index} {passage} {text}" for index, text in enumerate(paragraphs))
    spans = find_passages(body, passage)
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    after_marker = body.index(f"marker{index} ") + len(f"marker{index} ")
    occurrence = [start for start, _ in spans].index(after_marker)
    fragment = text_fragment(body, passage, occurrence=occurrence)
    assert find_fragment(body, fragment) == [spans[occurrence]]
