"""Editorial integrity: an article's quotations, claims and corrections checked against its own text and dates."""

from ._article import integrity_findings
from ._quotes import draft
from ._textfragment import deep_link, text_fragment

__all__ = ["deep_link", "draft", "integrity_findings", "text_fragment"]
