"""What makes a ClaimReview sound, as one predicate for both paths: an article's models (``newsld validate``) and a
page's JSON-LD (``newsld check``, Google's rules).

Google's fact-check guidance: claimReviewed states the claim briefly (fewer than 75 characters) and not the verdict,
which belongs in reviewRating's alternateName. The verdict is found as a browser finds text (letter case and accents
do not count) and only as whole words: "False" is in "False: the minister said", not in "falsely".
"""

from __future__ import annotations

from ._normalize import normalize, normalize_text

__all__ = ["MAX_CLAIM_REVIEWED", "claim_too_long", "verdict_in_claim"]

MAX_CLAIM_REVIEWED = 75


def claim_too_long(claimed: str) -> bool:
    return len(claimed) >= MAX_CLAIM_REVIEWED


def verdict_in_claim(claimed: str, verdict: str) -> bool:
    return bool(normalize(claimed, primary=True).find_all(normalize_text(verdict, primary=True), limit=1))
