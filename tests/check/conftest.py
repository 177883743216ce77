"""Fixtures the check tests share."""

from __future__ import annotations

import os

import pytest

from _support.chromium import CHROMIUM, Chromium


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for a test module's differential tests: skipped without it, a failure under CI."""
    if not CHROMIUM.exists():
        reason = "/usr/bin/chromium is absent: install Debian's chromium package (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI installs it, so its absence there is a failure")
        pytest.skip(reason)
    with Chromium() as running:
        yield running
