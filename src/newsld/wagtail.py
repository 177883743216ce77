"""Wagtail: a page as a NewsArticle, with sensible defaults, and the site from Wagtail's own Site.

With ``"newsld.django"`` in ``INSTALLED_APPS``, ``{% load newsld %}{% jsonld page %}`` in the page's template does all of
it (``{% block extra_css %}`` is the block of ``wagtail start``'s ``base.html`` inside ``<head>``). What is taken:

============================  ============================================================================
``headline``                  ``page.title``
``description``               ``page.search_description``
``url``, ``mainEntityOfPage``  ``page.full_url``; the WebPage's ``breadcrumb`` from the page's ancestors
``datePublished``             ``page.first_published_at``
``dateModified``              ``page.last_published_at``
``author``                    the page owner's full name (none when the owner has no name)
``image``                     the image in the field named by ``newsld_image_field`` (default ``"image"``),
                              as a rendition (``newsld_image_rendition``, default ``"fill-1200x675"``) with its
                              width and height in pixels
``inLanguage``                the page's locale
============================  ============================================================================

A page overrides or adds properties with a ``newsld_properties()`` method returning a dict (``{"author": [...],
"articleSection": "World"}``), picks the article type with ``newsld_type`` (``"ReportageNewsArticle"``), or builds the
whole article itself in ``newsld_article()``.

The site (publisher, WebSite) is the ``NEWSLD_SITE`` setting when there is one (see ``newsld.django``), else Wagtail's
Site of the page: its ``site_name`` and root URL, published by an Organization of that name.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from ._site import Site
from .models import ARTICLE_CLASSES, BreadcrumbList, ImageObject, NewsArticle, Organization, Person, WebPage

__all__ = ["page_article", "page_site"]

DEFAULT_IMAGE_FIELD = "image"
DEFAULT_IMAGE_RENDITION = "fill-1200x675"  # 16:9, 810,000 pixels: Google's recommended ratio, far above its minimum


def page_article(page: Any) -> NewsArticle:
    """The Wagtail ``page`` as a NewsArticle (see the module's table); ``page.newsld_article()`` when it has one."""
    page = page.specific
    own = getattr(page, "newsld_article", None)
    if callable(own):
        article = own()
        if not isinstance(article, NewsArticle):
            raise TypeError(f"{type(page).__name__}.newsld_article() returned {type(article).__name__}, not a NewsArticle")
        return article
    url = page.full_url
    if not url:
        raise ValueError(f"page {page.pk} ({page.title!r}) has no URL: it is not routable from any Wagtail Site")
    properties: dict[str, Any] = {
        "headline": page.title,
        "url": url,
        "mainEntityOfPage": WebPage(url=url, breadcrumb=_breadcrumb(page)),
    }
    if page.search_description:
        properties["description"] = page.search_description
    if page.first_published_at is not None:
        properties["datePublished"] = page.first_published_at
    if page.last_published_at is not None and page.last_published_at != page.first_published_at:
        properties["dateModified"] = page.last_published_at
    author = _owner(page)
    if author is not None:
        properties["author"] = [author]
    image = _image(page)
    if image is not None:
        properties["image"] = [image]
    language = _language(page)
    if language:
        properties["inLanguage"] = language
    extra = getattr(page, "newsld_properties", None)
    if callable(extra):
        overrides = extra()
        if not isinstance(overrides, dict):
            raise TypeError(f"{type(page).__name__}.newsld_properties() returned {type(overrides).__name__}, not a dict")
        properties.update(overrides)
    cls = ARTICLE_CLASSES[getattr(page, "newsld_type", "NewsArticle")]
    return cls(**properties)


def page_site(page: Any) -> Site | None:
    """The newsld Site of Wagtail's Site that serves ``page`` (None when no Site serves it)."""
    wagtail_site = page.get_site()
    if wagtail_site is None:
        return None
    root = wagtail_site.root_url.rstrip("/") + "/"
    name = wagtail_site.site_name or wagtail_site.hostname
    return Site(url=root, name=name, publisher=Organization(name=name, url=root), inLanguage=_language(page))


def _owner(page: Any) -> Person | None:
    owner = getattr(page, "owner", None)
    name = owner.get_full_name().strip() if owner is not None else ""
    return Person(name=name) if name else None


def _image(page: Any) -> ImageObject | None:
    field = getattr(page, "newsld_image_field", DEFAULT_IMAGE_FIELD)
    image = getattr(page, field, None) if field else None
    if image is None:
        return None
    rendition = image.get_rendition(getattr(page, "newsld_image_rendition", DEFAULT_IMAGE_RENDITION))
    site = page.get_site()
    base = site.root_url.rstrip("/") + "/" if site is not None else page.full_url
    return ImageObject(url=urljoin(base, rendition.url), width=rendition.width, height=rendition.height)


def _breadcrumb(page: Any) -> BreadcrumbList | None:
    # From the site's root page down to this page; Wagtail's tree root (depth 1) is no page of the site.
    trail = [(ancestor.title, ancestor.full_url) for ancestor in page.get_ancestors().filter(depth__gt=1).specific()]
    if not trail:
        return None
    return BreadcrumbList.of(*trail, (page.title, None))


def _language(page: Any) -> str | None:
    locale = getattr(page, "locale", None)
    return getattr(locale, "language_code", None) or None
