"""Shared helpers: the fixture directory, a minimal valid article, and pydantic error locations."""

from __future__ import annotations

import json
from pathlib import Path

from newsld import NewsArticle
from newsld._extract import extract_blocks
from newsld.rules import PageData

FIXTURES = Path(__file__).resolve().parent / "fixtures"
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


def pytest_terminal_summary(terminalreporter):
    """How much the hardening tests tried (articles generated, inputs fuzzed, hostile strings), so CI logs show it."""
    from tally import TALLY

    if TALLY:
        terminalreporter.section("hardening: what the tests tried")
        for what, count in sorted(TALLY.items()):
            terminalreporter.write_line(f"{count:>10,}  {what}")
