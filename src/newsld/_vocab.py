"""schema.org facts: which types and properties exist, their hierarchy, domains, ranges and sections.

The facts come from ``data/schemaorg-30.0.json``, derived from the schema.org 30.0 release by ``tools/build_vocab.py``
(schema.org, CC BY-SA 3.0). Terms are schema.org local names (``NewsArticle``, ``datePublished``). Asking about a type
or property that does not exist raises ``KeyError``; ``is_type``/``is_property`` answer first when unsure.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

__all__ = [
    "DATA_FILE",
    "date_coerced_properties",
    "enumerations_of",
    "id_coerced_properties",
    "in_domain",
    "in_range",
    "is_data_type",
    "is_enumeration_member",
    "is_pending",
    "is_property",
    "is_type",
    "layer",
    "property_domains",
    "property_names",
    "property_ranges",
    "schema_version",
    "source_note",
    "superseded_by",
    "supertypes",
    "type_names",
]

DATA_FILE = "schemaorg-30.0.json"


@cache
def _data() -> dict:
    return json.loads(files("newsld").joinpath("data").joinpath(DATA_FILE).read_text(encoding="utf-8"))


@cache
def _layer_of() -> dict[str, str]:
    return {term: layer for layer, terms in _data()["layers"].items() for term in terms}


def schema_version() -> str:
    return _data()["schemaVersion"]


def source_note() -> str:
    """Where the facts come from and under which licence, for credits."""
    return _data()["source"]


@cache
def type_names() -> tuple[str, ...]:
    """Every schema.org type (data types included), in the vocabulary's order."""
    return tuple(_data()["types"])


@cache
def property_names() -> tuple[str, ...]:
    """Every schema.org property, in the vocabulary's order."""
    return tuple(_data()["properties"])


def is_type(name: str) -> bool:
    return name in _data()["types"]


def is_property(name: str) -> bool:
    return name in _data()["properties"]


def is_data_type(name: str) -> bool:
    """Whether ``name`` is a literal type (Text, URL, Integer, DateTime, ...) rather than a type of node."""
    return name in _data()["dataTypes"]


def is_enumeration_member(name: str) -> bool:
    """Whether ``name`` is a member of an enumeration, such as ``EventScheduled`` or ``True``."""
    return name in _data()["members"]


def enumerations_of(member: str) -> frozenset[str]:
    """The enumerations ``member`` belongs to (``EventScheduled`` -> ``{"EventStatusType"}``)."""
    return frozenset(_data()["members"][member])


def _type_entry(name: str) -> list[str]:
    try:
        return _data()["types"][name]
    except KeyError:
        raise KeyError(f"{name!r} is not a schema.org {schema_version()} type") from None


def _property_entry(name: str) -> dict:
    try:
        return _data()["properties"][name]
    except KeyError:
        raise KeyError(f"{name!r} is not a schema.org {schema_version()} property") from None


@cache
def supertypes(name: str) -> frozenset[str]:
    """``name`` and every type above it: ``supertypes("URL") == {"URL", "Text"}``."""
    found = {name}
    for parent in _type_entry(name):
        found |= supertypes(parent)
    return frozenset(found)


def property_domains(name: str) -> frozenset[str]:
    return frozenset(_property_entry(name)["domainIncludes"])


def property_ranges(name: str) -> frozenset[str]:
    return frozenset(_property_entry(name)["rangeIncludes"])


def in_domain(prop: str, type_name: str) -> bool:
    """Whether ``prop`` may be used on a ``type_name`` node: the type or one of its supertypes is in its domain."""
    return not property_domains(prop).isdisjoint(supertypes(type_name))


def in_range(prop: str, value_type: str) -> bool:
    """Whether a value of ``value_type`` suits ``prop``, through subtyping: a URL is a Text, an Integer a Number."""
    return not property_ranges(prop).isdisjoint(supertypes(value_type))


def layer(term: str) -> str:
    """The schema.org section ``term`` belongs to: ``"core"``, ``"pending"``, ``"health-lifesci"``, ..."""
    return _layer_of().get(term, "core")


def is_pending(term: str) -> bool:
    """Whether ``term`` is in the pending section: proposed, and liable to change before it reaches core."""
    return layer(term) == "pending"


def superseded_by(term: str) -> tuple[str, ...]:
    """The terms that replace ``term``; empty when it is current."""
    return tuple(_data()["supersededBy"].get(term, ()))


def id_coerced_properties() -> frozenset[str]:
    """Properties whose string values the schema.org context reads as IRIs (``url``, ``sameAs``, ``image``...)."""
    return frozenset(_data()["context"]["@id"])


def date_coerced_properties() -> frozenset[str]:
    """Properties whose values the schema.org context types as ``schema:Date`` (even when they hold a date-time)."""
    return frozenset(_data()["context"]["Date"])
