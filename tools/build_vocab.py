"""Derive newsld's compact schema.org data file from a schema.org release.

    python tools/build_vocab.py schemaorg-current-https.jsonld schemaorgcontext.jsonld \\
        --out src/newsld/data/schemaorg-30.0.json

The inputs are the release's vocabulary ("current": core, pending and the hosted extensions) and its JSON-LD context.
The output keeps only the facts newsld reasons with, one line per term so that a new release reads as a diff:

* ``types``: every class (data types included) with its direct schema.org supertypes;
* ``properties``: every property with its ``domainIncludes`` and ``rangeIncludes``;
* ``members``: every enumeration member (``True``, ``EventScheduled``...) with the enumerations it belongs to;
* ``dataTypes``: the data types (``Text``, ``URL``, ``Integer``...), whose hierarchy is in ``types``;
* ``layers``: the terms of each non-core section (``pending``, ``health-lifesci``...); a term in none of them is core;
* ``supersededBy``: the replacements of superseded terms;
* ``context``: ``@vocab`` and the properties the context coerces to ``@id`` and to ``Date``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "30.0"
PREFIX = "schema:"
SOURCE = (
    "Derived from schema.org {version} (schemaorg-current-https.jsonld and schemaorgcontext.jsonld, "
    "https://schema.org), licensed under CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/)."
)


def _ids(value: Any) -> list[str]:
    """The ``@id``s of a JSON-LD value that may be one reference or a list of them."""
    if value is None:
        return []
    return [item["@id"] for item in (value if isinstance(value, list) else [value])]


def _local(ids: Iterable[str]) -> list[str]:
    # Links to other vocabularies (owl:equivalentClass-like supertypes such as fibo:..., rdfs:Class) are no schema.org
    # facts a page can be checked against.
    return sorted({i[len(PREFIX) :] for i in ids if i.startswith(PREFIX)})


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _layer(node: dict) -> str | None:
    # Sections are named by their host: https://pending.schema.org -> "pending".
    parts = _ids(node.get("schema:isPartOf"))
    return parts[0].split("//", 1)[1].split(".schema.org", 1)[0] if parts else None


def derive(vocabulary: dict, context: dict, version: str = SCHEMA_VERSION) -> dict:
    types: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    members: dict[str, list[str]] = {}
    data_types: set[str] = set()
    layers: dict[str, set[str]] = defaultdict(set)
    superseded: dict[str, list[str]] = {}
    for node in vocabulary["@graph"]:
        if not node["@id"].startswith(PREFIX):
            continue
        name = node["@id"][len(PREFIX) :]
        kinds = _as_list(node["@type"])
        if "rdfs:Class" in kinds:
            types[name] = _local(_ids(node.get("rdfs:subClassOf")))
            if "schema:DataType" in kinds:
                data_types.add(name)
        elif "rdf:Property" in kinds:
            properties[name] = {
                "domainIncludes": _local(_ids(node.get("schema:domainIncludes"))),
                "rangeIncludes": _local(_ids(node.get("schema:rangeIncludes"))),
            }
        else:
            members[name] = _local(kinds)
        layer = _layer(node)
        if layer:
            layers[layer].add(name)
        if "schema:supersededBy" in node:
            superseded[name] = _local(_ids(node["schema:supersededBy"]))
    return {
        "source": SOURCE.format(version=version),
        "schemaVersion": version,
        "types": types,
        "properties": properties,
        "members": members,
        "dataTypes": sorted(_with_subtypes(data_types, types)),
        "layers": {layer: sorted(names) for layer, names in layers.items()},
        "supersededBy": superseded,
        "context": _coercions(context["@context"]),
    }


def _with_subtypes(roots: set[str], types: dict[str, list[str]]) -> set[str]:
    """``roots`` and every type below them (URL is a data type because it is a kind of Text)."""
    found = set(roots)
    grew = True
    while grew:
        below = {name for name, parents in types.items() if name not in found and found.intersection(parents)}
        found |= below
        grew = bool(below)
    return found


def _coercions(context: dict) -> dict:
    coerced: dict[str, list[str]] = defaultdict(list)
    for term, definition in context.items():
        if isinstance(definition, dict) and definition.get("@type") in ("@id", "Date"):
            coerced[definition["@type"]].append(term)
    return {"@vocab": context["@vocab"], **{kind: sorted(terms) for kind, terms in coerced.items()}}


def dumps(data: dict) -> str:
    """Deterministic JSON: sorted keys, each entry of a section on its own line."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    sections = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, dict):
            entries = ",\n".join(f"  {compact(name)}:{compact(value[name])}" for name in sorted(value))
            sections.append(f"{compact(key)}:{{\n{entries}\n}}")
        else:
            sections.append(f"{compact(key)}:{compact(value)}")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def build(vocabulary_path: Path, context_path: Path, version: str = SCHEMA_VERSION) -> str:
    vocabulary = json.loads(vocabulary_path.read_text(encoding="utf-8"))
    context = json.loads(context_path.read_text(encoding="utf-8"))
    return dumps(derive(vocabulary, context, version))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_vocab.py", description=__doc__.splitlines()[0])
    parser.add_argument("vocabulary", type=Path, help="schemaorg-current-https.jsonld of the release")
    parser.add_argument("context", type=Path, help="schemaorgcontext.jsonld of the release")
    parser.add_argument("--out", type=Path, required=True, help="where to write the data file")
    parser.add_argument("--schema-version", default=SCHEMA_VERSION, help="the release's version (default: %(default)s)")
    args = parser.parse_args(argv)
    text = build(args.vocabulary, args.context, args.schema_version)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
