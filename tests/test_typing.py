"""Type checkers read newsld's models as users call them (tests/typing/).

pyright (standard mode) and mypy --strict, without and with pydantic's mypy plugin, must find nothing wrong in
usage.py (code a newsld user writes, README examples included) and must report every line of mistakes.py marked
``# mistake``, and nothing else. plugin_limits.py pins what the plugin still gets wrong.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TYPING = ROOT / "tests" / "typing"
USAGE, MISTAKES, PLUGIN_LIMITS = TYPING / "usage.py", TYPING / "mistakes.py", TYPING / "plugin_limits.py"

# What the README recommends for pydantic's plugin: without init_typed its __init__ takes Any for every field.
PLUGIN_CONFIG = "[mypy]\nplugins = pydantic.mypy\n\n[pydantic-mypy]\ninit_typed = True\ninit_forbid_extra = True\n"


def marked_lines(path: Path, marker: str) -> set[int]:
    return {number for number, line in enumerate(path.read_text().splitlines(), 1) if re.search(rf"#\s*{marker}\b", line)}


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def run_pyright(path: Path) -> dict[int, list[str]]:
    """Error lines → messages from pyright in standard mode (its default), for this interpreter's packages."""
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"pyright did not run: {done.stdout[-2000:]} {done.stderr[-2000:]}")
    errors: dict[int, list[str]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            errors.setdefault(diagnostic["range"]["start"]["line"] + 1, []).append(diagnostic["message"])
    return errors


def run_mypy(path: Path, cache: Path, config: str | None, tmp_path: Path) -> dict[int, list[str]]:
    """Error lines → messages from mypy --strict, with ``config`` (the plugin) or none."""
    config_file = tmp_path / ("plugin.ini" if config else "plain.ini")
    config_file.write_text(config or "[mypy]\n")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(config_file), "--cache-dir", str(cache),
         "--python-executable", sys.executable, "--no-error-summary", "--show-error-codes", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "MYPY_FORCE_COLOR": "0"},
    )
    if done.returncode not in (0, 1) or done.stderr.strip():
        pytest.fail(f"mypy did not run (exit {done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    errors: dict[int, list[str]] = {}
    for line in done.stdout.splitlines():
        found = re.match(rf"{re.escape(str(path.relative_to(ROOT)))}:(\d+): error: (.*)", line)
        if found:
            errors.setdefault(int(found.group(1)), []).append(found.group(2))
    return errors


CHECKERS = ["pyright", "mypy", "mypy+pydantic-plugin"]


def errors_of(checker: str, path: Path, cache: Path, tmp_path: Path) -> dict[int, list[str]]:
    if checker == "pyright":
        return run_pyright(path)
    return run_mypy(path, cache, PLUGIN_CONFIG if checker.endswith("plugin") else None, tmp_path)


@pytest.mark.parametrize("checker", CHECKERS)
def test_the_typed_usage_checks_clean(checker, mypy_cache, tmp_path):
    assert errors_of(checker, USAGE, mypy_cache, tmp_path) == {}


@pytest.mark.parametrize("checker", CHECKERS)
def test_every_deliberate_mistake_is_reported_and_nothing_else(checker, mypy_cache, tmp_path):
    expected = marked_lines(MISTAKES, "mistake")
    assert len(expected) >= 10
    errors = errors_of(checker, MISTAKES, mypy_cache, tmp_path)
    assert set(errors) == expected, {line: errors.get(line) for line in set(errors) ^ expected}


def test_the_default_plugin_configuration_accepts_the_usage_too(mypy_cache, tmp_path):
    assert run_mypy(USAGE, mypy_cache, "[mypy]\nplugins = pydantic.mypy\n", tmp_path) == {}


@pytest.mark.parametrize("checker", CHECKERS)
def test_the_plugin_limits_are_still_there_and_only_in_the_plugin(checker, mypy_cache, tmp_path):
    errors = errors_of(checker, PLUGIN_LIMITS, mypy_cache, tmp_path)
    expected = marked_lines(PLUGIN_LIMITS, "plugin") if checker.endswith("plugin") else set()
    assert set(errors) == expected, errors


def test_the_typed_usage_also_runs(monkeypatch):
    # Code that type-checks must also do what it says: run it (from the repository root, for the example's path).
    monkeypatch.chdir(ROOT)
    namespace = runpy.run_path(str(USAGE))
    assert namespace["back"] == namespace["loaded"]
    assert namespace["when"] == "2015-10-11T09:00:00+00:00"
    assert namespace["first_author"] == namespace["article"].author[0]
