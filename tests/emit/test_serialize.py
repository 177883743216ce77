"""Deterministic JSON and the <script> element: what a page gets must parse back to exactly the document."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support.common import make_article
from newsld import Person, Quotation, ScriptTag, dumps, to_jsonld, to_script_tag
from newsld._serialize import escape_for_script
from _support.strategies import HOSTILE, articles, examples, hostile_texts

OPEN = '<script type="application/ld+json">'
CLOSE = "</script>"
RAW_FORBIDDEN = ("<", ">", "&", "\u2028", "\u2029")


class _Scripts(HTMLParser):
    """Collects what an HTML parser sees: every element start and end, and each script element's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.starts, self.ends, self.scripts = [], [], []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, attrs))
        if tag == "script":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        self.ends.append(tag)
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def parsed_by_html_parser(markup: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(markup)
    parser.close()
    return parser


def body_of(tag: str) -> str:
    assert tag.startswith(OPEN) and tag.endswith(CLOSE)
    return tag[len(OPEN):-len(CLOSE)]


def hostile_article(text: str):
    speaker = Person(name=text, description=text)
    return make_article(
        headline=text,
        description=text,
        keywords=[text, "plain"],
        articleBody=f"{text}\n{text}",
        author=[speaker],
        hasPart=[Quotation(text=text, spokenByCharacter=speaker)],
        # A URL may not hold spaces or controls, but markup characters are legal in it and must be escaped too.
        url="https://news.example.com/" + "".join(c for c in text if c > " " and c != "\x7f"),
    )


EVERY_HOSTILE = "".join(HOSTILE) + " </ScRiPt\t> <script <!-- --!> ]]> &lt;/script&gt; \\u003c/script>"


def test_script_tag_is_marked_safe_for_templates():
    tag = to_script_tag(make_article())
    assert isinstance(tag, ScriptTag) and isinstance(tag, str)
    assert tag.__html__() == str(tag)
    assert tag.startswith(OPEN) and tag.endswith(CLOSE)


def test_script_body_has_no_raw_markup_characters():
    article = hostile_article(EVERY_HOSTILE)
    body = body_of(to_script_tag(article))
    for character in RAW_FORBIDDEN:
        assert character not in body
    assert json.loads(body) == to_jsonld(article)


def test_escapes_are_json_unicode_escapes_never_html_entities():
    body = body_of(to_script_tag(make_article(headline="a<b>&c\u2028d\u2029")))
    assert '"headline":"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029"' in body
    assert "&lt;" not in body and "&amp;" not in body


def test_script_tag_of_a_document_dict_and_of_an_article_agree():
    article = make_article(author="Jane Doe")
    assert to_script_tag(article) == to_script_tag(to_jsonld(article))
    assert json.loads(body_of(to_script_tag(to_jsonld(article, form="nested"), indent=2))) == to_jsonld(
        article, form="nested"
    )


def test_script_tag_rejects_other_values():
    with pytest.raises(TypeError, match="expects a NewsArticle or a JSON-LD dict"):
        to_script_tag(["not", "a", "document"])


def test_compact_and_indented_dumps_hold_the_same_document():
    article = hostile_article(EVERY_HOSTILE)
    compact, pretty = dumps(article), dumps(article, indent=2)
    assert "\n" not in compact and ": " not in compact.replace(EVERY_HOSTILE, "")
    assert pretty.startswith('{\n  "@context": "https://schema.org",\n  "@graph": [\n')
    assert json.loads(compact) == json.loads(pretty) == to_jsonld(article)


def test_non_ascii_is_written_as_characters():
    text = dumps(make_article(headline="Владимир 😀 שלום"))
    assert "Владимир 😀 שלום" in text and "\\u" not in text


def test_html_parser_sees_one_script_for_every_hostile_fragment():
    markup = f"<p>before</p>{to_script_tag(hostile_article(EVERY_HOSTILE))}<p>after</p>"
    seen = parsed_by_html_parser(markup)
    assert [tag for tag, _ in seen.starts] == ["p", "script", "p"]
    assert seen.ends == ["p", "script", "p"]
    assert json.loads(seen.scripts[0]) == to_jsonld(hostile_article(EVERY_HOSTILE))


# -------------------------------------------------------------------------------------------------- properties


@examples(500)
@given(st.text())
def test_escaping_never_changes_the_json_value(text):
    escaped = escape_for_script(json.dumps(text, ensure_ascii=False))
    assert not any(character in escaped for character in RAW_FORBIDDEN)
    assert json.loads(escaped) == text


@examples(300)
@given(articles())
def test_script_body_parses_to_exactly_the_document(article):
    body = body_of(to_script_tag(article))
    assert not any(character in body for character in RAW_FORBIDDEN)
    assert json.loads(body, strict=True) == to_jsonld(article)


@examples(300)
@given(hostile_texts())
def test_hostile_text_cannot_end_the_script_element_early(text):
    article = hostile_article(text)
    seen = parsed_by_html_parser(f"<body>{to_script_tag(article, indent=1)}<i>end</i></body>")
    assert [tag for tag, _ in seen.starts] == ["body", "script", "i"]
    assert seen.starts[1][1] == [("type", "application/ld+json")]
    assert seen.ends == ["script", "i", "body"]
    assert len(seen.scripts) == 1
    assert json.loads(seen.scripts[0]) == to_jsonld(article)
    # html.parser only ends a script at a complete "</script>", browsers already at "</script" plus a space or "/";
    # with no "<" at all in the text, neither can see an end tag, a comment or a nested script start.
    assert "<" not in seen.scripts[0]


@examples(100)
@given(articles())
def test_generated_articles_survive_an_html_parser(article):
    seen = parsed_by_html_parser(f"<head>{to_script_tag(article)}</head>")
    assert [tag for tag, _ in seen.starts] == ["head", "script"]
    assert json.loads(seen.scripts[0]) == to_jsonld(article)
