"""``newsld check --format sarif``: valid SARIF 2.1.0 (against the OASIS schema, shipped in tests/fixtures/sarif), one
rule per code, one result per finding at its block's line and column, on the showcase, hostile pages and the corpus."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support.common import FIXTURES, REPO, SHARED
from _support.strategies import HOSTILE, examples
from newsld.check import all_codes, check_html, write_sarif
from newsld.check._sarif import LEVELS, artifact_uri
from newsld.cli import main

SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SHOWCASE = REPO / "examples" / "syria-air-missions.html"
REAL_PAGES = SHARED / "corpora" / "real-pages"


def validate(log: dict) -> None:
    """Schema validation with the formats checked too (uri and uri-reference need rfc3986-validator: a test extra)."""
    checker = jsonschema.FormatChecker()  # every format it knows: Draft 4's own list lacks uri-reference
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install the test extras (rfc3986-validator)"
    jsonschema.Draft4Validator(SCHEMA, format_checker=checker).validate(log)


def sarif_of(capsys, *argv: str) -> tuple[int, dict]:
    status = main(["check", "--format", "sarif", *argv])
    out, err = capsys.readouterr()
    assert err == ""
    return status, json.loads(out)


def test_the_shipped_schema_is_the_oasis_one():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert (FIXTURES / "sarif" / "NOTICE.md").read_text(encoding="utf-8").count("Copyright © OASIS Open") == 1


def test_the_showcase_as_sarif(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    status, log = sarif_of(capsys, "examples/syria-air-missions.html")
    validate(log)
    assert status == 0
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    codes = all_codes()
    assert [rule["id"] for rule in rules] == list(codes)
    for rule in rules:
        severity, description = codes[rule["id"]]
        assert rule["shortDescription"]["text"] == description
        assert rule["defaultConfiguration"]["level"] == LEVELS[severity]
    report = check_html(SHOWCASE.read_bytes())
    assert len(run["results"]) == len(report.all_findings) > 0
    [block] = report.blocks
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "examples/syria-air-missions.html", "index": 0}
        assert physical["region"] == {"startLine": block.line, "startColumn": block.column}
        assert location["logicalLocations"][0]["fullyQualifiedName"].startswith("block 1 $")
    assert {result["level"] for result in run["results"]} == {"note"}  # the showcase has infos only
    assert run["artifacts"] == [{"location": {"uri": "examples/syria-air-missions.html"}, "roles": ["analysisTarget"],
                                 "mimeType": "text/html"}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_levels_severity_filter_and_page_level_findings(tmp_path, capsys):
    bad = tmp_path / "bad page ü.html"
    bad.write_text('<p>x</p>\n  <script type="application/ld+json">{"@context": "https://schema.org", '
                   '"@type": "NewsArticle", "headline": "  padded  ", "author": "By Jane"}</script>\n'
                   '<script type="application/ld+json">{"broken": }</script>', encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<p>no JSON-LD here</p>", encoding="utf-8")
    status, log = sarif_of(capsys, str(bad), str(empty))
    validate(log)
    assert status == 1
    results = log["runs"][0]["results"]
    levels = {result["level"] for result in results}
    assert {"error", "warning", "note"} >= levels and "warning" in levels
    in_block = [result for result in results if "region" in result["locations"][0]["physicalLocation"]]
    assert {(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in in_block} == {(2, 3), (3, 1)}
    assert any(r["level"] == "error" and r["ruleId"] == "syntax/invalid-json" for r in in_block)
    page_level = [result for result in results if result["locations"][0]["physicalLocation"]["artifactLocation"]
                  ["index"] == 1]
    assert page_level and all("region" not in r["locations"][0]["physicalLocation"] for r in page_level)
    assert all(r["message"]["text"].startswith("page ") for r in page_level)
    uri = log["runs"][0]["artifacts"][0]["location"]["uri"]
    assert " " not in uri and unquote(uri) == "file://" + str(bad)

    _, warnings = sarif_of(capsys, "--severity", "warning", str(bad), str(empty))
    validate(warnings)
    kept = warnings["runs"][0]["results"]
    assert kept == [result for result in results if result["level"] != "note"] and kept
    assert warnings["runs"][0]["artifacts"] == log["runs"][0]["artifacts"]  # every page checked, even without results


def test_fingerprints_are_stable_and_distinct(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle"}'
                    "</script>", encoding="utf-8")
    _, one = sarif_of(capsys, str(page))
    _, two = sarif_of(capsys, str(page))
    prints = [result["partialFingerprints"]["newsldFinding/v1"] for result in one["runs"][0]["results"]]
    assert prints == [result["partialFingerprints"]["newsldFinding/v1"] for result in two["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


@pytest.mark.parametrize("text", HOSTILE + ("\ud800", "a\udfffb"), ids=range(len(HOSTILE) + 2))
def test_hostile_values_stay_valid_sarif(text):
    value = json.dumps(text)  # a lone surrogate travels as its escape, as on a real page
    page = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            f'"headline": {value}, "author": {{"@type": "Person", "name": {value}}}, "x{value[1:-1]}": 1}}</script>')
    out = io.StringIO()
    write_sarif([check_html(page, source=f"pages/{text}.html")], out)
    text_out = out.getvalue()
    text_out.encode("utf-8")  # lone surrogates are written as escapes: the log is valid UTF-8
    log = json.loads(text_out)
    validate(log)
    assert log["runs"][0]["results"]


def test_no_pages_is_an_empty_valid_run():
    out = io.StringIO()
    write_sarif([], out)
    log = json.loads(out.getvalue())
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["artifacts"] == []


@examples(200)
@given(st.text(min_size=1, max_size=40).filter(lambda name: "\x00" not in name))
def test_every_file_name_is_a_valid_uri_reference_that_decodes_back(name):
    uri = artifact_uri(name)
    assert jsonschema.FormatChecker().conforms(uri, "uri-reference") and uri.isascii()
    if any("\ud800" <= character <= "\udfff" for character in name):
        return  # the bytes of a file name that is not UTF-8: no text to compare with
    decoded = unquote(uri)
    if name.startswith("/"):
        assert decoded == "file://" + name
    elif "://" not in name:
        assert decoded == name.replace("\\", "/")


def test_a_warc_target_uri_stays_an_address():
    assert artifact_uri("https://example.com/a b?q=1#x") == "https://example.com/a%20b?q=1#x"


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_the_corpus_as_sarif(capsys):
    status, log = sarif_of(capsys, str(REAL_PAGES))
    validate(log)
    [run] = log["runs"]
    pages = sorted(REAL_PAGES.glob("*.html.gz"))
    assert len(run["artifacts"]) == len(pages)
    expected = sum(len(check_html(gzip.decompress(path.read_bytes())).all_findings) for path in pages)
    assert len(run["results"]) == expected
    assert status == (1 if any(result["level"] == "error" for result in run["results"]) else 0)
    assert {Path(unquote(artifact["location"]["uri"])).name for artifact in run["artifacts"]} == {
        path.name for path in pages}
