"""The round-trip proof: what a page carries is exactly what newsld emitted, as JSON, as models and as RDF.

The article's script element goes into a minimal HTML5 page; extruct (what crawlers and SEO tools use) reads it back.
The extracted document must equal the emitted one as JSON values, parse back into models equal to the article, and
denote an isomorphic RDF graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._diff import Difference, json_diff
from ._errors import NewsldValidationError
from ._graph import to_jsonld
from ._rdf import compare_rdf
from ._reader import from_jsonld
from ._serialize import to_script_tag
from .models import NewsArticle

if TYPE_CHECKING:
    from ._site import Site

__all__ = ["EXTRUCT_MAX_SCRIPT_BYTES", "MISSING_EXTRA", "PAGE_TEMPLATE", "RoundTripResult", "require_roundtrip_extra",
           "roundtrip"]

# extruct reads a page with lxml's HTML parser, without huge_tree: libxml2 then keeps at most this many bytes of one
# element's text, so a longer script element is cut and extruct's json.loads fails on what is left (lxml 6.0 with
# libxml2 2.14, measured: 9,999,903 bytes are read, 10,000,002 are not; UTF-8 bytes, not characters).
EXTRUCT_MAX_SCRIPT_BYTES = 10_000_000

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newsld round trip</title>
{script}
</head>
<body></body>
</html>
"""


@dataclass(frozen=True)
class RoundTripResult:
    """What the round trip found. ``ok`` only when the JSON, the models and the RDF graphs all agree."""

    nodes: int  # nodes in the emitted @graph
    emitted: dict
    extracted: Any | None  # the one document extruct returned, or None when it did not return exactly one
    json_differences: tuple[Difference, ...] = ()
    model_differences: tuple[Difference, ...] = ()
    model_error: str | None = None  # why the extracted document did not parse back into an article
    rdf_isomorphic: bool = False
    rdf_explanation: str | None = None
    extraction_error: str | None = None
    page: str = field(default="", repr=False)

    @property
    def json_equal(self) -> bool:
        return self.extraction_error is None and not self.json_differences

    @property
    def models_equal(self) -> bool:
        return self.model_error is None and not self.model_differences

    @property
    def ok(self) -> bool:
        return self.json_equal and self.models_equal and self.rdf_isomorphic

    def __str__(self) -> str:
        if self.ok:
            return f"round trip OK: {self.nodes} nodes, JSON equal, models equal, RDF isomorphic"
        lines = [f"round trip FAILED ({self.nodes} nodes)"]
        if self.extraction_error:
            lines.append(f"extraction: {self.extraction_error}")
        lines += [f"JSON: {difference}" for difference in self.json_differences]
        if self.model_error:
            lines.append(f"models: {self.model_error}")
        lines += [f"models: {difference}" for difference in self.model_differences]
        if not self.rdf_isomorphic:
            lines.append(f"RDF: not isomorphic: {self.rdf_explanation}")
        return "\n".join(lines)


def roundtrip(article: NewsArticle, *, site: Site | None = None) -> RoundTripResult:
    """Embed the article in an HTML page, extract it with extruct, and compare as JSON, as models and as RDF.

    With a ``site``, the page carries the article as the site publishes it, and the models compared are
    ``site.complete(article)`` and what the extracted document reads back as with that site.
    """
    if not isinstance(article, NewsArticle):
        raise TypeError(f"roundtrip expects a NewsArticle, not {type(article).__name__}")
    require_roundtrip_extra()
    emitted = to_jsonld(article, site=site)
    tag = to_script_tag(emitted)
    page = PAGE_TEMPLATE.format(script=tag)
    nodes = len(emitted["@graph"])
    size = len(tag[tag.index(">") + 1: tag.rindex("<")].encode("utf-8"))
    if size > EXTRUCT_MAX_SCRIPT_BYTES:
        extracted, extraction_error = None, (
            f"extruct cannot read this page: its JSON-LD is {size:,} bytes, and extruct's HTML parser (lxml without "
            f"huge_tree) keeps at most {EXTRUCT_MAX_SCRIPT_BYTES:,} bytes of one element's text, so crawlers and tools "
            "built on extruct would find no JSON-LD here (the articleBody is the usual reason: shorten it, or leave it "
            "out of the markup)")
    else:
        extracted, extraction_error = _extract(page)
    if extraction_error is not None:
        return RoundTripResult(nodes, emitted, None, extraction_error=extraction_error,
                               rdf_explanation="nothing was extracted to compare", page=page)
    json_differences = json_diff(emitted, extracted)
    model_error, model_differences = _compare_models(site.complete(article) if site else article, extracted, site)
    rdf = compare_rdf(emitted, extracted)
    return RoundTripResult(
        nodes,
        emitted,
        extracted,
        json_differences=tuple(json_differences),
        model_differences=tuple(model_differences),
        model_error=model_error,
        rdf_isomorphic=rdf.isomorphic,
        rdf_explanation=rdf.explanation,
        page=page,
    )


MISSING_EXTRA = "the round trip needs extruct and pyld, which a plain install leaves out: pip install 'newsld[roundtrip]'"


def require_roundtrip_extra() -> None:
    """Raise ModuleNotFoundError naming the extra to install when extruct or pyld is missing."""
    from importlib.util import find_spec

    missing = [name for name in ("extruct", "pyld") if find_spec(name) is None]
    if missing:
        raise ModuleNotFoundError(f"{MISSING_EXTRA} ({' and '.join(missing)} not installed)", name=missing[0])


def _extract(page: str) -> tuple[Any, str | None]:
    """The one JSON-LD document extruct finds in ``page``, or why there is not exactly one."""
    import extruct  # costs half a second: only when a round trip is asked for

    try:
        documents = extruct.JsonLdExtractor().extract(page)
    except Exception as exc:  # extruct raises whatever its JSON and HTML parsers raise
        return None, f"extruct failed: {type(exc).__name__}: {exc}"
    if len(documents) != 1:
        return None, f"extruct found {len(documents)} JSON-LD documents, expected 1"
    return documents[0], None


def _compare_models(article: NewsArticle, extracted: Any, site: Site | None) -> tuple[str | None, list[Difference]]:
    try:
        parsed = from_jsonld(extracted, site=site)
    except NewsldValidationError as exc:
        problems = "; ".join(f"{problem.path or '(document)'}: {problem.message}" for problem in exc.problems)
        return f"the extracted document does not parse back into an article: {problems}", []
    if parsed == article:
        return None, []
    differences = json_diff(_dump(article), _dump(parsed))
    # Equal dumps of unequal models: some value differs in a way JSON cannot show (a model class, say).
    return None, differences or [Difference("$", repr(article), repr(parsed))]


def _dump(model: NewsArticle) -> dict:
    return model.model_dump(mode="python", by_alias=True, exclude_none=True)
