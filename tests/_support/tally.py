"""What the hardening tests tried, counted as they run and printed at the end of the session (see conftest.py)."""

from collections import Counter

TALLY: Counter = Counter()


def tried(what: str, count: int = 1) -> None:
    TALLY[what] += count
