"""Graph rules (references, conflicting nodes, connection to the article), and what every rule family owes the checker:
never raising on any JSON, and a quiet, useful run over the real-pages corpus."""

from __future__ import annotations

import collections
import gzip
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsld.check._extract import Block, extract_blocks
from _support.common import page_of
from newsld.check._page import PageData
from newsld.check.rules import graph, schemaorg, text
from _support.strategies import examples

CTX = "https://schema.org"
URL = "https://news.example.com/2024/05/talks"
SEED = Path(__file__).resolve().parents[2] / "examples" / "syria-air-missions.html"
REAL_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "real-pages"
FAMILIES = [schemaorg, graph, text]


def findings(*values, code=None):
    found = list(graph.check(page_of(*values)))
    return [f for f in found if f.code == code] if code else found


def article(**properties) -> dict:
    return {"@type": "NewsArticle", "@id": f"{URL}#/article", "headline": "Talks will go on", **properties}


def in_graph(*nodes) -> dict:
    return {"@context": CTX, "@graph": list(nodes)}


JANE = {"@type": "Person", "@id": f"{URL}#/person/jane", "name": "Jane Roe"}


def test_a_connected_graph_has_no_findings():
    assert findings(in_graph(article(author={"@id": JANE["@id"]}, mainEntityOfPage={"@id": URL}), JANE)) == []


def test_codes_are_described_and_have_one_severity_each():
    assert all(severity in {"error", "warning", "info"} and description for severity, description in graph.CODES.values())
    assert all(code.startswith("graph/") for code in graph.CODES)


# ------------------------------------------------------------------------------------------------ references


def test_a_dangling_reference_is_a_warning():
    [finding] = findings(in_graph(article(author={"@id": JANE["@id"]})))
    assert (finding.severity, finding.code) == ("warning", "graph/dangling-reference")
    assert finding.path == "$.@graph[0].author"
    assert "author refers to" in finding.message and "no node on the page has that @id" in finding.message


@pytest.mark.parametrize("node_id", ["#jane", "_:b0", "urn:uuid:1", "/authors/jane"])
def test_ids_that_are_not_page_urls_dangle(node_id):
    assert [f.code for f in findings(in_graph(article(author={"@id": node_id})))] == ["graph/dangling-reference"]


def test_a_reference_resolves_across_blocks():
    assert findings({"@context": CTX, **article(author={"@id": JANE["@id"]})}, {"@context": CTX, **JANE}) == []


def test_a_reference_resolves_to_a_node_nested_anywhere():
    nested = {"@type": "WebPage", "@id": URL, "author": JANE}
    assert findings(in_graph(article(author={"@id": JANE["@id"]}, mainEntityOfPage=nested))) == []


def test_one_missing_id_is_reported_once_with_a_count():
    [finding] = findings(in_graph(article(author={"@id": "#jane"}, editor={"@id": "#jane"})))
    assert finding.path == "$.@graph[0].author" and "(referenced 2 times)" in finding.message


def test_a_page_url_where_a_url_is_accepted_is_fine():
    links = {"mainEntityOfPage": {"@id": URL}, "isPartOf": {"@id": "https://news.example.com/"}}
    assert findings(in_graph(article(**links))) == []


def test_a_thing_referenced_only_by_a_page_url_is_info():
    [finding] = findings(in_graph(article(author={"@id": "https://news.example.com/authors/jane"})))
    assert (finding.severity, finding.code) == ("info", "graph/external-reference")


def test_an_id_with_a_fragment_on_another_host_is_info():
    offer = {"@type": "Offer", "eligibleCustomerType": {"@id": "http://purl.org/goodrelations/v1#Enduser"}}
    [finding] = findings(in_graph(article(offers=offer)))
    assert (finding.severity, finding.code) == ("info", "graph/external-reference")


@pytest.mark.parametrize("term", ["schema:Person", "https://schema.org/height"])
def test_a_reference_to_a_schema_org_term_is_fine(term):
    assert findings(in_graph(article(about={"@id": term}))) == []


def test_a_reference_inside_a_list_object_belongs_to_the_enclosing_property():
    value = in_graph(article(mainEntityOfPage={"@list": [{"@id": URL}]}))
    assert findings(value) == []


# ------------------------------------------------------------------------------------------------ conflicts


def test_nodes_named_differently_under_one_id_are_a_warning():
    other = {**JANE, "name": "John Doe"}
    [finding] = findings({"@context": CTX, **JANE}, {"@context": CTX, **other}, code="graph/inconsistent-node")
    assert (finding.severity, finding.block) == ("warning", 1)
    assert 'name "John Doe" here, "Jane Roe" at $ (block 1)' in finding.message


def test_two_values_of_a_one_valued_property_are_an_error():
    first = article(datePublished="2024-05-06T09:30:00+02:00")
    second = article(datePublished="2024-05-07T09:30:00+02:00")
    [finding] = findings(in_graph(first, second))
    assert (finding.severity, finding.code) == ("error", "graph/conflicting-node")
    assert 'datePublished "2024-05-07T09:30:00+02:00" here, "2024-05-06T09:30:00+02:00" at' in finding.message
    same_moment = article(datePublished="2024-05-06T07:30:00Z")
    assert findings(in_graph(first, same_moment)) == []  # one moment, written two ways
    paywalled = article(isAccessibleForFree=False)
    assert [f.code for f in findings(in_graph(article(isAccessibleForFree=True), paywalled))] == [
        "graph/conflicting-node"]


@pytest.mark.parametrize("prop, one, other", [
    ("caption", "The Daily logo", "The Daily"),  # the issue's logo: two values of a property that may have several
    ("description", "x" * 80 + " reporter", "x" * 80 + " editor"),
    ("sameAs", ["https://x.example/a"], ["https://x.example/b", "https://x.example/c"]),
    ("name", "Livecams", "Livecams auf Mallorca"),  # a breadcrumb's short name for the page
    ("name", "Unijne fundusze...", "Unijne fundusze coraz bliżej"),  # cut short
])
def test_values_of_properties_that_may_have_several_are_no_conflict(prop, one, other):
    logo = {"@type": "ImageObject", "@id": f"{URL}#logo", "url": f"{URL}/logo.png"}
    assert findings(in_graph(article(image={"@id": logo["@id"]}), {**logo, prop: one}, {**logo, prop: other})) == []


@pytest.mark.parametrize(
    "second",
    [
        {"@id": JANE["@id"]},  # a reference
        {**JANE, "jobTitle": "Reporter"},  # more properties
        {**JANE, "name": ["Jane Roe", "J. Roe"]},  # more values
        {**JANE, "name": ""},  # nothing said
        {**JANE, "@type": "Thing"},  # a less specific type
    ],
)
def test_nodes_that_add_to_one_another_do_not_conflict(second):
    assert findings(in_graph(article(author=second), JANE), code="graph/conflicting-node") == []


def test_types_conflict_when_they_have_nothing_in_common_but_thing():
    org = {"@type": "Organization", "@id": JANE["@id"], "name": "Jane Roe"}
    [finding] = findings(in_graph(JANE, org), code="graph/conflicting-node")
    assert "@type Organization here, Person at" in finding.message and finding.severity == "error"
    news_org = {**org, "@type": "NewsMediaOrganization"}
    assert findings(in_graph(org, news_org), code="graph/conflicting-node") == []


def test_one_id_gets_one_finding_however_its_nodes_differ():
    variants = [{**JANE, "name": name, "url": f"https://x.example/{name}"} for name in ("A", "B", "C")]
    [finding] = [f for f in findings(in_graph(*variants)) if f.code != "graph/no-article"]
    assert finding.code == "graph/inconsistent-node" and "url" in finding.message and "name" in finding.message


# ------------------------------------------------------------------------------------------------ connection


def test_a_node_in_the_articles_graph_that_nothing_links_is_a_warning():
    [finding] = findings(in_graph(article(), JANE))
    assert (finding.severity, finding.code, finding.path) == ("warning", "graph/unreachable-node", "$.@graph[1]")
    assert "Person node" in finding.message


def test_a_node_pointing_at_the_article_is_connected():
    page = {"@type": "WebPage", "@id": URL, "mainEntity": {"@id": f"{URL}#/article"}}
    assert findings(in_graph(article(), page)) == []


def test_a_chain_of_references_connects():
    org = {"@type": "Organization", "@id": "#org", "name": "x", "founder": {"@id": JANE["@id"]}}
    assert findings(in_graph(article(publisher={"@id": "#org"}), org, JANE)) == []


def test_an_iri_in_a_property_read_as_an_iri_connects():
    page = {"@type": "WebPage", "@id": URL, "name": "Talks"}
    assert findings(in_graph(article(mainEntityOfPage=URL), page)) == []


def test_nodes_in_other_blocks_and_array_items_stand_on_their_own():
    crumbs = {"@context": CTX, "@type": "BreadcrumbList", "itemListElement": []}
    assert findings({"@context": CTX, **article()}, crumbs) == []
    assert findings([{"@context": CTX, **article()}, crumbs]) == []


def test_a_page_without_an_article_is_info_for_the_page():
    [finding] = findings({"@context": CTX, **JANE})
    assert (finding.severity, finding.code, finding.block) == ("info", "graph/no-article", None)


@pytest.mark.parametrize(
    "kind", ["Article", "BlogPosting", "LiveBlogPosting", "Report", "OpinionNewsArticle", "newsarticle"]
)
def test_every_kind_of_article_counts(kind):
    assert findings({"@context": CTX, "@type": kind, "headline": "x"}) == []


def test_an_article_nested_in_another_node_counts():
    page = {"@context": CTX, "@type": "WebPage", "mainEntity": article()}
    assert findings(page) == []


def test_a_page_without_json_ld_says_nothing():
    assert list(graph.check(PageData.from_blocks([]))) == []


def test_the_seed_example_has_nothing_above_info():
    page = PageData.from_blocks(extract_blocks(SEED.read_text(encoding="utf-8")))
    assert [f for f in graph.check(page) if f.severity != "info"] == []


# ------------------------------------------------------------------------------------------------ every family


KEYS = st.one_of(
    st.sampled_from(
        ["@context", "@type", "@id", "@graph", "@list", "@set", "@value", "@reverse", "@vocab", "type", "id", "author",
         "name", "url", "headline", "mainEntityOfPage", "image", "width", "about", "isAccessibleForFree", "@Type"]
    ),
    st.text(max_size=8),
)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["NewsArticle", "newsarticle", "Person", "schema:Person", "https://schema.org", "http://schema.org", "#a",
         "https://x.example/#a", "&amp;", "&#8217;", "<p>", "  ", "", "Role", "https://schema.org/EventScheduled"]
    ),
    st.text(max_size=12),
)
JSON_VALUES = st.recursive(
    LEAVES, lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5), max_leaves=30
)


@examples(300)
@given(st.lists(st.lists(JSON_VALUES, max_size=3), min_size=1, max_size=3))
def test_no_family_raises_on_any_json(blocks):
    page = PageData.from_blocks(
        [Block(i, 1, 1, "application/ld+json", "", tuple(values), None, ()) for i, values in enumerate(blocks)]
    )
    for family in FAMILIES:
        for finding in family.check(page):
            assert finding.severity == family.CODES.severity(finding.code)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.__name__)
def test_no_family_recurses_on_deep_nesting(family):
    deep = {"@context": CTX, "@type": "NewsArticle", "@id": "#a"}
    for _ in range(3 * sys.getrecursionlimit()):  # deeper than json.loads itself can read
        deep = {"@type": "Person", "@id": "#a", "knows": [deep], "name": " x "}
    page = PageData.from_blocks([Block(0, 1, 1, "application/ld+json", "", (deep,), None, ())])
    assert list(family.check(page))


def test_the_real_pages_corpus(capsys):
    if not REAL_PAGES.is_dir():
        pytest.skip(f"the real-pages corpus is not at {REAL_PAGES} (../shared is absent)")
    pages = collections.Counter()
    severities = collections.Counter()
    files = sorted(REAL_PAGES.glob("*.html.gz"))
    for path in files:
        page = PageData.from_blocks(extract_blocks(gzip.decompress(path.read_bytes())))
        codes = set()
        for family in FAMILIES:
            for finding in family.check(page):
                codes.add(finding.code)
                severities[finding.severity] += 1
        pages.update(codes)
    assert len(files) == 471
    assert capsys.readouterr() == ("", "")
    assert pages["text/html-entity"] >= 20  # 55 of 940 pages studied carry &#8217; in a headline
    assert pages["schemaorg/type-case"] >= 15  # person, organization, Webpage...
    assert pages["graph/dangling-reference"] >= 10  # Yoast graphs that lost a node
    assert pages["schemaorg/unknown-type"] <= 10  # errors stay rare on real, working pages
    assert set(severities) == {"error", "warning", "info"}
