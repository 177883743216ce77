"""schema.org types for news, as pydantic v2 models.

Class and field names are schema.org's own, so https://schema.org/NewsArticle and Google's structured-data guides read
straight onto this module. ``@type`` and ``@id`` are the explicit fields ``type`` and ``id``.

Conveniences (each documented in the README):

* one-or-many properties (``author``, ``image``, ``sameAs``, ``mentions``, ...) accept a single value and store a list;
* an author, editor or contributor given as a plain string is a ``Person`` with that ``name``; a mapping without
  ``@type`` in those places is a ``Person`` too, and a publisher without ``@type`` an ``Organization``;
* ``mainEntityOfPage`` given as a URL is a ``WebPage`` with that ``url``.

Dates are ISO 8601 text with a time and a timezone, kept as written; a naive date-time is an error, never a guess.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, List, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, model_validator

from ._types import DateTime, Iri, OneOrMany, Text, Url, parse_datetime

__all__ = [
    "SchemaOrgModel",
    "Thing",
    "Person",
    "Organization",
    "NewsMediaOrganization",
    "Place",
    "GeoCoordinates",
    "Event",
    "ImageObject",
    "WebPage",
    "WebPageElement",
    "SpeakableSpecification",
    "Quotation",
    "Claim",
    "Rating",
    "ClaimReview",
    "CorrectionComment",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "NEWS_ARTICLE_TYPES",
]


# Numbers and booleans are strict: "5" or true is not silently turned into 5, and 1 does not become 1.0.
Number = Union[StrictInt, StrictFloat]


class SchemaOrgModel(BaseModel):
    """Base of every model: unknown properties are errors, never silently dropped."""

    # defer_build: a class's validator is built on its first use, so a process pays only for the types it meets.
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, validate_assignment=True, defer_build=True
    )

    #: schema.org types whose instances are nodes of the emitted @graph (they have an identity of their own).
    is_node: ClassVar[bool] = False


def _typed(default_type: str):
    """Before-validator giving a bare mapping or a plain name the documented default ``@type``."""

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return {"@type": default_type, "name": value}
        if isinstance(value, dict) and "@type" not in value and "type" not in value:
            return {"@type": default_type, **value}
        return value

    return fill


def _each(convert):
    def apply(value: Any) -> Any:
        if value is None:
            return value
        items = value if isinstance(value, (list, tuple)) else [value]
        return [convert(item) for item in items]

    return apply


class Thing(SchemaOrgModel):
    """A concept the article is about or mentions that has no more specific type here.

    Also the base of the other entity types, which carry Thing's properties as schema.org's types do.
    """

    is_node: ClassVar[bool] = True
    type: Literal["Thing"] = Field("Thing", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    name: Optional[Text] = None
    alternateName: Optional[OneOrMany[Text]] = None
    description: Optional[Text] = None
    url: Optional[Url] = None
    sameAs: Optional[OneOrMany[Url]] = None


class ImageObject(SchemaOrgModel):
    type: Literal["ImageObject"] = Field("ImageObject", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    url: Url
    contentUrl: Optional[Url] = None
    caption: Optional[Text] = None
    creditText: Optional[Text] = None
    copyrightNotice: Optional[Text] = None
    license: Optional[Url] = None
    acquireLicensePage: Optional[Url] = None


Image = Union[Url, ImageObject]


def _named_or_described(entity: Thing, example: str) -> Thing:
    if entity.name is None and entity.description is None:
        raise ValueError(f"give a name, or for an unnamed source a description (e.g. {example!r})")
    return entity


class Organization(Thing):
    type: Literal["Organization"] = Field("Organization", alias="@type")
    logo: Optional[Image] = None
    # A news publisher's parent may be one too; a mapping without @type stays an Organization, as before.
    parentOrganization: Optional[Annotated[AnyOrganization, BeforeValidator(_typed("Organization"))]] = None

    @model_validator(mode="after")
    def _identifiable(self):
        return _named_or_described(self, "Western diplomats")


class NewsMediaOrganization(Organization):
    """A news publisher with the Trust Project's transparency properties."""

    type: Literal["NewsMediaOrganization"] = Field("NewsMediaOrganization", alias="@type")
    publishingPrinciples: Optional[Url] = None
    correctionsPolicy: Optional[Url] = None
    ethicsPolicy: Optional[Url] = None
    unnamedSourcesPolicy: Optional[Url] = None
    masthead: Optional[Url] = None
    verificationFactCheckingPolicy: Optional[Url] = None
    actionableFeedbackPolicy: Optional[Url] = None
    ownershipFundingInfo: Optional[Url] = None
    diversityPolicy: Optional[Url] = None


AnyOrganization = Annotated[Union[Organization, NewsMediaOrganization], Field(discriminator="type")]


class Person(Thing):
    """A person. An unnamed source is a Person with a ``description`` and no ``name``."""

    type: Literal["Person"] = Field("Person", alias="@type")
    givenName: Optional[Text] = None
    familyName: Optional[Text] = None
    honorificPrefix: Optional[Text] = None
    jobTitle: Optional[Text] = None
    image: Optional[Image] = None
    affiliation: Optional[OneOrMany[Annotated[AnyOrganization, BeforeValidator(_typed("Organization"))]]] = None
    worksFor: Optional[OneOrMany[Annotated[AnyOrganization, BeforeValidator(_typed("Organization"))]]] = None

    @model_validator(mode="after")
    def _identifiable(self):
        return _named_or_described(self, "a source close to the Russian military")


Agent = Annotated[Union[Person, Organization, NewsMediaOrganization], Field(discriminator="type")]
PersonByDefault = Annotated[Agent, BeforeValidator(_typed("Person"))]
OrganizationByDefault = Annotated[Agent, BeforeValidator(_typed("Organization"))]


class GeoCoordinates(SchemaOrgModel):
    type: Literal["GeoCoordinates"] = Field("GeoCoordinates", alias="@type")
    latitude: Number = Field(ge=-90, le=90, allow_inf_nan=False)
    longitude: Number = Field(ge=-180, le=180, allow_inf_nan=False)


class Place(Thing):
    type: Literal["Place"] = Field("Place", alias="@type")
    name: Text
    geo: Optional[GeoCoordinates] = None
    containedInPlace: Optional[Place] = None


class Event(Thing):
    type: Literal["Event"] = Field("Event", alias="@type")
    name: Text
    startDate: Optional[DateTime] = None
    endDate: Optional[DateTime] = None
    location: Optional[OneOrMany[Place]] = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.startDate and self.endDate and parse_datetime(self.endDate) < parse_datetime(self.startDate):
            raise ValueError(f"endDate {self.endDate} is before startDate {self.startDate}")
        return self


class WebPage(SchemaOrgModel):
    """The page that carries the article (its ``mainEntityOfPage``)."""

    is_node: ClassVar[bool] = True
    type: Literal["WebPage"] = Field("WebPage", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    url: Url
    name: Optional[Text] = None
    inLanguage: Optional[Text] = None


def _page_from_url(value: Any) -> Any:
    return {"@type": "WebPage", "url": value} if isinstance(value, str) else value


class WebPageElement(SchemaOrgModel):
    """A section of the page, used to mark paywalled parts (``isAccessibleForFree: false`` with a CSS class)."""

    type: Literal["WebPageElement"] = Field("WebPageElement", alias="@type")
    isAccessibleForFree: StrictBool
    cssSelector: Text


class SpeakableSpecification(SchemaOrgModel):
    type: Literal["SpeakableSpecification"] = Field("SpeakableSpecification", alias="@type")
    cssSelector: Optional[OneOrMany[Text]] = None
    xpath: Optional[OneOrMany[Text]] = None

    @model_validator(mode="after")
    def _one_locator(self):
        if (self.cssSelector is None) == (self.xpath is None):
            raise ValueError("give cssSelector or xpath, not both and not neither (Google's speakable rules)")
        return self


Mentionable = Annotated[
    Union[Person, Organization, NewsMediaOrganization, Place, Event, Thing, "Claim"],
    Field(discriminator="type"),
]


class Quotation(SchemaOrgModel):
    """A direct quotation carried by the article: its exact words and who said them.

    In the emitted graph each Quotation is ``isPartOf`` its article and listed in the article's ``hasPart``; a quotation
    interrupted by its attribution is recorded as one Quotation per quoted span.
    """

    is_node: ClassVar[bool] = True
    type: Literal["Quotation"] = Field("Quotation", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    text: Text = Field(min_length=1)
    spokenByCharacter: Agent
    about: Optional[OneOrMany[Mentionable]] = None
    url: Optional[Url] = None
    dateCreated: Optional[DateTime] = None


class Claim(SchemaOrgModel):
    """A claim the article reports. In the emitted graph its ``appearance`` is the article."""

    is_node: ClassVar[bool] = True
    type: Literal["Claim"] = Field("Claim", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    text: Text = Field(min_length=1)
    author: OneOrMany[PersonByDefault] = Field(min_length=1)
    datePublished: Optional[DateTime] = None
    claimInterpreter: Optional[OrganizationByDefault] = None
    url: Optional[Url] = None


class Rating(SchemaOrgModel):
    type: Literal["Rating"] = Field("Rating", alias="@type")
    ratingValue: Optional[Number] = Field(None, allow_inf_nan=False)
    bestRating: Optional[Number] = Field(None, allow_inf_nan=False)
    worstRating: Optional[Number] = Field(None, allow_inf_nan=False)
    alternateName: Text = Field(min_length=1)
    ratingExplanation: Optional[Text] = None

    @model_validator(mode="after")
    def _in_scale(self):
        if self.bestRating is not None and self.worstRating is not None and self.worstRating >= self.bestRating:
            raise ValueError("worstRating must be below bestRating")
        if self.ratingValue is not None:
            if self.bestRating is not None and self.ratingValue > self.bestRating:
                raise ValueError(f"ratingValue {self.ratingValue} is above bestRating {self.bestRating}")
            if self.worstRating is not None and self.ratingValue < self.worstRating:
                raise ValueError(f"ratingValue {self.ratingValue} is below worstRating {self.worstRating}")
        return self


class ClaimReview(SchemaOrgModel):
    is_node: ClassVar[bool] = True
    type: Literal["ClaimReview"] = Field("ClaimReview", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    claimReviewed: Text = Field(min_length=1)
    itemReviewed: Claim
    reviewRating: Rating
    author: Optional[OneOrMany[OrganizationByDefault]] = None
    datePublished: Optional[DateTime] = None
    url: Optional[Url] = None


class CorrectionComment(SchemaOrgModel):
    type: Literal["CorrectionComment"] = Field("CorrectionComment", alias="@type")
    text: Text = Field(min_length=1)
    datePublished: DateTime


ArticlePart = Annotated[Union[Quotation, WebPageElement, ClaimReview], Field(discriminator="type")]
CitedWork = Url

NEWS_ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
)


class NewsArticle(SchemaOrgModel):
    """A news article: the root of every document newsld emits.

    ``url`` is required: it is the base of every ``@id`` in the emitted graph.
    """

    is_node: ClassVar[bool] = True
    type: Literal["NewsArticle"] = Field("NewsArticle", alias="@type")
    id: Optional[Iri] = Field(None, alias="@id")
    headline: Text = Field(min_length=1)
    alternativeHeadline: Optional[Text] = None
    description: Optional[Text] = None
    url: Url
    mainEntityOfPage: Optional[Annotated[WebPage, BeforeValidator(_page_from_url)]] = None
    image: Optional[OneOrMany[Image]] = None
    thumbnailUrl: Optional[Url] = None
    datePublished: Optional[DateTime] = None
    dateModified: Optional[DateTime] = None
    dateCreated: Optional[DateTime] = None
    author: Optional[Annotated[List[PersonByDefault], BeforeValidator(_each(_typed("Person")))]] = None
    creator: Optional[OneOrMany[PersonByDefault]] = None
    editor: Optional[Annotated[List[Person], BeforeValidator(_each(_typed("Person")))]] = None
    contributor: Optional[OneOrMany[PersonByDefault]] = None
    publisher: Optional[OrganizationByDefault] = None
    copyrightHolder: Optional[OrganizationByDefault] = None
    copyrightYear: Optional[StrictInt] = Field(None, ge=0, le=9999)
    articleSection: Optional[OneOrMany[Text]] = None
    keywords: Optional[OneOrMany[Text]] = None
    inLanguage: Optional[Text] = None
    dateline: Optional[Text] = None
    printSection: Optional[Text] = None
    printPage: Optional[Text] = None
    printEdition: Optional[Text] = None
    printColumn: Optional[Text] = None
    about: Optional[OneOrMany[Mentionable]] = None
    mentions: Optional[OneOrMany[Mentionable]] = None
    citation: Optional[OneOrMany[CitedWork]] = None
    isBasedOn: Optional[OneOrMany[Url]] = None
    correction: Optional[OneOrMany[CorrectionComment]] = None
    backstory: Optional[Text] = None
    isAccessibleForFree: Optional[StrictBool] = None
    hasPart: Optional[OneOrMany[ArticlePart]] = None
    speakable: Optional[SpeakableSpecification] = None
    wordCount: Optional[StrictInt] = Field(None, ge=0)
    locationCreated: Optional[Place] = None
    contentLocation: Optional[OneOrMany[Place]] = None
    publishingPrinciples: Optional[Url] = None
    articleBody: Optional[Text] = None

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.datePublished and self.dateModified:
            if parse_datetime(self.dateModified) < parse_datetime(self.datePublished):
                raise ValueError(
                    f"dateModified {self.dateModified} is before datePublished {self.datePublished}"
                )
        return self

    @property
    def quotations(self) -> list[Quotation]:
        return [part for part in self.hasPart or () if isinstance(part, Quotation)]

    @property
    def claims(self) -> list[Claim]:
        return [thing for thing in self.mentions or () if isinstance(thing, Claim)]


class ReportageNewsArticle(NewsArticle):
    type: Literal["ReportageNewsArticle"] = Field("ReportageNewsArticle", alias="@type")


class AnalysisNewsArticle(NewsArticle):
    type: Literal["AnalysisNewsArticle"] = Field("AnalysisNewsArticle", alias="@type")


class OpinionNewsArticle(NewsArticle):
    type: Literal["OpinionNewsArticle"] = Field("OpinionNewsArticle", alias="@type")


class BackgroundNewsArticle(NewsArticle):
    type: Literal["BackgroundNewsArticle"] = Field("BackgroundNewsArticle", alias="@type")


class ReviewNewsArticle(NewsArticle):
    type: Literal["ReviewNewsArticle"] = Field("ReviewNewsArticle", alias="@type")


class AskPublicNewsArticle(NewsArticle):
    type: Literal["AskPublicNewsArticle"] = Field("AskPublicNewsArticle", alias="@type")


ARTICLE_CLASSES: dict[str, type[NewsArticle]] = {
    cls.model_fields["type"].default: cls
    for cls in (
        NewsArticle,
        ReportageNewsArticle,
        AnalysisNewsArticle,
        OpinionNewsArticle,
        BackgroundNewsArticle,
        ReviewNewsArticle,
        AskPublicNewsArticle,
    )
}
