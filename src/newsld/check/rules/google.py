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
from typing import Any

from ..._findings import Codes, Finding, excerpt, json_path
from ...integrity import MAX_CLAIM_REVIEWED, claim_too_long, verdict_in_claim
from .._page import NodeRef, PageData
from ._dates import ParsedDate, extended_form, parse_date, seconds_between
from ._nodes import declared_types, is_own_article, meant_types

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
    "google/author-missing-url": ("warning", "an author has neither url nor sameAs (Google recommends author.url)"),
    "google/author-name-prefix": ("warning", 'an author name starts with "By"'),
    "google/author-name-several": ("warning", "an author name holds several people"),
    "google/author-name-job-title": ("warning", "an author name holds a job title"),
    "google/author-name-affiliation": ("warning", "an author name holds an affiliation such as a news agency"),
    "google/author-name-html": ("warning", "an author name holds HTML markup"),
    "google/author-is-publication": (
        "warning", "an author typed Person that bears the publisher's or site's name: the publication itself"),
    "google/date-invalid": (
        "error", "an article date that is not ISO 8601 (Google's format): ISO date parsers cannot read it"),
    "google/date-basic-format": (
        "warning", "an article date in ISO 8601's basic format (20180619T055000+0900), which most consumers do not read"),
    "google/date-placeholder": ("error", "an article date that is a placeholder (the year 1, the Unix epoch, 9999-12-31)"),
    "google/date-implausible": ("warning", "an article date before the web began (1991) or in the future"),
    "google/date-no-timezone": ("warning", "an article date has no timezone"),
    "google/date-nonstandard-format": (
        "info",
        "an article date is readable but not strict ISO 8601 (space for T, +0000 offset)",
    ),
    "google/date-modified-before-published": (
        "warning", "dateModified is more than a minute earlier than datePublished"),
    "google/image-too-small": ("warning", "an article image is under 50,000 pixels (width × height)"),
    "google/image-url-not-http": ("error", "an article image URL that is not http(s) (data:, ftp:...): Google cannot fetch it"),
    "google/image-size-invalid": ("warning", "an article image whose width or height is zero or negative"),
    "google/position-not-integer": (
        "warning", "a ListItem position written as a string: Google's breadcrumbs and carousels read an integer"),
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
    yield from _positions(typed)


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
        # Google's own fact-check example gives its appearance article a date without a time: only the page's own
        # article is held to the article guidance.
        own = is_own_article(group)
        if own:
            yield from _missing_recommended(group)
        publication = _publication_names(page, group, typed)
        for ref in group:
            for key in ("datePublished", "dateModified"):
                for path, value in _own_values(ref, key):
                    yield from _date_format(ref.block, path, key, value, own)
            for path, value in _own_values(ref, "author"):
                yield from _author(page, ref.block, path, value, own, publication)
            if "image" in ref.node:
                yield from _image(page, ref.block, json_path(ref.path, "image"), ref.node["image"])
        yield from _date_order(group)


def _missing_recommended(group: list[NodeRef]) -> Iterator[Finding]:
    anchor = group[0]
    for key, code in _RECOMMENDED:
        if key == "author" and any(ref.node.get("author") == {} for ref in group):
            continue  # "author": {} is reported where it is written
        if _first(group, key) is None:
            advice = " (add it once the article is updated)" if key == "dateModified" else ""
            yield _finding(code, f"the article has no {key}; Google recommends it{advice}", anchor.block, anchor.path)


# ---------------------------------------------------------------------------------------------------------------- dates

_LOOKALIKES = (
    (re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}"), "an RFC 2822 (e-mail) date"),
    (re.compile(r"[A-Za-z]{3}\s+[A-Za-z]{3}\s+\d{1,2}\s+\d{4}\s+\d{2}:\d{2}"), "a JavaScript Date string"),
    (re.compile(r"[A-Za-z]{3}\s+[A-Za-z]{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\S+\s+\d{4}"), "a Java Date string"),
)
_EXAMPLE_DATE = "2024-05-06T09:30:00+02:00"
_PLACEHOLDER_DAYS = {date(1900, 1, 1): "1900-01-01", date(9999, 12, 31): "9999-12-31"}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_YEAR_ZERO = re.compile(r"0000-?\d\d-?\d\d")
_FIRST_WEB_YEAR = 1991  # the first web page went online in August 1991
_FUTURE_SLACK = timedelta(days=2)  # a page saved just before its scheduled time, or an offset a day off
# dateModified this much before datePublished is one save writing both (milliseconds or seconds apart), not an order.
_SAME_SAVE = 60.0


def _unreadable(key: str, value: str) -> str:
    """Why a date no parser reads is unreadable, with the fix."""
    decoded = html.unescape(value)
    if decoded != value and parse_date(decoded)[0] is not None:
        references = ", ".join(dict.fromkeys(re.findall(r"&#?\w+;", value)))
        return (
            f"{key} {value[:80]!r} holds HTML character references ({references}), which JSON does not decode, so "
            f"no date parser reads it; write {decoded.strip()!r}"
        )
    _, reason = parse_date(value)
    kind = next((kind for pattern, kind in _LOOKALIKES if pattern.match(value.strip())), None)
    if kind:
        reason = f"is {kind}, not ISO 8601"
    return f"{key} {value[:80]!r} {reason}; write e.g. {_EXAMPLE_DATE}"


def _placeholder(parsed: ParsedDate) -> str | None:
    if parsed.day.year <= 1:
        return f"the year {parsed.day.year}"
    if parsed.day in _PLACEHOLDER_DAYS and (not parsed.has_time or parsed.moment.time() == datetime.min.time()):
        return _PLACEHOLDER_DAYS[parsed.day]
    epoch = parsed.moment == _EPOCH if parsed.has_zone else parsed.day == _EPOCH.date() and (
        not parsed.has_time or parsed.moment.time() == datetime.min.time())
    return "the Unix epoch (1970-01-01T00:00:00Z)" if epoch else None


def _implausible(parsed: ParsedDate) -> str | None:
    if parsed.day.year < _FIRST_WEB_YEAR:
        return f"from {parsed.day.year}, before the web began (1991): a placeholder, or a print date"
    now = datetime.now(timezone.utc)
    moment = parsed.moment if parsed.has_zone else datetime.combine(parsed.day, datetime.min.time(), timezone.utc)
    if moment > now + _FUTURE_SLACK:  # type: ignore[operator]
        days = (moment - now).days  # type: ignore[operator]
        return f"{days} days in the future" if days < 365 else f"in {parsed.day.year}, years in the future"
    return None


def _date_format(block: int, path: str, key: str, value: Any, own: bool) -> Iterator[Finding]:
    """One finding for a date value at most: its most serious problem, with the lesser ones in its message."""
    if _is_empty(value):
        return  # reported as missing (and by the text family as an empty value)
    if not isinstance(value, str):
        yield _finding("google/date-invalid", f"{key} is {type(value).__name__}, not ISO 8601 text", block, path)
        return
    parsed, _ = parse_date(value)
    if parsed is None and _YEAR_ZERO.match(value.strip()):  # no calendar has it, so no parser reads it either
        yield _finding("google/date-placeholder", f"{key} {value.strip()!r} is the year 0, a placeholder and not when "
                       "the article was published or changed; consumers show it as the date, or nothing", block, path)
        return
    if parsed is None:
        yield _finding("google/date-invalid", _unreadable(key, value), block, path)
        return
    shown = f"{key} {value.strip()!r}"
    lesser = []
    if parsed.quirks:
        lesser.append(" and ".join(parsed.quirks))
    if own and not parsed.has_zone:
        lesser.insert(0, "no timezone (Google then assumes Googlebot's)")
    placeholder = _placeholder(parsed)
    implausible = None if placeholder or not own else _implausible(parsed)
    if placeholder:
        code, message = "google/date-placeholder", (
            f"{shown} is {placeholder}, a placeholder and not when the article was published or changed; "
            "consumers show it as the date"
        )
    elif parsed.basic:
        code, message = "google/date-basic-format", (
            f"{shown} is in ISO 8601's basic format, which most consumers do not read (JavaScript's Date.parse, "
            f"RFC 3339 parsers); write the extended form, {extended_form(parsed)!r}"
        )
        lesser = [quirk for quirk in lesser if "basic" not in quirk]
    elif implausible:
        code, message = "google/date-implausible", f"{shown} is {implausible}"
    elif own and not parsed.has_zone:
        what = "a date without a time or timezone" if not parsed.has_time else "a date-time without a timezone"
        code, message = "google/date-no-timezone", (
            f"{shown} is {what}; Google then assumes Googlebot's timezone — add an offset, e.g. {_EXAMPLE_DATE}"
        )
        lesser = lesser[1:]
    elif parsed.quirks:
        code, message = "google/date-nonstandard-format", (
            f"{shown} has {lesser.pop()}; Google reads it, strict ISO 8601 and RFC 3339 parsers do not"
        )
    else:
        return
    if lesser:
        message += f" (it also has {'; '.join(lesser)})"
    yield _finding(code, message, block, path)


def _single_date(found: Found | None) -> tuple[Found, ParsedDate] | None:
    if found is None or not isinstance(found[2], str):
        return None
    parsed, _ = parse_date(found[2])
    return (found, parsed) if parsed else None


def _date_order(group: list[NodeRef]) -> Iterator[Finding]:
    published = _single_date(_first(group, "datePublished"))
    modified = _single_date(_first(group, "dateModified"))
    if not published or not modified:
        return
    (_, _, published_text), first = published
    (ref, path, modified_text), last = modified
    seconds = seconds_between(first, last)
    if seconds is None or seconds >= -_SAME_SAVE or (not first.has_time or not last.has_time) and seconds == 0:
        return
    yield _finding(
        "google/date-modified-before-published",
        f"dateModified {modified_text!r} is {_duration(-seconds)} before datePublished {published_text!r}: "
        "scheduled publishing does this, and neither schema.org nor Google forbids it, but a reader of the dates sees "
        "an article changed before it appeared; set dateModified to datePublished until the article changes",
        ref.block,
        path,
    )


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} hours"
    return f"{round(hours / 24)} days"


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
# Lower-case words a person's name may hold between capitalised ones ("Ludwig van Beethoven", "Maria de la Cruz").
_PARTICLES = frozenset("al bin da das de del della der di do dos du el la le ten ter van von y e".split())


def _author(
    page: PageData, block: int, path: str, value: Any, own: bool, publication: set[str]
) -> Iterator[Finding]:
    """One finding per author value at most (its most telling problem), then one per name that is not just a name.

    ``publication`` holds the names (normalised) of the article's publisher and site, when the publisher is an
    Organization: an author typed Person with one of them is the publication itself.
    """
    if isinstance(value, str):
        if value.strip():
            problems = _name_problems(value, organization=False)
            also = f"; the text also holds {_phrases(problems)}" if problems else ""
            yield _finding(
                "google/author-not-object",
                f"author {value[:80]!r} is text: Google accepts a name as text, but recommends a Person (or "
                f"Organization) with its name and url{also}",
                block,
                path,
            )
        return
    nodes = _describe(page, block, path, value)
    if not nodes:
        return  # a number, or a reference to nothing: the schemaorg and graph families report those
    if all(set(ref.node) <= {"@context"} for ref in nodes):
        yield _finding(
            "google/missing-author",
            "the author is an empty object: the article names no author; Google recommends one (a Person or "
            "Organization with its name)",
            block,
            path,
        )
        return
    types = _types(nodes)
    declared = [raw for ref in nodes for raw in declared_types(ref.node)]
    wrong_type = None if types & _AUTHOR_TYPES else f"typed {', '.join(declared)}" if declared else "untyped"
    name = _first(nodes, "name")
    anchor = nodes[0]
    if name is None:
        also = f" and is {wrong_type}" if wrong_type else ""
        yield _finding(
            "google/author-missing-name",
            f"the author has no name{also}: Google shows the author's name; give a Person or Organization with it",
            anchor.block,
            anchor.path,
        )
        return
    if wrong_type:
        yield _finding(
            "google/author-type",
            f"the author is {wrong_type}; Google reads authors typed Person or Organization",
            anchor.block,
            anchor.path,
        )
    organization = "Organization" in types and "Person" not in types
    ref, name_path, name_value = name
    for item_path, item in _items(name_path, name_value):
        if isinstance(item, str):
            problems = _name_problems(item, organization)
            if problems:
                yield _finding(problems[0][0], f"author name {item[:80]!r} holds {_phrases(problems)}; "
                               f"{_NAME_ADVICE[problems[0][0]]}", ref.block, item_path)
            elif "Person" in types and "Organization" not in types and _normal(item) in publication and not (
                    _reads_as_own_name(item)):
                yield _finding(
                    "google/author-is-publication",
                    f"the author {item.strip()!r} is typed Person but bears the publication's name: a publication "
                    "is an Organization; type it so, or name the person who wrote the article",
                    anchor.block,
                    anchor.path,
                )
    if own and not wrong_type and _first(nodes, "url", "sameAs") is None:
        yield _finding(
            "google/author-missing-url",
            "the author has neither url nor sameAs; Google uses them to tell authors apart",
            anchor.block,
            anchor.path,
        )


# A publication's name often opens with an article ("Die Tagespresse", "L'Opinion"); a person's does not.
_LEADING_ARTICLES = frozenset("the die der das la le les l el il lo los las het".split())


def _reads_as_own_name(name: str) -> bool:
    """Whether a name could be a person's own (a one-person site named after its author, "Jane Doe"): two to five
    capitalised words, the first not an article."""
    words = _WORD.findall(name)
    return _reads_as_person(name) and words[0].lower() not in _LEADING_ARTICLES and not any(
        len(word) > 2 and word.isupper() for word in words)


def _normal(name: str) -> str:
    """A name as compared with another: case, punctuation and spacing aside."""
    return " ".join(_WORD.findall(html.unescape(name).casefold()))


def _publication_names(page: PageData, group: list[NodeRef], typed: Typed) -> set[str]:
    """The normalised names of the article's publisher and of the page's WebSite, when the publisher is an
    Organization and not a Person (a one-person blog's author rightly bears its name)."""
    publishers = []
    for ref in group:
        for path, value in _own_values(ref, "publisher"):
            publishers.extend(_describe(page, ref.block, path, value))
    types = _types(publishers)
    if not publishers or "Person" in types or "Organization" not in types:
        return set()
    names = [ref.node.get("name") for ref in publishers]
    names += [ref.node.get("name") for ref, types in typed if "WebSite" in types]
    return {_normal(name) for name in names if isinstance(name, str) and _normal(name)}


_NAME_ADVICE = {
    "google/author-name-html": "give the name as plain text",
    "google/author-name-several": "give each author an entry of their own, with only their name",
    "google/author-name-affiliation": "give the name only, and the affiliation in affiliation or worksFor",
    "google/author-name-job-title": "give the name only, and the title in jobTitle",
    "google/author-name-prefix": "give the name only",
}


def _phrases(problems: list[tuple[str, str]]) -> str:
    phrases = [phrase for _, phrase in problems]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _name_problems(name: str, organization: bool) -> list[tuple[str, str]]:
    """What an author name holds besides one person's name, most telling first: (code, phrase)."""
    found: dict[str, str] = {}
    name = html.unescape(name)  # the text family reports entities; here "Jos&#xE9;" must read as one name
    if _HTML_TAG.search(name):
        found["google/author-name-html"] = "HTML markup"
        name = _HTML_TAG.sub(" ", name)
    prefix = _BY_PREFIX.match(name)
    if prefix:
        found["google/author-name-prefix"] = 'a "By" prefix'
        name = name[prefix.end() :]
    if not organization:  # "Johnson & Johnson" or "Reuters, Berlin bureau" are legitimate organization names
        found.update(_person_name_problems(name))
    return sorted(found.items(), key=lambda item: list(_NAME_ADVICE).index(item[0]))


def _person_name_problems(name: str) -> dict[str, str]:
    found = {}
    head, *extras = [part.strip() for part in _EXTRA_SEPARATOR.split(name)]
    segments = [part.strip() for part in _LIST_SEPARATOR.split(head)]
    segments = [s for s in segments if s and not _NAME_SUFFIX.fullmatch(s)]
    if len(segments) == 2 and len(_WORD.findall(segments[0])) == 1:  # "Doe, Jane": one person, surname first
        segments = [head]
    extras = [s for s in extras if s]
    titles = [s for s in segments + extras if _TITLE_WORDS & _words(s)]
    if titles:
        found["google/author-name-job-title"] = f"a job title ({titles[0]!r})"
    # After the first, a segment that does not read as a person's name is an affiliation, a place or a description.
    people = [s for s in segments if s not in titles and (s is segments[0] or _reads_as_person(s))]
    affiliations = [s for s in extras if s not in titles] + [s for s in segments if s not in titles + people]
    if affiliations:
        found["google/author-name-affiliation"] = f"more than a name ({affiliations[0]!r})"
    joined = [part.strip() for s in people for part in _CONJUNCTION.split(s)]
    agencies = [part for part in joined[1:] if not _reads_as_name(part) and _ORGANIZATION_WORDS & _words(part)]
    if agencies and not affiliations:  # "Le Figaro et AFP"
        found["google/author-name-affiliation"] = f"more than a name ({agencies[0]!r})"
    if len([part for part in joined if _reads_as_name(part)]) > 1:
        found["google/author-name-several"] = "several authors"
    return found


def _reads_as_name(text: str) -> bool:
    """Whether ``text`` could be a name: it has a capitalised word (or one of a script without case) and no word that
    names an organization or a job."""
    words = _WORD.findall(text)
    lowered = {word.lower() for word in words}
    return bool(words) and not lowered & (_ORGANIZATION_WORDS | _TITLE_WORDS) and not _DOMAIN.search(text) and any(
        not word[0].islower() for word in words)


def _reads_as_person(text: str) -> bool:
    """Whether ``text`` reads as a person's name: two to five words, each capitalised (or a particle such as "van")."""
    words = _WORD.findall(text)
    return 2 <= len(words) <= 5 and _reads_as_name(text) and all(
        not word[0].islower() or word in _PARTICLES for word in words)


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
    # A relative URL is fine: JSON-LD resolves image (an @id-coerced property) against the page's URL. An empty one
    # says nothing (the text family reports it; with no other image, so does missing-image).
    if scheme and scheme.group(1).lower() not in ("http", "https"):
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
    if w <= 0 or h <= 0:  # not a small image: a placeholder where the size should be
        wrong = [f"{name} is {value:g}" for name, value in (("width", w), ("height", h)) if value <= 0]
        yield _finding(
            "google/image-size-invalid",
            f"the image's {' and '.join(wrong)}: a placeholder, not its size (Google wants images of at least "
            f"{_MIN_IMAGE_PIXELS:,} pixels); give the real width and height, or leave them out",
            ref.block,
            ref.path,
        )
        return
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


# ------------------------------------------------------------------------------------------------------------ positions


def _positions(typed: Typed) -> Iterator[Finding]:
    # Google's breadcrumb (BreadcrumbList) and carousel (ItemList) documentation give a ListItem's position as an
    # integer; schema.org also allows text, so the schemaorg family says nothing.
    for ref, types in typed:
        position = ref.node.get("position")
        if "ListItem" not in types or not isinstance(position, str):
            continue
        number = _number(position)
        whole = number is not None and math.isfinite(number) and number == int(number)
        advice = f"write {int(number)}" if whole else "write its number"  # type: ignore[arg-type]
        yield _finding(
            "google/position-not-integer",
            f"position is the string {_json_repr(position)}; Google's breadcrumb and carousel documentation read an "
            f"integer: {advice}",
            ref.block,
            json_path(ref.path, "position"),
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
