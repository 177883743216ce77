"""Deliberate mistakes: tests/test_typing.py asserts that pyright and mypy --strict (with and without pydantic's mypy
plugin) report an error on every line whose comment starts with "mistake", and nowhere else."""

from __future__ import annotations

from datetime import date

import newsld

URL = "https://example.com/a"

newsld.NewsArticle(headline=42, url=URL)  # mistake: a number for Text
newsld.NewsArticle(headline="x", url=URL, wordCount="many")  # mistake: text for an Integer
newsld.Person(nam="Jane Doe")  # mistake: an unknown property
newsld.NewsArticle(url=URL)  # mistake: headline is required
newsld.NewsArticle(headline="x", url=URL, datePublished=date(2015, 10, 11))  # mistake: a date without a time
newsld.NewsArticle(headline="x", url=URL, author=42)  # mistake: neither a name nor a Person or Organization
newsld.Quotation(text="We are defending our national interests", spokenByCharacter="Putin")  # mistake: a speaker is a model
newsld.ImageObject(url=URL, width="1200px")  # mistake: pixels are an integer
newsld.NewsArticle(headline="x", url=URL).headline.append("x")  # mistake: headline is text, not a list
newsld.roundtrip(newsld.to_jsonld(newsld.load("examples/syria-air-missions.md")))  # mistake: roundtrip takes the article
newsld.to_jsonld(newsld.NewsArticle(headline="x", url=URL), form="tree")  # mistake: graph or nested
newsld.Site(url=URL, name="Example News")  # mistake: a site has a publisher
