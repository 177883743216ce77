"""Dates as the rule families read them: ISO 8601 text, extended or basic, parsed into parts that compare.

The extended form is read with the quirks real pages have and Google forgives (a space for ``T``, ``+0000``); the
basic form (``20180619T055000+0900``) is ISO 8601 too, read as such and marked, since most consumers read only the
extended one. Dates with a timezone compare as moments; a naive date-time or a date alone compares as loosely as
what it says allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

__all__ = ["ParsedDate", "could_be_same", "extended_form", "parse_date", "seconds_between"]

_EXTENDED = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:(?P<sep>[Tt ])(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?P<zone_gap>\s*)(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
# The basic form; real pages also mix a basic date with an extended time (20200316T13:00:00Z).
_BASIC = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:(?P<sep>[Tt])(?P<hour>\d{2})(?P<colon>:?)(?P<minute>\d{2})(?:(?P=colon)(?P<second>\d{2})"
    r"(?:[.,](?P<fraction>\d+))?)?(?P<zone_gap>)(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
# How far apart a naive date-time and a moment may be and still name the same moment somewhere on Earth.
_ANY_TIMEZONE = timedelta(hours=14)


@dataclass(frozen=True)
class ParsedDate:
    """A date's comparable parts, and what makes its spelling unusual.

    ``moment`` is a ``datetime`` (aware when ``has_zone``) or, for a date alone, a ``date``. ``basic`` marks ISO 8601's
    basic form; ``quirks`` are the extended form's forgiven departures, as phrases for a message.
    """

    day: date
    moment: date | datetime
    has_time: bool
    has_zone: bool
    basic: bool
    quirks: tuple[str, ...]


def _tzinfo(offset: str) -> timezone | None:
    if not offset:
        return None
    if offset in ("Z", "z"):
        return timezone.utc
    digits = offset[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return timezone(timedelta(minutes=minutes if offset[0] == "+" else -minutes))  # ValueError from ±24:00


def _parsed(match: re.Match[str], basic: bool) -> ParsedDate:
    offset = match["zone"] or ""
    day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    has_time = match["hour"] is not None
    moment: date | datetime = day
    if has_time:
        micro = int((match["fraction"] or "0")[:6].ljust(6, "0"))
        clock = (int(match["hour"]), int(match["minute"]), int(match["second"] or 0), micro)
        moment = datetime(day.year, day.month, day.day, *clock, tzinfo=_tzinfo(offset))
    quirks = []
    if basic and has_time and match["colon"]:
        quirks.append("a basic date with an extended time")
    if match["sep"] == " ":
        quirks.append("a space instead of T between date and time")
    if match["zone_gap"]:
        quirks.append("a space before the offset")
    if not basic and len(offset) == 5:  # +0000 is the basic form's offset, not to be mixed with an extended date
        quirks.append(f"the offset {offset} without a colon (extended form: {offset[:3]}:{offset[3:]})")
    return ParsedDate(day, moment, has_time, bool(offset), basic, tuple(quirks))


@lru_cache(maxsize=1024)  # a page's dates are read by several rules
def parse_date(value: str) -> tuple[ParsedDate | None, str]:
    """The date ``value`` writes in ISO 8601, or None and why not ("is not a real date (month must be in 1..12)")."""
    text = value.strip()
    for pattern, basic in ((_EXTENDED, False), (_BASIC, True)):
        match = pattern.fullmatch(text)
        if match:
            try:
                return _parsed(match, basic), ""
            except (ValueError, OverflowError) as exc:  # month 13, hour 25, an offset of a day or more
                return None, f"is not a real date ({exc})"
    return None, "is not an ISO 8601 date"


def extended_form(parsed: ParsedDate) -> str:
    """The date in ISO 8601's extended form, as Google's examples write it (2018-06-19T05:50:00+09:00)."""
    if not parsed.has_time:
        return parsed.day.isoformat()
    assert isinstance(parsed.moment, datetime)
    text = parsed.moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") and parsed.has_zone else text


def seconds_between(earlier: ParsedDate, later: ParsedDate) -> float | None:
    """How many seconds ``later`` is after ``earlier`` (negative if before); None when that cannot be told without
    guessing a timezone (a naive date-time against a moment)."""
    if earlier.has_time and later.has_time:
        if earlier.has_zone != later.has_zone:
            return None
        return (later.moment - earlier.moment).total_seconds()  # type: ignore[operator]
    return (later.day - earlier.day).total_seconds()


def could_be_same(one: ParsedDate, other: ParsedDate) -> bool:
    """Whether two dates may name the same moment: equal moments; a date and a date-time on that day; a naive
    date-time and a moment less than a timezone apart."""
    if not (one.has_time and other.has_time):
        return abs((one.day - other.day).days) <= (0 if one.has_time == other.has_time else 1)
    if one.has_zone == other.has_zone:
        return one.moment == other.moment
    naive, aware = (one, other) if not one.has_zone else (other, one)
    assert isinstance(naive.moment, datetime) and isinstance(aware.moment, datetime)
    utc = aware.moment.astimezone(timezone.utc).replace(tzinfo=None)
    return abs(naive.moment - utc) <= _ANY_TIMEZONE
