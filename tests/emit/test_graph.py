"""Models → one JSON-LD @graph and back: identity, references, de-duplication, round trips and determinism."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given

from _support.common import ARTICLE_URL, FIXTURES, make_article
from newsld import (
    Claim,
    GeoCoordinates,
    ImageObject,
    NewsldValidationError,
    Organization,
    Person,
    Place,
    Quotation,
    WebPage,
    dumps,
    from_jsonld,
    load,
    to_jsonld,
)
from _support.strategies import EXPLICIT_ID_PREFIX, articles, examples

NODE_TYPES = {
    "Person", "Organization", "NewsMediaOrganization", "Place", "Event", "Thing", "Quotation", "Claim",
    "ClaimReview", "WebPage", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle",
}


def references(value):
    """Every ``{"@id": ...}`` reference inside ``value``."""
    if isinstance(value, list):
        for item in value:
            yield from references(item)
    elif isinstance(value, dict):
        if set(value) == {"@id"}:
            yield value["@id"]
        for item in value.values():
            yield from references(item)


def embedded_nodes(node: dict):
    """Objects inside a graph node that are themselves nodes (they should be references instead)."""
    for key, value in node.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if item.get("@type") in NODE_TYPES:
                    yield key, item
                yield from embedded_nodes(item)


def by_id(doc: dict) -> dict:
    return {node["@id"]: node for node in doc["@graph"]}


def reachable_from_article(doc: dict) -> set:
    nodes = by_id(doc)
    seen, todo = set(), [doc["@graph"][0]["@id"]]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(references({k: v for k, v in nodes[current].items() if k != "@id"}))
    return seen


def assert_well_formed(doc: dict) -> None:
    assert list(doc) == ["@context", "@graph"]
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    ids = [node["@id"] for node in graph]
    assert len(ids) == len(set(ids)), "a node is emitted twice"
    assert graph[0]["@type"] in NODE_TYPES and graph[0]["@type"].endswith("NewsArticle")
    assert sum(node["@type"].endswith("NewsArticle") for node in graph) == 1
    assert set(references(graph)) <= set(ids), "dangling reference"
    assert reachable_from_article(doc) == set(ids), "a node is not connected to the article"
    for node in graph:
        assert list(node)[:2] == ["@type", "@id"]
        assert not list(embedded_nodes(node)), "a node is embedded instead of referenced"
    # Two nodes with derived ids and the same content would be one entity emitted twice.
    derived = [json.dumps({k: v for k, v in node.items() if k != "@id"}, sort_keys=True)
               for node in graph if not node["@id"].startswith(EXPLICIT_ID_PREFIX)]
    assert len(derived) == len(set(derived)), "duplicate node"


@pytest.fixture(scope="module")
def fixture_doc() -> dict:
    return to_jsonld(load(FIXTURES / "article.yaml"))


# --------------------------------------------------------------------------------------------------- structure


def test_fixture_is_one_graph_document(fixture_doc):
    assert_well_formed(fixture_doc)
    types = [node["@type"] for node in fixture_doc["@graph"]]
    assert sorted(types) == sorted(["ReportageNewsArticle", "Person", "NewsMediaOrganization", "Person", "Claim",
                                    "Quotation"])


def test_derived_ids_are_stable_and_readable(fixture_doc):
    base = "https://news.example.com/2024/05/talks"
    assert set(by_id(fixture_doc)) == {
        f"{base}#/article",
        f"{base}#/person/jane-doe",
        f"{base}#/organization/the-daily-example",
        f"{base}#/person/vladimir-putin",
        f"{base}#/claim/1",
        f"{base}#/quotation/1",
    }


def test_article_url_fragment_is_not_part_of_derived_ids():
    doc = to_jsonld(make_article(url="https://news.example.com/a#comments", author="Jane Doe"))
    assert [node["@id"] for node in doc["@graph"]] == [
        "https://news.example.com/a#/article",
        "https://news.example.com/a#/person/jane-doe",
    ]


def test_slugs_keep_letters_of_any_script():
    doc = to_jsonld(make_article(author=["Владимир Путин", "  Ünïcode  Name! "]))
    assert [node["@id"].split("#", 1)[1] for node in doc["@graph"][1:]] == [
        "/person/владимир-путин",
        "/person/ünïcode-name",
    ]


def test_numbered_kinds_count_in_document_order():
    speaker = Person(name="Vladimir Putin")
    article = make_article(hasPart=[Quotation(text=text, spokenByCharacter=speaker) for text in ("one", "two")],
                           mentions=[Claim(text="c", author=[speaker])])
    ids = [node["@id"] for node in to_jsonld(article)["@graph"]]
    # mentions precede hasPart among NewsArticle's properties; a node's own nodes follow it.
    assert ids[1:] == [f"{ARTICLE_URL}#/claim/1", f"{ARTICLE_URL}#/person/vladimir-putin",
                       f"{ARTICLE_URL}#/quotation/1", f"{ARTICLE_URL}#/quotation/2"]


def test_web_page_id_is_its_url():
    doc = to_jsonld(make_article(mainEntityOfPage=ARTICLE_URL))
    assert doc["@graph"][0]["mainEntityOfPage"] == {"@id": ARTICLE_URL}
    assert doc["@graph"][1] == {"@type": "WebPage", "@id": ARTICLE_URL, "url": ARTICLE_URL}


def test_user_given_id_is_kept():
    article = make_article(id="https://news.example.com/ids/article-1",
                           author=[Person(id="https://www.wikidata.org/entity/Q7747", name="Vladimir Putin")])
    graph = to_jsonld(article)["@graph"]
    assert [node["@id"] for node in graph] == ["https://news.example.com/ids/article-1",
                                               "https://www.wikidata.org/entity/Q7747"]
    assert graph[0]["author"] == [{"@id": "https://www.wikidata.org/entity/Q7747"}]


def test_image_object_keeps_its_explicit_id():
    article = make_article(image=[ImageObject(id="https://news.example.com/img#1", url="https://img.example/1.jpg")])
    assert to_jsonld(article)["@graph"][0]["image"] == [
        {"@type": "ImageObject", "@id": "https://news.example.com/img#1", "url": "https://img.example/1.jpg"}
    ]
    assert from_jsonld(to_jsonld(article)) == article


def test_different_entities_with_the_same_name_get_distinct_ids():
    article = make_article(author=[Person(name="Anna Ivanova", jobTitle="Reporter"),
                                   Person(name="Anna Ivanova", jobTitle="Photographer"),
                                   Organization(name="Anna Ivanova")])
    doc = to_jsonld(article)
    assert_well_formed(doc)
    assert [node["@id"] for node in doc["@graph"][1:]] == [
        f"{ARTICLE_URL}#/person/anna-ivanova",
        f"{ARTICLE_URL}#/person/anna-ivanova-2",
        f"{ARTICLE_URL}#/organization/anna-ivanova",
    ]


def test_equal_entities_given_twice_are_one_node():
    # Separate but equal objects: the same person written out in two places.
    article = make_article(author=[Person(name="Jane Doe")],
                           mentions=[Person(name="Jane Doe")],
                           hasPart=[Quotation(text="Hi", spokenByCharacter=Person(name="Jane Doe"))])
    doc = to_jsonld(article)
    assert_well_formed(doc)
    people = [node for node in doc["@graph"] if node["@type"] == "Person"]
    assert len(people) == 1
    person_ref = {"@id": people[0]["@id"]}
    assert doc["@graph"][0]["author"] == [person_ref] == doc["@graph"][0]["mentions"]


def test_same_explicit_id_for_two_different_entities_is_an_error_naming_both_paths():
    article = make_article(author=[Person(id="urn:x:jane", name="Jane Doe")],
                           mentions=[Organization(id="urn:x:jane", name="Jane Doe Inc.")])
    with pytest.raises(NewsldValidationError) as excinfo:
        to_jsonld(article)
    [problem] = excinfo.value.problems
    assert problem.path == "mentions[0].@id"
    assert "author[0].@id" in problem.message and "'urn:x:jane'" in problem.message


def test_same_explicit_id_for_equal_entities_is_one_node():
    jane = {"@id": "urn:x:jane", "name": "Jane Doe"}
    doc = to_jsonld(make_article(author=[jane], mentions=[{"@type": "Person", **jane}]))
    assert [node["@id"] for node in doc["@graph"]][1:] == ["urn:x:jane"]


def test_quotations_are_parts_of_the_article(fixture_doc):
    article = fixture_doc["@graph"][0]
    quotations = [node for node in fixture_doc["@graph"] if node["@type"] == "Quotation"]
    assert quotations
    for quotation in quotations:
        assert {"@id": quotation["@id"]} in article["hasPart"]
        assert quotation["isPartOf"] == {"@id": article["@id"]}


def test_claims_are_mentioned_and_appear_in_the_article(fixture_doc):
    article = fixture_doc["@graph"][0]
    claims = [node for node in fixture_doc["@graph"] if node["@type"] == "Claim"]
    assert claims
    for claim in claims:
        assert {"@id": claim["@id"]} in article["mentions"]
        assert claim["appearance"] == {"@id": article["@id"]}


def test_nested_form_is_a_self_contained_tree():
    # Deliberate change (issue 10): a node is in full wherever it occurs, not only where it first occurs, so that
    # consumers that do not resolve @ids (structured-data-testing-tool) see every speaker, author and publisher.
    speaker = Person(name="Vladimir Putin")
    article = make_article(mentions=[speaker], hasPart=[Quotation(text="Hi", spokenByCharacter=speaker)])
    doc = to_jsonld(article, form="nested")
    assert doc["@context"] == "https://schema.org" and "@graph" not in doc
    putin = {"@type": "Person", "@id": f"{ARTICLE_URL}#/person/vladimir-putin", "name": "Vladimir Putin"}
    assert doc["mentions"] == [putin]
    assert doc["hasPart"][0]["spokenByCharacter"] == putin
    # The one reference left is the quotation's link back to the article that contains it.
    assert doc["hasPart"][0]["isPartOf"] == {"@id": doc["@id"]}


def _references(value, ancestors=()):
    """Every {"@id"}-only object in a nested document, with the @ids of the nodes containing it."""
    if isinstance(value, list):
        for item in value:
            yield from _references(item, ancestors)
    elif isinstance(value, dict):
        if set(value) == {"@id"}:
            yield value["@id"], ancestors
        inside = ancestors + ((value["@id"],) if "@id" in value else ())
        for item in value.values():
            yield from _references(item, inside)


@examples(200)
@given(articles())
def test_nested_form_references_only_nodes_that_contain_them(article):
    doc = to_jsonld(article, form="nested")
    graph_ids = {node["@id"] for node in to_jsonld(article)["@graph"]}
    for target, ancestors in _references(doc):
        assert target in ancestors or target not in graph_ids


def test_a_publisher_that_is_also_the_author_is_in_full_in_both_places():
    newsroom = {"@type": "NewsMediaOrganization", "name": "Example News", "url": "https://example.com/"}
    article = make_article(author=[newsroom], publisher=newsroom)
    doc = to_jsonld(article, form="nested")
    assert doc["publisher"]["name"] == "Example News" and doc["publisher"]["@type"] == "NewsMediaOrganization"
    assert doc["author"][0] == doc["publisher"]


def test_unknown_form_is_rejected():
    with pytest.raises(ValueError, match="form must be 'graph' or 'nested'"):
        to_jsonld(make_article(), form="flat")


def test_to_jsonld_wants_an_article():
    with pytest.raises(TypeError, match="expects a NewsArticle"):
        to_jsonld(Person(name="Jane Doe"))


# -------------------------------------------------------------------------------------------------- properties


@examples(300)
@given(articles())
def test_any_article_gives_a_well_formed_graph_that_round_trips(article):
    doc = to_jsonld(article)
    assert_well_formed(doc)
    assert from_jsonld(doc) == article


@examples(200)
@given(articles())
def test_round_trip_nested_form(article):
    assert from_jsonld(to_jsonld(article, form="nested")) == article


@examples(200)
@given(articles(explicit_ids=True))
def test_round_trip_with_explicit_ids(article):
    doc = to_jsonld(article)
    assert all(node["@id"].startswith(EXPLICIT_ID_PREFIX) or node["@type"] == "WebPage" for node in doc["@graph"])
    assert from_jsonld(doc) == article
    assert from_jsonld(dumps(article, form="nested")) == article


@examples(150)
@given(articles())
def test_dumps_is_deterministic_across_separately_built_models(article):
    rebuilt = type(article).model_validate(article.model_dump(by_alias=True, exclude_none=True))
    assert rebuilt is not article and rebuilt == article
    assert dumps(rebuilt).encode() == dumps(article).encode()
    assert dumps(rebuilt, indent=2) == dumps(article, indent=2)


@examples(150)
@given(articles())
def test_emitted_json_is_strict(article):
    def no_constants(name):
        raise AssertionError(f"{name} in output")

    for text in (dumps(article), dumps(article, indent=2, form="nested")):
        assert json.loads(text, strict=True, parse_constant=no_constants) is not None


def test_explicit_id_equal_to_the_derived_one_reads_back_as_derived():
    # An id that newsld would derive anyway cannot be told from a derived one; the JSON is what must survive.
    article = make_article(author=[Person(id=f"{ARTICLE_URL}#/person/jane-doe", name="Jane Doe")])
    back = from_jsonld(to_jsonld(article))
    assert back.author[0].id is None
    assert dumps(back) == dumps(article)


def test_separately_loaded_fixtures_dump_identically():
    first, second = load(FIXTURES / "article.yaml"), load(FIXTURES / "article.yaml")
    assert first is not second
    assert dumps(first, indent=2).encode() == dumps(second, indent=2).encode()


def test_nan_cannot_get_in():
    with pytest.raises(ValueError):
        GeoCoordinates(latitude=math.nan, longitude=0)
    place = Place(name="Kyiv", geo=GeoCoordinates(latitude=50.45, longitude=30.52))
    with pytest.raises(ValueError):
        place.geo.latitude = math.nan  # models validate on assignment too
    # The serializer is the last line: a value that bypassed validation is refused rather than written as NaN.
    article = make_article(contentLocation=[place])
    object.__setattr__(place.geo, "latitude", math.nan)
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps(article)


def test_nan_in_json_ld_text_is_rejected():
    doc = to_jsonld(make_article(contentLocation=[Place(name="Kyiv", geo={"latitude": 50.45, "longitude": 30.52})]))
    doc["@graph"][1]["geo"]["latitude"] = math.nan
    text = json.dumps(doc)  # Python's json writes the non-standard token NaN
    assert "NaN" in text
    with pytest.raises(NewsldValidationError) as excinfo:
        from_jsonld(text)
    assert {problem.path for problem in excinfo.value.problems} == {"contentLocation[0].geo.latitude"}


# -------------------------------------------------------------------------------------------- from_jsonld errors


def graph_doc(*nodes) -> dict:
    return {"@context": "https://schema.org", "@graph": list(nodes)}


ARTICLE_NODE = {"@type": "NewsArticle", "@id": f"{ARTICLE_URL}#/article", "headline": "h", "url": ARTICLE_URL}


def problems(doc) -> list:
    with pytest.raises(NewsldValidationError) as excinfo:
        from_jsonld(doc)
    return [(problem.path, problem.message) for problem in excinfo.value.problems]


def test_from_jsonld_rejects_a_dangling_reference():
    found = problems(graph_doc({**ARTICLE_NODE, "author": [{"@id": "urn:x:nobody"}]}))
    assert found == [("author[0]", "dangling reference: no node has @id 'urn:x:nobody'")]


def test_from_jsonld_rejects_an_unreachable_node():
    found = problems(graph_doc(ARTICLE_NODE, {"@type": "Person", "@id": "urn:x:lost", "name": "Lost"}))
    assert found == [("@graph[1]", "node 'urn:x:lost' is not connected to the article")]


def test_from_jsonld_rejects_two_articles():
    second = {**ARTICLE_NODE, "@id": "urn:x:second"}
    [(path, message)] = problems(graph_doc(ARTICLE_NODE, second))
    assert path == "@graph" and "expected exactly one NewsArticle-family node" in message


def test_from_jsonld_rejects_no_article():
    [(path, message)] = problems(graph_doc({"@type": "Person", "@id": "urn:x:p", "name": "P"}))
    assert path == "@graph" and "found 'Person'" in message


@pytest.mark.parametrize(
    "context", ["https://example.org", None, {"@vocab": "https://schema.org/"}, ["https://schema.org"]]
)
def test_from_jsonld_rejects_a_wrong_context(context):
    doc = graph_doc(ARTICLE_NODE)
    doc["@context"] = context
    assert [path for path, _ in problems(doc)] == ["@context"]


@pytest.mark.parametrize("context", ["https://schema.org/", "http://schema.org"])
def test_from_jsonld_accepts_schema_org_context_spellings(context):
    assert from_jsonld({**graph_doc(ARTICLE_NODE), "@context": context}).headline == "h"


@pytest.mark.parametrize("text", ["not json", "{'single': 'quotes'}", '{"@context": "https://schema.org",}', b"\xff"])
def test_from_jsonld_rejects_text_that_is_not_json(text):
    [(path, message)] = problems(text)
    assert path == "" and message.startswith("not valid JSON")


@pytest.mark.parametrize("doc", [[], "[1, 2]", 42])
def test_from_jsonld_rejects_a_document_that_is_not_an_object(doc):
    assert problems(doc) == [("", "a JSON-LD document must be a JSON object")]


def test_from_jsonld_rejects_a_graph_that_is_not_a_list():
    assert ("@graph", "must be a list of nodes") in problems({"@context": "https://schema.org", "@graph": {}})


def test_from_jsonld_rejects_one_id_for_two_different_nodes():
    person = {"@type": "Person", "@id": "urn:x:p", "name": "P"}
    found = problems(graph_doc({**ARTICLE_NODE, "author": [{"@id": "urn:x:p"}]}, person, {**person, "name": "Q"}))
    assert ("@graph[2].@id", "@id 'urn:x:p' names two different nodes") in found


def test_from_jsonld_rejects_a_reference_cycle():
    org = {"@type": "Organization", "@id": "urn:x:o", "name": "O", "parentOrganization": {"@id": "urn:x:o"}}
    found = problems(graph_doc({**ARTICLE_NODE, "publisher": {"@id": "urn:x:o"}}, org))
    assert found == [("publisher.parentOrganization", "reference to 'urn:x:o' loops back to a node that contains it")]


def test_from_jsonld_reports_model_errors_with_paths():
    found = problems(graph_doc({**ARTICLE_NODE, "datePublished": "2024-05-01T09:30:00"}))
    assert [path for path, _ in found] == ["datePublished"]


def test_from_jsonld_accepts_json_text_and_bytes():
    article = make_article(author="Jane Doe")
    assert from_jsonld(dumps(article)) == from_jsonld(dumps(article).encode()) == article


def test_from_jsonld_keeps_an_article_id_it_did_not_derive():
    doc = graph_doc({**ARTICLE_NODE, "@id": "https://elsewhere.example/a"})
    assert from_jsonld(doc).id == "https://elsewhere.example/a"


def test_from_jsonld_of_a_web_page_with_another_id_keeps_it():
    doc = graph_doc({**ARTICLE_NODE, "mainEntityOfPage": {"@id": "urn:x:page"}},
                    {"@type": "WebPage", "@id": "urn:x:page", "url": ARTICLE_URL})
    assert from_jsonld(doc).mainEntityOfPage == WebPage(id="urn:x:page", url=ARTICLE_URL)
