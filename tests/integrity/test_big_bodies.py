"""Article bodies of tens of megabytes: normalizing, finding and explaining quotations stay linear and small.

The fast normalizer is checked against the plain character-by-character definition (kept here as the oracle) on
arbitrary text; memory is measured with tracemalloc (allocations, not time: the machines are shared and noisy).
"""

from __future__ import annotations

import random
import sys
import tracemalloc
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsld import NewsArticle, Person, Quotation
from newsld.integrity._article import closest_passage, integrity_findings
from newsld.integrity._normalize import _fold, _HTML_WHITESPACE, BLOCK_BREAK, normalize

# ------------------------------------------------------------------------------------------------ the oracle


def oracle(text: str, primary: bool, blocks: bool):
    """The definition: one character (with its combining marks) at a time; per character its source span."""
    is_space = _HTML_WHITESPACE.__contains__ if primary else str.isspace
    out, starts, ends = [], [], []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if is_space(char):
            stop = index + 1
            while stop < length and is_space(text[stop]):
                stop += 1
            separator = BLOCK_BREAK if blocks and text.count("\n", index, stop) >= 2 else " "
            if separator == " " and not primary and out and out[-1] == " ":
                ends[-1] = stop
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
        folded = (char.lower() if primary else char) if len(cluster) == 1 and char < "\x80" else _fold(cluster, primary)
        for item in folded:
            out.append(item)
            starts.append(index)
            ends.append(stop)
        index = stop
    return "".join(out), starts, ends


# Plain words and spaces, with what makes normalization interesting: whitespace runs and paragraph breaks, quotes,
# combining marks after ASCII letters, invisible format characters between spaces, compatibility forms, controls.
PIECES = st.sampled_from([
    "war", "War", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\u201c", "\u201d", "\u2019", "\u00ab", "e\u0301",
    "\u0301", "\u0308\u0301", "\u200b", " \u200b ", "\u00ad", "\ufb01", "\u2026", "\u00e9", "\u0130", "\u00df", "\x00",
    "\x1c", "\r\n", "ä", "Ω", "\U0001d400", "5", ",", "'", '"', "x.y", "\u3000", "\u0627\u064e",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.booleans(), st.booleans())
def test_normalize_matches_its_definition(text, primary, blocks):
    normalize.cache_clear()
    got = normalize(text, primary=primary, blocks=blocks)
    expected, starts, ends = oracle(text, primary, blocks)
    assert got.text == expected
    for index in range(len(expected)):
        assert got.source_span(index, index + 1) == (starts[index], ends[index]), index
    for offset in range(len(text) + 2):
        assert got.position(offset) == sum(1 for start in starts if start < offset), offset


# ------------------------------------------------------------------------------------------------ big bodies

WORDS = ("the council voted on a budget that will raise taxes and cut services for city residents \u201cwe\u201d "
         "can\u2019t afford it said mayor").split()


def big_body(characters: int) -> str:
    generator = random.Random(11)
    words, size = [], 0
    while size < characters:
        word = generator.choice(WORDS)
        words.append(word + ("\n\n" if generator.random() < 0.01 else " "))
        size += len(words[-1])
    return "".join(words)


def peak_bytes(function) -> int:
    normalize.cache_clear()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        normalize.cache_clear()


@pytest.fixture(scope="module")
def body() -> str:
    return big_body(1_000_000)


def test_a_missing_quotation_in_a_big_body_costs_a_few_times_the_body(body):
    speaker = Person(name="Mayor")
    article = NewsArticle(
        headline="Budget", url="https://news.example.com/budget", mentions=[speaker], articleBody=body,
        hasPart=[Quotation(text="the budget is a disgrace to every one of us", spokenByCharacter=speaker)],
    )
    found = []
    peak = peak_bytes(lambda: found.extend(integrity_findings(article)))
    [finding] = [f for f in found if f.code == "integrity/quotation-not-in-body"]
    assert "Closest passage" in finding.message
    # Both strengths of the body (one byte a character here) and the word windows; a map per character would be 16.
    assert peak < 5 * sys.getsizeof(body), f"{peak / sys.getsizeof(body):.1f} times the body"


def test_the_closest_passage_is_found_in_a_big_body(body):
    planted = "stadium costs will be paid for by the visitors alone"
    middle = body.index(" ", len(body) // 2) + 1
    text = body[:middle] + planted + " " + body[middle:]
    quotation = "stadium costs will be paid by visitors alone"
    found = []
    peak = peak_bytes(lambda: found.append(closest_passage(text, quotation)))
    [((start, end), ratio, differences)] = found
    assert text[start:end] == planted and ratio > 0.9
    assert differences == ["the article also has “for” there", "the article also has “the” there"]
    assert peak < 3 * sys.getsizeof(text), f"{peak / sys.getsizeof(text):.1f} times the body"


def test_a_found_quotation_in_a_big_body_is_checked_for_quotation_marks(body):
    speaker = Person(name="Mayor")
    article = NewsArticle(
        headline="Budget", url="https://news.example.com/budget", mentions=[speaker], articleBody=body,
        hasPart=[Quotation(text="we", spokenByCharacter=speaker),
                 Quotation(text="can't afford it", spokenByCharacter=speaker)],
    )
    found = []
    peak = peak_bytes(lambda: found.extend(integrity_findings(article)))
    assert [f.code for f in found if f.severity != "info"] == ["integrity/quotation-not-quoted"]
    assert peak < 5 * sys.getsizeof(body), f"{peak / sys.getsizeof(body):.1f} times the body"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("a b c the mayor said don't 3,000 x.y \u201cwe\u201d".split()), max_size=80),
       st.lists(st.sampled_from("a b c the mayor said don't 3,000 x.y we".split()), min_size=1, max_size=14),
       st.sampled_from([" ", "\n", "  ", "\n\n"]))
def test_the_closest_passage_does_not_depend_on_how_the_body_is_read(body_words, quotation_words, separator):
    import newsld.integrity._article as article_module

    body, quotation = separator.join(body_words), " ".join(quotation_words)
    whole = closest_passage(body, quotation)
    saved = article_module._CHUNK
    article_module._CHUNK = 5  # a chunk every few words: windows and candidates cross chunk boundaries
    try:
        assert closest_passage(body, quotation) == whole
    finally:
        article_module._CHUNK = saved
