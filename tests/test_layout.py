"""The package's shape: a small public API, private one-concern modules behind it, and imports that flow one way.

Read from the source (ast), so that a lazily imported module is held to the same rules as the others.
"""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest

import newsld

PACKAGE = Path(newsld.__file__).resolve().parent

PUBLIC_API = [
    "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle", "Claim", "ClaimReview",
    "CorrectionComment", "Event", "GeoCoordinates", "ImageObject", "LiftResult", "NewsArticle",
    "NewsMediaOrganization", "NewsldValidationError", "OpinionNewsArticle", "Organization", "Person", "Place",
    "Problem", "Quotation", "Rating", "ReportageNewsArticle", "Report", "ReviewNewsArticle", "RoundTripResult",
    "ScriptTag", "SpeakableSpecification", "Thing", "WebPage", "WebPageElement", "check_against", "check_html",
    "check_warc",
    "deep_link", "dumps", "from_jsonld", "integrity_findings", "lift", "load", "preview_html", "roundtrip",
    "text_fragment",
    "to_client_script", "to_jsonld", "to_script_tag",
    # issue 10: the site around the article
    "BreadcrumbList", "ListItem", "SearchAction", "Site", "WebSite", "load_site",
    # issue 15: pages to sources
    "LiftedSource", "lift_source",
    # issue 14: each article's verdict in a Report
    "ArticleVerdict",
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, str | None, int]]:
    """Every import of module ``name``: (the module imported from, the name imported or None, line)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level else (
                node.module or "")
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return found


def test_the_public_api_is_pinned():
    assert sorted(newsld.__all__) == sorted(PUBLIC_API)
    assert len(set(newsld.__all__)) == len(newsld.__all__)


def test_every_public_name_resolves_and_nothing_else_is_exported():
    for name in newsld.__all__:
        assert getattr(newsld, name) is not None, name  # lazy names load on first use
    exported = {name for name, value in vars(newsld).items()
                if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert exported == set(newsld.__all__)
    with pytest.raises(AttributeError):
        newsld.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_declares_what_it_exports(name):
    module = importlib.import_module(name) if not name.endswith("__main__") else None
    source = MODULES[name].read_text(encoding="utf-8")
    assert "__all__" in source, f"{name} has no __all__"
    if module is not None:
        missing = [item for item in module.__all__ if not hasattr(module, item)]
        assert missing == [], f"{name}.__all__ names what it does not define: {missing}"


def test_no_module_imports_another_modules_underscored_name():
    crossing = [
        f"{name}:{line}: {base}.{imported}"
        for name in MODULES
        for base, imported, line in _imports(name)
        if imported is not None and imported.startswith("_") and not imported.startswith("__")
    ]
    assert crossing == []


def _imported_modules(name: str) -> set[str]:
    return {base for base, _, _ in _imports(name)}


def test_data_flows_one_way():
    """emit ← integrity ← check ← cli (and spark, the check on a cluster): no module imports one further along."""
    later = {
        "newsld.check": ("newsld.cli", "newsld.spark"),
        "newsld.integrity": ("newsld.check", "newsld.cli", "newsld.spark"),
        "newsld.spark": ("newsld.cli",),
    }
    after_emit = ("check", "integrity", "cli", "spark", "__main__")
    emit = [name for name in MODULES if name.count(".") == 1 and name.partition(".")[2] not in after_emit]
    backwards = []
    for name in MODULES:
        forbidden = next((f for prefix, f in later.items() if name == prefix or name.startswith(prefix + ".")), ())
        if name in emit:
            forbidden = ("newsld.check", "newsld.integrity", "newsld.cli", "newsld.spark")
        for imported in _imported_modules(name):
            if any(imported == f or imported.startswith(f + ".") for f in forbidden):
                backwards.append(f"{name} imports {imported}")
    assert backwards == []


def test_rule_families_do_not_import_each_other():
    families = [name for name in MODULES if name.startswith("newsld.check.rules.")
                and not name.rpartition(".")[2].startswith("_")]
    assert {name.rpartition(".")[2] for name in families} == {"google", "graph", "integrity", "schemaorg", "syntax",
                                                               "text"}
    for name in families:
        assert _imported_modules(name).isdisjoint(families), name


def test_every_rule_family_is_registered_with_the_same_signature():
    from newsld.check.rules import FAMILIES

    assert {family.__name__ for family in FAMILIES} == {
        name for name in MODULES if name.startswith("newsld.check.rules.") and not name.rpartition(".")[2][0] == "_"}
    for family in FAMILIES:
        assert list(family.check.__code__.co_varnames[: family.check.__code__.co_argcount]) == ["page"]
        assert family.__all__[:1] == ["CODES"] and "check" in family.__all__
