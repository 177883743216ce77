"""Jinja2 integration: ``{{ article | jsonld }}`` writes the article's ``<script type="application/ld+json">``.

Register with one line::

    env = Environment(extensions=["newsld.jinja.JsonLdExtension"])
    # Flask: app.jinja_env.add_extension("newsld.jinja.JsonLdExtension")

The filter takes a NewsArticle, a dict in newsld's authoring format, or the path (str or Path) of an article source
file. A str is always a path: one that names no file is an error, never read as source text. ``indent`` pretty-prints:
``{{ article | jsonld(indent=2) }}``.

``env.newsld_site`` (set it after registering: a ``newsld.Site``, a dict of its fields or the path of a site file) says
what every page of the site shares; FastAPI's ``Jinja2Templates`` has its environment as ``templates.env``.

The result is :func:`newsld.to_script_tag`'s markup-safe string (it has ``__html__``), so autoescaping leaves it as it
is and the output is the same with autoescape on or off; its JSON is already escaped for script context.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, Undefined, pass_environment
from jinja2.ext import Extension

from ._serialize import ScriptTag, to_script_tag
from ._site import Site, site_from
from ._templates import article_from

__all__ = ["JsonLdExtension", "environment_site", "jsonld"]


def jsonld(value: Any, indent: int | None = None, *, site: Site | None = None) -> ScriptTag:
    """The ``jsonld`` filter: the JSON-LD script element for a model, authoring data or source file path."""
    if isinstance(value, Undefined):
        # A page without its structured data is a bug whatever the environment's undefined policy: say which name.
        value._fail_with_undefined_error()
    return to_script_tag(article_from(value), indent=indent, site=site)


@pass_environment
def _jsonld_filter(environment: Environment, value: Any, indent: int | None = None) -> ScriptTag:
    return jsonld(value, indent, site=environment_site(environment))


def environment_site(environment: Environment) -> Site | None:
    """The environment's ``newsld_site`` as a Site: a dict or a file path is read once and kept."""
    value = getattr(environment, "newsld_site", None)
    if value is not None and not isinstance(value, Site):
        value = site_from(value)
        environment.newsld_site = value  # type: ignore[attr-defined]
    return value


class JsonLdExtension(Extension):
    """Adds the ``jsonld`` filter to the environment it is registered with."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(newsld_site=None)
        environment.filters["jsonld"] = _jsonld_filter
