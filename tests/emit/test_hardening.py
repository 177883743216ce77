"""Hostile input to the models and the article sources: nothing valid is lost, nothing invalid gets through unreported,
nothing reads a file it was not given or opens a connection.

Every test counts what it tried (``tally``); the counts are printed at the end of the run.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import socket
import typing
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import newsld
from _support.common import ARTICLE_URL, FIXTURES, minimal
from newsld import (
    NewsArticle,
    NewsldValidationError,
    from_jsonld,
    load,
    models,
    to_jsonld,
    to_script_tag,
)
from newsld._authoring import build
from newsld._errors import problems_from_pydantic
from newsld.check._extract import extract_blocks
from newsld.integrity._quotes import draft
from newsld._types import _check_iri, check_url
from newsld.cli import main
from _support.strategies import HOSTILE, articles, examples, hostile_texts, texts
from _support.tally import tried

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(newsld.__file__).resolve().parent
EXAMPLE_SOURCE = REPO / "examples" / "syria-air-missions.md"
EXAMPLE_PAGE = REPO / "examples" / "syria-air-missions.html"

ROUND_TRIPS = 400
INVALID_SOURCES = 300
INVALID_DOCUMENTS = 300


# ---------------------------------------------------------------------------------------------- valid: nothing lost


def _page(tag: str) -> str:
    return f"<!doctype html><html><head><title>t</title>{tag}</head><body><p>{HOSTILE[0]}</p></body></html>"


@st.composite
def hostile_articles(draw):
    """A generated article, some with the fragments that end a script element in their headline and body."""
    article = draw(articles())
    if draw(st.booleans()):
        text = draw(hostile_texts())
        article = article.model_copy(update={"headline": text, "articleBody": text * 3})
    return article


def test_every_valid_article_round_trips_through_a_script_element():
    @examples(ROUND_TRIPS)
    @given(hostile_articles())
    def check(article):
        tried("articles generated and round-tripped (models → JSON-LD → <script> → extraction → models)")
        doc = to_jsonld(article)
        tag = to_script_tag(article)
        body = tag[len('<script type="application/ld+json">') : -len("</script>")]
        # Nothing in the element's text can end it, open a comment, or mean something to an entity decoder.
        assert not any(char in body for char in "<>&\u2028\u2029")
        [block] = extract_blocks(_page(tag))
        assert (block.error, block.limit, block.notes) == (None, None, ())
        assert block.values == (doc,)
        assert from_jsonld(block.values[0]) == article
        assert from_jsonld(json.dumps(doc)) == article

    check()


def test_source_text_is_kept_verbatim_never_stripped_or_decoded():
    @examples(150)
    @given(st.one_of(hostile_texts(), texts(min_size=1)).filter(lambda text: text.strip() == text and text))
    def check(text):
        tried("hostile strings kept verbatim through JSON, YAML and Markdown sources")
        source = minimal(headline=text, description=text, keywords=[text])
        from_json = load(json.dumps(source, ensure_ascii=False).encode("utf-8"), format="json")
        from_yaml = load(yaml.safe_dump(source, allow_unicode=True, default_style='"').encode("utf-8"), format="yaml")
        for article in (from_json, from_yaml):
            assert article.headline == article.description == text and article.keywords == [text]
        markdown = f"---\nheadline: x\nurl: {ARTICLE_URL}\n---\n\n{text.replace(chr(13), '')}\n"
        assert load(markdown.encode("utf-8"), format="markdown").articleBody == text.replace("\r", "").strip("\n")

    check()


@pytest.mark.parametrize("text", [
    "Tom &amp; Jerry", "&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b> <script>alert(1)</script>", "&#x3c;script&#x3e;",
    "&amp;amp;amp;", "<!-- comment -->", "]]>", "a\u2028b\u2029c", "\u202eevil", "</script><script>alert(1)</script>",
])
def test_markup_and_references_are_text_and_come_back_unchanged(text):
    tried("hostile strings kept verbatim through JSON, YAML and Markdown sources")
    article = load(f"headline: {json.dumps(text)}\nurl: {ARTICLE_URL}\narticleBody: {json.dumps(text)}\n".encode())
    assert article.headline == article.articleBody == text
    tag = to_script_tag(article)
    assert tag.count("</script") == 1 and "<!--" not in tag and "&" not in tag
    [block] = extract_blocks(_page(tag))
    assert block.values[0]["@graph"][0]["headline"] == text


# ------------------------------------------------------------------------------- invalid: newsld's error, every time

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
BAD_VALUES = st.one_of(
    json_values,
    st.sampled_from([
        None, 0, -1, 1.5, True, [], {}, "", " ", "\x00", "\ud800", "x" * 300,
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " https://example.com/", "data:text/html,<script>", "/relative",
        "2024-05-01T09:30:00", "2024-05-01", "yesterday", "2024-13-45T99:99:99Z", "NaN", 10 ** 40, -(10 ** 40),
        "putin", "nobody", {"@id": "https://example.com/#x"}, {"@type": "Person"}, {"@type": "Nope", "name": "x"},
        [None], [[]], {"@type": ["Person", "Organization"], "name": "x"},
    ]),
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


@st.composite
def mutated(draw, base):
    """``base`` with one to four mutations: a value replaced, a key dropped or renamed, an unknown key added."""
    doc = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(_paths(doc))))
        if not path:
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        operation = draw(st.sampled_from(["replace", "replace", "drop", "rename", "add"]))
        if operation == "replace":
            parent[path[-1]] = _copy(draw(BAD_VALUES))
        elif operation == "drop":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            key = draw(st.text(max_size=10))
            parent[key] = parent.pop(path[-1]) if operation == "rename" else _copy(draw(BAD_VALUES))
    return doc


def _copy(value):
    # The sampled values are shared between examples: a later mutation must not reach into them.
    return json.loads(json.dumps(value))


AUTHORING_BASE = json.loads((FIXTURES / "article.json").read_text(encoding="utf-8"))


def _expect_newsld_error(call) -> None:
    """``call()`` succeeds or raises NewsldValidationError with well-formed problems; anything else fails the test."""
    try:
        call()
    except NewsldValidationError as exc:
        assert exc.problems, "an error without problems"
        for problem in exc.problems:
            assert isinstance(problem.path, str) and problem.message and "\n" not in problem.message
            assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        assert str(exc).count("\n") == len(exc.problems)


def _yaml_source(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, default_style='"').encode("utf-8", "surrogatepass")


def test_invalid_article_sources_give_newsld_errors_only():
    @examples(INVALID_SOURCES)
    @given(st.one_of(mutated(AUTHORING_BASE), mutated(AUTHORING_BASE), json_values))
    def check(data):
        tried("invalid article sources (mutated or random) loaded")
        text = json.dumps(data, ensure_ascii=False)
        _expect_newsld_error(lambda: build(data))
        _expect_newsld_error(lambda: load(text.encode("utf-8", "surrogatepass"), format="json"))
        _expect_newsld_error(lambda: load(text, format="json"))
        if "\n" not in text:  # one line of text could name a file: untrusted text goes in as bytes (see SECURITY.md)
            _expect_newsld_error(lambda: load(text + "\n"))
        _expect_newsld_error(lambda: load(_yaml_source(data), format="yaml"))

    check()


def test_random_text_and_bytes_as_sources_give_newsld_errors_only():
    @examples(200)
    @given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda text: text.encode("utf-8"))),
           st.sampled_from([None, "yaml", "json", "toml", "markdown"]))
    def check(data, format):
        tried("random byte strings loaded as article sources")
        _expect_newsld_error(lambda: load(data, format=format))
        _expect_newsld_error(lambda: load(b"---\n" + data + b"\n---\nbody", format=format))

    check()


def test_invalid_jsonld_documents_give_newsld_errors_only():
    emitted = to_jsonld(load(FIXTURES / "article.yaml"))

    @examples(INVALID_DOCUMENTS)
    @given(st.one_of(mutated(emitted), mutated(emitted), json_values, st.text(max_size=50), st.binary(max_size=50)))
    def check(doc):
        tried("invalid JSON-LD documents parsed with from_jsonld")
        _expect_newsld_error(lambda: from_jsonld(doc))
        if not isinstance(doc, (str, bytes)):
            _expect_newsld_error(lambda: from_jsonld(json.dumps(doc)))

    check()


def test_model_construction_raises_pydantics_validation_error_only():
    """Direct model construction is pydantic's contract: ValidationError (a ValueError), which newsld's entry points
    turn into NewsldValidationError; never another exception."""
    base = minimal(author=[{"@type": "Person", "name": "Jane"}], datePublished="2024-05-01T09:30:00Z",
                   image="https://news.example.com/a.jpg", keywords=["a"], wordCount=3)

    @examples(200)
    @given(st.one_of(mutated(base), json_values))
    def check(data):
        tried("invalid inputs to model construction")
        try:
            NewsArticle.model_validate(data)
        except ValidationError as exc:
            assert problems_from_pydantic(exc)

    check()


def test_each_problem_is_listed_with_its_path_and_line():
    source = (
        "headline: 5\n"
        "url: javascript:alert(1)\n"
        "datePublished: 2024-05-01T09:30:00\n"
        "wordCount: many\n"
        "headlin: typo\n"
        "author: [nobody]\n"
        "hasPart: [q]\n"
        "entities:\n"
        "  q: {'@type': Quotation, text: words}\n"
    )
    with pytest.raises(NewsldValidationError) as caught:
        load(source.encode())
    found = {(problem.path, problem.line) for problem in caught.value.problems}
    assert found == {
        ("headline", 1), ("url", 2), ("datePublished", 3), ("wordCount", 4), ("headlin", 5), ("author[0]", 6),
        ("entities.q.spokenByCharacter", 9),
    }
    messages = {problem.path: problem.message for problem in caught.value.problems}
    assert "'javascript:' URLs are not allowed" in messages["url"]
    assert "no timezone" in messages["datePublished"]
    assert "unknown entity id 'nobody'" in messages["author[0]"]


# ------------------------------------------------------------------------------------------- unpaired surrogates

@pytest.mark.parametrize("properties, path", [
    ({"headline": "a\ud800b"}, "headline"),
    ({"description": "\udfff"}, "description"),
    ({"keywords": ["ok", "\ud83d"]}, "keywords[1]"),
    ({"url": "https://example.com/\ud800"}, "url"),
    ({"datePublished": "\ud800"}, "datePublished"),
    ({"author": [{"@type": "Person", "name": "\udc00"}]}, "author[0].name"),
    ({"hasPart": [{"@type": "Quotation", "text": "\udc00", "spokenByCharacter": {"@type": "Person", "name": "J"}}]},
     "hasPart[0].text"),
])
def test_an_unpaired_surrogate_gets_newsld_s_message_naming_the_field(properties, path):
    tried("hostile strings: unpaired surrogates")
    with pytest.raises(ValidationError) as caught:
        NewsArticle.model_validate(minimal(**properties))
    [problem] = problems_from_pydantic(caught.value)
    assert problem.path == path
    assert "unpaired surrogate U+D" in problem.message and "text must be valid Unicode" in problem.message
    with pytest.raises(NewsldValidationError) as caught:
        load(json.dumps(minimal(**properties)))  # \\uXXXX escapes in JSON text can spell a lone surrogate
    assert [(p.path, "unpaired surrogate" in p.message) for p in caught.value.problems] == [(path, True)]


def test_an_unpaired_surrogate_in_a_property_name_is_named_too():
    with pytest.raises(NewsldValidationError) as caught:
        load(json.dumps(minimal(**{"head\ud800line": "x"})))
    [problem] = caught.value.problems
    assert "is not valid Unicode (it holds an unpaired surrogate)" in problem.message and "\\ud800" in problem.message


# ----------------------------------------------------------------------------------------------------- URL fields

GOOD_URL = "https://news.example.com/a"
# What a browser would run or resolve against the page, in the spellings that slip past naive checks.
HOSTILE_URLS = (
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "javascript:alert(1) ",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "\x00javascript:alert(1)", "javascript\x00:alert(1)",
    "\x01javascript:alert(1)", "javascript&#58;alert(1)", "javascript&colon;alert(1)", "\u200bjavascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "data:text/html,<script>alert(1)</script>", "DATA:text/html;base64,PHNjcmlwdD4=", " data:,x",
    "vbscript:msgbox(1)", "VBScript:msgbox(1)", "vbscript\t:msgbox(1)",
    "file:///etc/passwd", "FILE:///etc/passwd",
    "/relative/path", "relative/path", "./x", "../x", "?q=1", "#fragment", "//evil.example/x", "", " ",
    "https:", "https://", "https:/example.com", "https:javascript:alert(1)", "ftp://example.com/x",
    "https://exa mple.com/", "https://example.com/\x7f", "https://example.com/\n",
)
HOSTILE_IDS = tuple(
    url for url in HOSTILE_URLS if url not in ("https:", "ftp://example.com/x", "https:/example.com", "https://")
    and not url.startswith("https:javascript")
)
IMAGE = {"@type": "ImageObject", "url": GOOD_URL}
MINIMAL = {
    models.Thing: {"name": "x"},
    models.Person: {"name": "x"},
    models.Organization: {"name": "x"},
    models.NewsMediaOrganization: {"name": "x"},
    models.Place: {"name": "x"},
    models.GeoCoordinates: {"latitude": 0, "longitude": 0},
    models.Event: {"name": "x"},
    models.ImageObject: {"url": GOOD_URL},
    models.WebPage: {"url": GOOD_URL},
    models.WebSite: {"url": GOOD_URL, "name": "Example News"},
    models.SearchAction: {"target": GOOD_URL + "?q={search_term_string}"},
    models.ListItem: {"position": 1, "name": "World"},
    models.BreadcrumbList: {"itemListElement": [{"position": 1, "name": "World"}]},
    models.WebPageElement: {"isAccessibleForFree": False, "cssSelector": ".paywall"},
    models.SpeakableSpecification: {"xpath": "/html/head/title"},
    models.Quotation: {"text": "x", "spokenByCharacter": {"@type": "Person", "name": "Jane"}},
    models.Claim: {"text": "x", "author": "Jane"},
    models.Rating: {"alternateName": "False"},
    models.ClaimReview: {"claimReviewed": "x", "itemReviewed": {"text": "x", "author": "Jane"},
                         "reviewRating": {"alternateName": "False"}},
    models.CorrectionComment: {"text": "x", "datePublished": "2024-05-01T09:30:00Z"},
    **{cls: {"headline": "x", "url": GOOD_URL} for cls in models.ARTICLE_CLASSES.values()},
}
MODEL_CLASSES = [
    cls for cls in vars(models).values()
    if isinstance(cls, type) and issubclass(cls, models.SchemaOrgModel) and cls is not models.SchemaOrgModel
]


def _validated_by(annotation, function) -> bool:
    if any(getattr(meta, "func", None) is function for meta in getattr(annotation, "__metadata__", ())):
        return True
    return any(_validated_by(argument, function) for argument in typing.get_args(annotation))


def fields_checked_by(cls, function) -> list:
    """The aliases of ``cls``'s fields whose type, at any depth, runs ``function`` on a string (Url, Iri)."""
    return [
        field.serialization_alias or name
        for name, field in cls.model_fields.items()
        if any(getattr(meta, "func", None) is function for meta in field.metadata)
        or _validated_by(field.annotation, function)
    ]


URL_FIELDS = [(cls, name) for cls in MODEL_CLASSES for name in fields_checked_by(cls, check_url)]
ID_FIELDS = [(cls, name) for cls in MODEL_CLASSES for name in fields_checked_by(cls, _check_iri)]


def test_every_model_is_covered_and_the_introspection_finds_the_url_fields():
    assert set(MODEL_CLASSES) == set(MINIMAL)
    assert len(URL_FIELDS) >= 40 and len(ID_FIELDS) >= 15
    assert {"url", "sameAs", "image", "logo", "license", "citation", "isBasedOn", "thumbnailUrl", "masthead"} <= {
        name for _, name in URL_FIELDS}


@pytest.mark.parametrize("cls, name", URL_FIELDS + ID_FIELDS,
                         ids=lambda value: value.__name__ if isinstance(value, type) else value)
def test_every_url_field_of_every_model_rejects_script_data_and_relative_urls(cls, name):
    hostile = HOSTILE_IDS if name == "@id" else HOSTILE_URLS
    good = f"{GOOD_URL}#/x" if name == "@id" else GOOD_URL
    if cls is models.SearchAction:
        good += "?q={search_term_string}"  # a search target names where the query goes
    cls.model_validate({**MINIMAL[cls], name: good})  # the field takes a good URL: the test is not vacuous
    for value in hostile:
        for given_as in (value, [value]) if name != "@id" else (value,):
            tried("hostile URLs tried in every URL and @id field of every model")
            with pytest.raises(ValidationError) as caught:
                cls.model_validate({**MINIMAL[cls], name: given_as})
            locations = {problem.path.split("[")[0].split(".")[0] for problem in problems_from_pydantic(caught.value)}
            assert locations == {name}, (value, locations)


def test_main_entity_of_page_given_as_a_url_is_checked_as_one():
    for value in HOSTILE_URLS:
        tried("hostile URLs tried in every URL and @id field of every model")
        with pytest.raises(ValidationError):
            NewsArticle.model_validate(minimal(mainEntityOfPage=value))


def test_hostile_urls_in_a_source_are_reported_at_their_line():
    lines = [f"  - {json.dumps(url)}" for url in HOSTILE_URLS if url.strip()]
    source = f"headline: x\nurl: {ARTICLE_URL}\nisBasedOn:\n" + "\n".join(lines) + "\n"
    with pytest.raises(NewsldValidationError) as caught:
        load(source.encode("utf-8"))
    assert [problem.line for problem in caught.value.problems] == list(range(4, 4 + len(lines)))


# ------------------------------------------------------------------------------------------------------ YAML safely


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/object:os.PathLike {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!include {marker}",
])
def test_yaml_constructs_no_objects(tmp_path, tag):
    tried("hostile YAML sources")
    marker = tmp_path / "pwned"
    with pytest.raises(NewsldValidationError) as caught:
        load(f"headline: {tag.format(marker=marker)}\nurl: {ARTICLE_URL}\n".encode())
    assert not marker.exists()
    assert caught.value.problems[0].line == 1


def test_yaml_billion_laughs_are_refused_at_the_first_anchor():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    source = f"headline: x\nurl: {ARTICLE_URL}\n" + "\n".join(levels) + "\n"
    tried("hostile YAML sources")
    with pytest.raises(NewsldValidationError) as caught:
        load(source.encode())
    assert all("anchors and aliases are not accepted" in problem.message for problem in caught.value.problems)
    assert caught.value.problems[0].line == 3
    assert len(caught.value.problems) < 100  # one per anchor and alias written, not one per expansion


@pytest.mark.parametrize("format, source", [
    ("json", '{"headline": "h", "url": "https://example.com/", "about": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("yaml", "headline: h\nabout: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("yaml", "headline: h\nabout:\n" + "".join("  " * depth + "-\n" for depth in range(2_000))),
    ("toml", 'headline = "h"\nabout = ' + "[" * 5_000 + "]" * 5_000 + "\n"),
    ("markdown", "---\nheadline: h\nabout: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n---\nbody"),
])
def test_deeply_nested_sources_are_reported_not_raised(format, source):
    tried("hostile sources nested thousands of levels deep")
    with pytest.raises(NewsldValidationError) as caught:
        load(source.encode(), format=format)
    assert caught.value.problems
    with pytest.raises(NewsldValidationError):  # newsld quotes reads the source without validating it
        draft(source.encode(), format)


# ---------------------------------------------------------------------------------------- nothing else is read


@pytest.fixture
def file_reads(monkeypatch):
    """Every file newsld opens from here on (through open, io.open, os.open or pathlib)."""
    opened = []
    real_open, real_os_open = builtins.open, os.open

    def recording_open(file, *args, **kwargs):
        if not isinstance(file, int):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def recording_os_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)
    return opened


def _outside_the_package(paths) -> list:
    return [path for path in paths if PACKAGE not in Path(path).resolve().parents]


def test_nothing_in_a_source_makes_newsld_read_another_file(tmp_path, monkeypatch, file_reads):
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"headline: secret\nurl: {ARTICLE_URL}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    file_reads.clear()
    uri = secret.as_uri()
    sources = [
        ("yaml", f"$ref: secret.yaml\nheadline: x\nurl: {ARTICLE_URL}\n"),
        ("yaml", f"headline: !include secret.yaml\nurl: {ARTICLE_URL}\n"),
        ("yaml", f"<<: !include secret.yaml\nurl: {ARTICLE_URL}\n"),
        ("yaml", f"'@context': {uri}\nheadline: x\nurl: {ARTICLE_URL}\n"),
        ("yaml", f"'@context': {{'@import': {uri}}}\nheadline: x\nurl: {ARTICLE_URL}\n"),
        ("yaml", f"headline: x\nurl: {ARTICLE_URL}\nauthor: [jane]\nentities:\n"
                 f"  jane: {{'@type': Person, '@id': {secret}, name: J, sameAs: {uri}}}\n"),
        ("yaml", f"headline: x\nurl: {ARTICLE_URL}\nauthor: [secret.yaml]\nimage: secret.yaml\n"),
        ("json", json.dumps({"$ref": "secret.yaml", "headline": "x", "url": ARTICLE_URL, "isBasedOn": str(secret)})),
        ("toml", f'headline = "x"\nurl = "{ARTICLE_URL}"\n"$ref" = "secret.yaml"\nimage = "{uri}"\n'),
        ("markdown", f"---\n$ref: secret.yaml\nheadline: x\nurl: {ARTICLE_URL}\n---\n\nsecret.yaml {uri}\n"),
    ]
    for format, text in sources:
        tried("sources that point at another file ($ref, !include, @context, file URLs, paths)")
        for given_as in (text.encode("utf-8"), text if "\n" in text else text + "\n"):
            try:
                load(given_as, format=format)
            except NewsldValidationError:
                pass
    documents = [
        {"@context": uri, "@type": "NewsArticle", "headline": "x", "url": ARTICLE_URL},
        {"@context": {"@import": uri}, "@type": "NewsArticle", "headline": "x", "url": ARTICLE_URL},
        {"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "@id": str(secret), "headline": "x",
                                                        "url": ARTICLE_URL, "author": {"@id": uri}}]},
    ]
    for doc in documents:
        tried("sources that point at another file ($ref, !include, @context, file URLs, paths)")
        with pytest.raises(NewsldValidationError):
            from_jsonld(doc)
    assert file_reads == []


def test_nothing_on_a_page_makes_check_or_lift_read_a_file(tmp_path, monkeypatch, file_reads):
    secret = tmp_path / "secret.json"
    secret.write_text('{"@context": "https://schema.org", "@type": "NewsArticle"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    newsld.check_html("<p>warm-up: loads the vocabulary shipped in the package</p>")
    file_reads.clear()
    uri = secret.as_uri()
    ld = '<script type="application/ld+json"'
    page = (
        f'{ld} src="secret.json"></script>'
        f'{ld}>{{"@context": "{uri}", "@type": "NewsArticle", "headline": "x", "url": "{uri}"}}</script>'
        f'{ld}>{{"@context": {{"@import": "{uri}", "@base": "{uri}"}}, "@id": "secret.json", "$ref": "secret.json",'
        f' "@type": "Person", "image": "{secret}"}}</script>'
        f'{ld}>{{"@context": ["{uri}", "secret.json"], "@type": "ImageObject", "contentUrl": "secret.json"}}</script>'
        '<link rel="alternate" type="application/ld+json" href="secret.json">'
        '<iframe src="secret.json"></iframe><img src="secret.json">'
    )
    tried("pages that point at another file", 2)
    report = newsld.check_html(page, url=uri)
    result = newsld.lift(page.encode(), url=uri)
    assert len(report.blocks) == 4 and result.findings
    assert _outside_the_package(file_reads) == []


# ---------------------------------------------------------------------------------------------------------- offline


@pytest.fixture
def offline(monkeypatch):
    """A socket that tries to connect (or look up a name) fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"newsld tried to use the network: {args[1:] or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from newsld._rdf import _resolved_contexts

    _resolved_contexts().clear()  # the schema.org context is loaded again, under the block
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.com", 443))


def test_the_python_api_works_offline(offline):
    article = load(EXAMPLE_SOURCE)
    assert newsld.dumps(article) and newsld.to_script_tag(article) and newsld.to_client_script(article)
    assert to_jsonld(article, form="nested")["@type"] == article.type
    assert all(finding.severity == "info" for finding in newsld.integrity_findings(article))
    assert newsld.roundtrip(article).ok
    page = EXAMPLE_PAGE.read_bytes()
    assert not newsld.check_html(page, url=article.url).has_errors
    assert not newsld.check_against(article, page, url=article.url).has_errors
    assert newsld.lift(page, url=article.url).article == article
    assert from_jsonld(newsld.dumps(article)) == article


def test_the_command_line_works_offline(offline, tmp_path, capsys):
    source, page = str(EXAMPLE_SOURCE), str(EXAMPLE_PAGE)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_bytes(EXAMPLE_SOURCE.read_bytes())
    commands = [
        ["emit", source], ["emit", "--form", "nested", source], ["embed", source], ["validate", source],
        ["roundtrip", source], ["quotes", source], ["check", page], ["check", "--format", "json", page],
        ["check", "--against", source, page], ["check", "--jobs", "1", str(REPO / "examples")],
        ["schema", "--out-dir", str(tmp_path / "schemas")],
        ["batch", str(tmp_path / "articles"), "--out", str(tmp_path / "out.jsonl"), "--jobs", "1", "-q"],
    ]
    for argv in commands:
        assert main(argv) == 0, argv
        out, err = capsys.readouterr()
        assert err == "" and (out or argv[0] == "batch"), argv
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert sorted(path.name for path in (tmp_path / "schemas").iterdir()) == [
        "authoring.schema.json", "jsonld.schema.json"]
