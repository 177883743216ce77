"""The README and docs/ are part of the interface: the set-up commands, the generated code table and every link must
stay true."""

import re
from pathlib import Path

from _support.common import REPO, tool
from newsld.check import all_codes

README = (REPO / "README.md").read_text(encoding="utf-8")
CODES_DOC = REPO / "docs" / "codes.md"
DOCUMENTS = [REPO / "README.md", REPO / "SECURITY.md", *sorted((REPO / "docs").glob("*.md"))]


def test_readme_opens_with_exactly_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert first_block == [
        "pip install . && newsld emit examples/syria-air-missions.md",
        "pip install '.[test]' && pytest",
    ]
    assert README.index("```sh") < README.index("\n## ")


def test_every_finding_code_is_in_the_code_table_with_its_severity():
    rows = dict(re.findall(r"^\| `([a-z]+/[a-z0-9-]+)` \| (error|warning|info) \|", CODES_DOC.read_text("utf-8"), re.M))
    codes = all_codes()
    assert {code: severity for code, (severity, _) in codes.items()} == rows


def test_the_code_table_is_generated_from_the_code_tables():
    assert CODES_DOC.read_text(encoding="utf-8") == tool("code_table").render(), "run python tools/code_table.py"


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci


def _anchor(heading: str) -> str:
    """The anchor a Markdown heading gets on GitHub: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {_anchor(heading) for heading in re.findall(r"^#+ (.*)$", text, re.M)}


def test_every_link_between_the_documents_leads_somewhere():
    broken = []
    for document in DOCUMENTS:
        text = re.sub(r"```.*?```", "", document.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a URL: newsld's tests never touch the network
            file, _, anchor = target.partition("#")
            path = (document.parent / file).resolve() if file else document
            if not path.exists():
                broken.append(f"{document.name}: {target} (no such file)")
            elif anchor and anchor not in _anchors(path):
                broken.append(f"{document.name}: {target} (no such heading)")
    assert broken == []


def test_the_readme_points_to_every_document():
    linked = set(re.findall(r"\]\((docs/[^)#\s]+\.md)", README))
    assert linked == {f"docs/{path.name}" for path in (REPO / "docs").glob("*.md")}
    pictures = set(re.findall(r"!\[[^\]]+\]\((docs/images/[^)\s]+)\)", README))
    assert pictures == {f"docs/images/{path.name}" for path in (REPO / "docs" / "images").glob("*.png")}
    for picture in pictures:  # small enough for a README (tools/screenshots.py quantizes them)
        assert (REPO / picture).stat().st_size < 100_000, picture
    assert "(SECURITY.md)" in README
