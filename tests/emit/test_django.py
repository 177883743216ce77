"""The Django app: ``newsld.django`` installed, ``{% load newsld %}{% jsonld article %}``, never escaped twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("django", reason="Django is in the test extra: pip install '.[test]'")

import newsld  # noqa: E402
from _support.cms import SEED, TEMPLATES, django_engine, ld_json_texts, render_django  # noqa: E402
from _support.common import minimal  # noqa: E402
from newsld import NewsldValidationError, to_jsonld, to_script_tag  # noqa: E402

TAG = "{% load newsld %}{% jsonld article %}"
HOSTILE_HEADLINE = '</script><script>alert(1)</script> &amp; "quoted" <!-- \u2028 {{ article }} {% debug %}'


@pytest.fixture(scope="module", autouse=True)
def engine():
    return django_engine()


@pytest.fixture(scope="module")
def seed() -> newsld.NewsArticle:
    return newsld.load(SEED)


def test_app_installs_under_its_own_label():
    from django.apps import apps

    config = apps.get_app_config("newsld")
    assert config.name == "newsld.django"
    assert Path(config.path) == Path(newsld.__file__).parent / "django"


def test_the_tag_library_imports_the_real_django():
    # newsld/django/ is a package named like Django; absolute imports keep the two apart.
    import django
    import django.template

    from newsld.django.templatetags import newsld as library

    assert library.template is django.template
    assert Path(django.__file__).parent != Path(newsld.__file__).parent / "django"
    assert "jsonld" in library.register.tags


def test_tag_output_is_to_script_tag_exactly(seed):
    assert render_django(TAG, article=seed) == to_script_tag(seed)


def test_autoescape_off_gives_the_same_output(seed):
    off = render_django("{% load newsld %}{% autoescape off %}{% jsonld article %}{% endautoescape %}", article=seed)
    assert off == render_django(TAG, article=seed) == to_script_tag(seed)


@pytest.mark.parametrize("as_input", [str, Path], ids=["str path", "Path"])
def test_a_source_file_path_is_loaded(seed, as_input):
    assert render_django(TAG, article=as_input(SEED)) == to_script_tag(seed)


def test_authoring_data_is_built():
    data = minimal(author=["jane"], entities={"jane": {"@type": "Person", "name": "Jane Roe"}})
    assert render_django(TAG, article=data) == to_script_tag(newsld._authoring.build(data))


def test_hostile_text_is_escaped_once_for_script_context_and_never_as_html():
    article = newsld.NewsArticle.model_validate(minimal(headline=HOSTILE_HEADLINE))
    rendered = render_django("<head>" + TAG + "</head>", article=article)
    assert rendered == f"<head>{to_script_tag(article)}</head>"
    assert "&lt;" not in rendered and "&quot;" not in rendered and "&#x27;" not in rendered
    assert rendered.count("<script") == 1 and rendered.count("</script>") == 1
    [text] = ld_json_texts(rendered)
    assert json.loads(text)["@graph"][0]["headline"] == HOSTILE_HEADLINE


def test_stored_with_as_and_output_later_is_not_escaped(seed):
    rendered = render_django("{% load newsld %}{% jsonld article as ld %}<head>{{ ld }}</head>", article=seed)
    assert rendered == f"<head>{to_script_tag(seed)}</head>"


def test_indent_keyword_pretty_prints(seed):
    rendered = render_django("{% load newsld %}{% jsonld article indent=2 %}", article=seed)
    assert rendered == to_script_tag(seed, indent=2)


def test_example_page_embeds_the_seed_document(seed):
    from django.template.loader import get_template

    page = get_template("article.django.html").render({"article": seed})
    texts = ld_json_texts(page)
    assert len(texts) == 1
    assert json.loads(texts[0]) == to_jsonld(newsld.load(SEED))
    assert "<title>Russian Officials Want to Perform 300 Missions a Day in Syria</title>" in page
    assert page.count("<p>") >= 10


def test_example_template_embeds_with_one_line():
    assert "{% jsonld article %}" in (TEMPLATES / "article.django.html").read_text().splitlines()


# ------------------------------------------------------------------------------------------------------ errors


def test_a_missing_variable_is_an_error_not_an_empty_page():
    # Django renders a missing variable as "", which is no article.
    with pytest.raises(ValueError, match="undefined template variable"):
        render_django(TAG)


def test_a_string_that_names_no_file_is_an_error_never_source_text(seed):
    with pytest.raises(FileNotFoundError, match="never as source text"):
        render_django("{% load newsld %}{% jsonld article.headline %}", article=seed)


def test_other_values_are_a_type_error():
    with pytest.raises(TypeError, match="expected a NewsArticle"):
        render_django(TAG, article=42)


def test_invalid_authoring_data_reports_every_problem():
    with pytest.raises(NewsldValidationError) as excinfo:
        render_django(TAG, article={"headline": "", "url": "javascript:alert(1)"})
    assert {problem.path for problem in excinfo.value.problems} == {"headline", "url"}


def test_unpaired_surrogates_are_rejected():
    with pytest.raises(NewsldValidationError) as excinfo:
        render_django(TAG, article=minimal(headline="broken \ud800 text"))
    assert [problem.path for problem in excinfo.value.problems] == ["headline"]


def test_importing_newsld_does_not_import_django():
    code = "import sys, newsld, newsld.jinja; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"]
