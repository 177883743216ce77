"""The README is part of the interface: its set-up commands and its table of finding codes must stay true."""

import re
from pathlib import Path

from newsld.check import all_codes

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_exactly_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert first_block == [
        "pip install . && newsld emit examples/syria-air-missions.md",
        "pip install '.[test]' && pytest",
    ]
    assert README.index("```sh") < README.index("\n## ")


def test_every_finding_code_is_in_the_readme_table_with_its_severity():
    rows = dict(re.findall(r"^\| `([a-z]+/[a-z0-9-]+)` \| (error|warning|info) \|", README, re.M))
    codes = all_codes()
    assert {code: severity for code, (severity, _) in codes.items()} == rows


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci
