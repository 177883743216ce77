"""The round trip: page → extruct → the same JSON, the same models, an isomorphic RDF graph; and its failure reports."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsld
from _support.common import FIXTURES, make_article
from newsld import RoundTripResult, roundtrip
from newsld._rdf import (
    SCHEMA_ORG_CONTEXT_URLS,
    ContextRefused,
    _resolved_contexts,
    canonical_nquads,
    compare_rdf,
    load_document,
)
from newsld._diff import MISSING, Difference, json_diff
from newsld.cli import main
from _support.strategies import HOSTILE, articles, examples, texts

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.md"))
SOURCES = EXAMPLES + sorted(FIXTURES.glob("article*.*"))
GENERATED = 1000
LONG = 10 * 1024


@pytest.fixture(scope="module")
def showcase():
    return newsld.load(EXAMPLES[0])


def tamper(monkeypatch, change):
    """Make extruct hand back ``change(document)`` instead of what the page carries."""
    import extruct

    original = extruct.JsonLdExtractor.extract

    def extract(self, *args, **kwargs):
        return [change(json.loads(json.dumps(doc))) for doc in original(self, *args, **kwargs)]

    monkeypatch.setattr(extruct.JsonLdExtractor, "extract", extract)


def set_headline(value):
    def change(doc):
        doc["@graph"][0]["headline"] = value
        return doc

    return change


# ------------------------------------------------------------------------------------------------- round trips hold


def test_the_examples_exist():
    assert EXAMPLES, "examples/*.md is empty: the round trip would prove nothing"


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_every_example_round_trips(source):
    article = newsld.load(source)
    result = roundtrip(article)
    assert result.ok, str(result)
    assert result.extracted == result.emitted == newsld.to_jsonld(article)
    assert str(result) == f"round trip OK: {result.nodes} nodes, JSON equal, models equal, RDF isomorphic"
    assert result.nodes == len(result.emitted["@graph"]) >= 1
    assert 'type="application/ld+json"' in result.page


def long_texts() -> st.SearchStrategy[str]:
    """10 KB and more: a hostile piece repeated, with an arbitrary tail (drawing 10 K characters one by one is slow)."""
    return st.builds(
        lambda piece, tail: piece * (LONG // len(piece) + 1) + tail,
        st.one_of(texts(min_size=1), st.just("".join(HOSTILE))),
        texts(),
    )


@st.composite
def long_articles(draw):
    article = draw(articles())
    return article.model_copy(
        update={"headline": draw(long_texts()), "articleBody": draw(long_texts()), "description": draw(long_texts())}
    )


def test_generated_articles_round_trip():
    tried = []

    @examples(GENERATED)
    @given(st.one_of(articles(), long_articles()))
    def check(article):
        tried.append(len(article.headline))
        result = roundtrip(article)
        assert result.ok, str(result)

    check()
    print(f"round trip held on {len(tried)} generated articles, {sum(n >= LONG for n in tried)} with 10 KB+ strings")
    assert len(tried) >= GENERATED
    assert sum(length >= LONG for length in tried) >= GENERATED // 10


def test_hostile_text_survives_exactly():
    nasty = "".join(HOSTILE) + "\u2028\u2029&lt;&amp;&#8217;<script><!--]]></script>"
    article = make_article(headline=nasty, articleBody=nasty * 400, description="'single' \"double\" 𝔘 \u202eabc")
    result = roundtrip(article)
    assert result.ok, str(result)
    assert result.extracted["@graph"][0]["headline"] == nasty
    assert len(result.extracted["@graph"][0]["articleBody"]) > LONG


# ------------------------------------------------------------------------------------------------------- json_diff


def test_json_diff_types_matter():
    assert json_diff(1, 1.0) == [Difference("$", 1, 1.0)]
    assert json_diff(1, True) == [Difference("$", 1, True)]
    assert json_diff(1.0, True) == [Difference("$", 1.0, True)]
    assert json_diff(0, False) == [Difference("$", 0, False)]
    assert json_diff(None, "") == [Difference("$", None, "")]
    assert json_diff({"a": [1]}, {"a": {"0": 1}}) == [Difference("$.a", [1], {"0": 1})]
    assert json_diff([1, 2.5, True, None, "x"], [1, 2.5, True, None, "x"]) == []


def test_json_diff_paths_missing_and_extra():
    expected = {"@graph": [{"@id": "a", "author": [{"@id": "p"}, {"@id": "q"}]}], "@context": "https://schema.org"}
    found = {"@context": "https://schema.org", "@graph": [{"@id": "a", "author": [{"@id": "p"}], "extra": 1}]}
    assert json_diff(expected, found) == [
        Difference("$.@graph[0].author[1]", {"@id": "q"}, MISSING),
        Difference("$.@graph[0].extra", MISSING, 1),
    ]
    assert json_diff(found, expected)[0] == Difference("$.@graph[0].author[1]", MISSING, {"@id": "q"})
    assert str(Difference("$.x", "a", MISSING)) == "$.x: expected 'a', found (missing)"


def test_json_diff_ignores_key_order_not_list_order():
    assert json_diff({"a": 1, "b": 2}, {"b": 2, "a": 1}) == []
    assert json_diff([1, 2], [2, 1]) == [Difference("$[0]", 1, 2), Difference("$[1]", 2, 1)]


def test_difference_shortens_long_values():
    text = str(Difference("$.articleBody", "x" * 5000, "y"))
    assert len(text) < 300 and "5002 characters" in text


# ---------------------------------------------------------------------------------------------- failures reported


def test_tampered_document_gives_a_precise_diff(monkeypatch, showcase):
    tamper(monkeypatch, set_headline("Something else"))
    result = roundtrip(showcase)
    assert not result.ok and not result.json_equal and not result.models_equal
    assert result.json_differences == (Difference("$.@graph[0].headline", showcase.headline, "Something else"),)
    assert result.model_differences == (Difference("$.headline", showcase.headline, "Something else"),)
    assert not result.rdf_isomorphic
    assert "1 statement(s) only in the expected graph" in result.rdf_explanation
    assert '<http://schema.org/headline> "Something else"' in result.rdf_explanation
    report = str(result)
    assert report.startswith("round trip FAILED (52 nodes)")
    assert "JSON: $.@graph[0].headline: expected 'Russian Officials" in report
    assert "RDF: not isomorphic" in report


def test_a_number_turned_into_a_float_or_a_boolean_is_a_difference(monkeypatch):
    def change(doc):
        doc["@graph"][0]["wordCount"] = 12.0
        doc["@graph"][0]["isAccessibleForFree"] = 1
        return doc

    tamper(monkeypatch, change)
    result = roundtrip(make_article(wordCount=12, isAccessibleForFree=True))
    assert result.json_differences == (
        Difference("$.@graph[0].isAccessibleForFree", True, 1),
        Difference("$.@graph[0].wordCount", 12, 12.0),
    )
    assert not result.ok and not result.rdf_isomorphic


def test_a_changed_id_is_not_isomorphic(showcase):
    doc = newsld.to_jsonld(showcase)
    changed = json.loads(json.dumps(doc).replace("#/person/vladimir-putin", "#/person/someone-else"))
    comparison = compare_rdf(doc, changed)
    assert not comparison.isomorphic
    assert "#/person/someone-else>" in comparison.explanation
    assert "only in the expected graph" in comparison.explanation and "only in the found graph" in comparison.explanation
    assert compare_rdf(doc, json.loads(json.dumps(doc))).isomorphic


def test_json_and_rdf_are_independent_checks(monkeypatch):
    # The http context denotes the same graph: only the JSON comparison objects.
    tamper(monkeypatch, lambda doc: {**doc, "@context": "http://schema.org/"})
    result = roundtrip(make_article())
    assert result.json_differences == (Difference("$.@context", "https://schema.org", "http://schema.org/"),)
    assert result.models_equal and result.rdf_isomorphic and not result.ok


def test_document_that_does_not_parse_back(monkeypatch):
    def change(doc):
        del doc["@graph"][0]["headline"]
        return doc

    tamper(monkeypatch, change)
    result = roundtrip(make_article())
    assert result.json_differences == (Difference("$.@graph[0].headline", "Talks will go on", MISSING),)
    assert "does not parse back into an article" in result.model_error and "headline" in result.model_error
    assert not result.models_equal and not result.ok


def test_nothing_extracted(monkeypatch):
    import extruct

    monkeypatch.setattr(extruct.JsonLdExtractor, "extract", lambda self, *args, **kwargs: [])
    result = roundtrip(make_article())
    assert result.extraction_error == "extruct found 0 JSON-LD documents, expected 1"
    assert result.extracted is None and not result.ok and not result.rdf_isomorphic
    assert "extraction: extruct found 0" in str(result)


def with_body_of(size: int):
    """The example-sized article whose script element's JSON is ``size`` UTF-8 bytes, as near as the body allows."""
    from newsld._roundtrip import to_script_tag, to_jsonld

    article = make_article().model_copy(update={"articleBody": "x"})
    tag = to_script_tag(to_jsonld(article))
    overhead = len(tag[tag.index(">") + 1: tag.rindex("<")].encode()) - 1
    return article.model_copy(update={"articleBody": "Long article text. " * ((size - overhead) // 19)})


def test_a_big_article_round_trips_up_to_extructs_limit():
    result = roundtrip(with_body_of(9_990_000))
    assert result.ok, str(result)


def test_a_bigger_article_says_which_limit_of_extruct_it_hits():
    result = roundtrip(with_body_of(10_100_000))
    assert not result.ok and result.extracted is None
    assert result.extraction_error.startswith("extruct cannot read this page: its JSON-LD is 10,09")
    assert "at most 10,000,000 bytes of one element's text" in result.extraction_error
    assert "JSONDecodeError" not in str(result)


def test_roundtrip_wants_an_article():
    with pytest.raises(TypeError, match="NewsArticle"):
        roundtrip({"@context": "https://schema.org"})


# ------------------------------------------------------------------------------------------------ offline context


def test_loader_serves_schema_org_only():
    assert len(SCHEMA_ORG_CONTEXT_URLS) == 6
    for url in SCHEMA_ORG_CONTEXT_URLS:
        served = load_document(url, {})
        assert served["documentUrl"] == url and served["contextUrl"] is None
        assert served["document"]["@context"]["@vocab"] == "http://schema.org/"
    for url in ("https://example.org/context.jsonld", "https://www.schema.org", "https://schema.org/Person",
                "file:///etc/passwd", "schema.org"):
        with pytest.raises(ContextRefused, match="refusing to load"):
            load_document(url)


def test_foreign_context_is_refused_not_fetched(monkeypatch):
    block_network(monkeypatch)
    doc = {"@context": "https://example.org/context.jsonld", "@type": "Thing", "name": "x"}
    comparison = compare_rdf(doc, doc)
    assert not comparison.isomorphic
    assert "expected document does not expand to RDF: ContextRefused" in comparison.explanation


def block_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("newsld tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_roundtrip_stays_offline(monkeypatch, showcase):
    block_network(monkeypatch)
    _resolved_contexts().clear()  # so the context is loaded again, under the block
    for url in ("https://schema.org", "http://schema.org/"):
        doc = {**newsld.to_jsonld(showcase), "@context": url}
        assert "<http://schema.org/headline>" in canonical_nquads(doc)
    assert roundtrip(showcase).ok


def test_dates_are_compared_as_the_context_types_them(showcase):
    # schema.org 30.0 types datePublished as Date (its generator's bug); both sides get the same treatment.
    assert '"2015-10-19T12:00:00+00:00"^^<http://schema.org/Date>' in canonical_nquads(newsld.to_jsonld(showcase))


def test_import_newsld_loads_neither_extruct_nor_pyld():
    code = "import sys, newsld; print(sorted(m for m in ('extruct', 'pyld', 'newsld._roundtrip') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert newsld.roundtrip is roundtrip and newsld.RoundTripResult is RoundTripResult
    with pytest.raises(AttributeError):
        newsld.no_such_name


# -------------------------------------------------------------------------------------------------------- the CLI


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_ok(capsys):
    status, out, err = run(capsys, "roundtrip", str(EXAMPLES[0]))
    assert (status, err) == (0, "")
    assert out == "round trip OK: 52 nodes, JSON equal, models equal, RDF isomorphic\n"


def test_cli_reads_stdin(capsys, monkeypatch):
    data = (FIXTURES / "article.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status, out, _ = run(capsys, "roundtrip", "--input-format", "yaml", "-")
    assert status == 0 and out.startswith("round trip OK: ")


def test_cli_reports_differences_with_exit_1(capsys, monkeypatch):
    tamper(monkeypatch, set_headline("Something else"))
    status, out, _ = run(capsys, "roundtrip", str(EXAMPLES[0]))
    assert status == 1
    assert out.startswith("round trip FAILED (52 nodes)\nJSON: $.@graph[0].headline: expected 'Russian Officials")
    assert "models: $.headline:" in out and "RDF: not isomorphic" in out


def test_cli_usage_and_invalid_input(capsys):
    status, _, err = run(capsys, "roundtrip", "no-such-file.yaml")
    assert status == 2 and "no such file" in err
    status, _, err = run(capsys, "roundtrip", str(FIXTURES / "relative-url.yaml"))
    assert status == 1 and err


def test_without_the_roundtrip_extra_the_round_trip_says_what_to_install(monkeypatch, capsys):
    # A plain `pip install newsld` leaves extruct and pyld out (a CMS that only emits needs neither).
    import importlib.util

    EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "syria-air-missions.md"

    from newsld.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "extruct" else real(name, *a))
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'newsld\[roundtrip\]' \(extruct not installed\)"):
        newsld.roundtrip(newsld.load(EXAMPLE))
    assert main(["roundtrip", str(EXAMPLE)]) == 2
    assert "pip install 'newsld[roundtrip]'" in capsys.readouterr().err
