"""One defect, one finding: where two rule families describe the same defect of one value, the more specific one
stays and the other is folded into it.

Each pair is a defect that two families see from their own side: Google's family knows that an author given as text
is what Google reads as a name, where the schemaorg family sees text where a Thing is expected; Google's family reads
``isAccessibleForFree: "False"`` as the paywall flag, the schemaorg family as a string where a boolean is expected.
The winner's message says everything the folded one said. Findings fold only at the same block and JSON path, so a
defect elsewhere on the page is never hidden. Within one family, a rule reports a value once already.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._findings import Finding

__all__ = ["FOLDS", "fold"]

# The more specific code → the codes it folds at the same block and path.
FOLDS: dict[str, tuple[str, ...]] = {
    "google/author-not-object": ("schemaorg/text-for-thing",),
    "google/author-type": ("schemaorg/value-range",),
    "google/missing-author": ("text/empty-value",),  # "author": {}
    "google/author-name-html": ("text/html-tag",),
    "google/accessible-for-free-not-boolean": ("schemaorg/literal-type", "text/empty-value"),
    "google/date-invalid": ("text/html-entity",),  # "2023-11-02T10:14:29&#x2B;05:30"
}
_FOLDED = {folded for codes in FOLDS.values() for folded in codes}


def fold(findings: Iterable[Finding]) -> list[Finding]:
    """The findings, without those a more specific finding at the same block and path says already (order kept)."""
    findings = list(findings)
    places = {(finding.block, finding.path, code) for finding in findings if finding.code in FOLDS
              for code in FOLDS[finding.code]}
    if not places:
        return findings
    return [f for f in findings if f.code not in _FOLDED or (f.block, f.path, f.code) not in places]
