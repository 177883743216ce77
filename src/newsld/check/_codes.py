"""Every finding code newsld can report, gathered from the modules that declare them (the docs' table is made here)."""

from __future__ import annotations

from .. import integrity
from . import _against, _input, _lift, _limits, _warc
from .rules import FAMILIES

__all__ = ["TABLES", "all_codes"]

# Each table declares its codes once: reading the page, its limits, every rule family, --against, lift, the integrity
# findings of ``newsld validate`` (the integrity family reports one of those on pages too), and damage in WARC files.
TABLES = (_input.CODES, _limits.CODES, *(family.CODES for family in FAMILIES), _against.CODES, _lift.CODES,
          integrity.CODES, _warc.CODES)


def all_codes() -> dict[str, tuple[str, str]]:
    """Every finding code: ``{code: (severity, description)}``, sorted by code."""
    codes: dict[str, tuple[str, str]] = {}
    for table in TABLES:
        for code, entry in table.items():
            if code in codes:
                raise ValueError(f"{code} is declared in two tables")
            codes[code] = entry
    return dict(sorted(codes.items()))
