"""The review of `newsld check` on real news pages (issue 14), pattern by pattern: each as a minimal page of its own,
checked end to end (bytes → blocks → every family → one finding a defect → the report).

First the findings that were false or over-severe, with the corrected finding; then the defects that went unreported,
with the new finding; then the per-article verdict.
"""

from __future__ import annotations

import json

import pytest

from newsld.check import check_html

URL = "https://news.example.com/2024/05/talks"
JANE = {"@type": "Person", "name": "Jane Doe", "url": "https://news.example.com/staff/jane"}
PUBLISHER = {"@type": "Organization", "name": "The Daily Example", "url": "https://news.example.com/"}
# Notes about how the markup is laid out, true of most pages here, and of no interest to these tests.
LAYOUT = {"syntax/graph", "syntax/cross-block-graph"}


def article(**changes) -> dict:
    """A clean NewsArticle with ``changes`` (None removes a property)."""
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": URL + "#article",
        "headline": "Talks will go on",
        "image": {"@type": "ImageObject", "url": "https://news.example.com/talks.jpg", "width": 1200, "height": 800},
        "datePublished": "2024-05-06T09:30:00+02:00",
        "dateModified": "2024-05-06T11:00:00+02:00",
        "author": [JANE],
        "publisher": PUBLISHER,
    }
    for key, value in changes.items():
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
    return node


def page(*values, head: str = "") -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{v if isinstance(v, str) else json.dumps(v)}</script>' for v in values
    )
    return f"<!doctype html><html><head>{head}{scripts}</head><body><p>Talks will go on.</p></body></html>"


def findings(html: str | bytes) -> list:
    return [f for f in check_html(html, url=URL).all_findings if f.code not in LAYOUT]


def at(html: str | bytes, path: str) -> list[tuple[str, str]]:
    """(severity, code) of every finding at ``path``."""
    return [(f.severity, f.code) for f in findings(html) if f.path == path]


def codes(html: str | bytes) -> list[str]:
    return [f.code for f in findings(html)]


def test_the_clean_article_is_clean_and_eligible():
    report = check_html(page(article()), url=URL)
    assert report.all_findings == []
    assert [a.verdict for a in report.articles] == ["eligible"]


# ============================================================================== false or over-severe findings seen


# --- graph/conflicting-node ---------------------------------------------------------------------------------------


def graph(*nodes, **changes) -> str:
    return page({"@context": "https://schema.org", "@graph": [article(**{"@context": None, **changes}), *nodes]})


def test_two_values_of_a_property_that_may_have_several_are_no_conflict():
    logo = {"@type": "ImageObject", "@id": URL + "#logo", "url": "https://news.example.com/logo.png"}
    publisher = {**PUBLISHER, "@id": URL + "#publisher", "logo": {**logo, "caption": "The Daily Example"}}
    html = graph({**logo, "caption": "The Daily Example logo"}, publisher=publisher)
    assert codes(html) == []


def test_ids_differing_in_case_are_two_nodes():
    crumbs = {"@type": "BreadcrumbList", "@id": URL + "#Breadcrumb", "name": "Home › World"}
    other = {"@type": "BreadcrumbList", "@id": URL + "#breadcrumb", "name": "Startseite"}
    assert codes(graph(crumbs, other)) == []  # #Breadcrumb and #breadcrumb: fragments are case-sensitive


def test_menu_items_reusing_one_id_are_a_warning():
    items = [{"@type": "SiteNavigationElement", "@id": "#menu", "name": name, "url": f"https://news.example.com/{path}"}
             for name, path in (("Home", ""), ("World", "world"), ("Sport", "sport"))]
    html = page(article(), {"@context": "https://schema.org", "@graph": items})
    assert at(html, "$.@graph[1]") == [("warning", "graph/inconsistent-node")]
    assert "menu items" in findings(html)[0].message


def test_the_article_and_its_webpage_sharing_the_page_url_is_a_warning():
    html = page(article(**{"@id": URL, "mainEntityOfPage": {"@type": "WebPage", "@id": URL}}))
    assert at(html, "$.mainEntityOfPage") == [("warning", "graph/article-page-id")]


def test_truly_incompatible_nodes_stay_an_error():
    person = {"@type": "Person", "@id": URL + "#a", "name": "Jane Doe"}
    organization = {"@type": "Organization", "@id": URL + "#a", "name": "Jane Doe"}
    assert ("error", "graph/conflicting-node") in at(graph(person, organization, author={"@id": URL + "#a"}),
                                                     "$.@graph[2]")
    dated = {"@context": "https://schema.org", "@id": URL + "#article", "datePublished": "2024-05-07T09:30:00+02:00"}
    assert at(page(article(), dated), "$") == [("error", "graph/conflicting-node")]


# --- dates -----------------------------------------------------------------------------------------------------------


def test_iso_8601_basic_format_is_called_what_it_is_with_the_extended_form():
    html = page(article(datePublished="20180619T055000+0900", dateModified=None))
    [finding] = [f for f in findings(html) if f.path == "$.datePublished"]
    assert (finding.severity, finding.code) == ("warning", "google/date-basic-format")
    assert "basic format" in finding.message and "'2018-06-19T05:50:00+09:00'" in finding.message
    assert "not ISO 8601" not in finding.message


@pytest.mark.parametrize("modified", ["2024-05-06T09:29:59.880+02:00", "2024-05-06T09:29:01+02:00"])
def test_modified_a_few_seconds_before_published_is_one_save_not_a_finding(modified):
    assert codes(page(article(dateModified=modified))) == []


def test_modified_hours_before_published_is_a_warning_not_an_error():
    html = page(article(dateModified="2024-05-06T05:10:00+02:00"))
    assert at(html, "$.dateModified") == [("warning", "google/date-modified-before-published")]


# --- schemaorg/missing-context on foreign data ----------------------------------------------------------------------


def test_a_json_object_that_is_not_schema_org_data_is_an_info_naming_it_foreign():
    foreign = {"article": {"primary-section": "world", "byline-count": 2}}
    assert at(page(article(), foreign), "$") == [("info", "schemaorg/foreign-data")]
    # schema.org data that forgot its context is still an error
    forgot = {k: v for k, v in article().items() if k != "@context"}
    assert at(page(forgot), "$") == [("error", "schemaorg/missing-context")]


# --- graph/unreachable-node ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("node", [
    {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "World",
                                                    "item": "https://news.example.com/world"}]},
    {"@type": "WebSite", "name": "The Daily Example", "url": "https://news.example.com/"},
    {"@type": "WebPage", "@id": "https://news.example.com/2024/05/other"},
    {"@type": "Organization", "name": "The Daily Example Group"},
    {"@type": "FAQPage", "name": "Questions"},  # a kind of WebPage
])
def test_standalone_breadcrumbs_site_page_and_organization_are_not_unreachable(node):
    assert codes(graph(node)) == []


def test_a_person_nothing_links_to_the_article_is_still_a_warning():
    stray = {"@type": "Person", "@id": URL + "#someone", "name": "Someone Else"}
    assert at(graph(stray), "$.@graph[1]") == [("warning", "graph/unreachable-node")]


# --- decoding -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("head", [
    '<meta charset="iso-8859-1">', '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
])
def test_a_page_in_the_encoding_it_declares_has_no_invalid_utf8_finding(head):
    html = page(article(headline="Caf\u00e9 talks go on"), head=head).encode("cp1252")
    assert codes(html) == []
    assert check_html(html).blocks[0].findings == ()


# --- images, author names, speakable --------------------------------------------------------------------------------


def test_a_zero_height_is_named_not_multiplied():
    image = {"@type": "ImageObject", "url": "https://news.example.com/a.jpg", "width": 1440, "height": 0}
    [finding] = findings(page(article(image=image)))
    assert (finding.code, finding.path) == ("google/image-size-invalid", "$.image")
    assert "height is 0" in finding.message and "1440×0" not in finding.message


def test_name_and_affiliation_is_not_several_people():
    author = {**JANE, "name": "Povilas Aleksandravičius, Mykolo Romerio universiteto profesorius"}
    [finding] = findings(page(article(author=author)))
    assert finding.code == "google/author-name-affiliation"
    author = {**JANE, "name": "Spencer S. Hsu, The Washington Post"}
    assert codes(page(article(author=author))) == ["google/author-name-affiliation"]


def test_speakable_xpath_as_google_spells_it_is_not_an_unknown_property():
    speakable = {"@type": "SpeakableSpecification", "xPath": ["/html/head/title"]}
    found = at(page(article(speakable=speakable)), "$.speakable.xPath")
    assert found == [("info", "schemaorg/google-spelling")]
    assert "schemaorg/unknown-property" not in codes(page(article(speakable=speakable)))


# --- one defect, one finding ---------------------------------------------------------------------------------------


def test_a_string_author_gets_one_finding_that_does_not_contradict_itself():
    found = at(page(article(author="Jane Doe")), "$.author")
    assert found == [("warning", "google/author-not-object")]
    message = findings(page(article(author="Jane Doe")))[0].message
    assert "Google accepts a name as text" in message and "recommends a Person" in message


@pytest.mark.parametrize("value", ["False", "false", ""])
def test_is_accessible_for_free_as_a_string_gets_one_finding(value):
    part = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}
    found = at(page(article(isAccessibleForFree=value, hasPart=part)), "$.isAccessibleForFree")
    assert found == [("warning", "google/accessible-for-free-not-boolean")]


def test_an_empty_author_object_gets_one_finding():
    assert at(page(article(author={})), "$.author") == [("warning", "google/missing-author")]
    assert codes(page(article(author={}))) == ["google/missing-author"]


def test_a_custom_object_of_many_unknown_properties_gets_one_finding():
    custom = {f"field_{n}": n for n in range(11)}
    assert [f.code for f in findings(page(article(metadata=[custom])))] == ["schemaorg/unknown-property"]
    many = article(**{f"custom{n}": n for n in range(11)})
    [finding] = findings(page(many))
    assert finding.code == "schemaorg/unknown-property" and finding.path == "$" and "11 properties" in finding.message


def test_a_name_with_several_problems_gets_one_finding_naming_them_all():
    author = {**JANE, "name": "By MEG KINNARD and ERRIN HAINES, Associated Press"}
    [finding] = findings(page(article(author=author)))
    assert finding.code == "google/author-name-several"
    assert "Associated Press" in finding.message and '"By"' in finding.message


def test_an_html_entity_that_breaks_a_date_is_one_date_finding():
    html = page(article(datePublished="2023-11-02T10:14:29&#x2B;05:30"))
    assert at(html, "$.datePublished") == [("error", "google/date-invalid")]


def test_a_string_with_markup_entities_and_spaces_gets_one_finding():
    html = page(article(description=" A &amp; <b>B</b> "))
    [finding] = findings(html)
    assert finding.code == "text/html-tag" and "&amp;" in finding.message and "whitespace" in finding.message


# --- no-article when the article block failed ------------------------------------------------------------------------


def test_no_article_names_the_block_that_failed_to_parse():
    broken = json.dumps(article())[:-1] + ', "x": }'
    html = page({"@context": "https://schema.org", "@type": "WebSite", "name": "The Daily Example"}, broken)
    [finding] = [f for f in findings(html) if f.code == "graph/no-article"]
    assert "block 2" in finding.message and "NewsArticle" in finding.message and "not valid JSON" in finding.message


# ================================================================================== defects that went unreported


@pytest.mark.parametrize("value, severity, code", [
    ("0001-01-01T00:00:00Z", "error", "google/date-placeholder"),
    ("1970-01-01T00:00:00Z", "error", "google/date-placeholder"),
    ("1969-12-31T19:00:00-05:00", "error", "google/date-placeholder"),  # the epoch, in New York
    ("9999-12-31", "error", "google/date-placeholder"),
    ("1987-03-02T10:00:00+01:00", "warning", "google/date-implausible"),  # before the web
    ("2999-01-01T00:00:00Z", "warning", "google/date-implausible"),  # far in the future
])
def test_placeholder_and_impossible_dates(value, severity, code):
    html = page(article(datePublished=value, dateModified=None))
    assert (severity, code) in at(html, "$.datePublished")


def test_the_publication_typed_as_a_person_author():
    html = page(article(author={"@type": "Person", "name": "The Daily Example", "url": "https://news.example.com/"}))
    assert at(html, "$.author") == [("warning", "google/author-is-publication")]
    # a one-person site named after its author is no such thing
    blog = article(author={**JANE, "url": "https://jane.example/"},
                   publisher={"@type": "Organization", "name": "Jane Doe", "url": "https://jane.example/"})
    assert codes(page(blog)) == []


def test_two_article_nodes_for_one_page_that_disagree_compete():
    plugin = article(**{"@id": None, "headline": "Talks will go on, minister says"})
    theme = article(**{"@id": None, "headline": "Minister: no deal before June",
                       "datePublished": "2024-05-06T10:30:00+02:00"})
    html = page(plugin, theme)
    [finding] = [f for f in findings(html) if f.code == "graph/competing-articles"]
    assert finding.severity == "warning" and finding.block == 1
    assert "headline" in finding.message and "datePublished" in finding.message
    same = article(**{"@id": None, "datePublished": "2024-05-06T07:30:00Z"})  # the same moment, written otherwise
    assert "graph/competing-articles" not in codes(page(article(**{"@id": None}), same))


@pytest.mark.parametrize("key, value", [
    ("@id", "example.com"),
    ("url", "www.example.com/2024/05/talks"),
    ("image", "cdn.example.com/talks.jpg"),
])
def test_scheme_less_ids_and_urls(key, value):
    html = page(article(**{key: value}))
    assert ("error", "graph/schemeless-iri") in at(html, f"$.{key}")
    assert f"https://news.example.com/2024/05/{value}" in " ".join(f.message for f in findings(html))


@pytest.mark.parametrize("value", ["Jane Doe", "#", "@janedoe", "jane@example.com", "mailto:jane@example.com",
                                   "165348596842143", 165348596842143])
def test_same_as_values_that_are_not_urls(value):
    author = {**JANE, "sameAs": ["https://twitter.com/janedoe", value]}
    assert at(page(article(author=[author])), "$.author[0].sameAs[1]") == [("error", "graph/sameas-not-url")]


def test_same_as_urls_relative_or_absolute_are_fine():
    author = {**JANE, "sameAs": ["https://twitter.com/janedoe", "/staff/jane-doe"]}
    assert codes(page(article(author=author))) == []


@pytest.mark.parametrize("key, value", [
    ("headline", "Untitled"), ("headline", "undefined"), ("headline", "null"), ("headline", "{{title}}"),
    ("headline", "%title% | The Daily Example"), ("headline", "WordPress"),
])
def test_cms_placeholder_text_in_a_headline(key, value):
    assert at(page(article(**{key: value})), f"$.{key}") == [("error", "text/placeholder")]


def test_cms_placeholder_as_a_name():
    publisher = {**PUBLISHER, "name": "Blogger"}
    assert at(page(article(publisher=publisher)), "$.publisher.name") == [("error", "text/placeholder")]


def test_list_item_positions_as_strings():
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": "1", "name": "World", "item": "https://news.example.com/world"}]}
    found = at(page(article(), crumbs), "$.itemListElement[0].position")
    assert found == [("warning", "google/position-not-integer")]


# ======================================================================================== the per-article verdict


def test_the_verdict_names_what_the_rich_result_would_lack():
    report = check_html(page(article(image=None, author=None)), url=URL)
    [verdict] = report.articles
    assert not verdict.eligible and verdict.missing == ("image", "author")
    assert verdict.verdict == "not eligible: missing image, author"
    assert report.as_dict()["articles"] == [{
        "block": 0, "path": "$", "types": ["NewsArticle"], "eligible": False, "missing": ["image", "author"],
        "errors": [], "verdict": "not eligible: missing image, author",
    }]


def test_an_error_on_what_the_result_shows_makes_an_article_ineligible():
    [verdict] = check_html(page(article(datePublished="0001-01-01T00:00:00Z"))).articles
    assert [f.code for f in verdict.errors] == ["google/date-placeholder"]
    assert verdict.verdict == "not eligible: google/date-placeholder at $.datePublished"


def test_only_usable_images_count():
    small = {"@type": "ImageObject", "url": "https://news.example.com/a.jpg", "width": 100, "height": 100}
    [verdict] = check_html(page(article(image=small))).articles
    assert verdict.missing == ("image",)
    [verdict] = check_html(page(article(image=[small, "https://news.example.com/big.jpg"]))).articles
    assert verdict.eligible  # a URL without sizes is an image Google may use


@pytest.mark.parametrize("changes", [
    {"mentions": [{"@type": "NotAType", "name": "Somewhere"}]},  # nested, not shown
    {"author": [{**JANE, "sameAs": "janedoe"}]},  # the result shows the author's name, not her sameAs
    {"publisher": {**PUBLISHER, "@id": "example.com"}},
])
def test_an_error_the_result_does_not_show_leaves_the_article_eligible(changes):
    report = check_html(page(article(**changes)))
    assert report.has_errors and report.articles[0].eligible


def test_an_error_in_what_the_result_shows_of_an_author_makes_it_ineligible():
    author = {"@type": "Person", "name": "{{author}}", "url": "https://news.example.com/staff/x"}
    [verdict] = check_html(page(article(author=[author]))).articles
    assert [f.code for f in verdict.errors] == ["text/placeholder"]


def test_every_article_of_the_page_gets_a_verdict_and_the_text_output_one_line():
    from newsld.check import render_text

    report = check_html(page(article(), article(**{"@id": URL + "#second", "image": None})), source="p.html")
    assert [a.verdict for a in report.articles] == ["eligible", "not eligible: missing image"]
    lines = list(render_text([report]))
    verdict_lines = [line for line in lines if line.startswith("  article")]
    assert verdict_lines == ["  articles: NewsArticle (block 1, $): eligible; NewsArticle (block 2, $): not eligible: "
                             "missing image"]
    assert list(render_text([check_html("<p>no markup</p>")]))[1] == "  article: none on the page"


def test_an_author_described_in_a_block_of_its_own_is_followed():
    person = {"@context": "https://schema.org", "@type": "Person", "@id": URL + "#jane", "name": "undefined",
              "url": "https://news.example.com/staff/jane"}
    [verdict] = check_html(page(article(author={"@id": URL + "#jane"}), person)).articles
    assert [(f.code, f.block, f.path) for f in verdict.errors] == [("text/placeholder", 1, "$.name")]
