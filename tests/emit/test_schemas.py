"""The JSON Schemas in schemas/: up to date with the models, valid 2020-12, and in agreement with newsld itself.

The authoring schema is checked against newsld.load case by case (what one accepts the other accepts); the document
schema against what to_jsonld emits, for hand-built articles, the examples and generated ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Annotated

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from pydantic import AfterValidator

import newsld
from newsld import (
    BreadcrumbList,
    Claim,
    ClaimReview,
    CorrectionComment,
    Event,
    GeoCoordinates,
    ImageObject,
    NewsArticle,
    NewsMediaOrganization,
    Organization,
    Person,
    Place,
    Quotation,
    SearchAction,
    WebSite,
    Rating,
    SpeakableSpecification,
    Thing,
    WebPage,
    WebPageElement,
)
from newsld._authoring import ENTITY_CLASSES, parse
from newsld._schemas import (
    SCHEMA_FILES,
    _describe,
    authoring_schema,
    document_schema,
    schema_text,
    write_schemas,
)
from newsld.cli import main
from newsld.models import ARTICLE_CLASSES

from _support.common import ARTICLE_URL, minimal
from _support.strategies import articles, examples

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"
REGENERATE = "run `newsld schema --out-dir schemas/` and commit the result"


@pytest.fixture(scope="module")
def authoring() -> Draft202012Validator:
    return Draft202012Validator(authoring_schema())


@pytest.fixture(scope="module")
def document() -> Draft202012Validator:
    return Draft202012Validator(document_schema())


def best_match_of(error):
    return best_match([error])


def messages(validator: Draft202012Validator, instance) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(instance)]


# ------------------------------------------------------------------------------------------- files and dialect


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_models(name):
    committed = SCHEMAS / name
    assert committed.is_file(), f"schemas/{name} is missing; {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == schema_text(SCHEMA_FILES[name]()), (
        f"schemas/{name} is out of date with the models; {REGENERATE}"
    )


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_is_valid_2020_12(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    major_minor = ".".join(newsld.__version__.split(".")[:2])
    assert schema["$id"] == f"https://newsld.example/schemas/{major_minor}/{name}"
    assert schema["title"] and schema["description"]


def test_schema_text_is_deterministic_sorted_and_ends_with_a_newline():
    text = schema_text(document_schema())
    assert text == schema_text(document_schema())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert json.loads(text) == document_schema()
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_returned_schemas_are_fresh_copies():
    first = document_schema()
    first["$defs"]["Iri"]["pattern"] = "mutated"
    first["$defs"]["Person"]["anyOf"].clear()
    assert document_schema()["$defs"]["Iri"]["pattern"] != "mutated"
    assert document_schema()["$defs"]["Person"]["anyOf"]


def test_models_have_the_properties_pydantic_reports():
    # pydantic's own JSON Schema cannot say one-or-many, default @type or local id, but it does know every property.
    definitions = authoring_schema()["$defs"]
    for name, cls in {**ENTITY_CLASSES, "ImageObject": ImageObject, "WebPageElement": WebPageElement}.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = cls.model_json_schema(by_alias=True, mode="validation")
        # A recursive model (Place, Organization) is a reference to its own definition (inside allOf in older pydantic).
        reference = expected.get("$ref") or expected.get("allOf", [{}])[0].get("$ref")
        if reference:
            expected = expected["$defs"][reference.rsplit("/", 1)[1]]
        assert sorted(definitions[name]["properties"]) == sorted(expected["properties"]), name
        assert sorted(definitions[name].get("required", [])) == sorted(expected.get("required", [])), name


def test_the_generator_refuses_what_it_cannot_describe():
    # A validator the schema does not know about must stop generation, not yield a looser schema without a word.
    def shout(value: str) -> str:
        return value.upper()

    with pytest.raises(TypeError, match="shout"):
        _describe(Annotated[str, AfterValidator(shout)])


# ------------------------------------------------------------------------------------------------ command line


def test_cli_writes_both_schemas_equal_to_the_committed_ones(tmp_path, capsys):
    out = tmp_path / "nested" / "schemas"
    assert main(["schema", "--out-dir", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / name) for name in SCHEMA_FILES]
    for name in SCHEMA_FILES:
        written = (out / name).read_text(encoding="utf-8")
        assert written == schema_text(SCHEMA_FILES[name]())
        committed = SCHEMAS / name
        if committed.is_file():
            assert written == committed.read_text(encoding="utf-8"), f"schemas/{name} is stale; {REGENERATE}"


def test_write_schemas_overwrites_and_returns_the_paths(tmp_path):
    (tmp_path / "jsonld.schema.json").write_text("stale", encoding="utf-8")
    paths = write_schemas(tmp_path)
    assert [path.name for path in paths] == ["authoring.schema.json", "jsonld.schema.json"]
    assert json.loads(paths[1].read_text(encoding="utf-8"))["title"].startswith("newsld JSON-LD document")
    assert b"\r\n" not in paths[0].read_bytes()


def test_emitting_never_imports_jsonschema_or_the_schema_module():
    code = (
        "import sys, newsld\n"
        f"article = newsld.load({json.dumps(json.dumps(minimal()))}, format='json')\n"
        "newsld.dumps(article); newsld.to_script_tag(article)\n"
        "print(sorted(m for m in ('jsonschema', 'newsld._schemas') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------- document schema


def _full_article(cls=NewsArticle) -> NewsArticle:
    """An article that uses every kind of node and embedded value newsld emits."""
    publisher = NewsMediaOrganization(
        name="The Daily Example",
        url="https://news.example.com/",
        logo=ImageObject(url="https://news.example.com/logo.png"),
        publishingPrinciples="https://news.example.com/principles",
        correctionsPolicy="https://news.example.com/corrections",
        ethicsPolicy="https://news.example.com/ethics",
        masthead="https://news.example.com/masthead",
        parentOrganization=Organization(name="Example Holdings"),
    )
    reporter = Person(name="Jane Doe", jobTitle="Correspondent", worksFor=[publisher], sameAs="https://example.org/jd")
    minister = Person(name="Dmitry Medvedev", honorificPrefix="Prime Minister", image="https://example.org/dm.jpg")
    source = Person(description="a source close to the Russian military")
    diplomats = Organization(description="Western diplomats")
    country = Place(name="Syria", geo=GeoCoordinates(latitude=35, longitude=38.5))
    city = Place(name="Aleppo", containedInPlace=country)
    campaign = Event(
        name="Russian air campaign in Syria",
        startDate="2015-09-30T00:00:00+03:00",
        location=[country],
    )
    claim = Claim(text="300 missions a day are planned", author=source, claimInterpreter=publisher)
    return cls(
        headline="Russian officials want 300 missions a day",
        alternativeHeadline="Moscow steps up air strikes",
        description="Russia plans to triple its air missions.",
        url=ARTICLE_URL,
        mainEntityOfPage=WebPage(
            url=ARTICLE_URL,
            name="Talks",
            isPartOf=WebSite(url="https://news.example.com/", name="The Daily Example", publisher=publisher,
                             potentialAction=SearchAction(target="https://news.example.com/s?q={search_term_string}")),
            breadcrumb=BreadcrumbList.of(("World", "https://news.example.com/world"), ("Talks", None)),
        ),
        image=[
            "https://news.example.com/a.jpg",
            ImageObject(
                id="urn:newsld-test:image:1", url="https://news.example.com/b.jpg", caption="Jets", creditText="AFP"
            ),
        ],
        thumbnailUrl="https://news.example.com/thumb.jpg",
        datePublished="2015-10-19T12:00:00+00:00",
        dateModified="2015-10-20T08:00:00Z",
        author=[reporter],
        editor=[Person(name="Sam Editor")],
        contributor=[source],
        publisher=publisher,
        copyrightHolder=publisher,
        copyrightYear=2015,
        articleSection=["World", "Middle East"],
        keywords=["Syria", "Russia"],
        inLanguage="en",
        dateline="MOSCOW",
        about=[campaign, Thing(name="Air power")],
        mentions=[minister, diplomats, claim, city],
        citation=["https://www.thetimes.co.uk/"],
        correction=[
            CorrectionComment(text="An earlier version misspelt Aleppo.", datePublished="2015-10-20T08:00:00Z")
        ],
        backstory="Compiled from agency reports.",
        isAccessibleForFree=False,
        hasPart=[
            Quotation(text="We are fighting terrorists", spokenByCharacter=minister, about=[country]),
            Quotation(text="there is a lot of nervousness", spokenByCharacter=diplomats),
            WebPageElement(isAccessibleForFree=False, cssSelector=".paywall"),
            ClaimReview(
                claimReviewed="300 missions a day are planned",
                itemReviewed=claim,
                reviewRating=Rating(ratingValue=2, worstRating=1, bestRating=5, alternateName="Unproven"),
                author=publisher,
                datePublished="2015-10-21T10:00:00+00:00",
            ),
        ],
        speakable=SpeakableSpecification(cssSelector=[".headline", ".summary"]),
        wordCount=469,
        locationCreated=Place(name="Moscow"),
        contentLocation=[country, city],
        articleBody="Russian officials ...",
    )


def _explicit_ids_article() -> NewsArticle:
    speaker = Person(id="urn:isni:0000000121032683", name="Vladimir Putin")
    return NewsArticle(
        id="https://news.example.com/ids/article",
        headline="Explicit identifiers",
        url="https://news.example.com/ids",
        publisher=Organization(id="https://news.example.com/#org", name="The Daily Example"),
        hasPart=[Quotation(id="urn:newsld-test:quotation:1", text="Yes.", spokenByCharacter=speaker)],
        speakable=SpeakableSpecification(xpath="/html/head/title"),
    )


ARTICLES = {
    "minimal": lambda: NewsArticle.model_validate(minimal()),
    "full": _full_article,
    "explicit ids": _explicit_ids_article,
    **{f"full {name}": (lambda cls=cls: _full_article(cls)) for name, cls in ARTICLE_CLASSES.items()},
}


@pytest.mark.parametrize("name", ARTICLES)
def test_emitted_documents_validate(document, name):
    doc = newsld.to_jsonld(ARTICLES[name]())
    assert messages(document, doc) == []


def test_the_full_article_exercises_every_definition(document):
    doc = newsld.to_jsonld(_full_article())
    types_emitted = set()

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            types_emitted.add(value.get("@type"))
            for item in value.values():
                walk(item)

    walk(doc["@graph"])
    described = {
        name for name, definition in document.schema["$defs"].items()
        if "const" in definition.get("properties", {}).get("@type", {})
    }
    assert len(described) > 15
    assert described <= types_emitted, f"not exercised by this test: {sorted(described - types_emitted)}"


def _example_documents():
    found = sorted(EXAMPLES.glob("*.jsonld"))
    return found or [pytest.param(None, marks=pytest.mark.skip(reason="no examples/*.jsonld yet"))]


@pytest.mark.parametrize("path", _example_documents(), ids=lambda path: getattr(path, "name", "none"))
def test_example_documents_validate(document, path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert messages(document, doc) == []


@examples(40)
@given(articles())
def test_generated_articles_emit_valid_documents(document, article):
    assert messages(document, newsld.to_jsonld(article)) == []


def _without_id(doc):
    del doc["@graph"][1]["@id"]


def _reference_with_extra_key(doc):
    article = doc["@graph"][0]
    article["publisher"] = {**article["publisher"], "name": "The Daily Example"}


def _node_embedded_instead_of_referenced(doc):
    article = doc["@graph"][0]
    article["publisher"] = next(node for node in doc["@graph"] if node["@id"] == article["publisher"]["@id"])


def _unknown_property(doc):
    doc["@graph"][0]["foo"] = "bar"


def _unknown_property_in_embedded_value(doc):
    doc["@graph"][0]["speakable"]["voice"] = "calm"


def _quotation_without_back_link(doc):
    quotation = next(node for node in doc["@graph"] if node["@type"] == "Quotation")
    del quotation["isPartOf"]


def _article_not_first(doc):
    doc["@graph"].append(doc["@graph"].pop(0))


def _second_article(doc):
    doc["@graph"].append({**doc["@graph"][0], "@id": ARTICLE_URL + "#/article-2"})


def _one_or_many_not_an_array(doc):
    doc["@graph"][0]["keywords"] = "Syria"


NEGATIVE_DOCUMENTS = {
    "node without @id": _without_id,
    "reference with extra keys": _reference_with_extra_key,
    "node embedded in graph form": _node_embedded_instead_of_referenced,
    "context over http": lambda doc: doc.update({"@context": "http://schema.org"}),
    "context with a slash": lambda doc: doc.update({"@context": "https://schema.org/"}),
    "no context": lambda doc: doc.pop("@context"),
    "key beside @graph": lambda doc: doc.update({"@id": ARTICLE_URL}),
    "unknown property": _unknown_property,
    "unknown property in an embedded value": _unknown_property_in_embedded_value,
    "unknown @type": lambda doc: doc["@graph"][1].update({"@type": "Dog"}),
    "relative @id": lambda doc: doc["@graph"][1].update({"@id": "#/person/jane-doe"}),
    "javascript @id": lambda doc: doc["@graph"][1].update({"@id": "javascript:alert(1)"}),
    "@id with a space": lambda doc: doc["@graph"][1].update({"@id": "urn:a b"}),
    "quotation without isPartOf": _quotation_without_back_link,
    "article not first": _article_not_first,
    "two articles": _second_article,
    "single value for an array property": _one_or_many_not_an_array,
    "relative url": lambda doc: doc["@graph"][0].update({"url": "/news/talks"}),
    "naive date": lambda doc: doc["@graph"][0].update({"datePublished": "2015-10-19T12:00:00"}),
    "empty @graph": lambda doc: doc.update({"@graph": []}),
}


@pytest.mark.parametrize("name", NEGATIVE_DOCUMENTS)
def test_document_schema_rejects(document, name):
    doc = newsld.to_jsonld(_full_article())
    assert document.is_valid(doc)
    NEGATIVE_DOCUMENTS[name](doc)
    assert not document.is_valid(doc), f"accepted a document with a {name}"


# ------------------------------------------------------------------------------------------- authoring schema


def _as_source(data) -> str:
    # Indented, so that load() never takes the text for a file name.
    return json.dumps(data, indent=1)


def _load_outcome(data) -> bool:
    try:
        newsld.load(_as_source(data), format="json")
    except newsld.NewsldValidationError:
        return False
    return True


ENTITIES = {
    "jane": {"@type": "Person", "name": "Jane Doe", "worksFor": "daily"},
    "daily": {"@type": "NewsMediaOrganization", "name": "The Daily", "correctionsPolicy": "https://x.example/c"},
    "putin": {"@type": "Person", "name": "Vladimir Putin", "sameAs": "https://www.wikidata.org/wiki/Q7747"},
    "syria": {"@type": "Place", "name": "Syria", "geo": {"latitude": 35, "longitude": 38}},
    "war": {"@type": "Event", "name": "Syrian civil war", "location": "syria", "startDate": "2011-03-15T00:00:00Z"},
    "q1": {"@type": "Quotation", "text": "The talks will go on.", "spokenByCharacter": "putin", "about": "war"},
    "claim1": {"@type": "Claim", "text": "Troops have left.", "author": "putin"},
    "review": {
        "@type": "ClaimReview",
        "claimReviewed": "Troops have left.",
        "itemReviewed": "claim1",
        "reviewRating": {"alternateName": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
    },
    "airpower": {"@type": "Thing", "name": "Air power"},
}
WITH_ENTITIES = minimal(
    author=["jane"],
    publisher="daily",
    mentions=["putin", "claim1", "airpower"],
    about="war",
    hasPart=["q1", "review", {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}],
    entities=ENTITIES,
)

VALID_SOURCES = {
    "minimal": minimal(),
    "with entities": WITH_ENTITIES,
    "article subtype": minimal(**{"@type": "AnalysisNewsArticle"}),
    "explicit @id": minimal(**{"@id": "urn:newsld-test:article"}),
    "single values for one-or-many": minimal(
        keywords="Syria", image="https://news.example.com/a.jpg", citation="https://x.example/"
    ),
    "inline author without @type": minimal(author={"name": "Jane Doe", "jobTitle": "Correspondent"}),
    "inline publisher without @type": minimal(publisher={"name": "The Daily Example"}),
    "inline typed publisher": minimal(
        publisher={"@type": "NewsMediaOrganization", "name": "Daily", "masthead": "https://x.example/m"}
    ),
    "inline place without @type": minimal(locationCreated={"name": "Moscow", "containedInPlace": {"name": "Russia"}}),
    "mainEntityOfPage as a URL": minimal(mainEntityOfPage=ARTICLE_URL),
    "mainEntityOfPage as a WebPage": minimal(mainEntityOfPage={"url": ARTICLE_URL, "name": "Talks"}),
    "image object": minimal(image={"@type": "ImageObject", "url": "https://news.example.com/a.jpg", "caption": "Jets"}),
    "null optional values": minimal(description=None, author=None, keywords=None),
    "unnamed source": minimal(author={"description": "a source close to the military"}),
    "corrections and speakable": minimal(
        correction={"text": "Fixed a name.", "datePublished": "2024-05-02T10:00:00+02:00"},
        speakable={"xpath": ["/html/head/title"]},
        isAccessibleForFree=True,
        wordCount=12,
        copyrightYear=2024,
    ),
    "dates in several ISO forms": minimal(
        datePublished="2024-05-01T09:30Z",
        dateModified="2024-05-01 12:00:00.250+02:00",
        dateCreated="2024-05-01T07+00:00",
    ),
    "upper-case URL scheme": minimal(url="HTTPS://NEWS.EXAMPLE.COM/a"),
}


@pytest.mark.parametrize("name", VALID_SOURCES)
def test_authoring_schema_accepts_what_load_accepts(authoring, name):
    data = VALID_SOURCES[name]
    assert _load_outcome(data), "the case itself must be valid for newsld.load"
    assert messages(authoring, data) == []


def _with_entity(**entity):
    return minimal(mentions=["x"], entities={"x": entity})


INVALID_SOURCES = {
    "unknown top-level key": minimal(subtitle="nope"),
    "missing headline": {"url": ARTICLE_URL},
    "empty headline": minimal(headline=""),
    "unknown article @type": minimal(**{"@type": "BlogPosting"}),
    "entity without @type": _with_entity(name="Vladimir Putin"),
    "entity of an unknown @type": _with_entity(**{"@type": "Dog", "name": "Rex"}),
    "entity with an unknown property": _with_entity(**{"@type": "Person", "name": "Jane", "nickname": "J"}),
    "entities not a mapping": minimal(entities=["putin"]),
    "inline mention without @type": minimal(mentions=[{"name": "Vladimir Putin"}]),
    "inline speaker without @type": minimal(
        hasPart=[{"@type": "Quotation", "text": "Yes.", "spokenByCharacter": {"name": "Putin"}}]
    ),
    "quotation without a speaker": minimal(hasPart=[{"@type": "Quotation", "text": "Yes."}]),
    "person with neither name nor description": minimal(author={"jobTitle": "Correspondent"}),
    "organization with a null name only": minimal(publisher={"name": None}),
    "publisher with a person's property": minimal(publisher={"name": "Daily", "jobTitle": "Paper"}),
    "speakable with both locators": minimal(speakable={"cssSelector": ".a", "xpath": "/b"}),
    "speakable with neither locator": minimal(speakable={}),
    "relative url": minimal(url="/news/talks"),
    "javascript url": minimal(image="javascript:alert(1)"),
    "url with a space": minimal(url="https://news.example.com/a b"),
    "url with a trailing newline": minimal(url=ARTICLE_URL + "\n"),
    "url without a host": minimal(url="https://?q=1"),
    "naive date-time": minimal(datePublished="2024-05-01T09:30:00"),
    "date without a time": minimal(datePublished="2024-05-01"),
    "impossible month": minimal(datePublished="2024-13-01T09:30:00Z"),
    "date with a trailing newline": minimal(datePublished="2024-05-01T09:30:00Z\n"),
    "number as author": minimal(author=42),
    "negative word count": minimal(wordCount=-1),
    "latitude out of range": minimal(locationCreated={"name": "Nowhere", "geo": {"latitude": 91, "longitude": 0}}),
    "data: @id": minimal(**{"@id": "data:text/html,hi"}),
    "relative @id": minimal(**{"@id": "#/article"}),
    "claim without an author": _with_entity(**{"@type": "Claim", "text": "Troops have left.", "author": []}),
}


@pytest.mark.parametrize("name", INVALID_SOURCES)
def test_authoring_schema_rejects_what_load_rejects(authoring, name):
    data = INVALID_SOURCES[name]
    assert not _load_outcome(data), "the case itself must be invalid for newsld.load"
    assert not authoring.is_valid(data), f"accepted a source with a {name}"


def test_authoring_errors_point_at_the_property(authoring):
    # Unions pick their member by @type, so an error names the property at fault rather than "not valid under any".
    data = minimal(
        subtitle="nope",
        wordCount="many",
        publisher={"@type": "Dog"},
        mentions=[{"@type": "Person", "name": "Putin", "nick": "VVP"}],
        entities={"syria": {"@type": "Place", "nam": "Syria"}},
    )
    found = sorted((error.json_path, error.message) for error in map(best_match_of, authoring.iter_errors(data)))
    assert found == [
        ("$", "Additional properties are not allowed ('subtitle' was unexpected)"),
        ("$.entities.syria", "'name' is a required property"),
        ("$.entities.syria", "Additional properties are not allowed ('nam' was unexpected)"),
        ("$.mentions[0]", "Additional properties are not allowed ('nick' was unexpected)"),
        ("$.publisher['@type']", "'Dog' is not one of ['Person', 'Organization', 'NewsMediaOrganization']"),
        ("$.wordCount", "'many' is not of type 'integer', 'null'"),
    ]


def test_document_errors_point_at_the_node(document):
    doc = newsld.to_jsonld(_full_article())
    person = next(index for index, node in enumerate(doc["@graph"]) if node["@type"] == "Person")
    doc["@graph"][person]["nickname"] = "JD"
    [error] = document.iter_errors(doc)
    assert (error.json_path, error.message) == (
        f"$['@graph'][{person}]",
        "Additional properties are not allowed ('nickname' was unexpected)",
    )


_YAML_SOURCE = """\
"@type": ReportageNewsArticle
headline: Putin says the talks will go on
url: https://news.example.com/2024/05/talks
datePublished: 2024-05-01T09:30:00+02:00
author: [jane]
publisher: daily
keywords: diplomacy
mentions: [putin, claim1]
hasPart:
  - q1
  - {"@type": WebPageElement, isAccessibleForFree: false, cssSelector: .paywall}
isAccessibleForFree: false
entities:
  jane: {"@type": Person, name: Jane Doe, jobTitle: Correspondent}
  daily: {"@type": NewsMediaOrganization, name: The Daily Example, url: "https://news.example.com/"}
  putin: {"@type": Person, name: Vladimir Putin}
  q1: {"@type": Quotation, text: The talks will go on., spokenByCharacter: putin}
  claim1: {"@type": Claim, text: Russia has withdrawn its troops., author: putin}
"""


@pytest.mark.parametrize("fixture", ["yaml", "json"])
def test_authoring_schema_accepts_source_files(authoring, tmp_path, fixture):
    source = {"yaml": _YAML_SOURCE, "json": json.dumps(WITH_ENTITIES, indent=2)}[fixture]
    data, _ = parse(source, fixture)
    assert messages(authoring, data) == []
    newsld.load(source, format=fixture)




def test_authoring_schema_accepts_the_seed_example(authoring):
    seed = EXAMPLES / "syria-air-missions.md"
    data, _ = parse(seed.read_text(encoding="utf-8"), "markdown")
    assert messages(authoring, data) == []


@examples(40)
@given(articles())
def test_authoring_schema_accepts_dumped_articles(authoring, article):
    # Every model dumps to inline authoring data that load reads back; the schema must accept it as well.
    data = article.model_dump(by_alias=True, exclude_none=True, mode="json")
    newsld.load(_as_source(data), format="json")
    assert messages(authoring, data) == []


def test_local_ids_are_strings_only_where_references_go(authoring):
    assert authoring.is_valid(minimal(author="jane", entities={"jane": {"@type": "Person", "name": "Jane"}}))
    # A string where no reference may go is not an entity id: a correction is always written inline.
    assert not authoring.is_valid(minimal(correction="fix1"))
