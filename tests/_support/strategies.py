"""Hypothesis strategies for valid NewsArticle models, built to stress escaping, identity and round trips.

Text mixes arbitrary Unicode (astral characters, right-to-left scripts) with the fragments that break naive embedding
(``</script>``, ``<!--``, ``]]>``, ``&amp;``, U+2028 ...) or naive YAML (line breaks, ``#``, ``---``, tags, anchors). Entities are drawn once into pools and shared between the
article's properties, so the same person is an author, a speaker and a claimant, as in real reporting.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from newsld import (
    Claim,
    ClaimReview,
    GeoCoordinates,
    ImageObject,
    NewsMediaOrganization,
    Organization,
    Person,
    Place,
    Quotation,
    Rating,
    SpeakableSpecification,
    WebPage,
    WebPageElement,
)
from newsld.models import ARTICLE_CLASSES

HOSTILE = (
    "</script>",
    "</SCRIPT >",
    "</script",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&lt;",
    "&amp;",
    "&#x3c;",
    "&",
    "<",
    ">",
    "\u2028",
    "\u2029",
    '"',
    "'",
    "\\",
    "\\u003c",
    "\x00",
    "\u202e",  # right-to-left override
    "שלום",
    "مرحبا",
    "😀",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\ufeff",
    # What could break out of a YAML line, comment or document, or make YAML read text as something else.
    "\n",
    "\r\n",
    "\x85",
    " # ",
    "\n---\n",
    "!!python/object/apply:os.system",
    "&anchor *anchor",
    "%YAML 1.1",
    "\n- ",
    "null",
)

ARTICLE_TYPES = tuple(ARTICLE_CLASSES.values())

# An explicit @id in this namespace can never look like one newsld derives, so a round trip keeps it as given.
EXPLICIT_ID_PREFIX = "urn:newsld-test:"


def examples(count: int):
    """Hypothesis settings for a property: ``count`` examples, no per-example deadline (the machine is shared)."""
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def texts(min_size: int = 0, max_pieces: int = 4) -> st.SearchStrategy[str]:
    piece = st.one_of(st.text(max_size=10), st.sampled_from(HOSTILE))
    return st.lists(piece, min_size=min(min_size, 1), max_size=max_pieces).map("".join).filter(
        lambda text: len(text) >= min_size
    )


def hostile_texts() -> st.SearchStrategy[str]:
    """Text made mostly of the fragments that end or confuse a script element."""
    piece = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE), st.text(min_size=1, max_size=3))
    return st.lists(piece, min_size=1, max_size=8).map("".join)


# Anything but ASCII whitespace and controls, which an absolute URL may not contain; markup characters are fine.
_URL_PATH = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(map(chr, range(0x21))) + "\x7f"),
    max_size=12,
)


def urls() -> st.SearchStrategy[str]:
    return st.builds(
        "{}://{}/{}".format,
        st.sampled_from(["https", "http", "HTTPS"]),
        st.sampled_from(["example.com", "news.example.org", "xn--bcher-kva.example", "example.com:8080"]),
        st.one_of(_URL_PATH, st.sampled_from(["a/</script>", "q?x=1&y=<2>", "p#frag", "\u2028"])),
    )


def _aware_datetimes() -> st.SearchStrategy[datetime]:
    offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
    return st.builds(
        lambda moment, tz: moment.replace(tzinfo=tz),
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
        offsets,
    )


def date_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        _aware_datetimes().map(datetime.isoformat),
        _aware_datetimes().map(lambda moment: moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
    )


def _optional(strategy):
    return st.none() | strategy


# Built once: constructing and validating strategies inside every draw costs more than the drawing itself.
_NAMES = texts(min_size=1)
_OPTIONAL_NAMES = _optional(_NAMES)
_TEXTS = _optional(texts())
_BODIES = _optional(texts(max_pieces=8))
_URLS = urls()
_OPTIONAL_URLS = _optional(_URLS)
_URL_LISTS = _optional(st.lists(_URLS, min_size=1, max_size=2))
_KEYWORDS = _optional(st.lists(texts(), min_size=1, max_size=3))
_LANGUAGES = _optional(st.sampled_from(["en", "he", "ar", "de-CH"]))
_PUBLISHED = _optional(_aware_datetimes())
_DELAYS = st.timedeltas(timedelta(0), timedelta(days=30))
_DATES = _optional(date_texts())
_FLAGS = _optional(st.booleans())
_WORD_COUNTS = _optional(st.integers(0, 10_000))
_GEO = _optional(
    st.builds(
        GeoCoordinates,
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
    )
)
_SPEAKABLE = _optional(
    st.one_of(
        st.builds(SpeakableSpecification, cssSelector=st.just([".headline", ".summary"])),
        st.builds(SpeakableSpecification, xpath=st.just("/html/head/title")),
    )
)
_ARTICLE_TYPES = st.sampled_from(ARTICLE_TYPES)
_ORGANIZATION_TYPES = st.sampled_from([Organization, NewsMediaOrganization])


def _some(draw, pool, max_size=3, min_size=0):
    """Up to ``max_size`` members of ``pool`` (repeats allowed: the same entity twice is legitimate), or None."""
    if not pool:
        return None
    return draw(st.lists(st.sampled_from(pool), min_size=min_size, max_size=max_size)) or None


def _maybe_one(draw, pool):
    return draw(_optional(st.sampled_from(pool))) if pool else None


@st.composite
def articles(draw, explicit_ids=None):
    """A valid article of any NewsArticle type.

    ``explicit_ids``: True gives every node an explicit @id, False none, None a mix.
    """
    counter = iter(range(10_000))

    def node_id(kind):
        explicit = draw(st.booleans()) if explicit_ids is None else explicit_ids
        return f"{EXPLICIT_ID_PREFIX}{kind}:{next(counter)}" if explicit else None

    def image():
        if draw(st.booleans()):
            return draw(_URLS)
        return ImageObject(id=node_id("image"), url=draw(_URLS), caption=draw(_TEXTS))

    organizations = []
    for _ in range(draw(st.integers(0, 2))):
        organizations.append(
            draw(_ORGANIZATION_TYPES)(
                id=node_id("organization"),
                name=draw(_NAMES),
                url=draw(_OPTIONAL_URLS),
                logo=image() if draw(st.booleans()) else None,
                parentOrganization=_maybe_one(draw, organizations),
            )
        )

    people = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(_OPTIONAL_NAMES)
        people.append(
            Person(
                id=node_id("person"),
                name=name,
                # An unnamed source is described instead.
                description=draw(_NAMES if name is None else _TEXTS),
                jobTitle=draw(_TEXTS),
                sameAs=draw(_URL_LISTS),
                worksFor=_some(draw, organizations, max_size=1),
            )
        )

    places = []
    for _ in range(draw(st.integers(0, 2))):
        places.append(
            Place(id=node_id("place"), name=draw(_NAMES), geo=draw(_GEO), containedInPlace=_maybe_one(draw, places))
        )

    agents = people + organizations
    claims = [
        Claim(
            id=node_id("claim"),
            text=draw(_NAMES),
            author=_some(draw, people, max_size=2, min_size=1),
            datePublished=draw(_DATES),
            claimInterpreter=_maybe_one(draw, organizations),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    quotations = [
        Quotation(
            id=node_id("quotation"),
            text=draw(_NAMES),
            spokenByCharacter=draw(st.sampled_from(agents)),
            about=_some(draw, places + people, max_size=2),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    reviews = [
        ClaimReview(
            id=node_id("claimreview"),
            claimReviewed=claim.text,
            itemReviewed=claim,
            reviewRating=Rating(ratingValue=1, worstRating=1, bestRating=5, alternateName=draw(_NAMES)),
            author=_some(draw, organizations, max_size=1),
        )
        for claim in claims
        if draw(st.booleans())
    ]
    paywall = [WebPageElement(isAccessibleForFree=False, cssSelector=".paywall")] if draw(st.booleans()) else []
    mentioned = _some(draw, agents + places, max_size=3) or []

    url = draw(_URLS)
    published = draw(_PUBLISHED)
    modified = published + draw(_DELAYS) if published else None
    return draw(_ARTICLE_TYPES)(
        id=node_id("article"),
        headline=draw(_NAMES),
        description=draw(_TEXTS),
        url=url,
        mainEntityOfPage=WebPage(id=node_id("page"), url=url) if draw(st.booleans()) else None,
        image=[image() for _ in range(draw(st.integers(0, 2)))] or None,
        datePublished=published.isoformat() if published else None,
        dateModified=modified.isoformat() if modified else None,
        author=_some(draw, agents, max_size=3),
        publisher=_maybe_one(draw, organizations),
        keywords=draw(_KEYWORDS),
        articleSection=draw(_TEXTS),
        inLanguage=draw(_LANGUAGES),
        about=_some(draw, places + people, max_size=2),
        mentions=[*mentioned, *claims] or None,
        contentLocation=_some(draw, places, max_size=1),
        hasPart=[*quotations, *reviews, *paywall] or None,
        isAccessibleForFree=False if paywall else draw(_FLAGS),
        speakable=draw(_SPEAKABLE),
        wordCount=draw(_WORD_COUNTS),
        articleBody=draw(_BODIES),
    )
