"""Editorial integrity: an article's quotations, claims and corrections checked against its own text and dates."""

from ._article import integrity_findings
from ._textfragment import deep_link, text_fragment

__all__ = ["deep_link", "integrity_findings", "text_fragment"]
