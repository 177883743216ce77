"""What template integrations share: turning a template's value into an article.

Template engines hand over whatever the view put in the context, so the accepted inputs are checked here once for
Jinja2 and Django alike. Nothing in this module imports a template engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

from ._authoring import build, load
from .models import NewsArticle

__all__ = ["ACCEPTED", "article_from"]

ACCEPTED = "a NewsArticle, a dict in newsld's authoring format, or the path of an article source file"


def article_from(value: Any) -> NewsArticle:
    """A template value as a NewsArticle: a model as is, authoring data built, a source file (str or Path) loaded.

    A str is always a path, never source text: a template variable that happens to hold text (a headline, an empty
    string for a missing variable) must fail loudly rather than be parsed as YAML. Relative paths are resolved against
    the process's working directory, not the template's folder.
    """
    if isinstance(value, NewsArticle):
        return value
    if isinstance(value, Mapping):
        if "@context" in value or "@graph" in value:
            raise TypeError(
                "this looks like an emitted JSON-LD document; templates take " + ACCEPTED
                + " (for a ready document call newsld.to_script_tag(document) in the view)"
            )
        return build(value)
    if isinstance(value, (str, PurePath)):
        return load(_source_file(value))
    hint = " (an undefined template variable?)" if value is None else ""
    raise TypeError(f"expected {ACCEPTED}, not {type(value).__name__}{hint}")


def _source_file(value: str | PurePath) -> Path:
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"an empty string is not a path to an article source file (an undefined template variable?); "
                         f"expected {ACCEPTED}")
    # A template engine's string (Django's SafeString for a quoted literal, Jinja's Markup) is a str subclass, which
    # pathlib cannot intern: make it a plain str first.
    path = Path(str.__str__(value) if isinstance(value, str) else value)
    if not path.is_file():
        preview = str(value) if len(str(value)) <= 80 else str(value)[:77] + "..."
        raise FileNotFoundError(
            f"{preview!r} is not an article source file; a string is read as a path, never as source text "
            "(for text, pass newsld.load(text))"
        )
    return path
