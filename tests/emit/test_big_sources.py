"""Sources that are big or odd: a JSON source is read by json alone (never YAML's scanner), and its lines are found
only when a problem needs one; nesting too deep to read is a problem that says how deep."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsld._authoring as authoring
from newsld import NewsldValidationError, load

FIXTURE = authoring.Path(__file__).resolve().parents[1] / "fixtures" / "article.json"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet='ab"\\\n é:,[]{}\t', max_size=6),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(alphabet='ab"\\ é:,{', max_size=4), children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES, st.sampled_from([None, 1, 2]), st.booleans())
def test_json_lines_are_those_yamls_composer_finds(value, indent, compact):
    """YAML's composer (JSON is YAML's flow style) was the line map of JSON sources; the JSON scan keeps its answers."""
    separators = (",", ":") if compact and indent is None else None
    text = json.dumps(value, indent=indent, ensure_ascii=False, separators=separators)
    _, expected = authoring._yaml_with_lines(text)
    assert authoring.JsonPositions(text).lines == expected


@pytest.fixture
def no_yaml(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a JSON source went through the YAML scanner")

    monkeypatch.setattr(authoring._Loader, "__init__", refuse)


def test_a_json_source_is_read_without_yaml(no_yaml):
    assert load(FIXTURE).headline
    text = FIXTURE.read_text(encoding="utf-8").replace('"https://', '"/', 1)  # the url becomes relative
    with pytest.raises(NewsldValidationError) as caught:
        load(text, format="json")
    [problem] = caught.value.problems
    assert problem.path == "url" and "relative URL" in problem.message
    assert problem.line == 1 + text[: text.index('"url"')].count("\n")


def test_a_repeated_key_is_found_without_yaml(no_yaml):
    source = '{\n  "headline": "x",\n  "entities": {"a": {"name": "A",\n    "name": "B"}}\n}\n'
    with pytest.raises(NewsldValidationError) as caught:
        load(source, format="json")
    assert [(p.line, p.path, p.message) for p in caught.value.problems] == [
        (4, "entities.a.name", "key given twice (first on line 3)")]


def test_a_json_source_with_a_big_body_costs_a_few_times_its_size(no_yaml):
    article = {"headline": "Big", "url": "https://news.example.com/big", "datePublished": "2024-05-06T09:30:00+00:00",
               "articleBody": "All the words of a long article. " * 150_000}
    text = json.dumps(article)
    tracemalloc.start()
    try:
        loaded = load(text.encode(), format="json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert loaded.articleBody == article["articleBody"]
    # The bytes decoded, json's string and the model's checks of it; YAML's scanner took about twenty times the text.
    assert peak < 5 * len(text), f"{peak / len(text):.1f} times the source"


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_json_nested_too_deep_is_a_problem_that_says_how_deep(depth):
    source = '{"headline": "h",\n"about": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(NewsldValidationError) as caught:
        load(source, format="json")
    [problem] = caught.value.problems
    assert problem.message == f"lists or mappings nested {depth + 1:,} levels deep: too deep to be an article source"
    assert problem.line == 2


def test_data_nested_too_deep_to_build_says_how_deep():
    source = '{"headline": "h", "url": "https://example.com/a", "about": ' + "[" * 600 + "]" * 600 + "}"
    with pytest.raises(NewsldValidationError) as caught:
        load(source, format="json")  # json reads it; resolving the entities recurses deeper than Python allows
    assert caught.value.problems[0].message == ("lists or mappings nested 601 levels deep: too deep to be an article "
                                                "source")
