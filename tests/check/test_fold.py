"""One defect, one finding: the fold table names real codes of two different families, and folds only in place."""

from __future__ import annotations

from newsld._findings import Finding
from newsld.check import all_codes
from newsld.check._fold import FOLDS, fold


def test_the_fold_table_names_real_codes_of_other_families_without_chains():
    codes = all_codes()
    for winner, folded in FOLDS.items():
        assert winner in codes and all(code in codes for code in folded)
        assert all(code.split("/")[0] != winner.split("/")[0] for code in folded), "a family reports a value once itself"
        assert not set(folded) & set(FOLDS), "a folded code folds nothing itself"


def test_a_finding_is_folded_only_at_the_same_block_and_path():
    winner = Finding("warning", "google/author-not-object", "author 'Jane' is text", "$.author", 0)
    same = Finding("info", "schemaorg/text-for-thing", "author is the text 'Jane'", "$.author", 0)
    elsewhere = Finding("info", "schemaorg/text-for-thing", "creator is the text 'Jo'", "$.creator", 0)
    other_block = Finding("info", "schemaorg/text-for-thing", "author is the text 'Jane'", "$.author", 1)
    unrelated = Finding("info", "text/untrimmed", "author has trailing whitespace", "$.author", 0)
    assert fold([same, winner, elsewhere, other_block, unrelated]) == [winner, elsewhere, other_block, unrelated]


def test_nothing_to_fold_leaves_the_findings_as_they_are():
    findings = [Finding("info", "schemaorg/text-for-thing", "x", "$.author", 0)]
    assert fold(findings) == findings
