"""Conservation of a lift: every value of the page's article is in what newsld emits of it, or in a leftover."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from newsld._graph import ACCEPTED_CONTEXTS

# Where the models read a plain string as {"name": ...} or {"url": ...} (documented conveniences).
NAME_DEFAULTS = {
    "author", "creator", "editor", "contributor", "publisher", "copyrightHolder", "claimInterpreter",
    "parentOrganization", "affiliation", "worksFor",
}


def flatten(value: Any, path: str, out: Counter) -> Counter:
    """(path without list indices, JSON leaf) pairs; `type` counts as `@type` where lift reads it so."""
    if isinstance(value, dict):
        if not value:
            out[path, "{}"] += 1
        for key, item in value.items():
            if key == "@context" and isinstance(item, str) and item in ACCEPTED_CONTEXTS:
                continue  # newsld emits the schema.org context itself
            flatten(item, f"{path}.{'@type' if key == 'type' and '@type' not in value else key}", out)
    elif isinstance(value, list):
        if not value:
            out[path, "[]"] += 1
        for item in value:
            flatten(item, path, out)
    else:
        out[path, json.dumps(value)] += 1
    return out


def expand(graph: list) -> dict:
    """The emitted graph from its article, references followed as lift follows them (not back into an ancestor)."""
    by_id = {node["@id"]: node for node in graph}

    def walk(value, stack):
        if isinstance(value, list):
            return [walk(item, stack) for item in value]
        if not isinstance(value, dict):
            return value
        target = value.get("@id")
        if set(value) == {"@id"} and target in by_id and target not in stack:
            return walk(by_id[target], stack | {target})
        inner = stack | {target} if isinstance(target, str) else stack
        return {key: walk(item, inner) for key, item in value.items()}

    return walk(graph[0], {graph[0]["@id"]})


def lost(resolved: dict, emitted: dict | None, leftovers) -> list:
    """The (path, value) pairs of ``resolved`` (the page's article, references resolved) that are neither in the
    ``emitted`` JSON-LD document (None when nothing was emitted) nor in one of the ``leftovers``."""
    original = flatten(resolved, "$", Counter())
    kept = flatten(expand(emitted["@graph"]), "$", Counter()) if emitted is not None else Counter()
    left: Counter = Counter()
    for leftover in leftovers:
        flatten(leftover.value, re.sub(r"\[\d+\]", "", leftover.path), left)
    missing = []
    for (path, value), count in original.items():
        key = path.rsplit(".", 1)[-1]
        forms = [(path, value)]
        forms += [(f"{path}.name", value)] if key in NAME_DEFAULTS else []
        forms += [(f"{path}.url", value)] if key == "mainEntityOfPage" else []
        forms += [(f"{path[:-len('@type')]}type", value)] if key == "@type" else []  # a `type` key left over
        if key in ("width", "height") and re.fullmatch(r'"[0-9]+(px)?"', value):  # pixels written as text
            forms += [(path, value.strip('"').removesuffix("px"))]
        for _ in range(count):
            pool, form = next(((pool, f) for pool in (kept, left) for f in forms if pool[f] > 0), (None, None))
            if pool is None:
                missing.append((path, value))
            else:
                pool[form] -= 1
    return missing
