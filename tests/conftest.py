"""pytest hooks; the helpers the tests share are in tests/_support."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    """How much the hardening tests tried (articles generated, inputs fuzzed, hostile strings), so CI logs show it."""
    from _support.tally import TALLY

    if TALLY:
        terminalreporter.section("hardening: what the tests tried")
        for what, count in sorted(TALLY.items()):
            terminalreporter.write_line(f"{count:>10,}  {what}")
