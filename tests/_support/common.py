"""Shared helpers: where things are, a minimal valid article, a page of JSON-LD blocks, pydantic error locations."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from newsld import NewsArticle
from newsld.check._extract import extract_blocks
from newsld.check._page import PageData

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # ../shared: present in CI and on the team's machines, absent in a user's clone
FIXTURES = REPO / "tests" / "fixtures"
ARTICLE_URL = "https://news.example.com/2024/05/talks"


def page_of(*values) -> PageData:
    """A page with one JSON-LD block per value."""
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(value)}</script>' for value in values)
    return PageData.from_blocks(extract_blocks(f"<html><head>{scripts}</head></html>"))


def minimal(**properties) -> dict:
    """The smallest valid article as input data, with ``properties`` added or replaced."""
    return {"headline": "Talks will go on", "url": ARTICLE_URL, **properties}


def make_article(**properties) -> NewsArticle:
    return NewsArticle.model_validate(minimal(**properties))


def error_locations(excinfo) -> list[tuple]:
    """pydantic error locations without union member names (e.g. 'Person', 'function-after[check_url(), str]')."""

    def is_field(part) -> bool:
        return isinstance(part, int) or part.startswith("@") or (part[:1].islower() and "[" not in part)

    return [tuple(part for part in error["loc"] if is_field(part)) for error in excinfo.value.errors()]


def tool(name: str) -> ModuleType:
    """A maintainer script of ``tools/`` (not part of the installed package) as a module."""
    spec = importlib.util.spec_from_file_location(f"tools_{name}", REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
