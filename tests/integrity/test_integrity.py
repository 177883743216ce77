"""Editorial integrity: the seed passes every check; tampered copies fail with one precise finding each.

Tampered copies are built in tmp_path from the example's own text, so they stay in step with it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import newsld
from newsld import Claim, ClaimReview, CorrectionComment, Person, Quotation, Rating
from newsld.check._extract import extract_blocks
from newsld.integrity._article import CODES, closest_passage, integrity_findings
from newsld.cli import main
from newsld.check._page import PageData
from newsld.check.rules import integrity as page_rules

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "syria-air-missions.md"
PAGE = ROOT / "examples" / "syria-air-missions.html"
SEED_TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed():
    return newsld.load(EXAMPLE)


def tampered(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert SEED_TEXT.count(old) == count, f"the example no longer contains {old!r} {count} time(s)"
    path = tmp_path / "tampered.md"
    path.write_text(SEED_TEXT.replace(old, new), encoding="utf-8")
    return path


def by_code(findings, code: str) -> list:
    return [finding for finding in findings if finding.code == code]


def problems(findings) -> list:
    return [(f.severity, f.code, f.path) for f in findings if f.severity != "info"]


# ------------------------------------------------------------------------------------------------------ the seed


def test_the_seed_passes_every_check(seed):
    findings = integrity_findings(seed)
    assert problems(findings) == []
    assert {f.code for f in findings} == {"integrity/unnamed-sources", "integrity/claim-no-date"}
    [unnamed] = by_code(findings, "integrity/unnamed-sources")
    assert unnamed.message.startswith("3 of 10 quotation(s) and 5 of 11 claim(s) rest only on unnamed sources")
    assert "https://example.com/about/unnamed-sources" in unnamed.message


def test_validate_prints_findings_and_passes_the_seed(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("valid ReportageNewsArticle (10 quotations, 11 claims, 39 mentions)")
    assert out[0].startswith(f"{EXAMPLE}:39:1: (article): info integrity/unnamed-sources: 3 of 10 quotation(s)")
    assert main(["validate", "-q", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == ""


# ------------------------------------------------------------------------------------------------------ tampering


def test_one_word_changed_inside_a_quotation(tmp_path, capsys):
    path = tampered(tmp_path, "text: \"The Russians refused to hit them", "text: \"The Russians refused to strike them")
    [finding] = problems_of(path)
    assert (finding.severity, finding.code, finding.path) == ("error", "integrity/quotation-not-in-body",
                                                              "hasPart[2].text")
    assert "Closest passage" in finding.message
    assert "“The Russians refused to hit them because they are religious symbols, despite their military " \
           "importance”" in finding.message
    assert "the quotation has “strike” where the article has “hit”" in finding.message
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "refused to strike" in text)
    assert f"{path}:{line}:5: hasPart[2].text: error integrity/quotation-not-in-body: “The Russians refused to strike" \
        in out
    assert "valid" not in out.splitlines()[-1]


def test_a_speaker_removed_from_the_mentions(tmp_path):
    path = tampered(tmp_path, "  - fallon\n", "")
    findings = problems_of(path)
    assert [(f.code, f.path) for f in findings] == [
        ("integrity/speaker-not-an-entity", "hasPart[4].spokenByCharacter"),
        ("integrity/speaker-not-an-entity", "hasPart[5].spokenByCharacter"),
        ("integrity/speaker-not-an-entity", "mentions[32].author[0]"),
        ("integrity/speaker-not-an-entity", "mentions[33].author[0]"),
    ]
    assert all(f.severity == "error" for f in findings)
    assert "the speaker, Person “Michael Fallon”, is not among the article's mentions, about, author or publisher" in \
        findings[0].message


def test_a_claim_without_an_author_is_a_model_error(tmp_path, capsys):
    claim = "    text: Russian planes in Syria are engaging in 50 missions a day.\n"
    path = tampered(tmp_path, claim + "    author: putin\n", claim)
    with pytest.raises(newsld.NewsldValidationError) as excinfo:
        newsld.load(path)
    assert [problem.path for problem in excinfo.value.problems] == ["entities.claim_50_missions.author"]
    assert main(["validate", str(path)]) == 1
    assert "entities.claim_50_missions.author" in capsys.readouterr().err


def test_a_correction_dated_after_date_modified(tmp_path):
    path = tampered(tmp_path, "datePublished: 2015-10-19T12:00:00+00:00\n",
                    "datePublished: 2015-10-19T12:00:00+00:00\ndateModified: 2015-10-19T15:00:00+00:00\n"
                    "correction:\n  - \"@type\": CorrectionComment\n    text: An earlier version misspelt Su-30CM.\n"
                    "    datePublished: 2015-10-20T09:00:00+00:00\n")
    [finding] = problems_of(path)
    assert (finding.severity, finding.code, finding.path) == ("error", "integrity/correction-after-date-modified",
                                                              "correction[0].datePublished")
    assert "2015-10-20T09:00:00+00:00, after the article's dateModified (2015-10-19T15:00:00+00:00)" in finding.message


def problems_of(path: Path) -> list:
    return [f for f in integrity_findings(newsld.load(path)) if f.severity != "info"]


# ---------------------------------------------------------------------------------------------------- quotations


def with_quote(seed, text: str, **changes):
    quotation = Quotation(text=text, spokenByCharacter=seed.quotations[0].spokenByCharacter)
    return seed.model_copy(update={"hasPart": [quotation], **changes})


@pytest.mark.parametrize(
    "text",
    [
        "We're very concerned that Russian-supported offensives",  # a straight apostrophe for ’
        "What [Russia] is doing is propping up the Assad regime",  # brackets where the article has them
        "Of course we are not fighting for specific leaders, we are defending our national interests, on the one hand",
        "And secondly, we have a request from the lawful authorities (of Syria).",
        "  extending   the\nwar ",  # whitespace runs
    ],
)
def test_matching_forgives_typography_and_whitespace(seed, text):
    assert problems(integrity_findings(with_quote(seed, text))) == []


def test_no_break_spaces_and_unicode_forms_match(seed):
    body = "He called it \u201cun caf\u00e9\u00a0cr\u00e8me, s\u2019il vous pla\u00eet.\u201d"
    article = with_quote(seed, "un cafe\u0301 cre\u0300me, s'il vous pla\u00eet.", articleBody=body)  # NFD, ASCII '
    assert problems(integrity_findings(article)) == []


@pytest.mark.parametrize(
    "text, hint",
    [
        ("What Russia is doing is propping up the Assad regime", "differ only in punctuation, brackets"),
        ("What [Moscow] is doing is propping up the Assad regime", "An editorial insertion in [brackets]"),
        ("We’re very concerned … and Isil will take advantage of that", "or an ellipsis is accepted only"),
        ("extending the wa", "not in the article body"),  # a match must not end inside a word
        ("EXTENDING THE WAR", "if letter case and accents are ignored"),
        # The Medvedev quote is two Quotations (one per quoted span); joined, it is not in the body.
        ("on the one hand. And secondly, we have a request", "Closest passage"),
    ],
)
def test_quotations_that_are_not_verbatim(seed, text, hint):
    [finding] = [f for f in integrity_findings(with_quote(seed, text)) if f.severity == "error"]
    assert finding.code == "integrity/quotation-not-in-body" and finding.path == "hasPart[0].text"
    assert hint in finding.message


def test_words_that_are_not_inside_quotation_marks(seed):
    [finding] = by_code(integrity_findings(with_quote(seed, "Rebel groups have posted numerous images")),
                        "integrity/quotation-not-quoted")
    assert finding.severity == "warning" and "presents these words as its own" in finding.message


def test_quotations_without_a_body(seed):
    findings = integrity_findings(with_quote(seed, "anything", articleBody=None))
    assert problems(findings) == [("warning", "integrity/no-article-body", "articleBody")]


def test_closest_passage_is_fast_on_a_long_body(seed):
    body = "\n\n".join([seed.articleBody] * 60)  # about 28,000 words
    started = time.perf_counter()
    (start, end), ratio, differences = closest_passage(body, "Russian officials claim they have conducted 90 strikes")
    assert time.perf_counter() - started < 2
    assert body[start:end] == "Russian officials claim they have conducted 80 strikes"
    assert differences == ["the quotation has “90” where the article has “80”"] and ratio > 0.9
    assert closest_passage(body, "zzz qqq") is None


# --------------------------------------------------------------------------------------------------- attribution


def test_speakers_compare_by_id_when_given(seed):
    mentioned = Person(id="https://example.com/people/ann", name="Ann Lee")
    speaker = Person(id="https://example.com/people/ann", name="Ann Lee", jobTitle="Mayor")
    body = "“Hello,” said Ann Lee."
    article = seed.model_copy(update={"articleBody": body, "mentions": [mentioned], "about": None,
                                      "hasPart": [Quotation(text="Hello", spokenByCharacter=speaker)]})
    assert by_code(integrity_findings(article), "integrity/speaker-not-an-entity") == []
    stranger = Person(id="https://example.com/people/bob", name="Ann Lee")
    article = article.model_copy(update={"hasPart": [Quotation(text="Hello", spokenByCharacter=stranger)]})
    assert [f.path for f in by_code(integrity_findings(article), "integrity/speaker-not-an-entity")] == [
        "hasPart[0].spokenByCharacter"]


def test_unnamed_sources_without_a_policy(seed):
    publisher = seed.publisher.model_copy(update={"unnamedSourcesPolicy": None})
    findings = integrity_findings(seed.model_copy(update={"publisher": publisher}))
    [warning] = by_code(findings, "integrity/unnamed-sources-policy-missing")
    assert (warning.severity, warning.path) == ("warning", "publisher")
    assert "unnamedSourcesPolicy" in warning.message
    [info] = by_code(findings, "integrity/unnamed-sources")
    assert "policy" not in info.message


# -------------------------------------------------------------------------------------------------------- claims


def test_claim_advice_and_dates(seed):
    putin = seed.mentions[0]
    late = Claim(text="Talks failed.", author=[putin], datePublished="2015-10-21T00:00:00+00:00",
                 claimInterpreter=seed.publisher)
    bare = Claim(text="Talks go on.", author=[putin])
    findings = integrity_findings(seed.model_copy(update={"mentions": [putin, late, bare], "hasPart": None}))
    assert [(f.severity, f.code, f.path) for f in findings] == [
        ("info", "integrity/claim-no-interpreter", "mentions[2]"),
        ("info", "integrity/claim-no-date", "mentions[2]"),
        ("warning", "integrity/dated-after-article", "mentions[1].datePublished"),
    ]
    assert "usually the publisher, “Example News”" in findings[0].message


def test_claim_reviews(seed):
    claim = seed.claims[1]
    review = ClaimReview(
        claimReviewed="Russian planes in Syria are engaging in 50 missions a day, which is false according to data",
        itemReviewed=claim,
        reviewRating=Rating(alternateName="False", ratingValue=1, bestRating=5, worstRating=1),
    )
    findings = integrity_findings(seed.model_copy(update={"hasPart": [*seed.hasPart, review]}))
    assert [(f.severity, f.code, f.path) for f in findings if "claimreview" in f.code] == [
        ("warning", "integrity/claimreview-claim-too-long", "hasPart[10].claimReviewed"),
        ("warning", "integrity/claimreview-verdict-in-claim", "hasPart[10].claimReviewed"),
        ("info", "integrity/claimreview-rich-result-retired", "hasPart[10]"),
    ]
    short = review.model_copy(update={"claimReviewed": "Russian planes fly 50 missions a day in Syria"})
    findings = integrity_findings(seed.model_copy(update={"hasPart": [short]}))
    assert [f.code for f in findings if "claimreview" in f.code] == ["integrity/claimreview-rich-result-retired"]


# --------------------------------------------------------------------------------------------------- corrections


@pytest.mark.parametrize(
    "dates, correction, expected",
    [
        ({}, "2015-10-20T09:00:00+00:00", [("integrity/correction-no-date-modified", "dateModified")]),
        ({"dateModified": "2015-10-19T12:00:00+00:00"}, "2015-10-19T12:00:00+00:00",
         [("integrity/correction-date-modified-not-later", "dateModified")]),
        ({"dateModified": "2015-10-20T12:00:00+00:00"}, "2015-10-18T09:00:00+00:00",
         [("integrity/correction-before-publication", "correction[0].datePublished")]),
        ({"dateModified": "2015-10-20T12:00:00+00:00"}, "2015-10-20T12:00:00+00:00", []),
    ],
)
def test_corrections(seed, dates, correction, expected):
    article = seed.model_copy(update={
        **dates, "correction": [CorrectionComment(text="Corrected.", datePublished=correction)]})
    assert [(f.code, f.path) for f in integrity_findings(article) if f.severity == "error"] == expected


# ---------------------------------------------------------------------------------------------------- deep links


def linked(seed, url: str):
    quotation = seed.quotations[4].model_copy(update={"url": url})  # “extending the war”
    return seed.model_copy(update={"hasPart": [quotation]})


def test_a_deep_link_built_by_newsld_passes(seed):
    url = newsld.deep_link(seed.url, seed.articleBody, "extending the war")
    assert problems(integrity_findings(linked(seed, url))) == []


@pytest.mark.parametrize(
    "fragment, code",
    [
        ("#:~:text=propping%20up", "integrity/deep-link-wrong-passage"),
        ("#:~:text=bombing%20raids", "integrity/deep-link-no-match"),
        ("#:~:text=a,b,c", "integrity/deep-link-malformed"),
        ("#:~:text=war", "integrity/deep-link-wrong-passage"),  # part of the quotation is not the quotation
        ("#:~:text=extending%20the%20war", "integrity/deep-link-ambiguous"),  # browsers ignore case: see the body
    ],
)
def test_deep_links_that_miss(seed, fragment, code):
    article = linked(seed, seed.url + fragment)
    article = article.model_copy(update={"articleBody": article.articleBody + "\n\nEXTENDING THE WAR, it said."})
    [finding] = [f for f in integrity_findings(article) if f.code.startswith("integrity/deep-link")]
    assert (finding.code, finding.path) == (code, "hasPart[0].url")
    assert finding.severity == ("warning" if code.endswith("ambiguous") else "error")


def test_deep_links_to_other_pages_are_not_checked(seed):
    assert problems(integrity_findings(linked(seed, "https://other.example/#:~:text=nothing%20here"))) == []


def test_claim_deep_links(seed):
    claim = seed.claims[0].model_copy(update={"url": seed.url + "#:~:text=no%20such%20words"})
    findings = integrity_findings(seed.model_copy(update={"mentions": [*seed.mentions[:-11], claim]}))
    assert [(f.code, f.path) for f in findings if "deep-link" in f.code] == [
        ("integrity/deep-link-no-match", "mentions[28].url")]


def test_codes_are_documented():
    assert all(code.startswith("integrity/") for code in CODES)
    assert set(page_rules.CODES) - set(CODES) == {"integrity/quotation-not-on-page", "integrity/quotation-paywalled",
                                                  "integrity/body-not-on-page"}


# ------------------------------------------------------------------------------------------------------- on pages


def page_findings(html: str) -> list:
    return list(page_rules.check(PageData.from_blocks(extract_blocks(html), None, html)))


def test_the_seed_page_passes():
    assert page_findings(PAGE.read_text(encoding="utf-8")) == []


def test_a_quotation_changed_on_the_page(tmp_path):
    html = PAGE.read_text(encoding="utf-8")
    before, words, after = html.rpartition("weakening them across the board")  # in the <p>, not in the JSON-LD
    changed = before + "weakening them everywhere" + after
    assert changed.index("weakening them everywhere") > changed.index("<p>“We’re very concerned")
    findings = page_findings(changed)
    assert [(f.severity, f.code, f.block) for f in findings] == [("error", "integrity/quotation-not-on-page", 0)]
    assert findings[0].path.endswith(".text") and "across the board" in findings[0].message


def test_a_quotation_changed_in_the_markup():
    html = PAGE.read_text(encoding="utf-8")
    json_text = '"text": "extending the war"'
    assert html.count(json_text) == 1
    findings = page_findings(html.replace(json_text, '"text": "prolonging the war"'))
    assert sorted(f.code for f in findings) == ["integrity/quotation-not-in-body", "integrity/quotation-not-on-page"]


def test_a_quotation_beyond_a_paywall():
    html = PAGE.read_text(encoding="utf-8")
    before, _, after = html.rpartition("weakening them across the board")
    changed = (before + "weakening them everywhere" + after).replace('"isAccessibleForFree": true',
                                                                     '"isAccessibleForFree": false', 1)
    assert [(f.severity, f.code) for f in page_findings(changed)] == [("warning", "integrity/quotation-paywalled")]


def test_a_page_that_does_not_show_its_body():
    html = PAGE.read_text(encoding="utf-8")
    start = html.index('<div class="article-body">')
    end = html.index("</div>", start)
    findings = page_findings(html[:start] + "<div id=app></div>" + html[end:])
    assert [(f.severity, f.code) for f in findings] == [("warning", "integrity/body-not-on-page")]


def test_visible_text():
    html = ('<html><head><title>T</title><style>p{}</style></head><body><!-- c --><p>A &amp; B<br>C</p>'
            '<script>var x = "<p>hidden</p>";</script><template><p>t</p></template><noscript>n</noscript>'
            '<p title="a>b">D&nbsp;E</p><p>1 < 2</p><SCRIPT type=x>gone</SCRIPT>F')
    text = page_rules.visible_text(html)
    assert re.sub(r"[ \n]+", " ", text).strip() == "A & B C D\u00a0E 1 < 2 F"
    assert page_rules.visible_text("<p>open <script>never closed") == "\nopen "


def test_visible_text_is_linear_on_hostile_input():
    started = time.perf_counter()
    for hostile in ("<a" * 100_000, "<" + "a" * 200_000, "<a " * 100_000, "<!--" * 50_000,
                    "<script>" + "</scrip" * 50_000, '<p title="' * 50_000, '<a b="' + "<" * 100_000):
        page_rules.visible_text(hostile)
    assert time.perf_counter() - started < 3
