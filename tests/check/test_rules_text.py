"""Text hygiene rules: HTML entities and tags in JSON strings, untrimmed strings, empty values."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsld.check._extract import Block, extract_blocks
from newsld.check._page import PageData
from newsld.check.rules import text

CTX = "https://schema.org"
SEED = Path(__file__).resolve().parents[2] / "examples" / "syria-air-missions.html"


def findings(value, code=None):
    html = f'<script type="application/ld+json">{json.dumps(value, ensure_ascii=False)}</script>'
    found = list(text.check(PageData.from_blocks(extract_blocks(html))))
    return [f for f in found if f.code == code] if code else found


def article(**properties) -> dict:
    return {"@context": CTX, "@type": "NewsArticle", "headline": "Talks will go on", **properties}


def test_clean_text_has_no_findings():
    body = "First paragraph.\n\nSecond paragraph, with AT&T, 3 < 4 and x > y.\n\tIndented."
    assert findings(article(articleBody=body, description="Tom & Jerry; <3 always; Vector<T>")) == []


def test_codes_are_described_and_have_one_severity_each():
    assert all(severity in {"error", "warning", "info"} and description for severity, description in text.CODES.values())
    assert all(code.startswith("text/") for code in text.CODES)


# ------------------------------------------------------------------------------------------------ entities


def test_an_entity_in_a_headline_is_a_warning_showing_the_decoded_text():
    [finding] = findings(article(headline="Don&#8217;t panic &amp; carry on"))
    assert (finding.severity, finding.code, finding.path) == ("warning", "text/html-entity", "$.headline")
    assert "&#8217;, &amp;" in finding.message and '"Don’t panic & carry on"' in finding.message


@pytest.mark.parametrize(
    "entity, decoded", [("&quot;", '\\"'), ("&#x2019;", "’"), ("&ouml;", "ö"), ("&nbsp;", "\xa0")]
)
def test_named_decimal_and_hex_references_are_found(entity, decoded):
    [finding] = findings(article(headline=f"a{entity}b"))
    assert f'"a{decoded}b"' in finding.message


@pytest.mark.parametrize("value", ["AT&T", "R&D; more", "&notanentity;", "& amp;", "&#;"])
def test_ampersands_that_are_not_references_are_fine(value):
    assert findings(article(headline=value), code="text/html-entity") == []


def test_references_encoded_twice_are_called_out():
    [finding] = findings(article(headline="Don&amp;#8217;t"))
    assert "Don&#8217;t" in finding.message and "encoded twice" in finding.message


def test_a_long_text_is_shown_around_the_first_reference():
    [finding] = findings(article(articleBody="word " * 200 + "don&#8217;t" + " word" * 200))
    assert "…" in finding.message and "don’t" in finding.message and len(finding.message) < 300


def test_entities_in_urls_and_ids_are_found_too():
    [finding] = findings(article(image="https://example.com/a.jpg?w=1&amp;h=2"))
    assert finding.path == "$.image" and "w=1&h=2" in finding.message


# ------------------------------------------------------------------------------------------------ tags


@pytest.mark.parametrize(
    "value, shown",
    [
        ("<p>Body</p>", "<p>"),
        ("one<br/>two", "<br/>"),
        ("one<br>two", "<br>"),
        ('see <a href="https://example.com">here</a>', '<a href="https://example.com">'),
        ("end</P>", "</P>"),
    ],
)
def test_html_tags_are_warnings(value, shown):
    [finding] = findings(article(articleBody=value))
    assert (finding.severity, finding.code, finding.path) == ("warning", "text/html-tag", "$.articleBody")
    assert f"({shown})" in finding.message


@pytest.mark.parametrize("value", ["3 <4", "a < b > c", "<3", "List<String>", "<notatag>", "<<p"])
def test_angle_brackets_that_are_not_html_are_fine(value):
    assert findings(article(headline=value), code="text/html-tag") == []


# ------------------------------------------------------------------------------------------------ whitespace, emptiness


@pytest.mark.parametrize(
    "value, edges", [(" Talks", "leading"), ("Talks\n", "trailing"), ("\xa0Talks\u3000", "leading and trailing")]
)
def test_untrimmed_strings_are_info(value, edges):
    [finding] = findings(article(headline=value))
    assert (finding.severity, finding.code, finding.path) == ("info", "text/untrimmed", "$.headline")
    assert f"{edges} whitespace" in finding.message


def test_inner_newlines_of_an_article_body_are_fine():
    assert findings(article(articleBody="One.\n\nTwo.\r\n\tThree.")) == []


@pytest.mark.parametrize(
    "value, shown", [("", "empty"), ("  \n", "only whitespace"), ([], "[]"), ({}, "{}"), (None, "null")]
)
def test_empty_values_are_info(value, shown):
    [finding] = findings(article(author=value))
    assert (finding.severity, finding.code, finding.path) == ("info", "text/empty-value", "$.author")
    assert finding.message == f"author is {shown}"


def test_empty_items_and_an_empty_block_are_found_where_they_are():
    assert [f.path for f in findings(article(keywords=["a", "", None]))] == ["$.keywords[1]", "$.keywords[2]"]
    assert [(f.path, f.message) for f in findings({})] == [("$", "the block is {}")]


def test_falsy_values_that_say_something_are_fine():
    assert findings(article(isAccessibleForFree=False, position=0, wordCount=0.0)) == []


def test_the_context_is_not_text():
    assert findings({"@context": [" https://schema.org ", {"x": ""}], "@type": "Thing"}) == []


# ------------------------------------------------------------------------------------------------ cost, the seed


def test_the_scan_stays_linear_on_hostile_strings():
    hostile = ["&#" * 200_000, "<a" * 200_000, "&amp" * 200_000, "<" + " " * 400_000, "&" + "a" * 400_000]
    page = PageData.from_blocks([Block(0, 1, 1, "application/ld+json", "", (article(articleBody=hostile),), None, ())])
    started = time.perf_counter()
    list(text.check(page))
    assert time.perf_counter() - started < 5  # a quadratic scan would take minutes


def test_the_seed_example_has_no_findings():
    assert list(text.check(PageData.from_blocks(extract_blocks(SEED.read_text(encoding="utf-8"))))) == []
