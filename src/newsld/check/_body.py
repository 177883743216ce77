"""An article's text as readers see it on the page, for a lifted article whose JSON-LD has no ``articleBody``.

The extraction is trafilatura's (``pip install 'newsld[lift]'``), chosen over readability-lxml, goose3 and
resiliparse on the corpus pages (docs/lift.md has the comparison): it finds the article's own paragraphs and leaves
out navigation, teasers, share buttons and comments best. It is imported on first use (about a second), reads only the
text it is given and never fetches anything. Paragraphs are separated by a blank line, as a Markdown body separates
them and as ``newsld quotes`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EXTRACTOR", "ExtractedBody", "extract_body", "require_extractor"]

EXTRACTOR = "trafilatura"
_INSTALL = "pip install 'newsld[lift]'"


@dataclass(frozen=True)
class ExtractedBody:
    """The article text extracted from a page (None when the page shows none), and what extracted it."""

    text: str | None
    extractor: str  # "trafilatura 2.3.1"
    failure: str | None = None  # why the extractor gave nothing, when it failed on the page


def require_extractor() -> str:
    """The extractor's name and version; raises ModuleNotFoundError naming the extra to install when it is missing."""
    try:
        import trafilatura
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f"extracting article bodies needs {EXTRACTOR}: {_INSTALL}", name=EXTRACTOR
        ) from None
    return f"{EXTRACTOR} {trafilatura.__version__}"


def extract_body(html: str) -> ExtractedBody:
    """The page's main text, paragraph by paragraph. Raises ModuleNotFoundError without ``newsld[lift]``."""
    extractor = require_extractor()
    import trafilatura

    # Precision first: a teaser or a "sign up" line in the body would be markup that misrepresents the article, a
    # missing paragraph only an incomplete one the editor sees at once.
    try:
        text = trafilatura.extract(
            html, favor_precision=True, include_comments=False, include_images=False, include_links=False,
            deduplicate=False, with_metadata=False, output_format="txt",
        )
    except Exception as exc:  # a third-party parser on any page: its failure is a missing body, not a crash
        return ExtractedBody(None, extractor, f"{type(exc).__name__}: {exc}")
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    body = "\n\n".join(paragraphs)
    return ExtractedBody(body or None, extractor)
