"""newsld: schema.org NewsArticle models that emit validated, safely embeddable JSON-LD."""

from ._authoring import load
from ._errors import NewsldValidationError, Problem
from ._graph import from_jsonld, to_jsonld
from ._serialize import ScriptTag, dumps, to_script_tag
from .models import (
    AnalysisNewsArticle,
    AskPublicNewsArticle,
    BackgroundNewsArticle,
    Claim,
    ClaimReview,
    CorrectionComment,
    Event,
    GeoCoordinates,
    ImageObject,
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
    SpeakableSpecification,
    Thing,
    WebPage,
    WebPageElement,
)

__version__ = "0.1.0"

__all__ = [
    "load",
    "to_jsonld",
    "dumps",
    "to_script_tag",
    "from_jsonld",
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
]
