"""schema.org facts (newsld._vocab), their derivation, and the conformance of newsld's models and output to them."""

from __future__ import annotations

import json
import types
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Union, get_args, get_origin

import pytest

from _support.common import REPO, tool
from newsld import _vocab, models, to_jsonld
from newsld._types import DateTime, Text, Url

build_vocab = tool("build_vocab")

SHARED_VOCAB = Path(__file__).resolve().parents[2].parent / "shared" / "vocab" / "schemaorg-30.0"

MODEL_CLASSES = [
    cls
    for cls in vars(models).values()
    if isinstance(cls, type) and issubclass(cls, models.SchemaOrgModel) and cls is not models.SchemaOrgModel
]
# A model whose annotations name a later definition is completed by pydantic on first use; complete them all now so
# that their field annotations are resolved rather than forward references.
for _cls in MODEL_CLASSES:
    _cls.model_rebuild()

# Properties the graph adds to nodes without a model field for them (see _graph.build_graph).
DERIVED_PROPERTIES = [("Quotation", "isPartOf", "NewsArticle"), ("Claim", "appearance", "NewsArticle")]

# Fields whose schema.org range is a kind of Text narrower than Text that newsld holds as plain validated Text: any
# string is lexically such a value, and newsld does not parse CSS or XPath.
TEXT_MEANT_AS = {"cssSelector": "CssSelectorType", "xpath": "XPathType"}

# Real departures from schema.org 30.0, kept visible: each is an expected failure that turns into a failure once fixed.
_PIXELS = ("schema.org's range is Distance or QuantitativeValue; Google's image guidance counts pixels and news pages "
           "(Yoast, WordPress, most of the corpus) give them as a plain number, as newsld does")
KNOWN_VIOLATIONS: dict = {
    ("ImageObject", "width"): _PIXELS,
    ("ImageObject", "height"): _PIXELS,
    ("ListItem", "item"): "schema.org's range is Thing; Google's breadcrumb guidance gives the page's URL, as newsld does",
    ("SearchAction", "query-input"): "Google's annotation of the target's variable, not a schema.org 30.0 property "
                                     "(newsld check knows it)",
}


def _validator_func(alias) -> Any:
    return get_args(alias)[1].func


# Text, Url and DateTime are all Annotated[str, validator]: the validator tells them apart. Pydantic moves the
# validator of a field annotated directly with one of them into FieldInfo.metadata, so it is looked for there too.
STRING_TYPES = {_validator_func(Text): "Text", _validator_func(Url): "URL", _validator_func(DateTime): "DateTime"}


def value_types(annotation: Any, metadata: tuple = ()) -> set[str]:
    """The schema.org types a field annotated ``annotation`` can hold: Optional, List, Union and Annotated unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return value_types(inner, (*extra, *metadata))
    if origin in (Union, types.UnionType):
        return set().union(*(value_types(arg) for arg in get_args(annotation) if arg is not type(None)))
    if origin is list:
        return value_types(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, models.SchemaOrgModel):
        return {schema_type(annotation)}
    if annotation is str:
        found = {STRING_TYPES[item.func] for item in metadata if getattr(item, "func", None) in STRING_TYPES}
        if len(found) != 1:
            raise TypeError(f"cannot tell which schema.org data type a str with {metadata!r} is")
        return found
    # bool before int: a bool is an int to Python, never a Number to schema.org.
    for python_type, name in ((bool, "Boolean"), (int, "Integer"), (float, "Float")):
        if annotation is python_type:
            return {name}
    raise TypeError(f"no schema.org type for annotation {annotation!r}")


def schema_type(cls: type) -> str:
    field = cls.model_fields["type"]
    assert get_origin(field.annotation) is Literal and get_args(field.annotation) == (field.default,)
    return field.default


def field_types(cls: type, name: str) -> set[str]:
    field = cls.model_fields[name]
    return value_types(field.annotation, tuple(field.metadata))


def property_fields() -> Iterator[tuple[str, str, set[str]]]:
    """(schema.org type, property, value types) for every property field of every model, and the derived ones."""
    for cls in MODEL_CLASSES:
        for name, field in cls.model_fields.items():
            if name not in ("type", "id"):
                property_name = field.serialization_alias or name
                found = field_types(cls, name)
                if property_name in TEXT_MEANT_AS and found == {"Text"}:
                    found = {TEXT_MEANT_AS[property_name]}
                yield schema_type(cls), property_name, found
    for type_name, prop, value_type in DERIVED_PROPERTIES:
        yield type_name, prop, {value_type}


def _expected_failure(type_name: str, prop: str) -> list:
    reason = KNOWN_VIOLATIONS.get((type_name, prop))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


PROPERTY_CASES = [
    pytest.param(type_name, prop, found, id=f"{type_name}.{prop}", marks=_expected_failure(type_name, prop))
    for type_name, prop, found in property_fields()
]


# ------------------------------------------------------------------------------------------- the data file itself


def test_data_file_matches_a_fresh_derivation(tmp_path):
    vocabulary = SHARED_VOCAB / "schemaorg-current-https.jsonld"
    context = SHARED_VOCAB / "schemaorgcontext.jsonld"
    if not (vocabulary.is_file() and context.is_file()):
        pytest.skip(f"schema.org 30.0 release files not found under {SHARED_VOCAB}; cannot re-derive the data file")
    out = tmp_path / "schemaorg-30.0.json"
    assert build_vocab.main([str(vocabulary), str(context), "--out", str(out)]) == 0
    committed = files("newsld").joinpath("data").joinpath(_vocab.DATA_FILE).read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "data file is stale: re-run python tools/build_vocab.py"


def test_data_file_is_compact_and_credited():
    data = files("newsld").joinpath("data").joinpath(_vocab.DATA_FILE).read_bytes()
    assert len(data) < 400_000
    assert "schema.org 30.0" in _vocab.source_note() and "CC BY-SA 3.0" in _vocab.source_note()
    assert _vocab.schema_version() == "30.0"


def test_derive_keeps_schema_org_facts_only():
    vocabulary = {
        "@graph": [
            {"@id": "schema:Text", "@type": ["schema:DataType", "rdfs:Class"]},
            {"@id": "schema:URL", "@type": "rdfs:Class", "rdfs:subClassOf": {"@id": "schema:Text"}},
            {"@id": "schema:Thing", "@type": "rdfs:Class"},
            {
                "@id": "schema:Claim",
                "@type": "rdfs:Class",
                "rdfs:subClassOf": [{"@id": "schema:Thing"}, {"@id": "fibo:Assertion"}],
                "schema:isPartOf": {"@id": "https://pending.schema.org"},
            },
            {
                "@id": "schema:url",
                "@type": "rdf:Property",
                "schema:domainIncludes": {"@id": "schema:Thing"},
                "schema:rangeIncludes": {"@id": "schema:URL"},
            },
            {
                "@id": "schema:oldUrl",
                "@type": "rdf:Property",
                "schema:domainIncludes": [{"@id": "schema:Thing"}],
                "schema:rangeIncludes": [{"@id": "schema:URL"}],
                "schema:supersededBy": {"@id": "schema:url"},
            },
            {"@id": "schema:True", "@type": "schema:Boolean"},
            {"@id": "unece:Invoice", "@type": "rdfs:Class"},
        ]
    }
    context = {"@context": {"@vocab": "http://schema.org/", "url": {"@id": "schema:url", "@type": "@id"}}}
    derived = build_vocab.derive(vocabulary, context, "0.1")
    assert derived["types"] == {"Text": [], "URL": ["Text"], "Thing": [], "Claim": ["Thing"]}
    assert derived["dataTypes"] == ["Text", "URL"]
    assert derived["properties"]["oldUrl"] == {"domainIncludes": ["Thing"], "rangeIncludes": ["URL"]}
    assert derived["supersededBy"] == {"oldUrl": ["url"]}
    assert derived["members"] == {"True": ["Boolean"]}
    assert derived["layers"] == {"pending": ["Claim"]}
    assert derived["context"] == {"@vocab": "http://schema.org/", "@id": ["url"]}
    assert "schema.org 0.1" in derived["source"]
    text = build_vocab.dumps(derived)
    assert json.loads(text) == derived
    assert text == build_vocab.dumps(json.loads(text)), "output must not depend on the order of the input"


# ------------------------------------------------------------------------------------------------- the API


def test_type_hierarchy_is_transitive_and_includes_the_type():
    assert _vocab.supertypes("ReportageNewsArticle") == {
        "ReportageNewsArticle",
        "NewsArticle",
        "Article",
        "CreativeWork",
        "Thing",
    }
    assert _vocab.supertypes("Thing") == {"Thing"}
    assert _vocab.supertypes("URL") == {"URL", "Text"}
    assert _vocab.supertypes("Integer") == {"Integer", "Number"}


def test_data_types_subtype_in_ranges():
    assert _vocab.in_range("headline", "URL")  # a URL is a Text
    assert _vocab.in_range("copyrightYear", "Integer")  # an Integer is a Number
    assert not _vocab.in_range("url", "Text")  # but not every Text is a URL
    assert not _vocab.in_range("wordCount", "Float")
    assert _vocab.in_range("author", "NewsMediaOrganization")
    assert not _vocab.in_range("author", "Place")
    assert _vocab.is_data_type("URL") and _vocab.is_data_type("DateTime") and not _vocab.is_data_type("Thing")


def test_domains_reach_through_supertypes():
    assert _vocab.in_domain("headline", "OpinionNewsArticle")
    assert _vocab.in_domain("dateline", "NewsArticle")
    assert not _vocab.in_domain("dateline", "Article")
    assert not _vocab.in_domain("headline", "Person")
    assert "NewsArticle" in _vocab.property_domains("dateline")
    assert _vocab.property_ranges("spokenByCharacter") == {"Organization", "Person"}


def test_unknown_terms_raise_key_error_naming_the_term():
    assert not _vocab.is_type("NewsArtikel") and not _vocab.is_property("headLine")
    with pytest.raises(KeyError, match="'NewsArtikel' is not a schema.org 30.0 type"):
        _vocab.supertypes("NewsArtikel")
    with pytest.raises(KeyError, match="'headLine' is not a schema.org 30.0 property"):
        _vocab.in_domain("headLine", "NewsArticle")
    with pytest.raises(KeyError, match="not a schema.org 30.0 type"):
        _vocab.in_range("headline", "Txt")


def test_sections_superseded_terms_and_enumerations():
    assert _vocab.is_pending("Quotation") and _vocab.is_pending("backstory")
    assert not _vocab.is_pending("NewsArticle") and _vocab.layer("NewsArticle") == "core"
    assert _vocab.layer("Newspaper") == "bib"
    assert _vocab.superseded_by("episodes") == ("episode",)
    assert _vocab.superseded_by("episode") == ()
    assert _vocab.is_enumeration_member("EventScheduled") and not _vocab.is_type("EventScheduled")
    assert _vocab.enumerations_of("True") == {"Boolean"}


def test_context_coercions():
    assert {"url", "sameAs", "image", "mainEntityOfPage", "isPartOf"} <= _vocab.id_coerced_properties()
    assert "headline" not in _vocab.id_coerced_properties()
    assert "firstAppearance" not in _vocab.id_coerced_properties()
    assert {"datePublished", "dateModified", "startDate"} <= _vocab.date_coerced_properties()
    assert len(_vocab.id_coerced_properties()) == 80 and len(_vocab.date_coerced_properties()) == 46


# ------------------------------------------------------------------------------------- conformance of the models


def test_annotation_mapping():
    assert field_types(models.NewsArticle, "url") == {"URL"}  # required: pydantic keeps its validator in metadata
    assert field_types(models.Thing, "url") == {"URL"}
    assert field_types(models.Thing, "name") == {"Text"}
    assert field_types(models.Event, "startDate") == {"DateTime"}
    assert field_types(models.NewsArticle, "image") == {"URL", "ImageObject"}
    assert field_types(models.NewsArticle, "author") == {"Person", "Organization", "NewsMediaOrganization"}
    assert field_types(models.Rating, "ratingValue") == {"Integer", "Float"}
    assert field_types(models.NewsArticle, "wordCount") == {"Integer"}
    assert field_types(models.WebPageElement, "isAccessibleForFree") == {"Boolean"}
    assert "Claim" in field_types(models.NewsArticle, "mentions")
    with pytest.raises(TypeError, match="no schema.org type"):
        value_types(bytes)
    with pytest.raises(TypeError, match="cannot tell"):
        value_types(str)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_model_type_is_a_schema_org_type(cls):
    assert _vocab.is_type(schema_type(cls)), f"{cls.__name__}: @type {schema_type(cls)!r} is not in schema.org 30.0"
    assert not _vocab.is_data_type(schema_type(cls))


def test_model_classes_cover_the_documented_set():
    assert {schema_type(cls) for cls in MODEL_CLASSES} >= {
        "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "Person", "Organization", "NewsMediaOrganization", "Place",
        "Event", "ImageObject", "WebPage", "WebPageElement", "SpeakableSpecification", "Quotation", "Claim", "Rating",
        "ClaimReview", "CorrectionComment", "GeoCoordinates", "Thing",
    }  # fmt: skip


@pytest.mark.parametrize("type_name, prop, found", PROPERTY_CASES)
def test_model_property_conforms(type_name, prop, found):
    assert _vocab.is_property(prop), f"{prop!r} is not a schema.org 30.0 property"
    assert _vocab.in_domain(prop, type_name), (
        f"{type_name}.{prop}: domain is {sorted(_vocab.property_domains(prop))}, none a supertype of {type_name}"
    )
    outside = sorted(value for value in found if not _vocab.in_range(prop, value))
    assert not outside, f"{type_name}.{prop}: {outside} not within range {sorted(_vocab.property_ranges(prop))}"


def emitted_terms() -> set[str]:
    return {term for type_name, prop, _ in property_fields() for term in (type_name, prop)}


# The "pending in schema.org 30.0" list of docs/models.md: update both together.
PENDING_TERMS_EMITTED = [
    "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle", "Claim", "CorrectionComment",
    "NewsMediaOrganization", "OpinionNewsArticle", "Quotation", "ReportageNewsArticle", "ReviewNewsArticle",
    "acquireLicensePage", "actionableFeedbackPolicy", "appearance", "backstory", "claimInterpreter", "copyrightNotice",
    "correction", "correctionsPolicy", "creditText", "diversityPolicy", "ethicsPolicy", "jobTitle",
    "masthead", "ownershipFundingInfo", "ratingExplanation", "spokenByCharacter", "unnamedSourcesPolicy",
    "verificationFactCheckingPolicy",
]  # fmt: skip


def test_pending_terms_emitted_are_the_documented_ones():
    assert sorted(term for term in emitted_terms() if _vocab.is_pending(term)) == PENDING_TERMS_EMITTED
    docs = (REPO / "docs" / "models.md").read_text(encoding="utf-8")
    listed = docs.split("core; consumers may ignore them):", 1)[1].split("\n\n")[1]
    assert [term.strip() for term in listed.replace("\n", " ").rstrip(".").split(",")] == PENDING_TERMS_EMITTED


def test_no_superseded_terms_are_emitted():
    assert {term: _vocab.superseded_by(term) for term in emitted_terms() if _vocab.superseded_by(term)} == {}


# ----------------------------------------------------------------------------------- conformance of the output


def _sample_article() -> models.NewsArticle:
    base = "https://news.example/2024/05/summit"
    return models.ReportageNewsArticle.model_validate(
        {
            "headline": "Leaders meet in Geneva",
            "url": base,
            "mainEntityOfPage": base,
            "datePublished": "2024-05-01T09:00:00+02:00",
            "dateModified": "2024-05-01T12:00:00+02:00",
            "inLanguage": "en",
            "image": [{"url": f"{base}/lead.jpg", "caption": "The venue", "creditText": "A. Photographer"}],
            "author": [
                "Ana Reporter",
                {"name": "Ben Editor", "worksFor": {"@type": "Organization", "name": "The Daily Example"}},
            ],
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": "The Daily Example",
                "logo": {"url": "https://news.example/logo.png"},
                "correctionsPolicy": "https://news.example/corrections",
                "masthead": "https://news.example/masthead",
            },
            "contentLocation": [
                {"name": "Geneva", "geo": {"latitude": 46.2, "longitude": 6.15}, "containedInPlace": {"name": "CH"}}
            ],
            "about": [
                {"@type": "Event", "name": "Geneva summit", "startDate": "2024-05-01T08:00:00+02:00"},
                {"@type": "Thing", "name": "Diplomacy", "sameAs": "https://www.wikidata.org/wiki/Q1231"},
            ],
            "mentions": [
                {
                    "@type": "Claim",
                    "text": "Talks will last a week.",
                    "author": "A Minister",
                }
            ],
            "hasPart": [
                {
                    "@type": "Quotation",
                    "text": "We are here to talk.",
                    "spokenByCharacter": {"@type": "Person", "name": "A Minister", "jobTitle": "Minister"},
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Talks will last a week",
                    "itemReviewed": {"text": "Talks will last a week.", "author": "A Minister"},
                    "reviewRating": {"ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Unlikely"},
                    "url": f"{base}#check",
                },
                {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
            ],
            "isAccessibleForFree": False,
            "speakable": {"cssSelector": [".headline"]},
            "correction": [{"text": "The venue was misnamed.", "datePublished": "2024-05-01T12:00:00+02:00"}],
            "wordCount": 640,
            "copyrightYear": 2024,
        }
    )


def _typed_objects(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _typed_objects(item)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from _typed_objects(item)


def _literal_fits(prop: str, value: Any) -> bool:
    """Whether a JSON literal can be a value of ``prop``: its JSON kind matches a data type in the range."""
    if isinstance(value, bool):
        return _vocab.in_range(prop, "Boolean")
    if isinstance(value, int):
        return _vocab.in_range(prop, "Integer")
    if isinstance(value, float):
        return _vocab.in_range(prop, "Float")
    # A string is a textual literal, or an IRI where the context coerces the property to @id.
    return prop in _vocab.id_coerced_properties() or any(
        _vocab.is_data_type(kind) and _vocab.supertypes(kind).isdisjoint({"Number", "Boolean"})
        for kind in _vocab.property_ranges(prop)
    )


def emitted_problems(doc: dict) -> list[str]:
    objects = list(_typed_objects(doc["@graph"]))
    type_of = {obj["@id"]: obj["@type"] for obj in objects if "@id" in obj}
    problems = []
    for obj in objects:
        type_name = obj["@type"]
        if not _vocab.is_type(type_name):
            problems.append(f"unknown type {type_name!r}")
            continue
        for prop, value in obj.items():
            if prop.startswith("@"):
                continue
            where = f"{type_name}.{prop}"
            if not _vocab.is_property(prop):
                problems.append(f"{where}: unknown property")
                continue
            if not _vocab.in_domain(prop, type_name):
                problems.append(f"{where}: not in domain")
            if (type_name, prop) in KNOWN_VIOLATIONS:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    item_type = item.get("@type") or type_of[item["@id"]]
                    fits = _vocab.in_range(prop, item_type)
                else:
                    item_type, fits = type(item).__name__, _literal_fits(prop, item)
                if not fits:
                    problems.append(f"{where}: a {item_type} value is outside range")
    return problems


def test_emitted_graph_uses_known_in_domain_terms_with_fitting_values():
    doc = to_jsonld(_sample_article())
    emitted_types = {obj["@type"] for obj in _typed_objects(doc["@graph"])}
    assert {"ReportageNewsArticle", "Quotation", "Claim", "ClaimReview", "Rating", "WebPageElement",
            "NewsMediaOrganization", "GeoCoordinates", "CorrectionComment", "ImageObject"} <= emitted_types  # fmt: skip
    assert emitted_problems(doc) == []


def test_emitted_problems_are_reported():
    doc = {
        "@graph": [
            {"@type": "NewsArticle", "@id": "a", "headline": "x", "spokenByCharacter": {"@id": "p"}, "bogus": 1},
            {"@type": "Place", "@id": "p", "name": "Somewhere", "author": {"@id": "a"}, "latitude": True},
            {"@type": "Gadget", "@id": "g"},
        ]
    }
    assert emitted_problems(doc) == [
        "NewsArticle.spokenByCharacter: not in domain",
        "NewsArticle.spokenByCharacter: a Place value is outside range",
        "NewsArticle.bogus: unknown property",
        "Place.author: not in domain",
        "Place.author: a NewsArticle value is outside range",
        "Place.latitude: a bool value is outside range",
        "unknown type 'Gadget'",
    ]
