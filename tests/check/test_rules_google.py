"""The Google Search rule family: every code fires where Google's 2026 guidance is broken, and only there."""

from __future__ import annotations

import copy
import gzip
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsld.check._extract import Block, extract_blocks
from newsld._findings import SEVERITIES, Finding
from newsld.check._page import PageData
from newsld.check.rules import google
from _support.strategies import examples

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REPO = Path(__file__).resolve().parents[2]
URL = "https://news.example.com/2024/05/talks"

JANE = {"@type": "Person", "name": "Jane Doe", "url": "https://news.example.com/staff/jane-doe"}
ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": URL + "#/article",
    "headline": "Talks will go on",
    "image": {"@type": "ImageObject", "url": "https://news.example.com/talks.jpg", "width": 1200, "height": 800},
    "datePublished": "2024-05-06T09:30:00+02:00",
    "dateModified": "2024-05-06T11:00:00+02:00",
    "author": [JANE],
}


def article(**changes) -> dict:
    """A clean article with ``changes`` applied; a value of None removes the property."""
    node = copy.deepcopy(ARTICLE)
    for key, value in changes.items():
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
    return node


def page_of(*values) -> PageData:
    """A page with one JSON-LD block per value."""
    blocks = [Block(index, 1, 1, "application/ld+json", "", (value,), None, ()) for index, value in enumerate(values)]
    return PageData.from_blocks(blocks)


def run(*values) -> list:
    return list(google.check(page_of(*values)))


def codes(*values) -> list:
    return [finding.code for finding in run(*values)]


def only(code: str, *values) -> Finding:
    """The single finding ``values`` produce, asserting it has ``code``."""
    findings = run(*values)
    assert [finding.code for finding in findings] == [code], findings
    return findings[0]


def with_name(name, **author) -> dict:
    return article(author=[{**JANE, "name": name, **author}])


# --- the clean article and dropped rules --------------------------------------------------------------------------


def test_clean_article_has_no_findings():
    assert run(article()) == []


def test_long_headline_is_not_flagged_since_google_dropped_the_limit_in_2023():
    assert run(article(headline="H" * 200)) == []


def test_codes_are_stable_family_prefixed_and_each_has_a_severity_and_a_test():
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(isinstance(entry, tuple) and len(entry) == 2 for entry in google.CODES.values())
    for code, description in google.CODES.items():
        assert re.fullmatch(r"google/[a-z0-9]+(-[a-z0-9]+)*", code)
        assert description and "\n" not in description
        assert google.CODES.severity(code) in SEVERITIES
        assert f'"{code}"' in source, f"no test names {code}"


# --- recommended properties ---------------------------------------------------------------------------------------

RECOMMENDED = [
    ("headline", "google/missing-headline", "warning"),
    ("image", "google/missing-image", "warning"),
    ("author", "google/missing-author", "warning"),
    ("datePublished", "google/missing-date-published", "warning"),
    # Info, not warning: an article that was never updated legitimately has no dateModified.
    ("dateModified", "google/missing-date-modified", "info"),
]


@pytest.mark.parametrize("key, code, severity", RECOMMENDED)
def test_missing_recommended_property(key, code, severity):
    finding = only(code, article(**{key: None}))
    assert (finding.severity, finding.path, finding.block) == (severity, "$", 0)
    assert key in finding.message


@pytest.mark.parametrize("empty", ["", "  ", [], {}])
def test_empty_recommended_property_counts_as_missing(empty):
    assert codes(article(headline=empty)) == ["google/missing-headline"]


def test_article_spread_over_blocks_by_id_is_one_article():
    first = article(image=None, author=None)
    second = {"@id": ARTICLE["@id"], "image": "https://news.example.com/a.jpg", "author": JANE}
    assert run(first, second) == []


def test_articles_inside_other_nodes_get_no_recommendations():
    cited = {"@type": "NewsArticle", "headline": "Earlier", "datePublished": "2024-01-01"}
    assert run(article(citation=cited)) == []


def test_main_entity_of_a_page_is_the_page_article():
    page = {"@context": "https://schema.org", "@type": "WebPage", "mainEntity": article(image=None)}
    finding = only("google/missing-image", page)
    assert finding.path == "$.mainEntity"


@pytest.mark.parametrize(
    "type_value",
    ["newsarticle", "schema:NewsArticle", "http://schema.org/BlogPosting", ["NewsArticle", "Product"], "Report"],
)
def test_article_family_is_recognised_leniently(type_value):
    assert codes(article(**{"@type": type_value, "headline": None})) == ["google/missing-headline"]


def test_type_key_instead_of_at_type_still_marks_an_article():
    node = article(headline=None)
    node["type"] = node.pop("@type")
    assert codes(node) == ["google/missing-headline"]


@pytest.mark.parametrize("type_value", ["WebPage", "Thing", "NotAType", 42, None])
def test_non_articles_get_no_article_rules(type_value):
    assert run({"@type": type_value, "datePublished": "yesterday", "author": "By Somebody"}) == []


# --- dates --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, hint",
    [
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "JavaScript Date"),
        ("Tue, 19 Nov 2019 03:05:46 +0000", "RFC 2822"),
        ("Fri Apr 28 19:20:36 CEST 2023", "Java Date"),
        ("19/11/2019", "not an ISO 8601"),
        ("2019-13-01T00:00:00Z", "not a real date"),
        ("2019-11-19T25:00:00Z", "not a real date"),
        ("2019-11-19T10:00:00+24:00", "not a real date"),
        ("2019-11-19 T13:00:00Z", "not an ISO 8601"),
        ("20191119T25:00:00Z", "not a real date"),
        ("2023-11-02T10:14:29&#x2B;05:30", "write '2023-11-02T10:14:29+05:30'"),
        (20191119, "int"),
    ],
)
def test_unreadable_date_is_an_error(value, hint):
    finding = only("google/date-invalid", article(datePublished=value))
    assert finding.severity == "error" and finding.path == "$.datePublished"
    assert hint in finding.message


def test_empty_date_is_missing_not_invalid():
    assert codes(article(datePublished="", dateModified=" ")) == [
        "google/missing-date-published",
        "google/missing-date-modified",
    ]


@pytest.mark.parametrize("value", ["2024-05-06T09:30:00", "2024-05-06T09:30:00.828095", "2024-05-06"])
def test_date_without_timezone_is_a_warning(value):
    finding = only("google/date-no-timezone", article(datePublished=value))
    assert finding.severity == "warning"


def test_each_date_value_is_checked_at_its_own_path():
    findings = run(article(datePublished=["2024-05-06T09:30:00Z", "2024-05-06T09:30"]))
    assert [(f.code, f.path) for f in findings] == [("google/date-no-timezone", "$.datePublished[1]")]


@pytest.mark.parametrize(
    "value, quirk",
    [
        ("2024-05-06T09:30:00+0200", "+0200 without a colon"),
        ("2024-05-06 09:30:00+02:00", "space instead of T"),
        ("2024-05-06T09:30:00 +02:00", "space before the offset"),
    ],
)
def test_readable_but_not_strict_iso_date_is_info(value, quirk):
    finding = only("google/date-nonstandard-format", article(datePublished=value))
    assert finding.severity == "info" and quirk in finding.message


@pytest.mark.parametrize(
    "value", ["2024-05-06T07:30:00Z", "2024-05-06t07:30:00z", "2024-05-06T09:30:00.123+02:00", "2024-05-06T09:30+02"]
)
def test_strict_iso_dates_pass(value):
    assert run(article(datePublished=value)) == []


def test_nested_article_dates_need_no_timezone_but_must_be_readable():
    appearance = {"@type": "NewsArticle", "datePublished": "2024-06-22"}
    assert run(article(citation=appearance)) == []
    appearance["datePublished"] = "22/06/2024"
    assert only("google/date-invalid", article(citation=appearance)).path == "$.citation.datePublished"


@pytest.mark.parametrize(
    "published, modified",
    [
        ("2024-05-06T09:30:00+02:00", "2024-05-06T09:28:59+02:00"),  # 61 seconds
        ("2024-05-06T09:30:00Z", "2024-05-06T09:30:00+01:00"),  # 08:30 UTC
        ("2024-05-06", "2024-05-05"),
        ("2024-05-06T00:10:00+02:00", "2024-05-05"),
    ],
)
def test_modified_before_published_is_a_warning(published, modified):
    # A warning, not an error: neither schema.org nor Google forbids it, and scheduled publishing does it.
    findings = [f for f in run(article(datePublished=published, dateModified=modified))
                if f.code == "google/date-modified-before-published"]
    assert [(f.severity, f.path) for f in findings] == [("warning", "$.dateModified")]
    assert "scheduled publishing" in findings[0].message


@pytest.mark.parametrize(
    "published, modified",
    [
        ("2024-05-06T09:30:00+02:00", "2024-05-06T09:30:00+02:00"),
        ("2024-05-06T10:00:00+02:00", "2024-05-06T09:30:00+00:00"),  # later in absolute time
        ("2024-05-06T10:00:00", "2024-05-06T09:00:00Z"),  # naive against aware: not comparable
        ("2024-05-06T10:00:00+02:00", "2024-05-06"),  # same day
        ("2024-05-06T10:00:00+02:00", "garbage"),
        # One save writes both, a few milliseconds or seconds apart: within a minute is no order at all.
        ("2024-05-06T09:30:00.120Z", "2024-05-06T09:30:00.011Z"),
        ("2023-11-06T12:04:30+01:00", "2023-11-06T12:04:23+01:00"),
        ("2024-04-24T19:35:00+02:00", "2024-04-24T19:34:00+02:00"),
    ],
)
def test_modified_not_before_published_is_fine(published, modified):
    assert "google/date-modified-before-published" not in codes(article(datePublished=published, dateModified=modified))


def test_date_order_holds_across_nodes_with_one_id():
    later = {"@id": ARTICLE["@id"], "dateModified": "2020-01-01T00:00:00Z"}
    finding = only("google/date-modified-before-published", article(dateModified=None), later)
    assert (finding.block, finding.path) == (1, "$.dateModified")


# --- authors ------------------------------------------------------------------------------------------------------


def test_plain_string_author():
    finding = only("google/author-not-object", article(author="Jane Doe"))
    assert (finding.severity, finding.path) == ("warning", "$.author")


def test_plain_string_author_name_is_checked_too_in_the_same_finding():
    finding = only("google/author-not-object", article(author=["By Jane Doe"]))
    assert 'the text also holds a "By" prefix' in finding.message


@pytest.mark.parametrize(
    "author, shown",
    [
        ({"@type": "Thing", "name": "Jane Doe", "url": "https://x.example/j"}, "typed Thing"),
        ({"@type": "WebPage", "name": "Jane Doe", "url": "https://x.example/j"}, "typed WebPage"),
        ({"name": "Jane Doe", "url": "https://x.example/j"}, "untyped"),
    ],
)
def test_author_must_be_person_or_organization(author, shown):
    finding = only("google/author-type", article(author=author))
    assert finding.severity == "warning" and shown in finding.message and finding.path == "$.author"


@pytest.mark.parametrize(
    "type_value", ["person", "schema:Person", ["Person", "Thing"], "NewsMediaOrganization", "Organization"]
)
def test_person_and_organization_types_pass(type_value):
    assert run(article(author={**JANE, "@type": type_value})) == []


@pytest.mark.parametrize("author", [{"@type": "Person", "url": "https://x.example/j"}, {**JANE, "name": " "}])
def test_author_without_name(author):
    assert codes(article(author=author)) == ["google/author-missing-name"]


def test_author_without_url_or_same_as_is_a_warning():
    # Google lists author.url among the recommended properties: a warning, as every missing recommendation.
    finding = only("google/author-missing-url", article(author={"@type": "Person", "name": "Jane Doe"}))
    assert finding.severity == "warning"
    assert run(article(author={"@type": "Person", "name": "Jane Doe", "sameAs": "https://x.example/j"})) == []


def test_author_url_is_not_asked_of_articles_inside_other_nodes():
    cited = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "T. Tellar"}}
    assert run(article(citation=cited)) == []


@pytest.mark.parametrize("name", ["By Jane Doe", "by: Jane Doe", "BY JANE DOE", "Written by Jane Doe"])
def test_by_prefix(name):
    finding = only("google/author-name-prefix", with_name(name))
    assert (finding.severity, finding.path) == ("warning", "$.author[0].name")


@pytest.mark.parametrize("name", ["Byron Smith", "Jane By", "Bylines Inc"])
def test_names_starting_with_by_letters_pass(name):
    assert run(with_name(name)) == []


@pytest.mark.parametrize(
    "name",
    [
        "Jane Doe and John Smith",
        "Jane Doe & John Smith",
        "Jane Doe, John Smith",
        "Jane Doe; John Smith",
        "Felix Schröder und Jörg Soldwisch",
        "Trine Jørgensen og Tôrtia Reimer-Johansen",
    ],
)
def test_several_people_in_one_name(name):
    assert only("google/author-name-several", with_name(name)).severity == "warning"


@pytest.mark.parametrize(
    "name", ["Doe, Jane", "Smith, Troy L.", "John Smith, Jr.", "José Volta e Pinto", "Jos&#xE9; Volta e Pinto"]
)
def test_one_person_written_oddly_is_not_several(name):
    assert run(with_name(name)) == []


def test_organization_names_may_hold_conjunctions_and_commas():
    org = {"@type": "Organization", "name": "Procter & Gamble, Editorial Team", "url": "https://pg.example/"}
    assert run(article(author=org)) == []
    assert codes(article(author={**org, "name": "By Procter & Gamble"})) == ["google/author-name-prefix"]


@pytest.mark.parametrize(
    "name, title",
    [
        ("Jane Doe, Senior Editor", "Senior Editor"),
        ("Staff Writer", "Staff Writer"),
        ("Jane Doe - Political Correspondent", "Political Correspondent"),
        ("Court Reporter", "Court Reporter"),
    ],
)
def test_job_title_in_name(name, title):
    finding = only("google/author-name-job-title", with_name(name))
    assert finding.severity == "warning" and repr(title) in finding.message


@pytest.mark.parametrize(
    "name, extra",
    [
        ("Spencer S. Hsu, The Washington Post", "The Washington Post"),
        ("Troy L. Smith, Cleveland.com", "Cleveland.com"),
        ("Amy Kuperinsky | NJ Advance Media", "NJ Advance Media"),
        ("Jane Doe / AP", "AP"),
    ],
)
def test_affiliation_in_name(name, extra):
    finding = only("google/author-name-affiliation", with_name(name))
    assert finding.severity == "warning" and repr(extra) in finding.message


def test_ap_byline_breaks_three_rules_in_one_finding():
    # One value, one finding: the most telling problem is the code, the others are in the message.
    finding = only("google/author-name-several", with_name("By MEG KINNARD and ERRIN HAINES, Associated Press"))
    assert "several authors, more than a name ('Associated Press') and a \"By\" prefix" in finding.message


def test_html_in_name_is_reported_and_the_text_inside_is_judged():
    finding = only("google/author-name-html", with_name('<a href="/staff/jane">Jane Doe</a>'))
    assert finding.path == "$.author[0].name"
    names = ['<a href="/a">Mateusz Gniazdowski</a>', '<a href="/b">Martyna Wasiuta</a>']
    assert [f.path for f in run(with_name(names))] == ["$.author[0].name[0]", "$.author[0].name[1]"]


def test_author_by_reference_is_resolved_and_reported_where_the_name_is():
    person = {"@type": "Person", "@id": URL + "#/person/jane", "name": "By Jane Doe", "url": "https://x.example/j"}
    graph = {"@context": "https://schema.org", "@graph": [article(author={"@id": person["@id"]}), person]}
    finding = only("google/author-name-prefix", graph)
    assert finding.path == "$.@graph[1].name"


def test_author_reference_in_another_block_is_resolved():
    person = {"@type": "Thing", "@id": URL + "#/person/jane", "name": "Jane Doe", "url": URL}
    findings = run(article(author={"@id": person["@id"]}), person)
    assert [(f.code, f.block, f.path) for f in findings] == [("google/author-type", 1, "$")]


def test_dangling_author_reference_is_left_to_the_graph_family():
    assert run(article(author={"@id": URL + "#/person/nobody"})) == []


def test_shared_author_is_reported_once():
    person = {"@type": "Person", "@id": URL + "#/person/jane", "name": "Staff Writer", "url": "https://x.example/j"}
    second = article(**{"@id": URL + "#/other", "author": {"@id": person["@id"]}})
    graph = {"@graph": [article(author={"@id": person["@id"]}), second, person]}
    assert codes(graph) == ["google/author-name-job-title"]


# --- images -------------------------------------------------------------------------------------------------------


def image(**props) -> dict:
    return article(image={"@type": "ImageObject", "url": "https://news.example.com/a.jpg", **props})


@pytest.mark.parametrize(
    "width, height",
    [
        (100, 100),
        ("200", "200"),
        ("128px", "72 px"),
        ({"@type": "QuantitativeValue", "value": 200, "unitCode": "E37"}, 240),
        ([220], [220]),
    ],
)
def test_small_image(width, height):
    finding = only("google/image-too-small", image(width=width, height=height))
    assert (finding.severity, finding.path) == ("warning", "$.image")


@pytest.mark.parametrize(
    "width, height",
    [(250, 200), ("1200", "675"), ("wide", 10), (10, None), (True, True), (10**400, 1), ({"value": "big"}, 10)],
)
def test_large_or_unreadable_image_sizes_pass(width, height):
    props = {"width": width} if height is None else {"width": width, "height": height}
    assert run(image(**props)) == []


@pytest.mark.parametrize(
    "value, path",
    [
        ("data:image/png;base64,iVBORw0KGgo=", "$.image"),
        ("ftp://news.example.com/a.jpg", "$.image"),
        (["https://news.example.com/a.jpg", "javascript:alert(1)"], "$.image[1]"),
        ({"@type": "ImageObject", "contentUrl": "file:///C:/a.jpg"}, "$.image.contentUrl"),
        ({"@list": ["https://news.example.com/a.jpg", "data:,x"]}, "$.image.@list[1]"),
    ],
)
def test_image_url_not_http(value, path):
    # An error: Google cannot fetch the image, so the article loses it.
    finding = only("google/image-url-not-http", article(image=value))
    assert (finding.severity, finding.path) == ("error", path)


def test_an_empty_image_url_is_left_to_the_text_family():
    assert run(article(image=["https://news.example.com/a.jpg", " "])) == []


@pytest.mark.parametrize("value", ["https://news.example.com/a.jpg", "HTTP://news.example.com/a.jpg", "/img/a.jpg"])
def test_crawlable_image_urls_pass(value):
    assert run(article(image=value)) == []


def test_image_by_reference_is_resolved():
    picture = {"@type": "ImageObject", "@id": URL + "#/image", "url": "https://x.example/a.jpg", "width": 50}
    picture["height"] = 50
    graph = {"@graph": [article(image={"@id": picture["@id"]}), picture]}
    assert only("google/image-too-small", graph).path == "$.@graph[1]"


# --- isAccessibleForFree and paywalled sections -------------------------------------------------------------------

SECTION = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}


@pytest.mark.parametrize(
    "value, advice", [("False", "write false"), ("true", "write true"), ("", "true or false"), (0, "write false")]
)
def test_accessible_for_free_must_be_a_boolean(value, advice):
    findings = run(article(isAccessibleForFree=value, hasPart=dict(SECTION)))
    assert [(f.code, f.severity, f.path) for f in findings] == [
        ("google/accessible-for-free-not-boolean", "warning", "$.isAccessibleForFree")
    ]
    assert advice in findings[0].message


def test_paywalled_article_needs_a_paywalled_section():
    finding = only("google/paywall-missing-section", article(isAccessibleForFree=False))
    assert (finding.severity, finding.path) == ("warning", "$.isAccessibleForFree")
    assert codes(article(isAccessibleForFree=False, hasPart={"@type": "ImageObject"})) == [
        "google/paywall-missing-section"
    ]


def test_paywalled_article_with_section_passes_including_by_reference_and_lenient_strings():
    assert run(article(isAccessibleForFree=False, hasPart=[dict(SECTION)])) == []
    section = {**SECTION, "@id": URL + "#/paywall"}
    assert run({"@graph": [article(isAccessibleForFree=False, hasPart={"@id": section["@id"]}), section]}) == []
    lenient = run(article(isAccessibleForFree="False", hasPart={**SECTION, "isAccessibleForFree": "false"}))
    assert {f.code for f in lenient} == {"google/accessible-for-free-not-boolean"}


def test_free_article_needs_no_section():
    assert run(article(isAccessibleForFree=True)) == []


def test_paywalled_section_without_selector_is_an_error():
    section = {"@type": "WebPageElement", "isAccessibleForFree": False, "xpath": "//div[@id='x']"}
    finding = only("google/paywall-section-no-selector", article(isAccessibleForFree=False, hasPart=section))
    assert (finding.severity, finding.path) == ("error", "$.hasPart")


@pytest.mark.parametrize("selector", ["#paywall", "div.paywall", "[data-lock-content]", ".a .b", ".a > .b"])
def test_paywall_selector_must_be_a_class_selector(selector):
    section = {**SECTION, "cssSelector": selector}
    finding = only("google/paywall-selector-not-class", article(isAccessibleForFree=False, hasPart=section))
    assert (finding.severity, finding.path) == ("warning", "$.hasPart.cssSelector")


@pytest.mark.parametrize("selector", [".paywall", ".a.b", [".a", ".b"], ".a, .b", ".premium-content_1"])
def test_class_selectors_pass(selector):
    assert run(article(isAccessibleForFree=False, hasPart={**SECTION, "cssSelector": selector})) == []


def test_free_sections_need_no_selector():
    assert run(article(hasPart={"@type": "WebPageElement", "isAccessibleForFree": True})) == []


# --- speakable ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "speakable",
    [
        {"@type": "SpeakableSpecification", "cssSelector": [".headline"]},
        {"@type": "SpeakableSpecification", "xpath": ["/html/head/title"]},
        {"@type": "SpeakableSpecification", "xPath": ["/html/head/title"]},  # Google's own spelling
        {"@type": "SpeakableSpecification", "cssSelector": [], "xpath": "/html/head/title"},
        {"cssSelector": ".headline"},
    ],
)
def test_speakable_with_one_kind_of_selector_passes(speakable):
    assert run(article(speakable=speakable)) == []


@pytest.mark.parametrize(
    "speakable, code",
    [
        ({"@type": "SpeakableSpecification", "cssSelector": ".a", "xpath": "/html"}, "google/speakable-both-selectors"),
        ({"@type": "SpeakableSpecification"}, "google/speakable-no-selector"),
        ({"@type": "SpeakableSpecification", "cssSelector": ""}, "google/speakable-no-selector"),
        ({"name": "untyped"}, "google/speakable-no-selector"),
    ],
)
def test_speakable_needs_exactly_one_kind_of_selector(speakable, code):
    finding = only(code, article(speakable=speakable))
    assert (finding.severity, finding.path) == ("error", "$.speakable")


# --- fact checks --------------------------------------------------------------------------------------------------

RETIRED = "google/claimreview-rich-result-retired"
CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.com/flat",
    "claimReviewed": "The world is flat",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Square World Society"},
        "appearance": {"@type": "CreativeWork", "url": "https://x.example/flat"},
    },
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
}


def review(**changes) -> dict:
    node = copy.deepcopy(CLAIM_REVIEW)
    for key, value in changes.items():
        if value is None:
            node.pop(key)
        else:
            node[key] = value
    return node


def test_claim_review_always_notes_the_retired_rich_result_once_per_page():
    finding = only(RETIRED, review())
    assert (finding.severity, finding.path) == ("info", "$")
    assert "2025" in finding.message and "Fact Check Explorer" in finding.message
    assert codes(review(), review(url="https://factcheck.example.com/other")) == [RETIRED]


@pytest.mark.parametrize("claim", [None, "", "   "])
def test_claim_reviewed_is_required(claim):
    findings = run(review(claimReviewed=claim))
    assert [f.code for f in findings] == [RETIRED, "google/claimreview-missing-claim-reviewed"]
    assert findings[1].severity == "error"


def test_claim_reviewed_should_be_short():
    finding = run(review(claimReviewed="x" * 75))[1]
    assert (finding.code, finding.severity) == ("google/claimreview-claim-too-long", "warning")
    assert finding.path == "$.claimReviewed"
    assert codes(review(claimReviewed="x" * 74)) == [RETIRED]


def test_claim_reviewed_must_not_hold_the_verdict():
    findings = run(review(claimReviewed="False: the world is flat"))
    assert [(f.code, f.severity) for f in findings] == [
        (RETIRED, "info"),
        ("google/claimreview-verdict-in-claim", "warning"),
    ]
    assert codes(review(claimReviewed="Falsehoods about the world")) == [RETIRED]


@pytest.mark.parametrize(
    "rating, path",
    [
        (None, "$"),
        ({"@type": "Rating", "ratingValue": 1}, "$.reviewRating"),
        ({"@type": "Rating", "alternateName": ""}, "$.reviewRating"),
    ],
)
def test_verdict_is_required(rating, path):
    findings = run(review(reviewRating=rating))
    assert [(f.code, f.severity, f.path) for f in findings] == [
        (RETIRED, "info", "$"),
        ("google/claimreview-missing-verdict", "error", path),
    ]


def test_verdict_by_reference_is_resolved():
    rating = {"@type": "Rating", "@id": "https://factcheck.example.com/#rating", "alternateName": "False"}
    assert codes({"@graph": [review(reviewRating={"@id": rating["@id"]}), rating]}) == [RETIRED]


@pytest.mark.parametrize(
    "bounds, path",
    [
        ({"ratingValue": 6, "bestRating": 5}, "$.reviewRating.ratingValue"),
        ({"ratingValue": "0", "worstRating": "1"}, "$.reviewRating.ratingValue"),
        ({"worstRating": 5, "bestRating": 1}, "$.reviewRating.worstRating"),
    ],
)
def test_rating_must_lie_between_worst_and_best(bounds, path):
    rating = {"@type": "Rating", "alternateName": "False", **bounds}
    findings = [f for f in run(review(reviewRating=rating)) if f.code == "google/claimreview-rating-out-of-range"]
    assert [(f.severity, f.path) for f in findings] == [("error", path)]


@pytest.mark.parametrize("bounds", [{"ratingValue": "3", "worstRating": 1, "bestRating": "5"}, {"ratingValue": "n/a"}])
def test_consistent_or_unreadable_ratings_pass(bounds):
    assert codes(review(reviewRating={"@type": "Rating", "alternateName": "Mixed", **bounds})) == [RETIRED]


@pytest.mark.parametrize(
    "item, expected",
    [
        (None, ["google/claimreview-item-not-claim"]),
        (
            {"@type": "CreativeWork", "author": {"@type": "Person", "name": "A"}},
            ["google/claimreview-item-not-claim", "google/claim-missing-appearance"],
        ),
        ({"@type": "Claim", "appearance": {"url": "https://x.example/"}}, ["google/claim-missing-author"]),
        (
            {"@type": "Claim", "author": {"@type": "Person", "name": "A"}},
            ["google/claim-missing-appearance"],
        ),
    ],
)
def test_item_reviewed_is_a_claim_with_author_and_appearance(item, expected):
    findings = run(review(itemReviewed=item))
    assert [f.code for f in findings[1:]] == expected
    assert all(f.severity == "warning" for f in findings[1:])


def test_first_appearance_is_as_good_as_appearance():
    item = {"@type": "Claim", "author": {"@type": "Person", "name": "A"}, "firstAppearance": {"url": "https://x/"}}
    assert codes(review(itemReviewed=item)) == [RETIRED]


# --- official examples, the seed example and real pages -----------------------------------------------------------


def _google_examples():
    folder = SHARED / "corpora" / "google-examples"
    if not folder.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{folder} is absent (../shared not checked out)"))]
    return sorted(path for path in folder.iterdir() if path.suffix in (".html", ".jsonld"))


# The one example that really breaks a rule: it reviews a CreativeWork with no appearance (Google's older form).
EXAMPLE_WARNINGS = {
    "google-factcheck-2.jsonld": ["google/claimreview-item-not-claim", "google/claim-missing-appearance"],
}


@pytest.mark.parametrize("path", _google_examples(), ids=lambda path: getattr(path, "name", "absent"))
def test_google_examples_break_no_rule(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonld":
        text = f'<script type="application/ld+json">{text}</script>'
    findings = list(google.check(PageData.from_blocks(extract_blocks(text))))
    assert [f for f in findings if f.severity == "error"] == []
    warnings = [f.code for f in findings if f.severity == "warning"]
    assert warnings == EXAMPLE_WARNINGS.get(path.name, [])


def test_seed_example_has_no_error_or_warning():
    html = (REPO / "examples" / "syria-air-missions.html").read_bytes()
    findings = list(google.check(PageData.from_blocks(extract_blocks(html))))
    assert [f for f in findings if f.severity != "info"] == []
    # It was never updated, so dateModified is absent: only the info note says so.
    assert [f.code for f in findings] == ["google/missing-date-modified"]


def test_real_pages_never_raise_and_are_quick():
    folder = SHARED / "corpora" / "real-pages"
    pages = sorted(folder.glob("*.html.gz"))
    if not pages:
        pytest.skip(f"{folder} is absent (../shared not checked out)")
    counts: Counter = Counter()
    started = time.perf_counter()
    for path in pages:
        for finding in google.check(PageData.from_blocks(extract_blocks(gzip.decompress(path.read_bytes())))):
            assert finding.code in google.CODES and finding.severity == google.CODES.severity(finding.code)
            counts[finding.code] += 1
    elapsed = time.perf_counter() - started
    print(f"\n{len(pages)} pages in {elapsed:.1f} s:", dict(sorted(counts.items())))
    assert elapsed < 15
    # Problems WEIRDNESS.txt catalogues on these pages are found.
    for code in ("google/date-invalid", "google/author-name-several", "google/accessible-for-free-not-boolean",
                 "google/date-basic-format", "google/position-not-integer", "google/author-is-publication"):
        assert counts[code] > 0


# --- any JSON -----------------------------------------------------------------------------------------------------

KEYS = (
    "@type", "@id", "@graph", "@list", "type", "headline", "image", "author", "name", "url", "sameAs", "datePublished",
    "dateModified", "width", "height", "value", "contentUrl", "isAccessibleForFree", "hasPart", "cssSelector", "xpath",
    "xPath", "speakable", "mainEntity", "claimReviewed", "reviewRating", "alternateName", "ratingValue", "bestRating",
    "worstRating", "itemReviewed", "appearance", "firstAppearance",
)
TYPES = (
    "NewsArticle", "newsarticle", "Article", "Person", "Organization", "Thing", "ImageObject", "WebPageElement",
    "SpeakableSpecification", "ClaimReview", "Claim", "Rating", "QuantitativeValue", "schema:BlogPosting",
)
IDS = ("a", "b", "https://x.example/#a")
TRICKY = ("By A and B, Staff Writer", "2024-05-06", "2024-05-06T09:30:00+0200", "100px", ".a", "False", "", "#x")
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    | st.sampled_from(TYPES + IDS + TRICKY)
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=6),
    max_leaves=30,
)


@given(st.lists(json_values, min_size=1, max_size=3))
@examples(300)
def test_check_never_raises_on_any_json(values):
    for finding in google.check(page_of(*values)):
        assert finding.code in google.CODES and finding.severity == google.CODES.severity(finding.code)
        assert finding.path.startswith("$") and finding.block in range(len(values))


# --- the review's patterns (issue 14): new codes, each at the family level ---------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("20180619T055000+0900", "'2018-06-19T05:50:00+09:00'"),
    ("20200316T13:00:00Z", "'2020-03-16T13:00:00Z'"),  # a basic date with an extended time
    ("20200316", "'2020-03-16'"),
])
def test_basic_format_dates_are_iso_8601_and_get_their_extended_form(value, expected):
    finding = only("google/date-basic-format", article(datePublished=value))
    assert finding.severity == "warning" and expected in finding.message


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "0000-01-01", "1970-01-01T01:00:00+01:00", "1900-01-01"])
def test_placeholder_dates_are_errors(value):
    assert only("google/date-placeholder", article(datePublished=value)).severity == "error"


@pytest.mark.parametrize("value, words", [("1990-12-31T23:00:00Z", "before the web"), ("2999-05-06T00:00Z", "2999")])
def test_dates_before_the_web_or_in_the_future_are_warnings(value, words):
    # "far in the future" is judged against the moment of checking: 2999 stays in the future for this test's life
    found = run(article(datePublished=value, dateModified=value))
    assert [(f.code, f.path) for f in found] == [("google/date-implausible", "$.datePublished"),
                                                  ("google/date-implausible", "$.dateModified")]
    finding = found[0]
    assert finding.severity == "warning" and words in finding.message


def test_implausible_dates_are_judged_only_on_the_pages_own_article():
    cited = {"@type": "NewsArticle", "headline": "Old", "datePublished": "1985-02-01"}
    assert run(article(citation=cited)) == []


def test_a_zero_or_negative_image_dimension_is_named():
    finding = only("google/image-size-invalid", image(width=1440, height=0))
    assert "height is 0" in finding.message and finding.path == "$.image"
    assert "width is -1" in only("google/image-size-invalid", image(width=-1, height=800)).message


def test_an_author_typed_person_bearing_the_publishers_name():
    publisher = {"@type": "NewsMediaOrganization", "name": "AppleInsider"}
    finding = only("google/author-is-publication",
                   article(author={**JANE, "name": "AppleInsider"}, publisher=publisher))
    assert finding.path == "$.author" and finding.severity == "warning"
    site = {"@type": "WebSite", "name": "Die Tagespresse"}
    found = codes(article(author={**JANE, "name": "Die Tagespresse"}, publisher={"@type": "Organization"}), site)
    assert found == ["google/author-is-publication"]
    # an organization author, or a person publisher, is what it says
    assert run(article(author={**JANE, "@type": "Organization", "name": "AppleInsider"}, publisher=publisher)) == []
    person = {"@type": "Person", "name": "AppleInsider"}
    assert run(article(author={**JANE, "name": "AppleInsider"}, publisher=person)) == []


@pytest.mark.parametrize("position, advice", [("1", "write 1"), ("first", "write its number")])
def test_list_item_positions_as_strings(position, advice):
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": position, "name": "A"}]}
    finding = only("google/position-not-integer", crumbs)
    assert finding.path == "$.itemListElement[0].position" and advice in finding.message
    assert run({"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1}]}) == []
