"""Editorial integrity: an article's quotations, claims and corrections checked against its own text and dates.

The page side (``newsld.check``'s integrity and Google families) uses the same matching through the names here.
"""

from ._article import CODES, integrity_findings, quotation_problem
from ._claimreview import MAX_CLAIM_REVIEWED, claim_too_long, verdict_in_claim
from ._normalize import find_passages
from ._preview import preview_html
from ._quotes import QuoteDraft, Speaker, draft, draft_quotations, draft_yaml, find_quotes
from ._textfragment import deep_link, text_fragment

__all__ = [
    "CODES",
    "MAX_CLAIM_REVIEWED",
    "QuoteDraft",
    "Speaker",
    "claim_too_long",
    "deep_link",
    "draft",
    "draft_quotations",
    "draft_yaml",
    "find_passages",
    "find_quotes",
    "integrity_findings",
    "preview_html",
    "quotation_problem",
    "text_fragment",
    "verdict_in_claim",
]
