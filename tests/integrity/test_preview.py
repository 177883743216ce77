"""``newsld preview`` / ``newsld.preview_html``: the article as an editor reads it, in one self-contained page.

Checked twice: as markup (the standard library's parser: which elements, which links, that no value became markup)
and in headless Chromium (no console error, no request, no script from the data runs, the marks and counts the editor
sees); each browser test saves a screenshot for review into pytest's tmp dir and prints its path.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest

import newsld
from _support.common import REPO, SHARED
from _support.hostile import HOSTILE, hostile_source
from _support.pages import assert_inert
from newsld._authoring import build
from newsld._html import text
from newsld.cli import main

SHOWCASE = REPO / "examples" / "syria-air-missions.md"
REAL_PAGES = SHARED / "corpora" / "real-pages"
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "h3", "a", "nav", "span", "b",
        "div", "article", "mark", "sup", "aside", "ol", "ul", "li", "q", "time", "section", "svg", "path", "g", "rect",
        "circle", "text", "code", "footer"}


@pytest.fixture(scope="module")
def showcase():
    return newsld.load(SHOWCASE)


def article(**changes):
    source = {
        "@type": "NewsArticle", "headline": "Talks resume", "url": "https://news.example.com/talks",
        "datePublished": "2024-05-01T09:00:00+00:00", "author": ["reporter"], "publisher": "outlet",
        "articleBody": 'The minister said: "We will not sign this agreement." Talks go on.\n\n'
                       'An official added that the deal was "dead in the water".',
        "hasPart": [{"@type": "Quotation", "text": "We will not sign this agreement.", "spokenByCharacter": "minister"}],
        "mentions": ["minister", "claim"],
        "entities": {
            "reporter": {"@type": "Person", "name": "Jane Doe", "url": "https://news.example.com/jane"},
            "outlet": {"@type": "NewsMediaOrganization", "name": "Example News", "url": "https://news.example.com/"},
            "minister": {"@type": "Person", "name": "Ana Silva", "jobTitle": "Trade Minister",
                         "sameAs": ["https://www.wikidata.org/wiki/Q1"]},
            "official": {"@type": "Person", "description": "a trade official"},
            "claim": {"@type": "Claim", "text": "The deal is dead.", "author": ["official"],
                      "url": "https://news.example.com/talks#:~:text=dead%20in%20the%20water"},
        },
    }
    source.update(changes)
    return build(source)


# ------------------------------------------------------------------------------------------------------------ markup


def test_the_showcase_preview(showcase):
    page = newsld.preview_html(showcase)
    markup = assert_inert(page, TAGS)
    quotations = showcase.quotations
    # Every quotation is in the text: one list entry each, marked found, and marked where it occurs in the body.
    entries = re.findall(r'<li id="q(\d+)" class="item (found|missing)', page)
    assert entries == [(str(n), "found") for n in range(1, len(quotations) + 1)]
    marked = {number for value in re.findall(r'data-q="([^"]*)"', page) for number in value.split()}
    assert marked == {f"Q{n}" for n in range(1, len(quotations) + 1)}
    assert re.search(r'id="count-found">10<', page) and re.search(r'id="count-missing">0<', page)
    assert len(re.findall(r'<li id="c\d+"', page)) == len(showcase.claims) == 11
    # Each speaker has a card, named people with their job titles and sameAs links, unnamed sources marked.
    cards = [attributes["id"] for tag, attributes in markup.elements
             if tag == "div" and "card" in (attributes.get("class") or "").split()]
    speakers = {id(q.spokenByCharacter) for q in quotations} | {id(a) for c in showcase.claims for a in c.author}
    assert len(cards) >= len(speakers)
    assert "Russian Prime Minister" in page and 'href="https://www.wikidata.org/wiki/Q23530"' in page
    assert page.count('<div class="card ') == len(cards) == len(speakers) + 1  # and the author
    assert len(re.findall(r'class="card [^"]* unnamed"', page)) == 5  # the text's unnamed sources
    # Who said what: an edge for each quotation and each claim author.
    edges = len(quotations) + sum(len(claim.author) for claim in showcase.claims)
    assert page.count('<path class="edge"') == edges
    assert "<script" not in page and "Content-Security-Policy" in page


def test_a_quotation_not_in_the_text_is_listed_with_its_closest_passage():
    changed = article(hasPart=[{"@type": "Quotation", "text": "We shall never sign this agreement.",
                                "spokenByCharacter": "minister"}])
    page = newsld.preview_html(changed)
    assert_inert(page, TAGS)
    assert '<li id="q1" class="item missing' in page
    assert "Not found in the text" in page
    assert re.search(r"Closest passage \(\d+% alike\): <a href=\"#body\">“We will not sign this agreement”", page)
    assert re.search(r'<mark class="near"[^>]*data-near="Q1"', page)
    assert "integrity/quotation-not-in-body" not in page.split('id="findings"')[0]  # the status says it once
    assert 'id="count-missing">1<' in page


def test_claims_show_who_made_them_and_what_their_deep_link_selects():
    page = newsld.preview_html(article())
    assert re.search(r'<li id="c1" class="item s\d+"><span class="num">C1</span>', page)
    assert "a trade official" in page and "unnamed source" in page
    assert re.search(r"deep link: <a class=\"url\" href=\"https://news.example.com/talks#:~:text=dead%20in%20the"
                     r"%20water\"[^>]*>news.example.com/talks #:~:text=dead in the water</a> — selects", page)
    assert re.search(r'<mark class="cl s\d+" data-c="C1"', page)


def test_without_a_body_the_quotations_are_listed_unchecked():
    page = newsld.preview_html(article(articleBody=None))
    assert_inert(page, TAGS)
    assert "has no <code>articleBody</code>" in page and "Not checked: the article has no body" in page
    assert "<mark" not in page


def test_overlapping_quotations_and_repeated_passages_are_all_marked():
    body = 'She said "we will go" and then "we will go home", and again "we will go".'
    changed = article(articleBody=body, hasPart=[
        {"@type": "Quotation", "text": "we will go", "spokenByCharacter": "minister"},
        {"@type": "Quotation", "text": "we will go home", "spokenByCharacter": "official"},
    ], mentions=["minister", "official", "claim"])
    page = newsld.preview_html(changed)
    assert_inert(page, TAGS)
    assert "Verbatim in the text 3 times" in page
    both = re.findall(r'data-q="([^"]*)"', page)
    assert "Q1 Q2" in both and both.count("Q1") == 2  # the overlap carries both; marks never nest
    shown = re.sub(r"<sup>.*?</sup>", "", page.split('id="body">')[1].split("</article>")[0])
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)).replace("Article text", "").strip() == body


def test_it_takes_only_an_article():
    with pytest.raises(TypeError, match="NewsArticle"):
        newsld.preview_html({"headline": "x"})


@pytest.mark.parametrize("number", range(len(HOSTILE)), ids=[f"case{n}" for n in range(len(HOSTILE))])
def test_hostile_text_stays_text(number):
    value = HOSTILE[number]
    page = newsld.preview_html(build(hostile_source(number, value)))
    assert_inert(page, TAGS)
    shown = html.unescape(text(value))
    assert f'<h1 class="v">{text(value)}</h1>' in page
    assert shown.count("\\u") >= value.count("\x00")  # control characters are shown, never passed raw


# ------------------------------------------------------------------------------------------------------------ command


def test_the_command_writes_the_page(capsys):
    assert main(["preview", str(SHOWCASE)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out == newsld.preview_html(newsld.load(SHOWCASE))


def test_the_command_lifts_a_saved_page(capsys):
    assert main(["preview", str(REPO / "examples" / "syria-air-missions.html")]) == 0
    out, _ = capsys.readouterr()
    assert 'id="count-found">10<' in out


def test_the_command_explains_a_page_without_an_article(tmp_path, capsys):
    page = tmp_path / "blog.html"
    page.write_text('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting", '
                    '"headline": "x"}</script>', encoding="utf-8")
    assert main(["preview", str(page)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "lift/not-news-article" in err and str(page) in err
    assert main(["preview", str(tmp_path / "missing.md")]) == 2


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_every_corpus_page_that_lifts_previews():
    lifted = 0
    for path in sorted(REAL_PAGES.glob("*.html.gz")):
        result = newsld.lift(gzip.decompress(path.read_bytes()))
        if result.article is None:
            assert any(f.code.startswith("lift/") for f in result.findings), path.name
            continue
        assert_inert(newsld.preview_html(result.article), TAGS)
        lifted += 1
    assert lifted >= 100  # docs/check.md: 145 of the corpus pages lift


# ------------------------------------------------------------------------------------------------------------ browser


def _save(page, tmp_path: Path, name: str) -> Path:
    path = page.screenshot(tmp_path / name)
    print(f"screenshot: {path}")
    return path


def test_the_showcase_preview_in_chromium(browser, showcase, tmp_path):
    with browser.open_page(newsld.preview_html(showcase)) as page:
        assert page.problems == [] and page.pwned is None
        assert page.evaluate("document.scripts.length") == 0
        marks = page.evaluate("Array.from(document.querySelectorAll('mark.q')).map(m => m.dataset.q)")
        assert {q for value in marks for q in value.split()} == {f"Q{n}" for n in range(1, 11)}
        assert page.evaluate("document.getElementById('count-found').textContent") == "10"
        # The marks are visible: each has a box and a background colour of its speaker's.
        boxes = page.evaluate("Array.from(document.querySelectorAll('mark.q')).map(m => "
                              "[m.getBoundingClientRect().width, getComputedStyle(m).backgroundColor])")
        assert all(width > 0 and colour not in ("rgba(0, 0, 0, 0)", "transparent") for width, colour in boxes)
        assert page.evaluate("document.querySelectorAll('#people .card').length") >= 11
        assert page.evaluate("document.querySelector('svg.who-said-what').getBoundingClientRect().height") > 300
        assert _save(page, tmp_path, "preview-showcase.png").stat().st_size > 10_000


def test_hostile_previews_in_chromium(browser, tmp_path):
    with browser.open_page("") as page:
        for number, value in enumerate(HOSTILE):
            page.load(newsld.preview_html(build(hostile_source(number, value))))
            assert page.problems == [], (number, page.problems)
            assert page.pwned is None, number
            assert page.evaluate("document.scripts.length") == 0
            assert page.evaluate("document.querySelectorAll('iframe, img, object, embed, template, textarea').length"
                                 ) == 0
            expected = html.unescape(text(value)).replace("\r\n", "\n").replace("\r", "\n")
            assert page.evaluate("document.querySelector('h1').textContent") == expected, number
            if number == 1:
                _save(page, tmp_path, "preview-hostile.png")


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_corpus_previews_in_chromium(browser, tmp_path):
    # Every lifted page is checked as markup above; one in four is also loaded here (a page costs ~0.2 s).
    shown = 0
    with browser.open_page("") as page:
        for path in sorted(REAL_PAGES.glob("*.html.gz"))[::4]:
            result = newsld.lift(gzip.decompress(path.read_bytes()))
            if result.article is None:
                continue
            page.load(newsld.preview_html(result.article))
            assert page.problems == [] and page.pwned is None, (path.name, page.problems)
            assert page.evaluate("document.querySelector('h1').textContent") == html.unescape(
                text(result.article.headline)).replace("\r\n", "\n").replace("\r", "\n")
            if not shown:
                _save(page, tmp_path, "preview-corpus.png")
            shown += 1
    assert shown >= 25
