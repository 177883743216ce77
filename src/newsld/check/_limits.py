"""How much work ``check`` and ``lift`` do for one page, at most; a limit that is hit is a finding, never an exception.

Real pages stay far below every limit (the 471 pages of the test corpus: at most 2.9 MB, 8 blocks, 75,000 characters
in a block, 708 JSON values, 79 distinct property and type names, 8 levels of nesting, 50,000 characters of
articleBody). Hostile ones do not: a page of 100 MB, JSON nested 100,000 levels deep, a million-element array,
thousands of blocks. Past a limit newsld checks what it has read, says what it left out, and goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._findings import Codes

__all__ = [
    "CODES",
    "MAX_BLOCKS",
    "MAX_BLOCK_CHARS",
    "MAX_COMPARED_CHARS",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_PAGE_BYTES",
    "MAX_TERMS",
    "MAX_TEXT_SCAN",
    "PageBudget",
    "cut_page",
]

MAX_PAGE_BYTES = 50 * 1024 * 1024  # characters, for a page given as text
MAX_BLOCKS = 1_000
MAX_BLOCK_CHARS = 5_000_000
MAX_DEPTH = 512
MAX_NODES = 100_000  # JSON values (objects, arrays, strings, numbers...) read per page
# Distinct keys and @type names per page: each unknown one costs a spelling suggestion (difflib against every schema.org
# name, a few milliseconds), so a page of 100,000 made-up names would take minutes.
MAX_TERMS = 1_000
MAX_TEXT_SCAN = 1_000_000  # characters of one string that the text rules scan
MAX_COMPARED_CHARS = 10_000_000  # characters the integrity rules search for a page's quotations, all together

CODES = Codes({
    "limits/page-truncated": ("warning", f"the page is larger than {MAX_PAGE_BYTES // 2**20} MB; only its first "
                              f"{MAX_PAGE_BYTES // 2**20} MB were checked (a JSON-LD block after that is not seen)"),
    "limits/block-cut": ("warning", "a JSON-LD block that the end of what was read cuts in two (the page-size limit, "
                         "gzip data cut short); its JSON was not checked"),
    "limits/too-many-blocks": ("warning", f"the page has more than {MAX_BLOCKS:,} JSON-LD blocks; only the first "
                               f"{MAX_BLOCKS:,} were checked"),
    "limits/block-too-large": ("warning", f"a JSON-LD block of more than {MAX_BLOCK_CHARS:,} characters; its JSON was "
                               "not read"),
    "limits/too-deep": ("warning", f"JSON nested more than {MAX_DEPTH} levels deep; the block's JSON was not checked"),
    "limits/too-many-nodes": ("warning", f"the page's JSON-LD holds more than {MAX_NODES:,} values; this block and the "
                              "ones after it were not checked"),
    "limits/too-many-terms": ("warning", f"the page's JSON-LD uses more than {MAX_TERMS:,} distinct property and type "
                              "names; this block and the ones after it were not checked"),
    "limits/text-truncated": ("info", f"a string longer than {MAX_TEXT_SCAN:,} characters; the text rules scanned "
                              f"only its first {MAX_TEXT_SCAN:,}"),
    "limits/quotations-unchecked": ("warning", f"the page's quotations would take more than {MAX_COMPARED_CHARS:,} "
                                    "characters of text to compare; the rest were not checked against the article's "
                                    "and the page's text"),
})


def cut_page(data: bytes) -> bytes:
    """The page's first ``MAX_PAGE_BYTES`` bytes, ending on a character boundary of its encoding (UTF-16 when a BOM
    says so, else UTF-8)."""
    if len(data) <= MAX_PAGE_BYTES:
        return data
    end = MAX_PAGE_BYTES
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        end -= end % 2
        unit = data[end - 2 : end]
        # The last unit may open a surrogate pair whose second half is cut off (either byte order).
        if (unit[0] if data.startswith(b"\xfe\xff") else unit[1]) & 0xFC == 0xD8:
            end -= 2
    else:
        while end > 0 and data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character began earlier
            end -= 1
    return data[:end]


class PageBudget:
    """What one page may still hold: JSON values and distinct terms (keys and @type names). Once a block goes past
    either limit, neither it nor any later block is read."""

    def __init__(self) -> None:
        self.nodes_left = MAX_NODES
        self.terms: set[str] = set()
        self.spent: str | None = None  # the code of the limit that ended reading

    def take(self, values: Sequence[Any]) -> str | None:
        """Count a block's values against the budget: None when they fit, else the code of the limit they hit.

        Iterative: the values may already be as deep as Python's json module goes (about a thousand levels).
        """
        if self.spent is None and len(values) > self.nodes_left:
            self.spent = "limits/too-many-nodes"
        if self.spent is not None:
            return self.spent
        count = 0
        terms: set[str] = set()
        stack = [(value, 1) for value in values]
        while stack:
            value, depth = stack.pop()
            count += 1
            if depth > MAX_DEPTH:
                return "limits/too-deep"  # this block only: the ones after it may be fine
            if count > self.nodes_left:
                self.spent = "limits/too-many-nodes"
                return self.spent
            if isinstance(value, dict):
                terms.update(value)
                types = value.get("@type")
                terms.update(name for name in (types if isinstance(types, list) else [types]) if isinstance(name, str))
                stack.extend((item, depth + 1) for item in value.values())
            elif isinstance(value, list):
                stack.extend((item, depth + 1) for item in value)
        terms |= self.terms
        if len(terms) > MAX_TERMS:
            self.spent = "limits/too-many-terms"
            return self.spent
        self.terms = terms
        self.nodes_left -= count
        return None
