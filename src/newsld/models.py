"""schema.org types for news, as pydantic v2 models.

Class and field names are schema.org's own, so https://schema.org/NewsArticle and Google's structured-data guides read
straight onto this module. ``@type`` and ``@id`` are the explicit fields ``type`` and ``id``.

Conveniences (each documented in the README):

* one-or-many properties (``author``, ``image``, ``sameAs``, ``mentions``, ...) accept a single value and store a list;
* an author, editor or contributor given as a plain string is a ``Person`` with that ``name``; a mapping without
  ``@type`` in those places is a ``Person`` too, and a publisher without ``@type`` an ``Organization``;
* ``mainEntityOfPage`` given as a URL is a ``WebPage`` with that ``url``.

Dates are ISO 8601 text with a time and a timezone, kept as written (an aware ``datetime`` is written as such text); a
naive date-time is an error, never a guess.

Type checkers see every convenience in the ``__init__`` signatures (see ``newsld._types``): ``author="Jane Doe"``,
``sameAs="https://..."`` and ``datePublished=datetime(..., tzinfo=...)`` check clean, and reading the field gives what is
stored (``list[Person | Organization | NewsMediaOrganization]``, ``list[str]``, ``str``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Callable, ClassVar, Literal, Optional, TypeVar, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    SerializerFunctionWrapHandler,
    Tag,
    model_serializer,
    model_validator,
)
from typing_extensions import Self

from ._types import (
    OMITTED,
    DateTime,
    Iri,
    OneOrMany,
    OptionalDateTime,
    OptionalOneOrMany,
    Text,
    Url,
    parse_datetime,
)

if TYPE_CHECKING:
    from ._types import Accepts

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
    "WebSite",
    "SearchAction",
    "BreadcrumbList",
    "ListItem",
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
    "NAME_PROPERTIES",
    "NEWS_ARTICLE_TYPES",
]


# Numbers and booleans are strict: "5" or true is not silently turned into 5, and 1 does not become 1.0.
Number = StrictInt | StrictFloat


class SchemaOrgModel(BaseModel):
    """Base of every model: unknown properties are errors, never silently dropped."""

    # defer_build: a class's validator is built on its first use, so a process pays only for the types it meets.
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, validate_assignment=True, defer_build=True
    )

    #: schema.org types whose instances are nodes of the emitted @graph (they have an identity of their own).
    is_node: ClassVar[bool] = False

    @model_serializer(mode="wrap")
    def _without_absent_properties(self, handler: SerializerFunctionWrapHandler) -> Any:
        # An absent property is absent in JSON too: a model returned from an API (FastAPI's response_model, say) has
        # no "@id": null or "headline": null, as schema.org JSON never has. The JSON Schema is the fields' as before.
        data = handler(self)
        return {key: value for key, value in data.items() if value is not None} if isinstance(data, dict) else data


def type_of(value: Any) -> Any:
    """What a union of models is picked by: the ``@type`` of a mapping (``type`` when given by name) or of a model."""
    if isinstance(value, dict):
        return value.get("@type", value.get("type"))
    return getattr(value, "type", None)


def by_type(*classes: type[SchemaOrgModel]) -> Any:
    """A union of model classes picked by ``@type``.

    The discriminator is a function rather than the field name: pydantic's JSON Schema of a union discriminated by a
    field with an alias warns "Cannot update undefined schema" once a member refers back to itself (Organization's
    parentOrganization), which FastAPI shows for every endpoint that uses a model holding an Organization.
    """
    members = tuple(Annotated[cls, Tag(cls.model_fields["type"].default)] for cls in classes)
    return Annotated[Union[members], Discriminator(type_of)]


def _typed(default_type: str) -> Callable[[Any], Any]:
    """Before-validator giving a bare mapping or a plain name the documented default ``@type``."""

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return {"@type": default_type, "name": value}
        if isinstance(value, dict) and "@type" not in value and "type" not in value:
            return {"@type": default_type, **value}
        return value

    return fill


def _each(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
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

    # A subtype narrows ``type`` to its own name (and Place and Event require ``name``). Type checkers call narrowing a
    # mutable field unsafe; here it is what schema.org means, and validate_assignment keeps each instance to its type.
    is_node: ClassVar[bool] = True
    type: Literal["Thing"] = Field(default="Thing", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    name: Text | None = None
    alternateName: OptionalOneOrMany[Text] = OMITTED
    description: Text | None = None
    url: Url | None = None
    sameAs: OptionalOneOrMany[Url] = OMITTED


class ImageObject(SchemaOrgModel):
    type: Literal["ImageObject"] = Field(default="ImageObject", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    url: Url
    contentUrl: Url | None = None
    caption: Text | None = None
    creditText: Text | None = None
    copyrightNotice: Text | None = None
    license: Url | None = None
    acquireLicensePage: Url | None = None
    # Pixels, as Google's image guidance counts them (at least 50,000 = width × height); newsld check uses them.
    width: StrictInt | None = Field(default=None, ge=1)
    height: StrictInt | None = Field(default=None, ge=1)


Image = Union[Url, ImageObject]


_Entity = TypeVar("_Entity", bound=Thing)


def _named_or_described(entity: _Entity, example: str) -> _Entity:
    if entity.name is None and entity.description is None:
        raise ValueError(f"give a name, or for an unnamed source a description (e.g. {example!r})")
    return entity


class Organization(Thing):
    type: Literal["Organization"] = Field(default="Organization", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]
    logo: Image | None = None
    # A news publisher's parent may be one too; a mapping without @type stays an Organization, as before.
    parentOrganization: OrganizationOrName = OMITTED

    @model_validator(mode="after")
    def _identifiable(self) -> Self:
        return _named_or_described(self, "Western diplomats")


class NewsMediaOrganization(Organization):
    """A news publisher with the Trust Project's transparency properties."""

    type: Literal["NewsMediaOrganization"] = Field(default="NewsMediaOrganization", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]
    publishingPrinciples: Url | None = None
    correctionsPolicy: Url | None = None
    ethicsPolicy: Url | None = None
    unnamedSourcesPolicy: Url | None = None
    masthead: Url | None = None
    verificationFactCheckingPolicy: Url | None = None
    actionableFeedbackPolicy: Url | None = None
    ownershipFundingInfo: Url | None = None
    diversityPolicy: Url | None = None


if TYPE_CHECKING:
    AnyOrganization = Organization | NewsMediaOrganization
else:
    AnyOrganization = by_type(Organization, NewsMediaOrganization)


class Person(Thing):
    """A person. An unnamed source is a Person with a ``description`` and no ``name``."""

    type: Literal["Person"] = Field(default="Person", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]
    givenName: Text | None = None
    familyName: Text | None = None
    honorificPrefix: Text | None = None
    jobTitle: Text | None = None
    image: Image | None = None
    affiliation: OrganizationsOrNames = OMITTED
    worksFor: OrganizationsOrNames = OMITTED

    @model_validator(mode="after")
    def _identifiable(self) -> Self:
        return _named_or_described(self, "a source close to the Russian military")


if TYPE_CHECKING:
    Agent = Person | Organization | NewsMediaOrganization
else:
    Agent = by_type(Person, Organization, NewsMediaOrganization)
PersonByDefault = Annotated[Agent, BeforeValidator(_typed("Person"))]
OrganizationByDefault = Annotated[Agent, BeforeValidator(_typed("Organization"))]

#: The properties where a plain string is the entity's name: an author "Jane Doe" is a Person, a publisher "Example
#: News" an Organization. One convention, in Python and in source files, where a string that is a local entity id is
#: that entity instead (docs/models.md). The aliases below give each of them the name convenience.
NAME_PROPERTIES = frozenset({
    "affiliation", "author", "claimInterpreter", "contributor", "copyrightHolder", "creator", "editor",
    "parentOrganization", "publisher", "worksFor",
})

# Where a plain name stands for an entity (an author "Jane Doe" is a Person, a publisher "Example News" an
# Organization), type checkers are told so: they accept the name and read back the model (see newsld._types).
if TYPE_CHECKING:
    OrganizationOrName = Accepts[AnyOrganization | None, str | AnyOrganization | None]
    OrganizationsOrNames = Accepts[
        list[AnyOrganization] | None, str | AnyOrganization | list[str | AnyOrganization] | None
    ]
    AgentOrName = Accepts[Agent | None, str | Agent | None]
    AgentsOrNames = Accepts[list[Agent] | None, str | Agent | list[str | Agent] | None]
    AuthorsOrNames = AgentsOrNames
    ReviewersOrNames = AgentsOrNames
    RequiredAgentsOrNames = Accepts[list[Agent], str | Agent | list[str | Agent]]
    PeopleOrNames = Accepts[list[Person] | None, str | Person | list[str | Person] | None]
else:
    OrganizationOrName = Optional[Annotated[AnyOrganization, BeforeValidator(_typed("Organization"))]]
    OrganizationsOrNames = Optional[OneOrMany[Annotated[AnyOrganization, BeforeValidator(_typed("Organization"))]]]
    AgentOrName = Optional[OrganizationByDefault]
    AgentsOrNames = Optional[OneOrMany[PersonByDefault]]
    AuthorsOrNames = Optional[Annotated[list[PersonByDefault], BeforeValidator(_each(_typed("Person")))]]
    ReviewersOrNames = Optional[OneOrMany[OrganizationByDefault]]
    RequiredAgentsOrNames = OneOrMany[PersonByDefault]
    PeopleOrNames = Optional[Annotated[list[Person], BeforeValidator(_each(_typed("Person")))]]


class GeoCoordinates(SchemaOrgModel):
    type: Literal["GeoCoordinates"] = Field(default="GeoCoordinates", validation_alias="@type", serialization_alias="@type")
    latitude: Number = Field(ge=-90, le=90, allow_inf_nan=False)
    longitude: Number = Field(ge=-180, le=180, allow_inf_nan=False)


class Place(Thing):
    type: Literal["Place"] = Field(default="Place", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]
    name: Text  # pyright: ignore[reportIncompatibleVariableOverride, reportGeneralTypeIssues]
    geo: GeoCoordinates | None = None
    containedInPlace: Place | None = None


class Event(Thing):
    type: Literal["Event"] = Field(default="Event", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]
    name: Text  # pyright: ignore[reportIncompatibleVariableOverride, reportGeneralTypeIssues]
    startDate: OptionalDateTime = OMITTED
    endDate: OptionalDateTime = OMITTED
    location: OptionalOneOrMany[Place] = OMITTED

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.startDate and self.endDate and parse_datetime(self.endDate) < parse_datetime(self.startDate):
            raise ValueError(f"endDate {self.endDate} is before startDate {self.startDate}")
        return self


class SearchAction(SchemaOrgModel):
    """A site search: ``target`` is a URL template with ``{search_term_string}`` where the query goes."""

    type: Literal["SearchAction"] = Field(default="SearchAction", validation_alias="@type", serialization_alias="@type")
    target: Url
    # Google's annotation naming the template's variable; "query-input" is no Python name.
    query_input: Text = Field(
        default="required name=search_term_string", validation_alias="query-input", serialization_alias="query-input"
    )

    @model_validator(mode="after")
    def _has_the_variable(self) -> Self:
        name = self.query_input.rsplit("name=", 1)[-1].strip()
        if "{" + name + "}" not in self.target:
            raise ValueError(f"target {self.target!r} has no {{{name}}} for the search terms")
        return self


class WebSite(SchemaOrgModel):
    """The site a page belongs to (``WebPage.isPartOf``); one node shared by every page of the site."""

    is_node: ClassVar[bool] = True
    type: Literal["WebSite"] = Field(default="WebSite", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    url: Url
    name: Text
    alternateName: OptionalOneOrMany[Text] = OMITTED
    description: Text | None = None
    inLanguage: Text | None = None
    publisher: AgentOrName = OMITTED
    potentialAction: SearchAction | None = None


class ListItem(SchemaOrgModel):
    """One step of a breadcrumb trail: its 1-based ``position``, its ``name`` and the page it links to (``item``)."""

    type: Literal["ListItem"] = Field(default="ListItem", validation_alias="@type", serialization_alias="@type")
    position: StrictInt = Field(ge=1)
    name: Text = Field(min_length=1)
    item: Url | None = None


class BreadcrumbList(SchemaOrgModel):
    """The trail from the home page to the article's page; positions run 1, 2, 3... in order."""

    type: Literal["BreadcrumbList"] = Field(
        default="BreadcrumbList", validation_alias="@type", serialization_alias="@type"
    )
    itemListElement: list[ListItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        positions = [item.position for item in self.itemListElement]
        if positions != list(range(1, len(positions) + 1)):
            raise ValueError(f"itemListElement positions must be 1, 2, 3... in order, not {positions}")
        return self

    @classmethod
    def of(cls, *trail: tuple[str, str | None]) -> BreadcrumbList:
        """A trail from ``(name, url)`` pairs, home first: ``BreadcrumbList.of(("News", "https://..."), ...)``."""
        return cls(itemListElement=[ListItem(position=n, name=name, item=url) for n, (name, url) in enumerate(trail, 1)])


class WebPage(SchemaOrgModel):
    """The page that carries the article (its ``mainEntityOfPage``)."""

    is_node: ClassVar[bool] = True
    type: Literal["WebPage"] = Field(default="WebPage", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    url: Url
    name: Text | None = None
    inLanguage: Text | None = None
    isPartOf: WebSite | None = None
    breadcrumb: BreadcrumbList | None = None


def _page_from_url(value: Any) -> Any:
    return {"@type": "WebPage", "url": value} if isinstance(value, str) else value


if TYPE_CHECKING:
    PageOrUrl = Accepts[WebPage | None, WebPage | str | None]
else:
    PageOrUrl = Optional[Annotated[WebPage, BeforeValidator(_page_from_url)]]


class WebPageElement(SchemaOrgModel):
    """A section of the page, used to mark paywalled parts (``isAccessibleForFree: false`` with a CSS class)."""

    type: Literal["WebPageElement"] = Field(default="WebPageElement", validation_alias="@type", serialization_alias="@type")
    isAccessibleForFree: StrictBool
    cssSelector: Text


class SpeakableSpecification(SchemaOrgModel):
    type: Literal["SpeakableSpecification"] = Field(default="SpeakableSpecification", validation_alias="@type", serialization_alias="@type")
    cssSelector: OptionalOneOrMany[Text] = OMITTED
    xpath: OptionalOneOrMany[Text] = OMITTED

    @model_validator(mode="after")
    def _one_locator(self) -> Self:
        if (self.cssSelector is None) == (self.xpath is None):
            raise ValueError("give cssSelector or xpath, not both and not neither (Google's speakable rules)")
        return self


class Claim(SchemaOrgModel):
    """A claim the article reports. In the emitted graph its ``appearance`` is the article."""

    is_node: ClassVar[bool] = True
    type: Literal["Claim"] = Field(default="Claim", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    text: Text = Field(min_length=1)
    author: RequiredAgentsOrNames = Field(min_length=1)
    datePublished: OptionalDateTime = OMITTED
    claimInterpreter: AgentOrName = OMITTED
    url: Url | None = None


if TYPE_CHECKING:
    Mentionable = Person | Organization | NewsMediaOrganization | Place | Event | Thing | Claim
else:
    Mentionable = by_type(Person, Organization, NewsMediaOrganization, Place, Event, Thing, Claim)


class Quotation(SchemaOrgModel):
    """A direct quotation carried by the article: its exact words and who said them.

    In the emitted graph each Quotation is ``isPartOf`` its article and listed in the article's ``hasPart``; a quotation
    interrupted by its attribution is recorded as one Quotation per quoted span.
    """

    is_node: ClassVar[bool] = True
    type: Literal["Quotation"] = Field(default="Quotation", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    text: Text = Field(min_length=1)
    spokenByCharacter: Agent
    about: OptionalOneOrMany[Mentionable] = OMITTED
    url: Url | None = None
    dateCreated: OptionalDateTime = OMITTED


class Rating(SchemaOrgModel):
    type: Literal["Rating"] = Field(default="Rating", validation_alias="@type", serialization_alias="@type")
    ratingValue: Number | None = Field(default=None, allow_inf_nan=False)
    bestRating: Number | None = Field(default=None, allow_inf_nan=False)
    worstRating: Number | None = Field(default=None, allow_inf_nan=False)
    alternateName: Text = Field(min_length=1)
    ratingExplanation: Text | None = None

    @model_validator(mode="after")
    def _in_scale(self) -> Self:
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
    type: Literal["ClaimReview"] = Field(default="ClaimReview", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    claimReviewed: Text = Field(min_length=1)
    itemReviewed: Claim
    reviewRating: Rating
    author: ReviewersOrNames = OMITTED
    datePublished: OptionalDateTime = OMITTED
    url: Url | None = None


class CorrectionComment(SchemaOrgModel):
    type: Literal["CorrectionComment"] = Field(default="CorrectionComment", validation_alias="@type", serialization_alias="@type")
    text: Text = Field(min_length=1)
    datePublished: DateTime


if TYPE_CHECKING:
    ArticlePart = Quotation | WebPageElement | ClaimReview
else:
    ArticlePart = by_type(Quotation, WebPageElement, ClaimReview)
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
    type: Literal["NewsArticle"] = Field(default="NewsArticle", validation_alias="@type", serialization_alias="@type")
    id: Iri | None = Field(default=None, validation_alias="@id", serialization_alias="@id")
    headline: Text = Field(min_length=1)
    alternativeHeadline: Text | None = None
    description: Text | None = None
    url: Url
    mainEntityOfPage: PageOrUrl = OMITTED
    image: OptionalOneOrMany[Image] = OMITTED
    thumbnailUrl: Url | None = None
    datePublished: OptionalDateTime = OMITTED
    dateModified: OptionalDateTime = OMITTED
    dateCreated: OptionalDateTime = OMITTED
    author: AuthorsOrNames = OMITTED
    creator: AgentsOrNames = OMITTED
    editor: PeopleOrNames = OMITTED
    contributor: AgentsOrNames = OMITTED
    publisher: AgentOrName = OMITTED
    copyrightHolder: AgentOrName = OMITTED
    copyrightYear: StrictInt | None = Field(default=None, ge=0, le=9999)
    articleSection: OptionalOneOrMany[Text] = OMITTED
    keywords: OptionalOneOrMany[Text] = OMITTED
    inLanguage: Text | None = None
    dateline: Text | None = None
    printSection: Text | None = None
    printPage: Text | None = None
    printEdition: Text | None = None
    printColumn: Text | None = None
    about: OptionalOneOrMany[Mentionable] = OMITTED
    mentions: OptionalOneOrMany[Mentionable] = OMITTED
    citation: OptionalOneOrMany[CitedWork] = OMITTED
    isBasedOn: OptionalOneOrMany[Url] = OMITTED
    correction: OptionalOneOrMany[CorrectionComment] = OMITTED
    backstory: Text | None = None
    isAccessibleForFree: StrictBool | None = None
    hasPart: OptionalOneOrMany[ArticlePart] = OMITTED
    speakable: SpeakableSpecification | None = None
    wordCount: StrictInt | None = Field(default=None, ge=0)
    locationCreated: Place | None = None
    contentLocation: OptionalOneOrMany[Place] = OMITTED
    publishingPrinciples: Url | None = None
    articleBody: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
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
    type: Literal["ReportageNewsArticle"] = Field(default="ReportageNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


class AnalysisNewsArticle(NewsArticle):
    type: Literal["AnalysisNewsArticle"] = Field(default="AnalysisNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


class OpinionNewsArticle(NewsArticle):
    type: Literal["OpinionNewsArticle"] = Field(default="OpinionNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


class BackgroundNewsArticle(NewsArticle):
    type: Literal["BackgroundNewsArticle"] = Field(default="BackgroundNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


class ReviewNewsArticle(NewsArticle):
    type: Literal["ReviewNewsArticle"] = Field(default="ReviewNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


class AskPublicNewsArticle(NewsArticle):
    type: Literal["AskPublicNewsArticle"] = Field(default="AskPublicNewsArticle", validation_alias="@type", serialization_alias="@type")  # type: ignore[assignment]


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


# The classes above were created with defer_build, so importing newsld builds no validator: each is built on its first
# use. From now on the setting is off, so that a TypeAdapter made around a model later builds at once rather than on
# its first use: FastAPI makes one per endpoint parameter inside a block that silences a pydantic warning about its
# own Field(alias=...), and a deferred one would emit that warning on the first request instead.
for _model in [value for value in list(globals().values()) if isinstance(value, type) and issubclass(value, BaseModel)]:
    _model.model_config["defer_build"] = False
