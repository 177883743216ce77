"""The hostile strings every page newsld writes is tested with (script breakouts, markup, entities, JSON and JavaScript
syntax, control and direction characters, long strings), and an authoring source that puts one of them in every text
property of every type an article uses. Used by the script-element proofs (tests/emit/test_browser.py) and the
browser tests of the report and preview pages."""

from __future__ import annotations

from newsld._types import check_url

__all__ = ["BREAKOUT", "HOSTILE", "hostile_source"]

BREAKOUT = '</script><script>window.__pwned = "script breakout"</script>'
HOSTILE = (
    # Ending the element, or the tokenizer states that keep it from ending.
    "</script><script>alert(1)</script>",
    BREAKOUT,
    "</SCRIPT >",
    "</SCRIPT ><script>window.__pwned = 'upper case'</script>",
    "</ScRiPt\t>",
    "</script\n>",
    "</script/>",
    "</script",
    "<script",
    "<script>window.__pwned = 'open'</script>",
    "<!--",
    "-->",
    "<!--<script>",
    "<!--<script></script>-->",
    "<!-- </script> -->",
    "]]>",
    "<![CDATA[",
    "<![CDATA[</script>]]>",
    # Other markup that would run code or swallow the page if it were parsed.
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>",
    "</head><body onload=\"window.__pwned = 'body'\">",
    "<style>*{display:none}</style>",
    "</title><plaintext>",
    "<textarea>",
    "</noscript><template>",
    "javascript:window.__pwned = 'url'",
    # Entity-like text: it must stay these characters, never be decoded.
    "&amp;",
    "&lt;/script&gt;",
    "&#60;/script&#62;",
    "&#x3c;",
    "&quot;",
    "&nbsp;",
    "&#0;",
    "&amp",
    "&NotAnEntity;",
    "AT&T",
    # JSON and JavaScript string syntax.
    '"',
    "'",
    "`${window.__pwned = 'template literal'}`",
    "\\",
    "\\u003c/script\\u003e",
    '\\"}]}',
    '"}]},{"@type":"Person","name":"injected"}',
    "\\u2028",
    # Line terminators and control characters.
    "\u2028",
    "\u2029",
    "a\u2028b\u2029c",
    "\x00",
    "NUL\x00in the middle",
    "".join(map(chr, range(32))),
    "\x7f",
    "".join(map(chr, range(0x80, 0xA0))),
    "\r\n\t",
    "\u0085",
    # Direction overrides, invisible and unusual characters, other scripts.
    "\u202e",
    "\u202edesrever\u202c",
    "\u202d\u2066\u2067\u2068\u2069\u200e\u200f",
    "\u200b\u200c\u200d\u2060",
    "\ufeff",
    "\ufffe\uffff",
    "\ufffd",
    "שלום مرحبا",
    "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "e\u0301\u0327",
    "\u00a0\u3000",
    # Template syntax is data, never evaluated.
    "{{ 7 * 7 }}",
    "{% debug %}",
    "<?php echo 1; ?>",
    # Long strings.
    "A" * 10240,
    "</script>" * 1138,
    ("<!--<script></script>\u2028&amp;\x00\u202e" * 400)[:10240],
)


def _case_url(number: int, text: str) -> str:
    # The text in the URL too wherever an absolute URL may carry it (no spaces or control characters).
    candidate = f"https://example.com/case/{number}/{text[:200]}"
    try:
        return check_url(candidate)
    except ValueError:
        return f"https://example.com/case/{number}"


def hostile_source(number: int, text: str) -> dict:
    """Authoring data with ``text`` in every text property of every type the article uses."""
    url = _case_url(number, text)
    date = "2024-05-01T09:00:00+00:00"
    return {
        "@type": "ReportageNewsArticle",
        "headline": text,
        "alternativeHeadline": text,
        "description": text,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "url": url, "name": text, "inLanguage": text},
        "image": [{"@type": "ImageObject", "url": url, "caption": text, "creditText": text, "copyrightNotice": text}],
        "datePublished": date,
        "dateModified": date,
        "author": ["reporter"],
        "editor": ["reporter"],
        "publisher": "outlet",
        "articleSection": [text],
        "keywords": [text, "plain"],
        "inLanguage": text,
        "dateline": text,
        "printSection": text,
        "printPage": text,
        "printEdition": text,
        "printColumn": text,
        "backstory": text,
        "articleBody": text,
        "about": ["topic"],
        "mentions": ["place", "event", "claim"],
        "contentLocation": ["place"],
        "citation": [url],
        "hasPart": [
            "quote",
            "review",
            {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": text},
        ],
        "speakable": {"@type": "SpeakableSpecification", "cssSelector": [text]},
        "correction": [{"@type": "CorrectionComment", "text": text, "datePublished": date}],
        "entities": {
            "reporter": {
                "@type": "Person", "name": text, "alternateName": [text], "givenName": text, "familyName": text,
                "honorificPrefix": text, "jobTitle": text, "description": text, "url": url, "sameAs": [url],
                "affiliation": ["outlet"],
            },
            "outlet": {
                "@type": "NewsMediaOrganization", "name": text + " News", "alternateName": [text],
                "description": text, "url": url,
            },
            "topic": {"@type": "Thing", "name": text + " topic", "alternateName": [text], "description": text},
            "place": {"@type": "Place", "name": text, "alternateName": [text], "description": text},
            "event": {"@type": "Event", "name": text, "description": text, "location": ["place"]},
            "claim": {"@type": "Claim", "text": text, "author": ["reporter"], "claimInterpreter": "outlet"},
            "quote": {"@type": "Quotation", "text": text, "spokenByCharacter": "reporter"},
            "review": {
                "@type": "ClaimReview", "claimReviewed": text, "itemReviewed": "claim", "author": ["outlet"],
                "reviewRating": {"@type": "Rating", "alternateName": text, "ratingExplanation": text},
            },
        },
    }
