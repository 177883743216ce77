"""Each article of a page, eligible for Google's article rich result or not, and why: computed from the findings.

Google's Article documentation (2026) requires no property, but the rich result shows a headline, an image, the
author's name and the date: an article without one of them, or with an error in what the result shows, does not get
the result it was marked up for. So newsld calls an article item *eligible* when it has a headline, a usable image
(one Google can fetch that is not under 50,000 pixels), an author with a name and a datePublished, and no error-severity
finding on the item itself or on what the result shows (its headline, images, authors and their names, and dates,
followed through ``@id`` references): an invalid sameAs of the author or a publisher's junk @id is an error to fix, but
the result shows neither. Google's Rich Results Test calls an item that lacks a recommended property valid with warnings; newsld
says what the result will lack. The items are the page's own articles (top-level nodes, or a page's mainEntity), each
with every node that shares its ``@id``, as Google reads them (``newsarticle`` and ``type`` for ``@type`` count).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._findings import Finding, json_path
from ._page import NodeRef, PageData
from .rules._nodes import article_items, declared_types

__all__ = ["ArticleVerdict", "article_verdicts"]

# Findings that mean the rich result lacks something it shows, and what.
_MISSING = {
    "google/missing-headline": "headline",
    "google/missing-image": "image",
    "google/missing-author": "author",
    "google/author-missing-name": "author name",
    "google/missing-date-published": "datePublished",
}
_UNUSABLE_IMAGE = frozenset({"google/image-too-small", "google/image-url-not-http", "google/image-size-invalid"})
# What the rich result shows: errors there keep the item from it. Of an author, the result shows the name.
_SHOWN = ("headline", "image", "datePublished", "dateModified")
_ORDER = ("headline", "image", "author", "author name", "datePublished")


@dataclass(frozen=True)
class ArticleVerdict:
    """Whether one article item of a page is eligible for Google's article rich result, and if not, why.

    ``block`` and ``path`` locate the item's first node, ``types`` are the types it declares. ``missing`` names what
    the result would lack ("image", "author", "author name", "headline", "datePublished"); ``errors`` are the
    error-severity findings on the item and on what the result shows.
    """

    block: int
    path: str
    types: tuple[str, ...]
    missing: tuple[str, ...]
    errors: tuple[Finding, ...]

    @property
    def eligible(self) -> bool:
        return not self.missing and not self.errors

    @property
    def verdict(self) -> str:
        """``"eligible"``, or ``"not eligible: missing image, author; google/date-invalid at $.datePublished"``."""
        if self.eligible:
            return "eligible"
        reasons = [f"missing {', '.join(self.missing)}"] if self.missing else []
        reasons += [", ".join(dict.fromkeys(f"{finding.code} at {finding.path}" for finding in self.errors))]
        return "not eligible: " + "; ".join(reason for reason in reasons if reason)

    def as_dict(self) -> dict[str, Any]:
        return {
            "block": self.block,
            "path": self.path,
            "types": list(self.types),
            "eligible": self.eligible,
            "missing": list(self.missing),
            "errors": [{"code": f.code, "block": f.block, "path": f.path} for f in self.errors],
            "verdict": self.verdict,
        }


def article_verdicts(page: PageData, findings: Iterable[Finding]) -> tuple[ArticleVerdict, ...]:
    """The verdict for each of the page's own articles, in the order the page gives them."""
    findings = list(findings)
    return tuple(_verdict(page, item, findings) for item in article_items(page))


_STEP = re.compile(r"\.[^.\[\]]+|\[\d+\]")


def _within(finding: Finding, places: set[tuple[int | None, str]]) -> bool:
    """Whether the finding is at one of the places or inside one: its path or one of its ancestors is among them."""
    if (finding.block, finding.path) in places:
        return True
    return any((finding.block, finding.path[: step.start()]) in places for step in _STEP.finditer(finding.path))


def _referenced(page: PageData, block: int, path: str, value: Any) -> list[tuple[int, str]]:
    """Where a property's value is described: its own path, and the nodes of every @id it refers to."""
    places = [(block, path)]
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict) and isinstance(item.get("@id"), str):
            places.extend((ref.block, ref.path) for ref in page.by_id.get(item["@id"], ()) if ref.node is not item)
    return places


def _verdict(page: PageData, item: list[NodeRef], findings: list[Finding]) -> ArticleVerdict:
    anchor = item[0]
    exact: set[tuple[int | None, str]] = {(ref.block, ref.path) for ref in item}  # the item's nodes, exactly...
    shown: set[tuple[int | None, str]] = set()  # ... and whole values the result shows
    images: list[list[tuple[int, str]]] = []
    for ref in item:
        for key in _SHOWN:
            if key in ref.node:
                shown.update(_referenced(page, ref.block, json_path(ref.path, key), ref.node[key]))
                if key == "image":
                    images.extend(_image_places(page, ref))
        if "author" in ref.node:
            for block, path in _referenced(page, ref.block, json_path(ref.path, "author"), ref.node["author"]):
                exact.add((block, path))
                shown.add((block, json_path(path, "name")))
            value = ref.node["author"]
            for index in range(len(value)) if isinstance(value, list) else ():
                author_path = json_path(json_path(ref.path, "author"), index)
                exact.add((ref.block, author_path))
                shown.add((ref.block, json_path(author_path, "name")))
    # Not everything nested in the article: an unknown type among its mentions leaves the rich result as it is.
    mine = [f for f in findings if (f.block, f.path) in exact or _within(f, shown)]
    missing = {_MISSING[f.code] for f in mine if f.code in _MISSING}
    if images and all(any(f.code in _UNUSABLE_IMAGE and _within(f, set(places)) for f in mine) for places in images):
        missing.add("image")
    errors = tuple(f for f in mine if f.severity == "error")
    types = tuple(dict.fromkeys(name for ref in item for name in declared_types(ref.node)))
    return ArticleVerdict(anchor.block, anchor.path, types, tuple(m for m in _ORDER if m in missing), errors)


def _image_places(page: PageData, ref: NodeRef) -> list[list[tuple[int, str]]]:
    """Each image value of the node: where it and what it refers to are described."""
    value = ref.node["image"]
    path = json_path(ref.path, "image")
    if isinstance(value, dict) and isinstance(value.get("@list"), list):
        value, path = value["@list"], json_path(path, "@list")
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    return [
        _referenced(page, ref.block, path if index is None else json_path(path, index), item)
        for index, item in items
        if not (isinstance(item, str) and not item.strip())
    ]

