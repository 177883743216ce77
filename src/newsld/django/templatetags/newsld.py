"""The ``newsld`` template tag library: ``{% load newsld %}{% jsonld article %}``.

``article`` is a NewsArticle, a dict in newsld's authoring format, or the path (str or Path) of an article source file;
a str that names no file is an error. ``{% jsonld article indent=2 %}`` pretty-prints.
"""

from __future__ import annotations

from typing import Any

# Absolute imports: "django" here is the installed Django, never this package (newsld.django), and "newsld" is newsld.
from django import template
from django.utils.safestring import SafeString, mark_safe

from newsld._serialize import to_script_tag
from newsld._templates import article_from

__all__ = ["jsonld", "register"]

register = template.Library()


@register.simple_tag
def jsonld(value: Any, indent: int | None = None) -> SafeString:
    """The article's ``<script type="application/ld+json">`` element.

    Marked safe because it already is: newsld escapes the JSON for script context (``<``, ``>``, ``&``, U+2028 and
    U+2029 only as ``\\uXXXX`` escapes, which denote the same characters), so no text in it can close the element or
    open another, and the rest is a fixed wrapper. HTML-escaping it again would corrupt it instead: a script element's
    text is raw, so the browser would not decode ``&quot;`` and the JSON would no longer parse.
    """
    return mark_safe(str(to_script_tag(article_from(value), indent=indent)))
