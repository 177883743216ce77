"""The ``newsld`` template tag library: ``{% load newsld %}{% jsonld article %}``.

``article`` is a NewsArticle, a dict in newsld's authoring format, the path (str or Path) of an article source file
(a str that names no file is an error), or a Wagtail page (mapped by ``newsld.wagtail``; a page with a
``newsld_article()`` method is asked for its article). ``{% jsonld article indent=2 %}`` pretty-prints.

The ``NEWSLD_SITE`` setting says what every page of the site shares: a ``newsld.Site``, a dict of its fields or the
path of a site file (YAML, JSON or TOML). Without it, a Wagtail page takes its site from Wagtail's Site.
"""

from __future__ import annotations

from typing import Any

# Absolute imports: "django" here is the installed Django, never this package (newsld.django), and "newsld" is newsld.
from django import template
from django.utils.safestring import SafeString, mark_safe

from newsld._serialize import to_script_tag
from newsld._site import Site, site_from
from newsld._templates import article_from

__all__ = ["configured_site", "jsonld", "register"]

register = template.Library()


@register.simple_tag
def jsonld(value: Any, indent: int | None = None) -> SafeString:
    """The article's ``<script type="application/ld+json">`` element.

    Marked safe because it already is: newsld escapes the JSON for script context (``<``, ``>``, ``&``, U+2028 and
    U+2029 only as ``\\uXXXX`` escapes, which denote the same characters), so no text in it can close the element or
    open another, and the rest is a fixed wrapper. HTML-escaping it again would corrupt it instead: a script element's
    text is raw, so the browser would not decode ``&quot;`` and the JSON would no longer parse.
    """
    if _is_wagtail_page(value):
        from newsld.wagtail import page_article, page_site

        site = configured_site() or page_site(value)
        return mark_safe(str(to_script_tag(page_article(value), indent=indent, site=site)))
    return mark_safe(str(to_script_tag(article_from(value), indent=indent, site=configured_site())))


_cached: tuple[Any, Site | None] = (None, None)


def configured_site() -> Site | None:
    """The ``NEWSLD_SITE`` setting as a Site (read again only when the setting changes)."""
    global _cached
    from django.conf import settings

    value = getattr(settings, "NEWSLD_SITE", None)
    key = repr(value)
    if _cached[0] != key:
        _cached = (key, site_from(value))
    return _cached[1]


def _is_wagtail_page(value: Any) -> bool:
    # Without importing Wagtail in projects that do not use it: a page model has these, a NewsArticle does not.
    return hasattr(value, "specific_class") and hasattr(value, "get_url") and hasattr(value, "first_published_at")
