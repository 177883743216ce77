"""Google Search's structured-data guidance as of 2026: articles, paywalled content, speakable and fact checks.

Only rules Google still states are checked (the 110-character headline limit went in January 2023). Nodes are typed
leniently (``newsarticle``, ``schema:NewsArticle``, ``type`` for ``@type``): the schemaorg family reports those
spellings, this family checks what the publisher evidently meant. ``{"@id": ...}`` references are resolved through
the page, and every description of one ``@id`` counts as one thing, the way Google merges them.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from ..._findings import Codes, Finding, excerpt, json_path
from ...integrity import MAX_CLAIM_REVIEWED, claim_too_long, verdict_in_claim
from .._page import NodeRef, PageData
from ._nodes import declared_types, meant_types

__all__ = ["CODES", "check"]

CODES = Codes({
    "google/missing-headline": ("warning", "an article has no headline (recommended)"),
    "google/missing-image": ("warning", "an article has no image (recommended)"),
    "google/missing-author": ("warning", "an article has no author (recommended)"),
    "google/missing-date-published": ("warning", "an article has no datePublished (recommended)"),
    "google/missing-date-modified": (
        "info",
        "an article has no dateModified (recommended once the article has been updated)",
    ),
    "google/author-not-object": ("warning", "an author is a plain string instead of a Person or Organization"),
    "google/author-type": ("warning", "an author is typed as something other than Person or Organization, or untyped"),
    "google/author-missing-name": ("warning", "an author has no name"),
    "google/author-missing-url": ("info", "an author has neither url nor sameAs"),
    "google/author-name-prefix": ("warning", 'an author name starts with "By"'),
    "google/author-name-several": ("warning", "an author name holds several people"),
    "google/author-name-job-title": ("warning", "an author name holds a job title"),
    "google/author-name-affiliation": ("warning", "an author name holds an affiliation such as a news agency"),
    "google/author-name-html": ("warning", "an author name holds HTML markup"),
    "google/date-invalid": ("error", "an article date is not ISO 8601"),
    "google/date-no-timezone": ("warning", "an article date has no timezone"),
    "google/date-nonstandard-format": (
        "info",
        "an article date is readable but not strict ISO 8601 (space for T, +0000 offset)",
    ),
    "google/date-modified-before-published": ("error", "dateModified is earlier than datePublished"),
    "google/image-too-small": ("warning", "an article image is under 50,000 pixels (width × height)"),
    "google/image-url-not-http": ("warning", "an article image URL is empty or not http(s)"),
    "google/accessible-for-free-not-boolean": ("warning", "isAccessibleForFree is not a JSON boolean"),
    "google/paywall-missing-section": (
        "warning",
        "isAccessibleForFree is false but no hasPart WebPageElement marks the paywalled section",
    ),
    "google/paywall-section-no-selector": ("error", "a paywalled WebPageElement has no cssSelector"),
    "google/paywall-selector-not-class": ("warning", "a paywalled section's cssSelector is not a class selector"),
    "google/speakable-both-selectors": ("error", "a SpeakableSpecification has both cssSelector and xpath"),
    "google/speakable-no-selector": ("error", "a SpeakableSpecification has neither cssSelector nor xpath"),
    "google/claimreview-rich-result-retired": (
        "info",
        "Google Search phased out the ClaimReview rich result in 2025; Fact Check Explorer still reads it",
    ),
    "google/claimreview-missing-claim-reviewed": ("error", "a ClaimReview has no claimReviewed"),
    "google/claimreview-claim-too-long": ("warning", "claimReviewed is 75 characters or longer"),
    "google/claimreview-verdict-in-claim": ("warning", "claimReviewed contains the verdict"),
    "google/claimreview-missing-verdict": ("error", "a ClaimReview has no reviewRating with an alternateName"),
    "google/claimreview-rating-out-of-range": (
        "error",
        "a ClaimReview rating is outside worstRating..bestRating",
    ),
    "google/claimreview-item-not-claim": ("warning", "a ClaimReview's itemReviewed is missing or not a Claim"),
    "google/claim-missing-author": ("warning", "a reviewed Claim has no author"),
    "google/claim-missing-appearance": ("warning", "a reviewed Claim has neither appearance nor firstAppearance"),
})

_MIN_IMAGE_PIXELS = 50_000

Found = tuple[NodeRef, str, Any]  # the node holding a property, the property's path, its value


def check(page: PageData) -> Iterator[Finding]:
    # A person authoring three articles is one node: report each problem once, where it is.
    seen = set()
    for finding in _findings(page):
        key = (finding.code, finding.block, finding.path)
        if key not in seen:
            seen.add(key)
            yield finding


Typed = list[tuple[NodeRef, frozenset]]  # every node of the page with its types (and their supertypes)


def _findings(page: PageData) -> Iterator[Finding]:
    typed = [(ref, meant_types(ref.node)) for ref in page.nodes]  # once, for every rule below
    yield from _articles(page, typed)
    yield from _access(page, typed)
    yield from _speakables(typed)
    yield from _claim_reviews(page, typed)


def _finding(code: str, message: str, block: int, path: str) -> Finding:
    return CODES.finding(code, message, path, block)


# ------------------------------------------------------------------------------------------------ typing and resolution

def _types(nodes: Iterable[NodeRef]) -> frozenset:
    """Every schema.org type the nodes declare, with all supertypes."""
    found: frozenset = frozenset()
    for ref in nodes:
        found |= meant_types(ref.node)
    return found


def _is_reference(value: dict[str, Any]) -> bool:
    return "@id" in value and set(value) <= {"@id", "@context"}


def _describe(page: PageData, block: int, path: str, value: Any) -> list[NodeRef]:
    """The nodes describing ``value``: itself unless it is a bare reference, then every node with its ``@id``."""
    if not isinstance(value, dict):
        return []
    own = [] if _is_reference(value) else [NodeRef(block, path, value, False)]
    node_id = value.get("@id")
    others = page.by_id.get(node_id, []) if isinstance(node_id, str) else []
    return own + [ref for ref in others if ref.node is not value]


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _first(nodes: Iterable[NodeRef], *keys: str) -> Found | None:
    for ref in nodes:
        for key in keys:
            if key in ref.node and not _is_empty(ref.node[key]):
                return ref, json_path(ref.path, key), ref.node[key]
    return None


def _items(path: str, value: Any) -> Iterator[tuple[str, Any]]:
    """A property's values: one, the items of a list, or of a JSON-LD ``@list``."""
    if isinstance(value, dict) and isinstance(value.get("@list"), list):
        path, value = json_path(path, "@list"), value["@list"]
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield json_path(path, index), item
    else:
        yield path, value


def _own_values(ref: NodeRef, key: str) -> Iterator[tuple[str, Any]]:
    if key in ref.node:
        yield from _items(json_path(ref.path, key), ref.node[key])


def _last_key(path: str) -> str:
    found = re.search(r"\.([^.\[\]]+)(?:\[\d+\])*$", path)
    return found.group(1) if found else ""


def _groups(page: PageData, typed: Typed, wanted: str) -> Iterator[list[NodeRef]]:
    """Each thing typed ``wanted`` (or a subtype) once: all nodes sharing its ``@id``, or the lone node."""
    done_ids = set()
    for ref, types in typed:
        if wanted not in types:
            continue
        node_id = ref.node.get("@id")
        if not isinstance(node_id, str):
            yield [ref]
        elif node_id not in done_ids:
            done_ids.add(node_id)
            yield [ref] + [other for other in page.by_id.get(node_id, []) if other.node is not ref.node]


# ------------------------------------------------------------------------------------------------------------- articles

_RECOMMENDED = (
    ("headline", "google/missing-headline"),
    ("image", "google/missing-image"),
    ("author", "google/missing-author"),
    ("datePublished", "google/missing-date-published"),
    ("dateModified", "google/missing-date-modified"),
)


def _articles(page: PageData, typed: Typed) -> Iterator[Finding]:
    for group in _groups(page, typed, "Article"):
        # Recommendations (what is missing) are for the page's own article; malformed values are wrong anywhere.
        own = _is_page_article(group)
        if own:
            yield from _missing_recommended(group)
        for ref in group:
            for key in ("datePublished", "dateModified"):
                for path, value in _own_values(ref, key):
                    yield from _date_format(ref.block, path, key, value, own)
            for path, value in _own_values(ref, "author"):
                yield from _author(page, ref.block, path, value, own)
            if "image" in ref.node:
                yield from _image(page, ref.block, json_path(ref.path, "image"), ref.node["image"])
        yield from _date_order(group)


def _is_page_article(group: list[NodeRef]) -> bool:
    # Articles cited, reviewed or listed inside another node (a claim's appearance, a live blog's updates) are
    # described by their host's guidance; Google's article guidance is for the page's own article: a top-level node,
    # or a page's mainEntity. Google's own fact-check example gives its appearance article a date without a time.
    return any(ref.top_level or _last_key(ref.path) == "mainEntity" for ref in group)


def _missing_recommended(group: list[NodeRef]) -> Iterator[Finding]:
    anchor = group[0]
    for key, code in _RECOMMENDED:
        if _first(group, key) is None:
            advice = " (add it once the article is updated)" if key == "dateModified" else ""
            yield _finding(code, f"the article has no {key}; Google recommends it{advice}", anchor.block, anchor.path)


# ---------------------------------------------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))"
    r"(?:(?P<sep>[Tt ])(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?P<zone_gap>\s*)(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
_LOOKALIKES = (
    (re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}"), "an RFC 2822 (e-mail) date"),
    (re.compile(r"[A-Za-z]{3}\s+[A-Za-z]{3}\s+\d{1,2}\s+\d{4}\s+\d{2}:\d{2}"), "a JavaScript Date string"),
    (re.compile(r"[A-Za-z]{3}\s+[A-Za-z]{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\S+\s+\d{4}"), "a Java Date string"),
)
_EXAMPLE_DATE = "2024-05-06T09:30:00+02:00"


class _Date:
    """A parsed ISO 8601 date: comparable parts, plus what makes it unusual."""

    def __init__(self, match: re.Match[str]) -> None:
        offset = match["zone"] or ""
        self.day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        self.has_time = match["hour"] is not None
        self.has_zone = bool(offset)
        self.moment: Any = self.day
        if self.has_time:
            micro = int((match["fraction"] or "0")[:6].ljust(6, "0"))
            clock = (int(match["hour"]), int(match["minute"]), int(match["second"] or 0), micro)
            self.moment = datetime(self.day.year, self.day.month, self.day.day, *clock, tzinfo=_tzinfo(offset))
        self.quirks = []
        if match["sep"] == " ":
            self.quirks.append("a space instead of T between date and time")
        if match["zone_gap"]:
            self.quirks.append("a space before the offset")
        if len(offset) == 5:  # +0000: ISO 8601's basic form, which must not be mixed with the extended date before it
            self.quirks.append(f"the offset {offset} without a colon (extended form: {offset[:3]}:{offset[3:]})")


def _tzinfo(offset: str) -> timezone | None:
    if not offset:
        return None
    if offset in ("Z", "z"):
        return timezone.utc
    digits = offset[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return timezone(timedelta(minutes=minutes if offset[0] == "+" else -minutes))  # ValueError from ±24:00


@lru_cache(maxsize=1024)  # each date is read for its format and again for the order of the two
def _parse_date(value: str) -> tuple[_Date | None, str]:
    """The date, or None and a reason."""
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match:
        try:
            return _Date(match), ""
        except (ValueError, OverflowError) as exc:  # month 13, hour 25, offset of a day or more
            return None, f"is not a real date ({exc})"
    for pattern, kind in _LOOKALIKES:
        if pattern.match(text):
            return None, f"is {kind}, not ISO 8601"
    return None, "is not an ISO 8601 date"


def _date_format(block: int, path: str, key: str, value: Any, own: bool) -> Iterator[Finding]:
    if _is_empty(value):
        return  # reported as missing (and by the text family as an empty value)
    if not isinstance(value, str):
        yield _finding("google/date-invalid", f"{key} is {type(value).__name__}, not ISO 8601 text", block, path)
        return
    parsed, reason = _parse_date(value)
    if parsed is None:
        yield _finding("google/date-invalid", f"{key} {value[:80]!r} {reason}; write e.g. {_EXAMPLE_DATE}", block, path)
        return
    if own and not parsed.has_zone:
        what = "a date without a time or timezone" if not parsed.has_time else "a date-time without a timezone"
        yield _finding(
            "google/date-no-timezone",
            f"{key} {value!r} is {what}; Google then assumes Googlebot's timezone — add an offset, e.g. "
            f"{_EXAMPLE_DATE}",
            block,
            path,
        )
    if parsed.quirks:
        yield _finding(
            "google/date-nonstandard-format",
            f"{key} {value!r} has {' and '.join(parsed.quirks)}; Google reads it, strict ISO 8601 and RFC 3339 "
            "parsers do not",
            block,
            path,
        )


def _single_date(found: Found | None) -> tuple[Found, _Date] | None:
    if found is None or not isinstance(found[2], str):
        return None
    parsed, _ = _parse_date(found[2])
    return (found, parsed) if parsed else None


def _date_order(group: list[NodeRef]) -> Iterator[Finding]:
    published = _single_date(_first(group, "datePublished"))
    modified = _single_date(_first(group, "dateModified"))
    if not published or not modified:
        return
    (_, _, published_text), first = published
    (ref, path, modified_text), last = modified
    if first.has_time and last.has_time:
        if first.has_zone != last.has_zone:
            return  # a naive and an aware time cannot be ordered without guessing the timezone
        earlier = last.moment < first.moment
    else:
        earlier = last.day < first.day
    if earlier:
        yield _finding(
            "google/date-modified-before-published",
            f"dateModified {modified_text!r} is earlier than datePublished {published_text!r}",
            ref.block,
            path,
        )


# -------------------------------------------------------------------------------------------------------------- authors

_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
_BY_PREFIX = re.compile(r"\s*(?:(?:written|posted|reported)\s+)?by(?:\s*:\s*|\s+)(?=\S)", re.IGNORECASE)
# "Jane Doe | The Times", "Jane Doe - Cairo", "Jane Doe / AP": what follows is not another person.
_EXTRA_SEPARATOR = re.compile(r"\s*\|\s*|\s+[-–—/]\s+")
_LIST_SEPARATOR = re.compile(r"[,;]")
_CONJUNCTION = re.compile(r"\s(?:and|und|og|och|et)\s|\s&\s", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NAME_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv|ph\.?\s?d|m\.?\s?d)\.?", re.IGNORECASE)
_DOMAIN = re.compile(r"[A-Za-z0-9-]+\.[A-Za-z]{2,}\b")
_TITLE_WORDS = frozenset(
    "editor editors editor-in-chief writer writers reporter reporters correspondent correspondents columnist "
    "columnists contributor contributors contributing journalist journalists photographer photojournalist producer "
    "critic analyst intern".split()
)
_ORGANIZATION_WORDS = frozenset(
    "press news times post agency media network journal tribune herald gazette daily wire wires reuters ap afp dpa "
    "upi bloomberg staff service bureau inc ltd llc gmbh newsroom desk".split()
)
_AUTHOR_TYPES = frozenset({"Person", "Organization"})


def _author(page: PageData, block: int, path: str, value: Any, own: bool) -> Iterator[Finding]:
    if isinstance(value, str):
        yield _finding(
            "google/author-not-object",
            f"author {value[:80]!r} is a plain string; give a Person (or Organization) with a name",
            block,
            path,
        )
        yield from _name(block, path, value, organization=False)
        return
    nodes = _describe(page, block, path, value)
    if not nodes:
        return  # a number, or a reference to nothing: the schemaorg and graph families report those
    types = _types(nodes)
    if not types & _AUTHOR_TYPES:
        declared = [raw for ref in nodes for raw in declared_types(ref.node)]
        what = f"typed {', '.join(declared)}" if declared else "untyped"
        yield _finding(
            "google/author-type",
            f"the author is {what}; Google reads authors typed Person or Organization",
            nodes[0].block,
            nodes[0].path,
        )
    organization = "Organization" in types and "Person" not in types
    name = _first(nodes, "name")
    if name is None:
        yield _finding("google/author-missing-name", "the author has no name", nodes[0].block, nodes[0].path)
    else:
        ref, name_path, name_value = name
        for item_path, item in _items(name_path, name_value):
            if isinstance(item, str):
                yield from _name(ref.block, item_path, item, organization)
    if own and _first(nodes, "url", "sameAs") is None:
        yield _finding(
            "google/author-missing-url",
            "the author has neither url nor sameAs; Google uses them to tell authors apart",
            nodes[0].block,
            nodes[0].path,
        )


def _name(block: int, path: str, name: str, organization: bool) -> Iterator[Finding]:
    shown = name[:80]
    name = html.unescape(name)  # the text family reports entities; here "Jos&#xE9;" must read as one name
    if _HTML_TAG.search(name):
        yield _finding("google/author-name-html", f"author name {shown!r} holds HTML markup", block, path)
        name = _HTML_TAG.sub(" ", name)
    prefix = _BY_PREFIX.match(name)
    if prefix:
        yield _finding(
            "google/author-name-prefix", f'author name {shown!r} starts with "By"; give the name only', block, path
        )
        name = name[prefix.end() :]
    if organization:
        return  # "Johnson & Johnson" or "Reuters, Berlin bureau" are legitimate organization names
    head, *extras = [part.strip() for part in _EXTRA_SEPARATOR.split(name)]
    segments = [part.strip() for part in _LIST_SEPARATOR.split(head)]
    segments = [s for s in segments if s and not _NAME_SUFFIX.fullmatch(s)]
    extras = [s for s in extras if s]
    titles = [s for s in segments + extras if _TITLE_WORDS & _words(s)]
    if titles:
        yield _finding(
            "google/author-name-job-title",
            f"author name {shown!r} holds a job title ({titles[0]!r}); put it in jobTitle",
            block,
            path,
        )
    affiliations = [s for s in extras if s not in titles] + [
        s for s in segments[1:] if s not in titles and (_ORGANIZATION_WORDS & _words(s) or _DOMAIN.search(s))
    ]
    if affiliations:
        yield _finding(
            "google/author-name-affiliation",
            f"author name {shown!r} holds more than a name ({affiliations[0]!r}); put an affiliation in "
            "affiliation or worksFor",
            block,
            path,
        )
    people = [s for s in segments if s not in titles and s not in affiliations]
    surname_first = len(people) == 2 and len(_WORD.findall(people[0])) == 1  # "Doe, Jane"
    if any(_CONJUNCTION.search(s) for s in people) or (len(people) > 1 and not surname_first):
        yield _finding(
            "google/author-name-several",
            f"author name {shown!r} holds several people; give each author its own Person",
            block,
            path,
        )


def _words(text: str) -> frozenset:
    return frozenset(word.lower() for word in _WORD.findall(text))


# --------------------------------------------------------------------------------------------------------------- images

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PIXELS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px|pixels?)?\s*", re.IGNORECASE)


def _image(page: PageData, block: int, path: str, value: Any) -> Iterator[Finding]:
    if _is_empty(value):
        return  # reported as missing
    for item_path, item in _items(path, value):
        if isinstance(item, str):
            yield from _image_url(block, item_path, item)
            continue
        nodes = _describe(page, block, item_path, item)
        for key in ("url", "contentUrl"):
            found = _first(nodes, key)
            if found:
                for url_path, url in _items(found[1], found[2]):
                    if isinstance(url, str):
                        yield from _image_url(found[0].block, url_path, url)
        width, height = _first(nodes, "width"), _first(nodes, "height")
        if width and height:
            yield from _image_size(width, _dimension(width[2]), _dimension(height[2]))


def _image_url(block: int, path: str, url: str) -> Iterator[Finding]:
    scheme = _SCHEME.match(url.strip())
    # A relative URL is fine: JSON-LD resolves image (an @id-coerced property) against the page's URL.
    if not url.strip() or (scheme and scheme.group(1).lower() not in ("http", "https")):
        shown = url[:60] + ("…" if len(url) > 60 else "")
        yield _finding(
            "google/image-url-not-http",
            f"image URL {shown!r} is not an http(s) URL Google can crawl",
            block,
            path,
        )


def _image_size(width: Found, w: float | None, h: float | None) -> Iterator[Finding]:
    if w is None or h is None or w * h >= _MIN_IMAGE_PIXELS:
        return
    ref = width[0]
    yield _finding(
        "google/image-too-small",
        f"the image is {w:g}×{h:g} = {w * h:,.0f} pixels; Google wants at least {_MIN_IMAGE_PIXELS:,}",
        ref.block,
        ref.path,
    )


def _dimension(value: Any, depth: int = 0) -> float | None:
    """Pixels from 1200, "1200", "1200px" or a QuantitativeValue; None when unreadable."""
    if isinstance(value, list) and value and depth < 3:
        return _dimension(value[0], depth + 1)
    if isinstance(value, dict) and "value" in value and depth < 3:
        return _dimension(value["value"], depth + 1)
    if isinstance(value, str):
        match = _PIXELS.fullmatch(value)
        return float(match.group(1)) if match else None
    return _number(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer beyond float range is still a comparable magnitude
        return math.inf if value > 0 else -math.inf
    return None if math.isnan(number) else number


# ------------------------------------------------------------------- isAccessibleForFree, paywalled sections, speakable

_FALSE_WORDS = frozenset({"false", "0", "no", "https://schema.org/false", "http://schema.org/false"})
_TRUE_WORDS = frozenset({"true", "1", "yes", "https://schema.org/true", "http://schema.org/true"})
_CLASS_SELECTOR = re.compile(r"(?:\.-?(?:[_a-zA-Z\u00a0-\U0010ffff]|\\.)(?:[-\w\u00a0-\U0010ffff]|\\.)*)+")


def _free(value: Any) -> bool | None:
    """What a publisher meant by an isAccessibleForFree value; None when it cannot be told."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        return False if word in _FALSE_WORDS else True if word in _TRUE_WORDS else None
    return None


def _access(page: PageData, typed: Typed) -> Iterator[Finding]:
    for ref in page.nodes:
        if "isAccessibleForFree" in ref.node:
            value = ref.node["isAccessibleForFree"]
            if not isinstance(value, bool):
                meant = _free(value)
                advice = f"; write {str(meant).lower()}" if meant is not None else "; write true or false"
                yield _finding(
                    "google/accessible-for-free-not-boolean",
                    f"isAccessibleForFree is {_json_repr(value)}, not a JSON boolean{advice}",
                    ref.block,
                    json_path(ref.path, "isAccessibleForFree"),
                )
    for group in _groups(page, typed, "CreativeWork"):
        types = _types(group)
        paywalled = _first(group, "isAccessibleForFree")
        if paywalled is None or _free(paywalled[2]) is not False:
            continue
        if "WebPageElement" in types:
            yield from _paywalled_section(group)
        elif not _has_paywalled_part(page, group):
            ref, path, _ = paywalled
            yield _finding(
                "google/paywall-missing-section",
                "isAccessibleForFree is false but no hasPart WebPageElement (isAccessibleForFree false, cssSelector "
                '".class") marks the paywalled section',
                ref.block,
                path,
            )


def _has_paywalled_part(page: PageData, group: list[NodeRef]) -> bool:
    for ref in group:
        for path, part in _own_values(ref, "hasPart"):
            nodes = _describe(page, ref.block, path, part)
            free = _first(nodes, "isAccessibleForFree")
            if "WebPageElement" in _types(nodes) and free and _free(free[2]) is False:
                return True
    return False


def _paywalled_section(group: list[NodeRef]) -> Iterator[Finding]:
    found = _first(group, "cssSelector")
    if found is None:
        anchor = group[0]
        yield _finding(
            "google/paywall-section-no-selector",
            'the paywalled WebPageElement has no cssSelector; give the section\'s class, e.g. ".paywall"',
            anchor.block,
            anchor.path,
        )
        return
    ref, path, value = found
    for item_path, selector in _items(path, value):
        if not isinstance(selector, str):
            continue
        parts = [part.strip() for part in selector.split(",")]
        if not all(_CLASS_SELECTOR.fullmatch(part) for part in parts):
            yield _finding(
                "google/paywall-selector-not-class",
                f"cssSelector {selector[:80]!r} is not a class selector; Google supports only class selectors "
                'such as ".paywall"',
                ref.block,
                item_path,
            )


def _speakables(typed: Typed) -> Iterator[Finding]:
    for ref, types in typed:
        if "SpeakableSpecification" not in types and (
            types or "speakable" not in ref.path or _last_key(ref.path) != "speakable"
        ):
            continue
        css = not _is_empty(ref.node.get("cssSelector"))
        # schema.org spells it xpath; Google's own examples write xPath.
        xpath = not _is_empty(ref.node.get("xpath")) or not _is_empty(ref.node.get("xPath"))
        if css and xpath:
            yield _finding(
                "google/speakable-both-selectors",
                "the SpeakableSpecification has both cssSelector and xpath; give one of them",
                ref.block,
                ref.path,
            )
        elif not css and not xpath:
            yield _finding(
                "google/speakable-no-selector",
                "the SpeakableSpecification has neither cssSelector nor xpath; give one of them",
                ref.block,
                ref.path,
            )


# ---------------------------------------------------------------------------------------------------------- fact checks


def _claim_reviews(page: PageData, typed: Typed) -> Iterator[Finding]:
    for number, group in enumerate(_groups(page, typed, "ClaimReview")):
        if number == 0:
            yield _finding(
                "google/claimreview-rich-result-retired",
                "Google Search phased out the ClaimReview rich result in 2025 (gone from the Rich Results Test since "
                "2025-09-09); Google's Fact Check Explorer still reads this markup",
                group[0].block,
                group[0].path,
            )
        yield from _claim_review(page, group)
        yield from _item_reviewed(page, group)


def _claim_review(page: PageData, group: list[NodeRef]) -> Iterator[Finding]:
    anchor = group[0]
    claim = _first(group, "claimReviewed")
    claim_text = claim[2].strip() if claim and isinstance(claim[2], str) else ""
    if claim is None:
        yield _finding(
            "google/claimreview-missing-claim-reviewed",
            "the ClaimReview has no claimReviewed; Google requires a short summary of the claim",
            anchor.block,
            anchor.path,
        )
    elif claim_too_long(claim_text):
        yield _finding(
            "google/claimreview-claim-too-long",
            f"claimReviewed is {len(claim_text)} characters; Google asks for fewer than {MAX_CLAIM_REVIEWED}",
            claim[0].block,
            claim[1],
        )
    rating = _first(group, "reviewRating")
    ratings = []  # the nodes describing each rating
    if rating:
        ratings = [_describe(page, rating[0].block, path, item) for path, item in _items(rating[1], rating[2])]
    names = [_first(nodes, "alternateName") for nodes in ratings]
    verdicts = [name[2].strip() for name in names if name and isinstance(name[2], str)]
    for nodes in ratings:
        yield from _rating_range(nodes)
    if not verdicts:
        yield _finding(
            "google/claimreview-missing-verdict",
            "the ClaimReview has no reviewRating with an alternateName; Google requires the verdict as text, "
            'e.g. "False"',
            rating[0].block if rating else anchor.block,
            rating[1] if rating else anchor.path,
        )
    for verdict in verdicts:
        if claim and verdict_in_claim(claim_text, verdict):
            yield _finding(
                "google/claimreview-verdict-in-claim",
                f"claimReviewed {claim_text[:80]!r} contains the verdict {verdict!r}; state only the claim",
                claim[0].block,
                claim[1],
            )


def _rating_range(nodes: list[NodeRef]) -> Iterator[Finding]:
    found = {key: _first(nodes, key) for key in ("worstRating", "ratingValue", "bestRating")}
    numbers = {key: _number(hit[2]) if hit else None for key, hit in found.items()}
    worst, value, best = numbers["worstRating"], numbers["ratingValue"], numbers["bestRating"]
    problems = []
    if value is not None and worst is not None and value < worst:
        problems.append(("ratingValue", f"ratingValue {value:g} is below worstRating {worst:g}"))
    if value is not None and best is not None and value > best:
        problems.append(("ratingValue", f"ratingValue {value:g} is above bestRating {best:g}"))
    if worst is not None and best is not None and worst > best:
        problems.append(("worstRating", f"worstRating {worst:g} is above bestRating {best:g}"))
    for key, message in problems:
        ref, path, _ = found[key]
        yield _finding("google/claimreview-rating-out-of-range", message, ref.block, path)


def _item_reviewed(page: PageData, group: list[NodeRef]) -> Iterator[Finding]:
    item = _first(group, "itemReviewed")
    if item is None:
        anchor = group[0]
        yield _finding(
            "google/claimreview-item-not-claim",
            "the ClaimReview has no itemReviewed; describe the claim as a Claim with author and appearance",
            anchor.block,
            anchor.path,
        )
        return
    ref, path, value = item
    first_path, first = next(_items(path, value), (path, None))
    nodes = _describe(page, ref.block, first_path, first)
    if not nodes:
        return  # a plain string or a reference to nothing: the schemaorg and graph families report those
    types = _types(nodes)
    anchor = nodes[0]
    if "Claim" not in types:
        declared = [raw for node in nodes for raw in declared_types(node.node)] or ["nothing"]
        yield _finding(
            "google/claimreview-item-not-claim",
            f"itemReviewed is typed {', '.join(declared)}; Google asks for a Claim",
            anchor.block,
            anchor.path,
        )
    if _first(nodes, "author") is None:
        yield _finding(
            "google/claim-missing-author",
            "the reviewed claim has no author (who made the claim: name, sameAs)",
            anchor.block,
            anchor.path,
        )
    if _first(nodes, "appearance", "firstAppearance") is None:
        yield _finding(
            "google/claim-missing-appearance",
            "the reviewed claim has neither appearance nor firstAppearance (where the claim was made)",
            anchor.block,
            anchor.path,
        )


def _json_repr(value: Any) -> str:
    return excerpt(json.dumps(value, ensure_ascii=False), 40)
