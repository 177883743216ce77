"""The Jinja2 integration: registered in one line, ``{{ article | jsonld }}`` for every input, never escaped twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("jinja2", reason="Jinja2 is in the test extra: pip install '.[test]'")

import jinja2  # noqa: E402
import markupsafe  # noqa: E402

import newsld  # noqa: E402
from _support.cms import SEED, TEMPLATES, jinja_environment, ld_json_texts, render_jinja  # noqa: E402
from _support.common import minimal  # noqa: E402
from newsld import NewsldValidationError, ScriptTag, to_jsonld, to_script_tag  # noqa: E402

HOSTILE_HEADLINE = '</script><script>alert(1)</script> &amp; "quoted" <!-- \u2028 {{ 7 * 7 }}'


@pytest.fixture(scope="module")
def seed() -> newsld.NewsArticle:
    return newsld.load(SEED)


@pytest.mark.parametrize("autoescape", [True, False])
def test_filter_output_is_to_script_tag_exactly(seed, autoescape):
    assert render_jinja("{{ article | jsonld }}", autoescape, article=seed) == to_script_tag(seed)


def test_an_existing_environment_adds_the_extension_by_name(seed):
    # Flask's app.jinja_env is such an environment.
    env = jinja2.Environment(autoescape=True)
    env.add_extension("newsld.jinja.JsonLdExtension")
    assert env.from_string("{{ article | jsonld }}").render(article=seed) == to_script_tag(seed)


@pytest.mark.parametrize("as_input", [str, Path], ids=["str path", "Path"])
def test_a_source_file_path_is_loaded(seed, as_input):
    assert render_jinja("{{ source | jsonld }}", source=as_input(SEED)) == to_script_tag(seed)


def test_authoring_data_is_built_with_entity_references():
    data = minimal(author=["jane"], entities={"jane": {"@type": "Person", "name": "Jane Roe"}})
    rendered = render_jinja("{{ data | jsonld }}", data=data)
    assert rendered == to_script_tag(newsld._authoring.build(data))
    graph = json.loads(ld_json_texts(rendered)[0])["@graph"]
    assert {"@type": "Person", "@id": f"{data['url']}#/person/jane-roe", "name": "Jane Roe"} in graph


@pytest.mark.parametrize("autoescape", [True, False, jinja2.select_autoescape()])
def test_hostile_text_is_escaped_once_for_script_context_and_never_as_html(autoescape):
    article = newsld.NewsArticle.model_validate(minimal(headline=HOSTILE_HEADLINE))
    env = jinja_environment(autoescape)
    rendered = env.from_string("<head>{{ article | jsonld }}</head>").render(article=article)
    assert rendered == f"<head>{to_script_tag(article)}</head>"
    assert "&lt;" not in rendered and "&#34;" not in rendered and "&quot;" not in rendered
    assert rendered.count("<script") == 1 and rendered.count("</script>") == 1
    [text] = ld_json_texts(rendered)
    assert json.loads(text) == to_jsonld(article)
    # The template syntax inside the data is data: Jinja renders values, it does not evaluate them.
    assert json.loads(text)["@graph"][0]["headline"] == HOSTILE_HEADLINE


def test_result_is_markup_safe_so_escape_filters_leave_it(seed):
    result = newsld.jinja.jsonld(seed)
    assert isinstance(result, ScriptTag)
    assert markupsafe.escape(result) == result
    assert render_jinja("{{ article | jsonld | e }}", article=seed) == result
    assert render_jinja("{{ article | jsonld | escape }}", autoescape=False, article=seed) == result


def test_indent_argument_pretty_prints(seed):
    rendered = render_jinja("{{ article | jsonld(indent=2) }}", article=seed)
    assert rendered == to_script_tag(seed, indent=2)
    assert '\n  "@context": "https://schema.org",' in rendered


def test_example_page_embeds_the_seed_document(seed):
    page = jinja_environment().get_template("article.jinja.html").render(article=seed)
    texts = ld_json_texts(page)
    assert len(texts) == 1
    assert json.loads(texts[0]) == to_jsonld(newsld.load(SEED))
    assert f"<title>{markupsafe.escape(seed.headline)}</title>" in page
    assert page.count("<p>") >= 10  # the body's paragraphs, escaped by autoescape as ordinary text


def test_example_template_embeds_with_one_line():
    assert "{{ article | jsonld }}" in (TEMPLATES / "article.jinja.html").read_text().splitlines()


# ------------------------------------------------------------------------------------------------------ errors


def test_a_string_that_names_no_file_is_an_error_never_source_text(tmp_path):
    with pytest.raises(FileNotFoundError, match="never as source text"):
        render_jinja("{{ article.headline | jsonld }}", article=newsld.load(SEED))
    # Even valid YAML source text: a str is a path.
    with pytest.raises(FileNotFoundError, match="not an article source file"):
        render_jinja("{{ text | jsonld }}", text="headline: Talks\nurl: https://example.com/a\n")
    with pytest.raises(FileNotFoundError):
        render_jinja("{{ path | jsonld }}", path=tmp_path / "missing.yaml")


def test_an_empty_string_or_undefined_variable_is_an_error():
    with pytest.raises(ValueError, match="undefined template variable"):
        render_jinja("{{ '' | jsonld }}")
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        render_jinja("{{ missing | jsonld }}")
    strict = jinja2.Environment(extensions=["newsld.jinja.JsonLdExtension"], undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        strict.from_string("{{ missing | jsonld }}").render()


@pytest.mark.parametrize("value", [42, None, b"headline: x", ["a"]], ids=["int", "None", "bytes", "list"])
def test_other_values_are_a_type_error(value):
    with pytest.raises(TypeError, match="expected a NewsArticle, a dict in newsld's authoring format"):
        render_jinja("{{ value | jsonld }}", value=value)


def test_an_emitted_jsonld_document_points_to_to_script_tag(seed):
    with pytest.raises(TypeError, match="newsld.to_script_tag"):
        render_jinja("{{ doc | jsonld }}", doc=to_jsonld(seed))


def test_invalid_authoring_data_reports_every_problem():
    with pytest.raises(NewsldValidationError) as excinfo:
        render_jinja("{{ data | jsonld }}", data={"headline": "", "url": "javascript:alert(1)", "author": ["ghost"]})
    paths = {problem.path for problem in excinfo.value.problems}
    assert {"headline", "url", "author[0]"} <= paths


def test_invalid_source_file_names_it(tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text("headline: Talks\nurl: not a url\n", encoding="utf-8")
    with pytest.raises(NewsldValidationError, match="bad.yaml") as excinfo:
        render_jinja("{{ path | jsonld }}", path=str(source))
    assert [(p.path, p.line) for p in excinfo.value.problems] == [("url", 2)]


def test_unpaired_surrogates_are_rejected(tmp_path):
    # Rejected, never replaced (README, "Rules the models enforce"): such text cannot be written as UTF-8.
    with pytest.raises(NewsldValidationError) as excinfo:
        render_jinja("{{ data | jsonld }}", data=minimal(headline="broken \ud800 text"))
    assert [problem.path for problem in excinfo.value.problems] == ["headline"]
    source = tmp_path / "lone.json"
    source.write_text('{"headline": "broken \\udc00 text", "url": "https://example.com/a"}', encoding="utf-8")
    with pytest.raises(NewsldValidationError, match="lone.json") as excinfo:
        render_jinja("{{ path | jsonld }}", path=source)
    assert [(problem.path, problem.line) for problem in excinfo.value.problems] == [("headline", 1)]


def test_importing_newsld_does_not_import_jinja2():
    code = "import sys, newsld, newsld.django; print('jinja2' in sys.modules, 'markupsafe' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
