"""newsld: schema.org NewsArticle models that emit validated, safely embeddable JSON-LD."""

import typing

from ._authoring import load
from ._errors import NewsldValidationError, Problem
from ._graph import to_jsonld
from ._reader import from_jsonld
from ._serialize import ScriptTag, dumps, to_client_script, to_script_tag
from .models import (
    AnalysisNewsArticle,
    AskPublicNewsArticle,
    BackgroundNewsArticle,
    BreadcrumbList,
    Claim,
    ClaimReview,
    CorrectionComment,
    Event,
    GeoCoordinates,
    ImageObject,
    ListItem,
    NewsArticle,
    NewsMediaOrganization,
    OpinionNewsArticle,
    Organization,
    Person,
    Place,
    Quotation,
    Rating,
    ReportageNewsArticle,
    ReviewNewsArticle,
    SearchAction,
    SpeakableSpecification,
    Thing,
    WebPage,
    WebPageElement,
    WebSite,
)

if typing.TYPE_CHECKING:
    from ._roundtrip import RoundTripResult, roundtrip
    from ._site import Site, load_site
    from .check import (ArticleVerdict, LiftedSource, LiftResult, Report, check_against, check_html, check_warc, lift,
                        lift_source)
    from .integrity import deep_link, integrity_findings, preview_html, text_fragment

__version__ = "0.1.0"

# Loaded on first use: the round trip pulls in extruct and pyld (most of a second), which emitting never needs; a site
# is optional, and its models are built only when one is asked for.
_LAZY = {
    "Site": "._site",
    "load_site": "._site",
    "roundtrip": "._roundtrip",
    "RoundTripResult": "._roundtrip",
    "integrity_findings": ".integrity",
    "text_fragment": ".integrity",
    "deep_link": ".integrity",
    "preview_html": ".integrity",
    "check_html": ".check",
    "check_against": ".check",
    "check_warc": ".check",
    "Report": ".check",
    "ArticleVerdict": ".check",
    "lift": ".check",
    "LiftResult": ".check",
    "lift_source": ".check",
    "LiftedSource": ".check",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "load",
    "load_site",
    "Site",
    "to_jsonld",
    "dumps",
    "to_script_tag",
    "to_client_script",
    "from_jsonld",
    "roundtrip",
    "RoundTripResult",
    "integrity_findings",
    "text_fragment",
    "deep_link",
    "preview_html",
    "check_html",
    "check_against",
    "check_warc",
    "Report",
    "ArticleVerdict",
    "lift",
    "LiftResult",
    "lift_source",
    "LiftedSource",
    "NewsldValidationError",
    "Problem",
    "ScriptTag",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "Claim",
    "ClaimReview",
    "CorrectionComment",
    "Event",
    "GeoCoordinates",
    "ImageObject",
    "NewsArticle",
    "NewsMediaOrganization",
    "OpinionNewsArticle",
    "Organization",
    "Person",
    "Place",
    "Quotation",
    "Rating",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "SpeakableSpecification",
    "Thing",
    "WebPage",
    "WebPageElement",
    "BreadcrumbList",
    "ListItem",
    "SearchAction",
    "WebSite",
]
