"""pytest hooks; the helpers the tests share are in tests/_support."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter):
    """How much the hardening tests tried (articles generated, inputs fuzzed, hostile strings), so CI logs show it."""
    from _support.tally import TALLY

    if TALLY:
        terminalreporter.section("hardening: what the tests tried")
        for what, count in sorted(TALLY.items()):
            terminalreporter.write_line(f"{count:>10,}  {what}")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (tests/_support/chromium.py); skipped where it is absent, failed in CI."""
    from _support.chromium import Chromium, require_chromium

    require_chromium()
    with Chromium() as running:
        yield running
