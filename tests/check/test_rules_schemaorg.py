"""schema.org rules: contexts, types, properties, domains and ranges; each code with cases that fire and that do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsld.check._extract import extract_blocks
from _support.common import page_of
from newsld.check._page import PageData
from newsld.check.rules import schemaorg

CTX = "https://schema.org"
SEED = Path(__file__).resolve().parents[2] / "examples" / "syria-air-missions.html"


def findings(*values, code=None):
    found = list(schemaorg.check(page_of(*values)))
    return [f for f in found if f.code == code] if code else found


def article(**properties) -> dict:
    return {"@context": CTX, "@type": "NewsArticle", "headline": "Talks will go on", **properties}


def test_a_plain_article_has_no_findings():
    assert findings(article(author={"@type": "Person", "name": "Jane Roe"}, wordCount=385)) == []


def test_codes_are_described_and_have_one_severity_each():
    assert all(severity in {"error", "warning", "info"} and description for severity, description in schemaorg.CODES.values())
    assert all(code.startswith("schemaorg/") for code in schemaorg.CODES)


# ------------------------------------------------------------------------------------------------ contexts


def test_missing_context_is_an_error_at_the_value():
    [finding] = findings({"@type": "NewsArticle", "headline": "x"}, code="schemaorg/missing-context")
    assert (finding.severity, finding.path, finding.block) == ("error", "$", 0)


def test_missing_context_is_reported_once_and_the_terms_are_still_checked():
    found = findings({"@type": "NewsArticle", "author": {"@type": "Persn"}})
    assert [f.code for f in found] == ["schemaorg/missing-context", "schemaorg/unknown-type"]


def test_a_context_only_value_does_not_apply_to_the_next_one():
    html = f'<script type="application/ld+json">[{{"@context": "{CTX}"}}, {{"@type": "Person", "name": "x"}}]</script>'
    found = list(schemaorg.check(PageData.from_blocks(extract_blocks(html))))
    [finding] = [f for f in found if f.code == "schemaorg/missing-context"]
    assert finding.path == "$[1]" and "$[0] applies to that value only" in finding.message


def test_a_nested_context_counts():
    assert findings({"@graph": [{"@context": CTX, "@type": "Person", "name": "x"}]}) == []


@pytest.mark.parametrize("context", [CTX, CTX + "/", [CTX], "https://schema.org/docs/jsonldcontext.json"])
def test_the_schema_org_context_is_fine(context):
    assert findings({"@context": context, "@type": "Person", "name": "x"}) == []


def test_http_context_is_info():
    [finding] = findings({"@context": "http://schema.org/", "@type": "Person"})
    assert (finding.severity, finding.code, finding.path) == ("info", "schemaorg/http-context", "$.@context")


@pytest.mark.parametrize(
    "context", ["http://www.schema.org", "https://www.schema.org/", "//schema.org", "HTTPS://Schema.org"]
)
def test_other_spellings_of_schema_org_are_warnings_but_still_schema_org(context):
    found = findings({"@context": context, "@type": "Persn"})
    assert [(f.severity, f.code) for f in found] == [
        ("warning", "schemaorg/nonstandard-context"),
        ("error", "schemaorg/unknown-type"),
    ]


def test_an_unknown_context_is_a_warning_and_its_terms_are_not_checked():
    found = findings({"@context": "https://www.w3.org/ns/activitystreams", "type": "Note", "content": "x"})
    assert [(f.severity, f.code) for f in found] == [("warning", "schemaorg/unknown-context")]


def test_a_context_object_with_vocab_is_info():
    found = findings({"@context": {"@vocab": "https://schema.org/"}, "@type": "Person", "name": "x"})
    assert [(f.severity, f.code) for f in found] == [("info", "schemaorg/context-object")]


def test_a_vocab_without_the_trailing_slash_is_a_warning():
    found = findings({"@context": {"@vocab": "http://schema.org"}, "@type": "Person"}, code="schemaorg/vocab-iri")
    assert found[0].severity == "warning" and "http://schema.orgNewsArticle" in found[0].message


def test_terms_a_context_defines_are_left_alone():
    context = [CTX, {"pageType": "https://example.org/pageType", "labels": {"@container": "@language"}}]
    assert findings({"@context": context, "@type": "WebPage", "pageType": "x", "labels": {"en": "a", "fr": "b"}}) == []


def test_a_context_of_its_own_terms_is_another_vocabulary():
    value = {"@context": {"ex": "https://example.org/"}, "@type": "ex:Page", "ex:title": "x", "headlin": "y"}
    assert [(f.severity, f.code) for f in findings(value)] == [("info", "schemaorg/other-vocabulary")]


def test_a_context_repeated_on_nested_nodes_is_reported_once():
    about = [{"@context": "http://schema.org", "@type": "Thing", "name": str(i)} for i in range(3)]
    assert len(findings(article(about=about), code="schemaorg/http-context")) == 1


# ------------------------------------------------------------------------------------------------ keywords and types


def test_an_unknown_keyword_is_a_warning():
    [finding] = findings(article(**{"@Type": "Person"}))
    assert (finding.severity, finding.code, finding.path) == ("warning", "schemaorg/unknown-keyword", "$.@Type")


@pytest.mark.parametrize("key, keyword", [("type", "@type"), ("id", "@id")])
def test_type_and_id_without_at_are_warnings(key, keyword):
    [finding] = findings(article(author={key: "Person", "name": "x"}))
    assert (finding.severity, finding.code) == ("warning", "schemaorg/keyword-without-at")
    assert finding.path == f"$.author.{key}"
    assert f'write "{keyword}"' in finding.message and "alias" in finding.message


def test_an_unknown_type_is_an_error_with_a_suggestion():
    [finding] = findings(article(**{"@type": "NewsArticel"}))
    assert (finding.severity, finding.code, finding.path) == ("error", "schemaorg/unknown-type", "$.@type")
    assert "did you mean NewsArticle?" in finding.message


@pytest.mark.parametrize("value", [5, None, {"@id": "x"}, [7]])
def test_a_type_that_is_not_a_name_is_an_error(value):
    assert [f.severity for f in findings(article(**{"@type": value}), code="schemaorg/unknown-type")] == ["error"]


@pytest.mark.parametrize("value", [["NewsArticle", 7], ["Place", "PopulatedPlace", "Country"], ["NZZ", "Product"]])
def test_an_unknown_type_beside_known_ones_is_a_warning(value):
    # Consumers ignore the unknown type and read the node as its other types: nothing is dropped but that name.
    [finding] = [f for f in findings(article(**{"@type": value})) if "type" in f.code]
    assert (finding.severity, finding.code) == ("warning", "schemaorg/unknown-extra-type")
    assert "consumers ignore it and read the node as" in finding.message


def test_the_same_unknown_type_is_reported_once_with_a_count():
    [finding] = findings(article(mentions=[{"@type": "Persn"}] * 3), code="schemaorg/unknown-type")
    assert finding.path == "$.mentions[0].@type" and "(and 2 more times in this block)" in finding.message


@pytest.mark.parametrize("name, right", [("newsarticle", "NewsArticle"), ("Webpage", "WebPage"), ("person", "Person")])
def test_a_type_in_the_wrong_case_is_a_warning_naming_the_right_one(name, right):
    [finding] = findings({"@context": CTX, "@type": name})
    assert (finding.severity, finding.code) == ("warning", "schemaorg/type-case")
    assert f"should be {right}" in finding.message


@pytest.mark.parametrize(
    "name", ["schema:NewsArticle", "https://schema.org/NewsArticle", "http://schema.org/NewsArticle"]
)
def test_prefixed_and_full_iri_types_are_schema_org_types(name):
    assert findings(article(**{"@type": name})) == []


def test_a_type_from_another_vocabulary_is_info():
    [finding] = findings({"@context": CTX, "@type": ["Person", "https://example.org/Editor"], "name": "x"})
    assert (finding.severity, finding.code, finding.path) == ("info", "schemaorg/external-type", "$.@type[1]")


def test_a_multi_typed_node_takes_the_properties_of_every_type():
    assert findings(article(**{"@type": ["NewsArticle", "Product"], "productID": "x:y"})) == []


def test_domains_are_not_judged_when_one_of_the_types_is_unknown():
    found = findings(article(**{"@type": ["NewsArticle", "Paywalled"], "productID": "x:y"}))
    assert [f.code for f in found] == ["schemaorg/unknown-extra-type"]


# ------------------------------------------------------------------------------------------------ properties


def test_an_unknown_property_is_a_warning_with_a_suggestion():
    [finding] = findings(article(headlin="x"))
    assert (finding.severity, finding.code, finding.path) == ("warning", "schemaorg/unknown-property", "$.headlin")
    assert "did you mean headline?" in finding.message
    [cased] = findings(article(DatePublished="2024-05-01T10:00:00Z"))
    assert "did you mean datePublished?" in cased.message


def test_other_vocabularies_and_action_annotations_are_not_unknown_properties():
    action = {"@type": "SearchAction", "target": "https://example.com/?q={q}", "query-input": "required name=q"}
    assert findings(article(**{"og:title": "y", "potentialAction": action})) == []


def test_a_prefixed_property_is_checked_as_the_schema_org_property():
    [finding] = findings(article(**{"schema:author": "Jane Roe"}))
    assert (finding.code, finding.path) == ("schemaorg/text-for-thing", "$.schema:author")


def test_a_superseded_property_names_its_replacement():
    [finding] = findings(article(isBasedOnUrl="https://example.com/source"))
    assert (finding.severity, finding.code) == ("warning", "schemaorg/superseded")
    assert "superseded by isBasedOn" in finding.message


def test_a_superseded_type_names_its_replacement():
    [finding] = findings({"@context": CTX, "@type": "Code", "name": "x"})
    assert finding.code == "schemaorg/superseded" and "SoftwareSourceCode" in finding.message


def test_pending_terms_are_info_once_per_block():
    speaker = {"@type": "Person", "name": "x"}
    quotes = [{"@type": "Quotation", "text": str(i), "spokenByCharacter": speaker} for i in range(4)]
    found = findings(article(hasPart=quotes), code="schemaorg/pending")
    assert {f.severity for f in found} == {"info"}
    assert sorted(f.message.split()[1] for f in found) == ["Quotation", "spokenByCharacter"]
    assert all("(and 3 more times in this block)" in f.message for f in found)


def test_a_property_outside_its_domain_is_a_warning():
    [finding] = findings(article(logo="https://example.com/logo.png"))
    assert (finding.severity, finding.code, finding.path) == ("warning", "schemaorg/property-domain", "$.logo")
    assert findings({"@context": CTX, "@type": "Organization", "logo": "https://example.com/logo.png"}) == []


def test_a_role_repeats_the_property_it_qualifies():
    role = {"@type": "Role", "roleName": "Editor", "author": {"@type": "Person", "name": "x"}}
    assert findings(article(author=role)) == []


def test_under_reverse_domains_and_ranges_swap_places():
    person = {"@context": CTX, "@type": "Person", "name": "x", "@reverse": {"author": article()}}
    assert findings(person) == []


# ------------------------------------------------------------------------------------------------ ranges


def test_a_node_outside_the_range_is_a_warning():
    [finding] = findings(article(author={"@type": "Place", "name": "Paris"}))
    assert (finding.severity, finding.code, finding.path) == ("warning", "schemaorg/value-range", "$.author")
    assert "Organization or Person" in finding.message


def test_a_reference_is_judged_by_the_node_it_names():
    place = {"@context": CTX, "@type": "Place", "@id": "#paris", "name": "Paris"}
    [finding] = findings(article(author={"@id": "#paris"}), place)
    assert (finding.code, finding.path) == ("schemaorg/value-range", "$.author")
    assert findings(article(author={"@id": "#jane"}), {**place, "@type": "Person", "@id": "#jane"}) == []


def test_subtypes_fit_the_range():
    publisher = {"@type": "NewsMediaOrganization", "name": "x"}
    value = article(publisher=publisher, author=[{"@type": "Person", "name": "y"}])
    assert findings(value, code="schemaorg/value-range") == []


@pytest.mark.parametrize("value", [True, 5])
def test_a_literal_where_a_thing_is_expected_is_a_warning(value):
    assert [f.code for f in findings(article(author=value))] == ["schemaorg/value-range"]


def test_a_boolean_where_a_url_is_expected_is_a_warning():
    assert [f.code for f in findings(article(url=False))] == ["schemaorg/value-range"]


def test_text_where_a_thing_is_expected_is_info():
    [finding] = findings(article(author="Jane Roe"))
    assert (finding.severity, finding.code, finding.path) == ("info", "schemaorg/text-for-thing", "$.author")
    assert "Organization or Person" in finding.message and '"Jane Roe"' in finding.message


@pytest.mark.parametrize(
    "properties",
    [
        {"mainEntityOfPage": "https://example.com/a"},  # URL in the range
        {"image": "https://example.com/a.jpg"},
        {"about": "https://example.com/topic"},  # a URL names the thing
        {"speakable": "https://example.com/#summary"},
        {"image": {"@type": "ImageObject", "url": "https://example.com/a.jpg", "width": 1200}},  # for a Distance
        {"author": ""},  # empty values are the text rules' business
    ],
)
def test_urls_and_literals_that_fit_are_fine(properties):
    assert findings(article(**properties)) == []


def test_a_string_naming_an_enumeration_member_fits():
    event = {"@context": CTX, "@type": "Event", "name": "x", "eventStatus": "https://schema.org/EventScheduled"}
    assert findings(event) == []
    assert [f.code for f in findings({**event, "eventStatus": "on"})] == ["schemaorg/text-for-thing"]


@pytest.mark.parametrize("properties", [{"wordCount": "385"}, {"isAccessibleForFree": "False"}])
def test_a_string_where_a_number_or_boolean_is_expected_is_info(properties):
    [finding] = findings(article(**properties))
    assert (finding.severity, finding.code) == ("info", "schemaorg/literal-type")


def test_values_in_lists_and_list_objects_are_each_checked():
    found = findings(article(author=[{"@type": "Person", "name": "x"}, {"@list": [{"@type": "Place"}]}]))
    assert [(f.code, f.path) for f in found] == [("schemaorg/value-range", "$.author[1].@list[0]")]


# ------------------------------------------------------------------------------------------------ the seed example


def test_the_seed_example_has_nothing_above_info():
    page = PageData.from_blocks(extract_blocks(SEED.read_text(encoding="utf-8")))
    found = list(schemaorg.check(page))
    assert found and {f.severity for f in found} == {"info"}
    assert {f.code for f in found} == {"schemaorg/pending"}  # Quotation, Claim, ReportageNewsArticle...
