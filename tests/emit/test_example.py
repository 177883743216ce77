"""The showcase example (examples/syria-air-missions.*): generated files are current and the model is faithful.

Regenerate the generated files with ``python examples/build.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import newsld
from newsld import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SOURCE = EXAMPLES / "syria-air-missions.md"
JSONLD = EXAMPLES / "syria-air-missions.jsonld"
PAGE = EXAMPLES / "syria-air-missions.html"
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
WIKIDATA_ITEM = re.compile(r"https://www\.wikidata\.org/wiki/Q[1-9][0-9]*")


def _load_build_script():
    spec = importlib.util.spec_from_file_location("examples_build", EXAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_script = _load_build_script()


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(JSONLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nodes(doc) -> dict:
    return {node["@id"]: node for node in doc["@graph"]}


@pytest.fixture(scope="module")
def article(doc) -> dict:
    return doc["@graph"][0]


def _of_type(doc: dict, type_name: str) -> list[dict]:
    return [node for node in doc["@graph"] if node["@type"] == type_name]


def _ids(refs) -> set:
    return {ref["@id"] for ref in refs}


def _references(value):
    if isinstance(value, list):
        for item in value:
            yield from _references(item)
    elif isinstance(value, dict):
        if set(value) == {"@id"}:
            yield value["@id"]
        for item in value.values():
            yield from _references(item)


def _blank_line_runs_normalized(text: str) -> str:
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text).strip("\n")


# ------------------------------------------------------------------------------------------- generated files


def test_generated_files_are_current():
    for path, text in build_script.build().items():
        assert path.read_bytes() == text.encode("utf-8"), f"{path.name} is stale: run python examples/build.py"


def test_jsonld_file_is_what_newsld_emit_prints(capsys):
    assert cli.main(["emit", str(SOURCE)]) == 0
    assert capsys.readouterr().out == JSONLD.read_text(encoding="utf-8")


def test_page_head_carries_what_newsld_embed_prints(capsys):
    assert cli.main(["embed", str(SOURCE)]) == 0
    script = capsys.readouterr().out.rstrip("\n")
    page = PAGE.read_text(encoding="utf-8")
    assert script.startswith('<script type="application/ld+json">')
    assert page.index(script) < page.index("</head>")


def test_an_edited_source_gives_different_files(tmp_path):
    # The freshness test can only catch a stale file if the output depends on the source.
    edited = tmp_path / SOURCE.name
    edited.write_text(SOURCE.read_text(encoding="utf-8").replace("wordCount: 469", "wordCount: 470"), encoding="utf-8")
    original, changed = build_script.build(), build_script.build(edited)
    for path in original:
        assert original[path] != changed[path]


def test_a_broken_reference_in_the_source_is_reported_with_its_line(tmp_path):
    source = SOURCE.read_text(encoding="utf-8")
    broken = tmp_path / SOURCE.name
    broken.write_text(source.replace("spokenByCharacter: medvedev", "spokenByCharacter: medvedv", 1), encoding="utf-8")
    with pytest.raises(newsld.NewsldValidationError) as caught:
        newsld.load(broken)
    [problem] = caught.value.problems
    assert "unknown entity id 'medvedv'" in problem.message
    assert source.splitlines()[problem.line - 1].strip() == "spokenByCharacter: medvedev"


def test_jsonld_round_trips_through_from_jsonld(doc):
    assert newsld.dumps(newsld.from_jsonld(doc), indent=2) + "\n" == JSONLD.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- the graph


def test_graph_has_the_documented_parts(doc, article):
    assert article["@type"] == "ReportageNewsArticle"
    assert len(_of_type(doc, "Quotation")) >= 8
    assert len(_of_type(doc, "Claim")) >= 6
    entities = [ref for ref in article["mentions"] if not ref["@id"].split("#/")[1].startswith("claim/")]
    assert len(entities) >= 10


def test_every_reference_resolves_and_no_id_is_used_twice(doc, nodes):
    ids = [node["@id"] for node in doc["@graph"]]
    assert len(ids) == len(set(ids))
    dangling = {ref for ref in _references(doc["@graph"]) if ref not in nodes}
    assert not dangling


def test_every_node_is_reachable_from_the_article(doc, article, nodes):
    reached, todo = {article["@id"]}, [article]
    while todo:
        for ref in _references(list(todo.pop().values())):
            if ref not in reached:
                reached.add(ref)
                todo.append(nodes[ref])
    assert reached == set(nodes)


def test_each_quotation_is_a_quoted_span_of_the_body(doc, article):
    body = article["articleBody"]
    for quotation in _of_type(doc, "Quotation"):
        # Verbatim, and starting right after an opening quote mark: the words inside the marks, not a paraphrase.
        assert "\u201c" + quotation["text"] in body, quotation["text"]
        assert not quotation["text"].endswith(","), "the comma belongs to the attribution"
        assert quotation["isPartOf"] == {"@id": article["@id"]}


def test_every_quoted_span_of_the_body_is_a_quotation(doc, article):
    spans = re.findall("\u201c([^\u201d]*)\u201d", article["articleBody"])
    texts = [quotation["text"] for quotation in _of_type(doc, "Quotation")]
    assert len(spans) == len(texts)
    for span, text in zip(spans, texts):
        assert span.startswith(text) and span[len(text):] in ("", ",", "."), (span, text)


def test_speakers_and_claim_authors_are_people_the_article_names(doc, article, nodes):
    named = _ids(article["mentions"]) | _ids(article["author"]) | {article["publisher"]["@id"]}
    for quotation in _of_type(doc, "Quotation"):
        assert quotation["spokenByCharacter"]["@id"] in named
    for claim in _of_type(doc, "Claim"):
        assert _ids(claim["author"]) <= named
        assert nodes[claim["author"][0]["@id"]]["@type"] in ("Person", "Organization", "NewsMediaOrganization")


def test_claims_are_listed_interpreted_by_the_publisher_and_appear_in_the_article(doc, article):
    mentioned = _ids(article["mentions"])
    for claim in _of_type(doc, "Claim"):
        assert claim["@id"] in mentioned
        assert claim["claimInterpreter"] == article["publisher"]
        assert claim["appearance"] == {"@id": article["@id"]}


def test_medvedev_quote_interrupted_by_its_attribution_is_two_quotations(doc, article, nodes):
    first, second = [
        quotation["text"]
        for quotation in _of_type(doc, "Quotation")
        if nodes[quotation["spokenByCharacter"]["@id"]].get("name") == "Dmitry Medvedev"
    ]
    attribution = ",\u201d said Russian Prime Minister Dmitry Medvedev. \u201c"
    assert f"\u201c{first}{attribution}{second}\u201d" in article["articleBody"]


def test_unnamed_sources_have_a_description_and_no_name(doc, nodes):
    speakers = [nodes[q["spokenByCharacter"]["@id"]] for q in _of_type(doc, "Quotation")]
    unnamed = {node["description"] for node in speakers if "name" not in node}
    assert unnamed == {"a source close to the Russian military", "a Western diplomat"}


def test_people_with_a_title_in_the_text_carry_it(doc):
    titles = {node["name"]: node.get("jobTitle") for node in _of_type(doc, "Person") if "name" in node}
    assert titles["Vladimir Putin"] == "Russian President"
    assert titles["Dmitry Medvedev"] == "Russian Prime Minister"
    assert titles["Michael Fallon"] == "British Defense Secretary"
    assert titles["Bashar al-Assad"] == "Syrian President"


def test_same_as_links_are_wikidata_items_and_each_names_one_entity(doc):
    links = [link for node in doc["@graph"] for link in node.get("sameAs", [])]
    assert links, "the example shows sameAs"
    assert all(WIKIDATA_ITEM.fullmatch(link) for link in links)
    assert len(links) == len(set(links))


def test_placeholders_are_on_example_com(doc, article, nodes):
    publisher = nodes[article["publisher"]["@id"]]
    assert article["url"].startswith("https://example.com/")
    assert article["image"][0]["url"].startswith("https://example.com/")
    assert publisher["name"] == "Example News"
    assert publisher["unnamedSourcesPolicy"].startswith("https://example.com/")
    assert article["datePublished"].startswith("2015-10-")


def test_word_count_is_the_whitespace_split_of_the_body(article):
    assert article["wordCount"] == len(article["articleBody"].split())


# ---------------------------------------------------------------------------------------------- the seed


def test_article_matches_the_seed_text(article):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    image = article["image"][0]
    caption_line = f"{image['caption']} {image['creditText']}"
    assert lines[0] == article["headline"]
    assert caption_line in lines
    rest = [line for line in lines[1:] if line != caption_line]
    assert article["articleBody"] == _blank_line_runs_normalized("\n".join(rest))


# ---------------------------------------------------------------------------------------------- the page


def test_page_json_ld_as_extruct_reads_it_equals_the_jsonld_file(doc):
    import extruct

    found = extruct.extract(PAGE.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)
    assert found["json-ld"] == [doc]


def test_page_is_well_formed_html5_showing_the_article(article):
    html5lib = pytest.importorskip("html5lib")
    text = PAGE.read_text(encoding="utf-8")
    # strict=True raises on any parse error the HTML5 tokenizer or tree builder reports.
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    assert tree.find("head/title").text == article["headline"]
    assert tree.find("body/article/h1").text == article["headline"]
    caption = tree.find("body/article/figure/figcaption")
    image = article["image"][0]
    assert caption.text.strip() == image["caption"] and caption.find("small").text == image["creditText"]
    paragraphs = [p.text for p in tree.findall("body/article/div/p")]
    assert paragraphs == article["articleBody"].split("\n\n")
