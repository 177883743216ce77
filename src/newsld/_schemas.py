"""JSON Schemas (draft 2020-12) of newsld's input and output, generated from the models.

``authoring.schema.json`` describes what ``newsld.load`` reads; ``jsonld.schema.json`` describes the graph-form document
``newsld.to_jsonld`` emits. Both are read off the pydantic fields (types, aliases, constraints, validators), so they
follow the models: a type, validator or constraint this module does not know is an error here, never a silently looser
schema. Nothing here runs when emitting; the schemas are for editors, tests and consumers of the output.
"""

from __future__ import annotations

import copy
import inspect
import json
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import (
    Annotated,
    Any,
    ForwardRef,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import annotated_types
from pydantic import AfterValidator, AllowInfNan, BeforeValidator, Discriminator, Strict, Tag
from pydantic.fields import FieldInfo

from . import __version__, models
from ._authoring import ENTITY_CLASSES, REFERENCE_PROPERTIES
from ._files import write_text_atomic
from ._graph import CONTEXT
from ._types import DateTime, Iri, OneOrMany, Text, Url
from .models import (
    ARTICLE_CLASSES,
    NEWS_ARTICLE_TYPES,
    Claim,
    NewsArticle,
    Organization,
    Person,
    Quotation,
    SchemaOrgModel,
    SpeakableSpecification,
)

__all__ = ["SCHEMA_FILES", "authoring_schema", "document_schema", "schema_text", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MAJOR_MINOR = ".".join(__version__.split(".")[:2])
#: Stable per major.minor release: a patch release never changes what the schemas accept.
BASE_URI = f"https://newsld.example/schemas/{_MAJOR_MINOR}/"

# --------------------------------------------------------------------------------------------------- reading the models


@dataclass
class _Scalar:
    schema: dict[str, Any]


@dataclass
class _Model:
    cls: type
    from_url: bool = False  # also accepts a URL string (mainEntityOfPage: a URL is a WebPage with that url)


@dataclass
class _Union:
    branches: list[Any]
    discriminated: bool = False  # pydantic picks the branch by @type, so an inline object must carry it...
    default_type: str | None = None  # ...unless a before-validator fills this one in


@dataclass
class _List:
    item: Any
    one_or_many: bool = False  # a single value is accepted for a one-element list
    constraints: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Meta:
    """What an ``Annotated`` wrapper adds to its type."""

    kind: str | None = None  # "text", "url", "iri" or "datetime" for strings
    min_length: int | None = None
    bounds: dict[str, Any] = field(default_factory=dict)
    one_or_many: bool = False
    item_default_type: str | None = None
    default_type: str | None = None
    from_url: bool = False
    discriminated: bool = False


def _closure_value(function: Callable, name: str) -> Any:
    return inspect.getclosurevars(function).nonlocals[name]


def _validators(value_type: Any) -> frozenset[Callable]:
    """The validator functions one of newsld's value types (``Text``, ``Url``...) runs, read from the type itself."""
    return frozenset(getattr(item, "func", None) for item in value_type.__metadata__) - {None}


_TEXT, _URL, _IRI, _DATETIME, _ONE_OR_MANY = map(_validators, (Text, Url, Iri, DateTime, OneOrMany))


def _read_validator(function: Callable, meta: _Meta) -> None:
    if function in _TEXT:
        meta.kind = meta.kind or "text"
    elif function in _URL:
        meta.kind = "url"
    elif function in _IRI:
        meta.kind = "iri"
    elif function in _DATETIME:
        meta.kind = "datetime"
    elif function in _ONE_OR_MANY:
        meta.one_or_many = True
    elif function.__qualname__ == "_page_from_url":  # mainEntityOfPage: a URL stands for a WebPage with that url
        meta.from_url = True
    elif function.__qualname__ == "_typed.<locals>.fill":
        meta.default_type = _closure_value(function, "default_type")
    elif function.__qualname__ == "_each.<locals>.apply":
        meta.one_or_many = True
        convert = _closure_value(function, "convert")
        if convert.__qualname__ != "_typed.<locals>.fill":
            raise TypeError(f"newsld._schemas cannot describe _each({convert.__qualname__})")
        meta.item_default_type = _closure_value(convert, "default_type")
    else:
        raise TypeError(f"newsld._schemas cannot describe the validator {function.__qualname__}; teach it")


def _only_allow_inf_nan(item: Any) -> bool:
    # pydantic 2.6 records Field(allow_inf_nan=...) as its general metadata object; later releases as AllowInfNan.
    if isinstance(item, AllowInfNan):
        return True
    return type(item).__name__ == "_PydanticGeneralMetadata" and set(vars(item)) == {"allow_inf_nan"}


def _read_metadata(metadata: Sequence[Any]) -> _Meta:
    meta = _Meta()
    for item in metadata:
        if isinstance(item, (AfterValidator, BeforeValidator)):
            _read_validator(item.func, meta)
        elif isinstance(item, annotated_types.MinLen):
            meta.min_length = item.min_length
        elif isinstance(item, annotated_types.Ge):
            meta.bounds["minimum"] = item.ge
        elif isinstance(item, annotated_types.Le):
            meta.bounds["maximum"] = item.le
        elif isinstance(item, Strict):
            pass  # JSON Schema's types are strict already: "5" is no integer, true no number
        elif _only_allow_inf_nan(item):
            pass  # JSON has no NaN or Infinity, and newsld's JSON writer refuses them
        elif isinstance(item, Discriminator) or (isinstance(item, FieldInfo) and not item.metadata):
            discriminator = item.discriminator if isinstance(item, Discriminator) else item.discriminator
            if isinstance(discriminator, Discriminator):
                discriminator = discriminator.discriminator
            if discriminator not in ("type", models.type_of):
                raise TypeError(f"newsld._schemas cannot describe the discriminator {discriminator!r}")
            meta.discriminated = True
        elif isinstance(item, Tag):
            pass  # a union member's tag is its @type, which its model says
        else:
            raise TypeError(f"newsld._schemas cannot describe the annotation {item!r}; teach it")
    return meta


_STRING_KINDS = {
    "text": {"type": "string"},
    "url": {"$ref": "#/$defs/Url"},
    "iri": {"$ref": "#/$defs/Iri"},
    "datetime": {"$ref": "#/$defs/DateTime"},
}


def _apply_default_type(shape: Any, default_type: str) -> None:
    """Record a per-item default @type (``_each(_typed(...))``) on the item's shape."""
    if isinstance(shape, _Model) and _type_name(shape.cls) == default_type:
        return  # a lone model has that @type anyway
    if isinstance(shape, _Union) and shape.default_type in (None, default_type):
        shape.default_type = default_type
        return
    raise TypeError(f"newsld._schemas cannot describe a default @type {default_type!r} on {shape!r}")


def _unstrict(annotation: Any) -> Any:
    """StrictInt → int: strictness needs no words in JSON Schema."""
    if get_origin(annotation) is Annotated and all(isinstance(m, Strict) for m in annotation.__metadata__):
        return annotation.__origin__
    return annotation


def _describe(annotation: Any, metadata: Sequence[Any] = ()) -> tuple[Any, bool]:
    """A field's annotation (and its field-level metadata) → (shape, whether None is accepted)."""
    metadata = list(metadata)
    if get_origin(annotation) is Annotated:
        metadata = [*annotation.__metadata__, *metadata]
        annotation = annotation.__origin__
    meta = _read_metadata(metadata)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [_unstrict(arg) for arg in get_args(annotation) if arg is not type(None)]
        nullable = len(args) < len(get_args(annotation))
        if len(args) == 1:
            shape, _ = _describe(args[0], metadata)
            return shape, nullable
        if set(args) == {int, float}:
            return _Scalar({"type": "number", **meta.bounds}), nullable
        branches = [_describe(arg)[0] for arg in args]
        return _Union(branches, meta.discriminated, meta.default_type), nullable
    if origin is list:
        (item,) = get_args(annotation)
        item_shape, _ = _describe(item)
        if meta.item_default_type is not None:
            _apply_default_type(item_shape, meta.item_default_type)
        constraints = {"minItems": meta.min_length} if meta.min_length is not None else {}
        return _List(item_shape, meta.one_or_many, constraints), False
    if meta.one_or_many or meta.discriminated or meta.default_type:
        raise TypeError(f"newsld._schemas cannot describe {annotation!r} with {metadata!r}")
    if origin is Literal:
        return _Scalar({"enum": list(get_args(annotation))}), False
    if isinstance(annotation, type) and issubclass(annotation, SchemaOrgModel):
        return _Model(annotation, meta.from_url), False
    if annotation is str:
        schema = dict(_STRING_KINDS[meta.kind or "text"])
        if meta.min_length is not None:
            schema["minLength"] = meta.min_length
        return _Scalar(schema), False
    if annotation is bool:
        return _Scalar({"type": "boolean"}), False
    if annotation in (int, float):
        return _Scalar({"type": "integer" if annotation is int else "number", **meta.bounds}), False
    raise TypeError(f"newsld._schemas cannot describe the type {annotation!r}; teach it")


# -------------------------------------------------------------------------------------------------------- shared pieces


def _anycase(word: str) -> str:
    # ECMA-262 patterns have no inline case-insensitivity flag.
    return "".join(f"[{char.upper()}{char.lower()}]" if char.isalpha() else char for char in word)


_SPACE_OR_CONTROL = {"pattern": "[\\x00-\\x20\\x7f]"}
_TWO_DIGITS = "[0-9]{2}"
_DATE = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME = "(?:[01][0-9]|2[0-3])(?::?[0-5][0-9](?::?[0-5][0-9](?:[.,][0-9]+)?)?)?"
_OFFSET = f"(?:[Zz]|[+-]{_TWO_DIGITS}(?::?{_TWO_DIGITS}(?::?{_TWO_DIGITS}(?:[.][0-9]+)?)?)?)"
_SHARED_DEFS = {
    "Url": {
        "title": "URL",
        "description": "An absolute http(s) URL, without spaces or control characters; kept exactly as written.",
        "type": "string",
        "format": "iri",
        "pattern": f"^{_anycase('http')}[Ss]?://[^/?#]",
        "not": _SPACE_OR_CONTROL,
    },
    "Iri": {
        "title": "IRI",
        "description": "An absolute IRI identifying a node (https:, urn:, ...), without spaces or control characters; "
        "never javascript:, data:, vbscript: or file:.",
        "type": "string",
        "format": "iri",
        "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:",
        "not": {
            "anyOf": [
                _SPACE_OR_CONTROL,
                {"pattern": "^(?:" + "|".join(_anycase(s) for s in ("javascript", "data", "vbscript", "file")) + "):"},
            ]
        },
    },
    "DateTime": {
        "title": "Date-time",
        "description": "An ISO 8601 date-time with a time and a timezone, such as 2015-10-11T09:30:00+00:00 or "
        "2015-10-11T09:30Z; kept as written. A date alone or a time without a timezone is an error.",
        "type": "string",
        "pattern": f"^{_DATE}[T ]{_TIME}{_OFFSET}$",
        "$comment": "The 'not' closes a gap in validators built on Python's re, where $ also matches before a final "
        "newline.",
        "not": {"pattern": "\\n"},
    },
    "LocalId": {
        "title": "Local entity id",
        "description": "The key of an entity defined under `entities` (e.g. `putin`); newsld.load reports an id that "
        "is not defined there. Where a person or organization goes (author, publisher, …), a string that is no local "
        "id is that entity's name (`author: Jane Doe`), as in Python.",
        "type": "string",
    },
    "Reference": {
        "title": "Node reference",
        "description": "A reference to the node of @graph with this @id.",
        "type": "object",
        "properties": {"@id": {"$ref": "#/$defs/Iri"}},
        "required": ["@id"],
        "additionalProperties": False,
    },
}


def _present(name: str) -> dict[str, Any]:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


# Model validators that JSON Schema can express; the rest (dates in order, ratings in scale) only newsld checks.
_MODEL_RULES: dict[type, dict[str, Any]] = {
    Person: {"anyOf": [_present("name"), _present("description")]},
    Organization: {"anyOf": [_present("name"), _present("description")]},
    SpeakableSpecification: {"oneOf": [_present("cssSelector"), _present("xpath")]},
}


def _rules_for(cls: type) -> dict[str, Any]:
    for base in cls.__mro__:
        if base in _MODEL_RULES:
            return _MODEL_RULES[base]
    return {}


def _any_of(*schemas: dict[str, Any]) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for schema in schemas:
        for option in schema["anyOf"] if list(schema) == ["anyOf"] else [schema]:
            if option not in flat:
                flat.append(option)
    return flat[0] if len(flat) == 1 else {"anyOf": flat}


def _annotation(cls: type, name: str, info: FieldInfo) -> Any:
    # pydantic may keep an inherited field's annotation as a ForwardRef after building the model from it.
    if isinstance(info.annotation, ForwardRef):
        return get_type_hints(cls, include_extras=True)[name]
    return info.annotation


def _discriminator(info: FieldInfo) -> list[FieldInfo]:
    # A union field's discriminator sits on its FieldInfo rather than in the metadata; hand it over the same way.
    return [FieldInfo(discriminator=info.discriminator)] if info.discriminator is not None else []


def _alias_names() -> dict[tuple[tuple[str, ...], str | None], str]:
    """models.py's names for its discriminated unions (Agent, PersonByDefault, ...), by members and default @type."""
    names = {}
    for name, value in vars(models).items():
        if get_origin(value) is Annotated and get_origin(value.__origin__) is Union:
            meta = _read_metadata(value.__metadata__)
            if meta.discriminated:
                members = [arg.__origin__ if get_origin(arg) is Annotated else arg for arg in get_args(value.__origin__)]
                key = tuple(getattr(arg, "__forward_arg__", None) or arg.__name__ for arg in members)
                names[key, meta.default_type] = name
    return names


def _union_name(classes: Sequence[type], default_type: str | None) -> str:
    members = tuple(_type_name(cls) for cls in classes)
    names = _alias_names()
    if (members, default_type) in names:
        return names[members, default_type]
    base = names.get((members, None), "-or-".join(members))
    return f"{base}-{default_type}ByDefault" if default_type else base


def _type_name(cls: type) -> str:
    return cls.model_fields["type"].default


def _description(cls: type) -> str:
    """The class docstring, its paragraphs unwrapped for editors' hover text, and the schema.org page."""
    own = cls.__dict__.get("__doc__")
    paragraphs = [" ".join(part.split("\n")) for part in inspect.cleandoc(own).split("\n\n")] if own else []
    return "\n\n".join([*paragraphs, f"https://schema.org/{_type_name(cls)}"])


def _check_article_family() -> None:
    # One definition stands for the whole family, which is only right while the subtypes add nothing but their @type.
    fields = list(NewsArticle.model_fields)
    for cls in ARTICLE_CLASSES.values():
        if list(cls.model_fields) != fields:
            raise TypeError(f"{cls.__name__} has properties of its own; newsld._schemas must describe it apart")


class _Generator:
    """Builds ``$defs`` for one schema; ``document`` picks the emitted shape over the authoring one."""

    def __init__(self, document: bool):
        self.document = document
        self.defs: dict[str, Any] = {}
        self.nodes: dict[str, type] = {}  # the document's node types, by name

    # ------------------------------------------------------------------------------------------------------------- defs

    def use(self, name: str) -> str:
        if name in _SHARED_DEFS and name not in self.defs:
            self.defs[name] = copy.deepcopy(_SHARED_DEFS[name])
            if name == "Reference":
                self.use("Iri")
        return f"#/$defs/{name}"

    def model_ref(self, cls: type) -> str:
        name = _type_name(cls)
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: models refer to themselves (containedInPlace, parentOrganization)
            self.defs[name] = self.model_def(cls)
        if self.document and cls.is_node:
            self.nodes[name] = cls
        return f"#/$defs/{name}"

    def union_ref(self, classes: Sequence[type], default_type: str | None = None, name: str = "") -> str:
        """A definition that picks the model by @type, so that errors name the wrong property, not the union."""
        name = name or _union_name(classes, default_type)
        if name in self.defs:
            return f"#/$defs/{name}"
        self.defs[name] = {}  # placeholder: a member may refer back to its union (parentOrganization)
        type_names = [_type_name(cls) for cls in classes]
        if default_type is not None:
            default = classes[type_names.index(default_type)]
            self.defs[name] = {
                "title": name,
                "description": f"One of {', '.join(type_names)} as its @type says; {default_type} without @type.",
                "if": {"required": ["@type"]},
                "then": {"$ref": self.union_ref(classes)},
                "else": {"$ref": self.model_ref(default)},
            }
        else:
            self.defs[name] = {
                "title": name,
                "description": f"One of {', '.join(type_names)}, as its @type says.",
                "type": "object",
                "properties": {"@type": {"enum": type_names}},
                "required": ["@type"],
                "allOf": [
                    {
                        "if": {"properties": {"@type": {"const": type_name}}, "required": ["@type"]},
                        "then": {"$ref": self.model_ref(cls)},
                    }
                    for type_name, cls in zip(type_names, classes)
                ],
            }
        return f"#/$defs/{name}"

    def model_def(self, cls: type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name, info in cls.model_fields.items():
            key = info.serialization_alias or name
            if name == "type":
                properties[key] = {"const": info.default}
                if self.document:
                    required.append(key)
                continue
            if name == "id" and self.document and cls.is_node:
                properties[key] = {"$ref": self.use("Iri")}
                required.append(key)  # the graph gives every node one
                continue
            metadata = [*info.metadata, *_discriminator(info)]
            shape, nullable = _describe(_annotation(cls, name, info), metadata)
            if self.document:
                properties[key] = self.document_value(shape)
            else:
                properties[key] = self.authoring_value(shape, nullable, key in REFERENCE_PROPERTIES)
            if info.is_required():
                required.append(key)
        if self.document:
            for key, description in _DERIVED.get(cls, {}).items():
                properties[key] = {"$ref": self.use("Reference"), "description": description}
                required.append(key)
        schema = {
            "title": _type_name(cls),
            "description": _description(cls),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
            **copy.deepcopy(_rules_for(cls)),
        }
        if required:
            schema["required"] = required
        return schema

    def scalar(self, shape: _Scalar) -> dict[str, Any]:
        ref = shape.schema.get("$ref")
        if ref:
            self.use(ref.rsplit("/", 1)[1])
        return dict(shape.schema)

    # -------------------------------------------------------------------------------------------------------- authoring

    def authoring_value(self, shape: Any, nullable: bool, reference_slot: bool) -> dict[str, Any]:
        if isinstance(shape, _List):
            item = self.authoring_value(shape.item, False, reference_slot)
            array = {"type": "array", "items": item, **shape.constraints}
            schema = _any_of(item, array) if shape.one_or_many else array
        else:
            schema = self.authoring_single(shape)
            if reference_slot:
                # Where a reference is expected, a string always names an entity; it never means anything else.
                schema = _any_of({"$ref": self.use("LocalId")}, schema)
        if not nullable:
            return schema
        if isinstance(schema.get("type"), str):
            return {**schema, "type": [schema["type"], "null"]}
        return _any_of(schema, {"type": "null"})

    def authoring_single(self, shape: Any) -> dict[str, Any]:
        if isinstance(shape, _Scalar):
            return self.scalar(shape)
        if isinstance(shape, _Model):
            ref = {"$ref": self.model_ref(shape.cls)}
            return _any_of({"$ref": self.use("Url")}, ref) if shape.from_url else ref
        if isinstance(shape, _Union):
            if not shape.discriminated:
                return _any_of(*(self.authoring_single(branch) for branch in shape.branches))
            return {"$ref": self.union_ref([branch.cls for branch in shape.branches], shape.default_type)}
        raise TypeError(f"unexpected shape {shape!r}")

    # --------------------------------------------------------------------------------------------------------- document

    def document_value(self, shape: Any) -> dict[str, Any]:
        if isinstance(shape, _List):
            return {"type": "array", "items": self.document_value(shape.item), **shape.constraints}
        if isinstance(shape, _Scalar):
            return self.scalar(shape)
        if isinstance(shape, _Model):
            ref = self.model_ref(shape.cls)
            return {"$ref": self.use("Reference")} if shape.cls.is_node else {"$ref": ref}
        if isinstance(shape, _Union):
            return _any_of(*(self.document_value(branch) for branch in shape.branches))
        raise TypeError(f"unexpected shape {shape!r}")


_DERIVED: dict[type, dict[str, str]] = {
    Quotation: {"isPartOf": "The article that carries the quotation (derived by newsld, never authored)."},
    Claim: {"appearance": "The article the claim appears in (derived by newsld, never authored)."},
}


def _article_type() -> dict[str, Any]:
    return {"enum": list(NEWS_ARTICLE_TYPES)}


# -------------------------------------------------------------------------------------------------------------- schemas


def authoring_schema() -> dict[str, Any]:
    """The JSON Schema of an article source file (the data ``newsld.load`` reads, after YAML/TOML/front matter)."""
    _check_article_family()
    generator = _Generator(document=False)
    article = generator.model_def(NewsArticle)
    entity = {"$ref": generator.union_ref(list(ENTITY_CLASSES.values()), name="Entity")}
    properties = {
        **article["properties"],
        "@type": {**_article_type(), "default": "NewsArticle"},
        "entities": {
            "description": "The article's people, organizations, places, events, things, claims, quotations and claim "
            "reviews, each defined once under a local id and referred to by that id in reference properties ("
            + ", ".join(sorted(REFERENCE_PROPERTIES))
            + "). Every entity must be referred to.",
            "type": "object",
            "additionalProperties": entity,
        },
    }
    return {
        "$schema": DIALECT,
        "$id": BASE_URI + "authoring.schema.json",
        "title": "newsld article source",
        "description": "An article as newsld.load reads it from YAML, JSON, TOML or Markdown front matter: the "
        "schema.org NewsArticle properties (@type may be any NewsArticle subtype; NewsArticle by default) plus "
        "`entities`, a map of local ids to entities. In a reference property a string is a local id from "
        "`entities` (where a person or organization goes, a string that is no local id is its name) and an object "
        "is the entity inline. newsld.load also checks what JSON Schema cannot: that "
        "every local id is defined and referred to, that dates are in order, that ratings lie within "
        "their scale and that text is valid Unicode.",
        "type": "object",
        "properties": properties,
        "required": article["required"],
        "additionalProperties": False,
        "$defs": generator.defs,
    }


def document_schema() -> dict[str, Any]:
    """The JSON Schema of the document ``newsld.to_jsonld(article)`` emits (graph form)."""
    _check_article_family()
    generator = _Generator(document=True)
    generator.model_ref(NewsArticle)
    generator.defs["NewsArticle"]["properties"]["@type"] = _article_type()
    others = [cls for name, cls in sorted(generator.nodes.items()) if name != "NewsArticle"]
    node = generator.union_ref(others, name="Node")
    return {
        "$schema": DIALECT,
        "$id": BASE_URI + "jsonld.schema.json",
        "title": "newsld JSON-LD document (graph form)",
        "description": "The JSON-LD document newsld.to_jsonld emits in its default graph form: the schema.org "
        "context and one @graph whose first node is the article. Every person, organization, place, event, thing, "
        "quotation, claim, claim review and web page is one node with its @type and an absolute @id, and is "
        "referred to everywhere else as {\"@id\": ...}; one-or-many properties are always arrays. Not covered: "
        "the nested form (to_jsonld(..., form=\"nested\")). Not expressible here: that @ids are unique and that "
        "every reference names a node of the graph.",
        "type": "object",
        "properties": {
            "@context": {"const": CONTEXT},
            "@graph": {
                "type": "array",
                "prefixItems": [{"$ref": "#/$defs/NewsArticle"}],
                "items": {"$ref": node},
                "minItems": 1,
            },
        },
        "required": ["@context", "@graph"],
        "additionalProperties": False,
        "$defs": generator.defs,
    }


#: File name → generator, for everything ``newsld schema`` writes.
SCHEMA_FILES: dict[str, Callable[[], dict[str, Any]]] = {
    "authoring.schema.json": authoring_schema,
    "jsonld.schema.json": document_schema,
}


def schema_text(schema: dict[str, Any]) -> str:
    """Deterministic file text: sorted keys, two-space indent, a trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir`` (created if missing); return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SCHEMA_FILES.items():
        path = out_dir / name
        write_text_atomic(path, schema_text(build()))  # a failed run leaves the schemas that were there intact
        written.append(path)
    return written
