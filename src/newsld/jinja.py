"""Jinja2 integration: ``{{ article | jsonld }}`` writes the article's ``<script type="application/ld+json">``.

Register with one line::

    env = Environment(extensions=["newsld.jinja.JsonLdExtension"])
    # Flask: app.jinja_env.add_extension("newsld.jinja.JsonLdExtension")

The filter takes a NewsArticle, a dict in newsld's authoring format, or the path (str or Path) of an article source
file. A str is always a path: one that names no file is an error, never read as source text. ``indent`` pretty-prints:
``{{ article | jsonld(indent=2) }}``.

The result is :func:`newsld.to_script_tag`'s markup-safe string (it has ``__html__``), so autoescaping leaves it as it
is and the output is the same with autoescape on or off; its JSON is already escaped for script context.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, Undefined
from jinja2.ext import Extension

from ._serialize import ScriptTag, to_script_tag
from ._templates import article_from

__all__ = ["JsonLdExtension", "jsonld"]


def jsonld(value: Any, indent: int | None = None) -> ScriptTag:
    """The ``jsonld`` filter: the JSON-LD script element for a model, authoring data or source file path."""
    if isinstance(value, Undefined):
        # A page without its structured data is a bug whatever the environment's undefined policy: say which name.
        value._fail_with_undefined_error()
    return to_script_tag(article_from(value), indent=indent)


class JsonLdExtension(Extension):
    """Adds the ``jsonld`` filter to the environment it is registered with."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["jsonld"] = jsonld
