"""Report JSON (json, jsonl, sarif, --summary) for any value a page can hold, lone surrogates included."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsld._findings import utf8_json

# Everything json.loads can give: text with any code point, lone surrogates too (a page's "\ud800" escape).
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.characters(min_codepoint=0)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(st.characters(min_codepoint=0)), inner,
                                                                max_size=4),
    max_leaves=12,
)


@given(values, st.sampled_from([{}, {"indent": 2}, {"compact": True}]))
def test_any_value_is_written_as_utf8_json_that_reads_back_unchanged(value, options):
    text = utf8_json(value, **options)
    text.encode("utf-8")  # strict: nothing a UTF-8 stream refuses
    assert json.loads(text) == value
    if "compact" in options:
        assert "\n" not in text
