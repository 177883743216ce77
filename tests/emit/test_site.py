"""newsld.Site: what every page of a site shares, with ids that do not depend on the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsld
from _support.cms import SEED, django_engine, ld_json_texts, render_django, render_jinja
from newsld import NewsldValidationError
from newsld.cli import main

SITE = newsld.Site(
    url="https://example.com/",
    name="Example News",
    inLanguage="en",
    searchUrl="https://example.com/search?q={search_term_string}",
    publisher=newsld.NewsMediaOrganization(
        name="Example News",
        url="https://example.com/",
        logo=newsld.ImageObject(url="https://example.com/logo.png", width=600, height=60),
        unnamedSourcesPolicy="https://example.com/policies/sources",
    ),
)
SITE_YAML = """\
url: https://example.com/
name: Example News
inLanguage: en
searchUrl: https://example.com/search?q={search_term_string}
publisher:
  "@type": NewsMediaOrganization
  name: Example News
  url: https://example.com/
  logo: {"@type": ImageObject, url: https://example.com/logo.png, width: 600, height: 60}
  unnamedSourcesPolicy: https://example.com/policies/sources
"""
JANE = newsld.Person(name="Jane Doe", url="https://example.com/staff/jane-doe")


def article(slug: str, headline: str = "A headline", **extra) -> newsld.NewsArticle:
    return newsld.NewsArticle(headline=headline, url=f"https://example.com/2024/{slug}", **extra)


def nodes(doc: dict) -> dict[str, str]:
    """Each node's JSON text by @id: byte-identical nodes have equal texts."""
    return {node["@id"]: newsld._serialize.json_text(node) for node in doc["@graph"]}


def test_the_graph_holds_article_page_website_and_publisher_with_site_wide_ids():
    doc = newsld.to_jsonld(article("one"), site=SITE)
    by_type = {node["@type"]: node for node in doc["@graph"]}
    assert doc["@graph"][0]["@type"] == "NewsArticle"
    assert by_type["WebSite"]["@id"] == "https://example.com/#/website"
    assert by_type["NewsMediaOrganization"]["@id"] == "https://example.com/#/organization/example-news"
    assert by_type["WebPage"]["isPartOf"] == {"@id": "https://example.com/#/website"}
    assert by_type["WebSite"]["publisher"] == {"@id": "https://example.com/#/organization/example-news"}
    assert by_type["WebSite"]["potentialAction"] == {
        "@type": "SearchAction", "target": "https://example.com/search?q={search_term_string}",
        "query-input": "required name=search_term_string"}
    assert doc["@graph"][0]["publisher"] == {"@id": "https://example.com/#/organization/example-news"}
    assert doc["@graph"][0]["inLanguage"] == "en"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=2, max_size=2),
       st.lists(st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True), min_size=2, max_size=2, unique=True))
def test_two_articles_share_byte_identical_site_nodes_and_ids(headlines, slugs):
    first = nodes(newsld.to_jsonld(article(slugs[0], headlines[0], author=JANE), site=SITE))
    second = nodes(newsld.to_jsonld(article(slugs[1], headlines[1], author=[JANE, "Max Mustermann"]), site=SITE))
    shared = {"https://example.com/#/website", "https://example.com/#/organization/example-news",
              "https://example.com/#/person/jane-doe-" + newsld._site._digest(JANE.url or "")}
    assert shared <= set(first) & set(second)
    for node_id in shared:
        assert first[node_id] == second[node_id]
    # A person without a url of their own keeps an id from their article: two Max Mustermanns may be two people.
    assert f"https://example.com/2024/{slugs[1]}#/person/max-mustermann" in second


def test_people_with_different_urls_get_different_site_wide_ids():
    other = newsld.Person(name="Jane Doe", url="https://example.org/jane")
    doc = newsld.to_jsonld(article("x", author=[JANE, other]), site=SITE)
    ids = [ref["@id"] for ref in doc["@graph"][0]["author"]]
    assert len(set(ids)) == 2 and all(i.startswith("https://example.com/#/person/jane-doe-") for i in ids)


def test_what_the_article_says_is_kept():
    own = newsld.Organization(name="Wire Service", url="https://wire.example/")
    doc = newsld.to_jsonld(article("x", publisher=own, inLanguage="fr"), site=SITE)
    assert doc["@graph"][0]["inLanguage"] == "fr"
    publisher = next(n for n in doc["@graph"] if n["@id"] == doc["@graph"][0]["publisher"]["@id"])
    assert publisher["name"] == "Wire Service"


def test_reading_back_with_the_site_gives_the_article_as_the_site_publishes_it():
    story = article("x", author=JANE, mainEntityOfPage=newsld.WebPage(
        url="https://example.com/2024/x",
        breadcrumb=newsld.BreadcrumbList.of(("World", "https://example.com/world"), ("X", None))))
    doc = newsld.to_jsonld(story, site=SITE)
    assert newsld.from_jsonld(doc, site=SITE) == SITE.complete(story)
    # Without the site its ids are read as explicit ones, and emitting again reproduces the document.
    assert newsld.to_jsonld(newsld.from_jsonld(doc)) == doc
    result = newsld.roundtrip(story, site=SITE)
    assert result.ok, str(result)


def test_every_writer_takes_the_site():
    story = newsld.load(SEED)
    doc = newsld.to_jsonld(story, site=SITE)
    assert json.loads(newsld.dumps(story, site=SITE)) == doc
    assert json.loads(ld_json_texts(newsld.to_script_tag(story, site=SITE))[0]) == doc
    assert "#/website" in newsld.to_client_script(story, site=SITE)
    assert newsld.dumps(story, form="nested", site=SITE) != newsld.dumps(story, form="nested")
    with pytest.raises(TypeError, match="site= applies to a NewsArticle"):
        newsld.to_script_tag(doc, site=SITE)


def test_load_site_reads_a_file_and_reports_problems_with_lines(tmp_path):
    path = tmp_path / "site.yaml"
    path.write_text(SITE_YAML)
    assert newsld.load_site(path) == SITE
    assert newsld.load_site(str(path)) == SITE
    assert newsld.load_site(SITE.model_dump()) == SITE
    bad = tmp_path / "bad.yaml"
    bad.write_text("url: https://example.com/\nname: X\npublisher: {name: X}\nsearchUrl: https://example.com/s\n")
    with pytest.raises(NewsldValidationError) as caught:
        newsld.load_site(bad)
    assert caught.value.source == str(bad)
    assert [(p.path, p.line) for p in caught.value.problems] == [("searchUrl", 4)]
    assert "search_term_string" in caught.value.problems[0].message


def test_site_models_check_what_google_needs():
    with pytest.raises(ValueError, match="positions must be 1, 2, 3"):
        newsld.BreadcrumbList(itemListElement=[newsld.ListItem(position=2, name="World")])
    with pytest.raises(ValueError, match="search_term_string"):
        newsld.SearchAction(target="https://example.com/search")


@pytest.mark.parametrize("command", ["emit", "embed", "validate", "roundtrip"])
def test_the_cli_takes_site(command, tmp_path, capsys):
    site = tmp_path / "site.yaml"
    site.write_text(SITE_YAML)
    assert main([command, str(SEED), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    if command in ("emit", "embed"):
        assert "https://example.com/#/website" in out
    assert main([command, str(SEED), "--site", str(tmp_path / "none.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_cli_names_the_site_file_in_its_problems(tmp_path, capsys):
    site = tmp_path / "site.yaml"
    site.write_text("url: https://example.com/\nname: X\npublisher: {name: X}\ncolour: red\n")
    assert main(["emit", str(SEED), "--site", str(site)]) == 1
    assert f"{site}:4:1: colour:" in capsys.readouterr().err


def test_batch_takes_site(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(SITE_YAML)
    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(json.dumps({"headline": f"H{n}", "url": f"https://example.com/{n}"}) + "\n"
                             for n in range(3)))
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(lines), "--out", str(out), "--site", str(site), "--jobs", "1", "-q"]) == 0
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert docs == [newsld.to_jsonld(newsld.NewsArticle(headline=f"H{n}", url=f"https://example.com/{n}"), site=SITE)
                    for n in range(3)]


def test_jinja_environment_option(tmp_path):
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(extensions=["newsld.jinja.JsonLdExtension"])
    story = newsld.load(SEED)
    assert env.from_string("{{ a | jsonld }}").render(a=story) == newsld.to_script_tag(story)
    for value in (SITE, SITE.model_dump(), str(tmp_path / "site.yaml")):
        (tmp_path / "site.yaml").write_text(SITE_YAML)
        env.newsld_site = value
        assert env.from_string("{{ a | jsonld }}").render(a=story) == newsld.to_script_tag(story, site=SITE)
    assert render_jinja("{{ a | jsonld }}", a=story) == newsld.to_script_tag(story)  # another environment: no site


def test_django_setting_as_dict_or_path(tmp_path):
    django_engine()
    from django.test import override_settings

    story = newsld.load(SEED)
    path = tmp_path / "site.yaml"
    path.write_text(SITE_YAML)
    for value in (SITE.model_dump(), str(path), SITE):
        with override_settings(NEWSLD_SITE=value):
            html = render_django("{% load newsld %}{% jsonld a %}", a=story)
        assert html == newsld.to_script_tag(story, site=SITE)
    assert render_django("{% load newsld %}{% jsonld a %}", a=story) == newsld.to_script_tag(story)


def test_django_tag_with_a_quoted_path(monkeypatch):
    # A quoted literal reaches the tag as Django's SafeString, which pathlib cannot intern ("can't intern SafeString").
    django_engine()
    monkeypatch.chdir(Path(SEED).parent.parent)
    html = render_django('{% load newsld %}{% jsonld "examples/syria-air-missions.md" %}')
    assert html == newsld.to_script_tag(newsld.load(SEED))
    with pytest.raises(FileNotFoundError, match="is not an article source file"):
        render_django('{% load newsld %}{% jsonld "examples/nothing-here.md" %}')


def test_jinja_markup_path_is_a_path_too(monkeypatch):
    markupsafe = pytest.importorskip("markupsafe")
    monkeypatch.chdir(Path(SEED).parent.parent)
    html = render_jinja("{{ p | jsonld }}", p=markupsafe.Markup("examples/syria-air-missions.md"))
    assert html == newsld.to_script_tag(newsld.load(SEED))
