"""to_source: an article back to the authoring source ``load`` reads, with entities by readable local ids.

The central property: ``load(to_source(article)) == article`` for any article, including text made to break YAML
(line breaks, ``#``, ``---``, tags, anchors) and comments carrying such text.
"""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

import newsld
from newsld import NewsArticle, Organization, Person, Quotation, Site
from newsld._source import site_source, source_data, to_source, yaml_comment, yaml_string
from _support.strategies import HOSTILE, articles, examples, hostile_texts

URL = "https://news.example.com/2024/05/talks"


def reload(text: str) -> NewsArticle:
    return newsld.load(text, format="markdown")


@examples(150)
@given(articles())
def test_any_article_reads_back_equal(article):
    assert reload(to_source(article)) == article


@examples(100)
@given(articles(), st.lists(hostile_texts(), max_size=3), st.dictionaries(st.sampled_from(["headline", "url"]),
                                                                        hostile_texts()))
def test_no_comment_text_changes_what_the_source_says(article, comments, notes):
    text = to_source(article, header=comments, footer=comments, notes=notes)
    assert reload(text) == article
    front = text.split("\n---\n", 1)[0]
    comment_lines = [line for line in front.splitlines() if line.lstrip().startswith("#")]
    assert len(comment_lines) >= sum(text.count("\n") + 1 for text in comments) * 2


@examples(300)
@given(st.one_of(st.text(), hostile_texts()))
def test_a_yaml_string_is_one_line_that_any_yaml_reader_reads_back(text):
    written = yaml_string(text)
    assert "\n" not in written and "\r" not in written
    assert yaml.safe_load(f"value: {written}")["value"] == text
    if not any("\ud800" <= char <= "\udfff" for char in text):  # the models refuse a lone surrogate
        source = f"headline: H\nurl: {URL}\ndescription: {written}\n"
        assert newsld.load(source, format="yaml").description == text


@examples(300)
@given(st.one_of(st.text(), hostile_texts()))
def test_a_comment_stays_a_comment(text):
    lines = yaml_comment(text)
    assert all(line.startswith("#") for line in lines)
    assert yaml.safe_load("\n".join(lines) + "\nkey: 1\n") == {"key": 1}


def test_hostile_text_in_every_place_round_trips_through_emit():
    hostile = "".join(HOSTILE)
    article = newsld.NewsArticle(
        headline="--- !!python/object/apply:os.system ['echo pwned'] # \n---\nheadline: injected",
        url=URL,
        description="\u2028description: injected\x85#\r\n",
        author=[Person(name=hostile), Person(name="null"), Person(name="---")],
        keywords=["&a", "*a", "? x", "- y", "%YAML 1.1"],
        articleBody="---\nheadline: injected\n---\n" + hostile,
    )
    text = to_source(article, header=[hostile, "x\n---\nheadline: injected"], footer=[hostile],
                     notes={"headline": hostile})
    assert reload(text) == article
    assert newsld.dumps(reload(text)) == newsld.dumps(article)


def test_entities_get_readable_ids_once_each_in_order_of_first_use():
    ana = Person(name="Ana López", jobTitle="Reporter")
    org = newsld.NewsMediaOrganization(name="Example News", url="https://news.example.com/")
    article = NewsArticle(
        headline="H", url=URL, author=[ana], publisher=org, mentions=[Person(name="2024"), Person(name="null"),
                                                                       Person(description="a city official"), ana],
        hasPart=[Quotation(text="We talk", spokenByCharacter=ana)],
        about=[newsld.Claim(text="Talks go on every day", author=org)],
    )
    data = source_data(article)
    assert list(data["entities"]) == ["ana-lópez", "example-news", "claim-talks-go-on-every", "person-2024", "null",
                                      "a-city-official"]
    assert data["author"] == ["ana-lópez"] and data["mentions"][-1] == "ana-lópez"
    assert data["hasPart"][0]["spokenByCharacter"] == "ana-lópez"  # quotations stay where they are said
    text = to_source(article)
    assert 'author: ["ana-lópez"]' in text and "publisher: example-news" in text
    assert '"null":' in text  # a word YAML reads as nothing is never bare
    assert reload(text) == article


def test_two_equal_entities_are_one_and_two_namesakes_two():
    first, namesake = Person(name="Ana"), Person(name="Ana", jobTitle="Judge")
    data = source_data(NewsArticle(headline="H", url=URL, author=[first, Person(name="Ana")], mentions=[namesake]))
    assert data["author"] == ["ana", "ana"] and data["mentions"] == ["ana-2"]


def test_the_body_is_markdown_when_it_reads_back_exactly_and_front_matter_otherwise():
    body = "First paragraph.\n\n  Indented second one, with a line\n---\nthat looks like a fence."
    text = to_source(NewsArticle(headline="H", url=URL, articleBody=body))
    assert text.endswith("---\n\n" + body + "\n") and "articleBody" not in text
    for body in ("\nleading blank line", "trailing space ", "a\r\nb", ""):
        text = to_source(NewsArticle(headline="H", url=URL, articleBody=body))
        assert "articleBody:" in text and text.endswith("---\n")
        assert reload(text).articleBody == body


def test_long_lists_of_ids_go_one_a_line():
    people = [Person(name=f"Person number {index}") for index in range(12)]
    text = to_source(NewsArticle(headline="H", url=URL, mentions=people))
    assert "mentions:\n  - person-number-0\n" in text
    assert "author: [" not in text


def test_a_site_file_reads_back_equal():
    site = Site(url="https://news.example.com/", name="Example News", inLanguage="en",
                searchUrl="https://news.example.com/search?q={search_term_string}",
                publisher=Organization(id="https://news.example.com/#org", name="Example # News\n---",
                                       logo="https://news.example.com/logo.png"))
    text = site_source(site, header=["written by a test\nurl: https://evil.example/"])
    assert text.startswith("# written by a test\n# url: https://evil.example/\nurl: ")
    assert newsld.load_site(text) == site
