"""What every page of a site shares: the publisher, the WebSite node, defaults, and ids that do not depend on the page.

A news page's JSON-LD is more than its article: the publisher (a NewsMediaOrganization with its logo and policies) and
the WebSite are the same on every page, and a consumer that reads many pages of the site (a search engine, an archive)
should see them as one node each. So their ``@id``s come from the site's URL, never the article's:

* the WebSite: ``https://example.com/#/website``;
* the site's publisher: ``https://example.com/#/organization/example-news`` (a slug of its name);
* a Person or Organization with a ``url`` of its own (an author page, a Wikipedia article):
  ``https://example.com/#/person/jane-doe-1f2e3d4c``, a slug of the name and the first 8 hex digits of the SHA-256 of
  that url. Its url is what makes it the same entity from one article to the next; without one, two "Jane Doe"s of two
  articles may be two people, so they keep ids derived from their article (``ARTICLE_URL#/person/jane-doe``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from urllib.parse import urldefrag

from ._errors import Location, NewsldValidationError, problems_from_pydantic
from .models import (
    NewsArticle,
    NewsMediaOrganization,
    Organization,
    Person,
    SchemaOrgModel,
    SearchAction,
    WebPage,
    WebSite,
)
from ._types import Text, Url

__all__ = ["Site", "load_site", "site_from"]

if TYPE_CHECKING:
    Publisher = Organization | NewsMediaOrganization
else:

    def _organization_by_default(value: Any) -> Any:
        if isinstance(value, Mapping) and "@type" not in value and "type" not in value:
            return {"@type": "Organization", **value}
        return value

    Publisher = Annotated[
        Union[Organization, NewsMediaOrganization],
        Field(discriminator="type"),
        BeforeValidator(_organization_by_default),
    ]


class Site(BaseModel):
    """Say once what every page of the site shares; pass it as ``site=`` when emitting.

    ``url`` is the site's home page and the base of the site-wide ``@id``s. ``publisher`` is every article's publisher
    unless the article names its own; ``inLanguage`` every article's language unless it says otherwise. ``searchUrl``,
    a URL with ``{search_term_string}`` where the query goes, becomes the WebSite's SearchAction.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Url
    name: Text
    publisher: Publisher
    inLanguage: Text | None = None
    alternateName: Text | None = None
    description: Text | None = None
    searchUrl: Url | None = None

    _website: WebSite = PrivateAttr()

    @field_validator("searchUrl")
    @classmethod
    def _has_the_search_terms(cls, value: str | None) -> str | None:
        if value is not None and "{search_term_string}" not in value:
            raise ValueError("give the search URL with {search_term_string} where the query goes")
        return value

    def model_post_init(self, context: Any, /) -> None:
        action = SearchAction(target=self.searchUrl) if self.searchUrl else None
        # One model shared by every page: the graph renders it identically wherever it appears.
        self._website = WebSite(
            url=self.url,
            name=self.name,
            alternateName=self.alternateName,
            description=self.description,
            inLanguage=self.inLanguage,
            publisher=self.publisher,
            potentialAction=action,
        )

    @property
    def base(self) -> str:
        """The site URL without its fragment: what every site-wide ``@id`` starts with."""
        return urldefrag(self.url)[0]

    @property
    def website(self) -> WebSite:
        """The WebSite node every page's WebPage is part of."""
        return self._website

    def complete(self, article: NewsArticle) -> NewsArticle:
        """The article as the site publishes it: its publisher and language by default, and a WebPage that is part of
        the WebSite. What the article says itself is kept."""
        updates: dict[str, Any] = {}
        if article.publisher is None:
            updates["publisher"] = self.publisher
        if article.inLanguage is None and self.inLanguage is not None:
            updates["inLanguage"] = self.inLanguage
        page = article.mainEntityOfPage or WebPage(url=article.url)
        if page.isPartOf is None:
            page = page.model_copy(update={"isPartOf": self.website})
        updates["mainEntityOfPage"] = page
        return article.model_copy(update=updates)

    def node_id(self, model: SchemaOrgModel) -> str | None:
        """The site-wide ``@id`` of a node, or None when the node's id depends on its article."""
        if isinstance(model, WebSite):
            return None  # derived from its own url, with or without a site
        if isinstance(model, (Organization, NewsMediaOrganization)) and model == self.publisher:
            return f"{self.base}#/organization/{_slug(model)}"
        if isinstance(model, (Person, Organization, NewsMediaOrganization)) and model.url:
            kind = "person" if isinstance(model, Person) else "organization"
            return f"{self.base}#/{kind}/{_slug(model)}-{_digest(model.url)}"
        return None

    def is_node_id(self, node: Mapping[str, Any]) -> bool:
        """Whether a node's ``@id`` in a document is the site-wide one :meth:`node_id` gives (so a reader drops it)."""
        node_id, node_type = node.get("@id"), node.get("@type")
        if not isinstance(node_id, str) or not node_id.startswith(self.base + "#/"):
            return False
        if node_type in ("Organization", "NewsMediaOrganization") and node.get("name") == self.publisher.name:
            if node_id == f"{self.base}#/organization/{_slug_of(node.get('name'), node.get('description'))}":
                return True
        url = node.get("url")
        if node_type in ("Person", "Organization", "NewsMediaOrganization") and isinstance(url, str):
            kind = "person" if node_type == "Person" else "organization"
            slug = _slug_of(node.get("name"), node.get("description"))
            return node_id == f"{self.base}#/{kind}/{slug}-{_digest(url)}"
        return False


def _slug_of(name: Any, description: Any) -> str:
    from ._graph import slugify  # the graph's own slugs: one way to turn a name into a fragment

    label = name if isinstance(name, str) and name else description if isinstance(description, str) else ""
    return slugify(label) or "unnamed"


def _slug(model: Person | Organization | NewsMediaOrganization) -> str:
    return _slug_of(model.name, model.description)


def _digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]


def load_site(source: str | Path | bytes | Mapping[str, Any], format: str | None = None) -> Site:
    """A Site from a file (YAML, JSON or TOML; a ``Path`` or a str naming a file), its text or bytes, or a mapping.

    Invalid input raises :class:`newsld.NewsldValidationError` with every problem, its path and, from a file, its line.
    """
    from ._authoring import read_source

    lines: dict[Location, int] = {}
    name: str | None = None
    if isinstance(source, Mapping):
        data: Any = source
    else:
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and Path(source).is_file()):
            name = str(source)
            source = Path(source)
        try:
            data, lines = read_source(source, format)
        except NewsldValidationError as exc:
            raise exc.with_source(name) if name else exc from None
    if not isinstance(data, Mapping):
        from ._errors import Problem

        raise NewsldValidationError([Problem("", "a site file is a mapping: url, name, publisher, ...")], name)
    try:
        return Site.model_validate(data)
    except ValidationError as exc:
        raise NewsldValidationError(problems_from_pydantic(exc, (), lines, model=Site), name) from None


def site_from(value: Site | Mapping[str, Any] | str | Path | None) -> Site | None:
    """A site setting as a Site: a Site as is, a mapping validated, a path loaded, None for no site."""
    if value is None or isinstance(value, Site):
        return value
    if isinstance(value, (Mapping, Path)):
        return load_site(value)
    if isinstance(value, str):
        if not Path(value).is_file():
            raise FileNotFoundError(f"{value!r} is not a site file (YAML, JSON or TOML)")
        return load_site(Path(value))
    raise TypeError(f"a site is a newsld.Site, a mapping or the path of a site file, not {type(value).__name__}")
