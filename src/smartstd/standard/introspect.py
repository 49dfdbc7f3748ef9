"""Facts about the models, derived once from them: code fields, reference fields.

Used by the rules (which fields take codes of which list), the profiles and
the docs, so none of them keeps its own copy of the model's shape.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, WithJsonSchema

from smartstd.pointer import Path
from smartstd.standard._base import Entity
from smartstd.standard.dataset import ENTITY_TYPES, Envelope

__all__ = [
    "code_fields",
    "code_values",
    "fixed_depth",
    "iter_objects",
    "iter_path",
    "object_fields",
    "own_code_fields",
    "string_maps",
]


def _walk_schema(
    schema: dict[str, Any],
    defs: dict[str, Any],
    path: tuple[str, ...],
    out: list[tuple[tuple[str, ...], str]],
    depth: int = 0,
) -> None:
    if depth > 12:
        return
    if "$ref" in schema:
        target = defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
        _walk_schema(target, defs, path, out, depth + 1)
        return
    if "x-codelist" in schema:
        out.append((path, schema["x-codelist"]))
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            _walk_schema(sub, defs, path, out, depth + 1)
    if isinstance(schema.get("items"), dict):
        _walk_schema(schema["items"], defs, (*path, "*"), out, depth + 1)
    for name, sub in (schema.get("properties") or {}).items():
        if isinstance(sub, dict):
            _walk_schema(sub, defs, (*path, name), out, depth + 1)


def _code_fields_from_schema(type_name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """:func:`code_fields` read from the type's JSON Schema (slow: the reference for tests)."""
    cls = Envelope if type_name == "Envelope" else ENTITY_TYPES[type_name]
    schema = cls.model_json_schema()
    out: list[tuple[tuple[str, ...], str]] = []
    _walk_schema(schema, schema.get("$defs", {}), (), out)
    return tuple(dict.fromkeys(out))


def _schema_override(metadata: Iterable[Any]) -> dict[str, Any] | None:
    """The JSON Schema a ``WithJsonSchema`` among a type's metadata puts in its place."""
    for meta in metadata:
        if isinstance(meta, WithJsonSchema):
            return meta.json_schema or {}
    return None


def _walk_type(
    tp: Any, path: tuple[str, ...], out: list[tuple[tuple[str, ...], str]], depth: int
) -> None:
    """:func:`_walk_schema` over a type annotation instead of its JSON Schema."""
    if depth > 12:
        return
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        override = _schema_override(tp.__metadata__)
        if override is not None:
            _walk_schema(override, {}, path, out)
        else:
            _walk_type(typing.get_args(tp)[0], path, out, depth + 1)
    elif origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(tp):
            _walk_type(arg, path, out, depth + 1)
    elif origin in (list, set, frozenset) or (
        origin is tuple and len(typing.get_args(tp)) == 2 and typing.get_args(tp)[1] is ...
    ):
        _walk_type(typing.get_args(tp)[0], (*path, "*"), out, depth + 1)
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        _walk_model(tp, path, out, depth + 1)


def _walk_model(
    cls: type[BaseModel], path: tuple[str, ...], out: list[tuple[tuple[str, ...], str]], depth: int
) -> None:
    fields = list(cls.model_fields.items())
    if issubclass(cls, Entity):  # its schema writes provenance last (Entity's JSON Schema)
        fields.sort(key=lambda item: item[0] == "provenance")
    for name, info in fields:
        override = _schema_override(info.metadata)
        if override is not None:
            _walk_schema(override, {}, (*path, name), out)
        else:
            _walk_type(info.annotation, (*path, name), out, depth + 1)


@cache
def code_fields(type_name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The fields of an entity type (or ``"Envelope"``) that take codes: (path, code list).

    Paths use ``"*"`` for every item of a list. Read from the models' type
    annotations (the JSON Schema says the same, at many times the cost: a
    test holds the two together).
    """
    cls = Envelope if type_name == "Envelope" else ENTITY_TYPES[type_name]
    out: list[tuple[tuple[str, ...], str]] = []
    _walk_model(cls, (), out, 0)
    return tuple(dict.fromkeys(out))


def own_code_fields(
    cls: type[BaseModel],
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] | None:
    """The fields of any model class that take codes themselves: (field, code list).

    Returns the fields holding one code and the fields holding a list of
    codes; codes further down belong to the nested model classes, which
    answer for themselves. ``None`` when a code sits where no nested model
    holds it (a list of lists of codes, or a field whose JSON Schema is
    written by hand), so a caller cannot find every code model by model.
    """
    if cls in _OWN_CODES:
        return _OWN_CODES[cls]
    out: list[tuple[tuple[str, ...], str]] = []
    _walk_model(cls, (), out, 0)
    singles = [(p[0], name) for p, name in out if len(p) == 1]
    lists = [(p[0], name) for p, name in out if len(p) == 2 and p[1] == "*"]
    nested = {p[0] for p, _name in out if len(p) > 2 or (len(p) == 2 and p[1] != "*")}
    fields = cls.model_fields
    whole = all(
        _schema_override(fields[name].metadata) is None and _model_holds(fields[name].annotation)
        for name in nested
    )
    found = _OWN_CODES[cls] = (
        (tuple(dict.fromkeys(singles)), tuple(dict.fromkeys(lists))) if whole else None
    )
    return found


#: :func:`own_code_fields` by class, as far as asked.
_OWN_CODES: dict[
    type[BaseModel], tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] | None
] = {}


def _model_holds(annotation: Any) -> bool:
    """Whether every object a field's values can hold is a model (models, lists of models)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _schema_override(annotation.__metadata__) is None and _model_holds(
            typing.get_args(annotation)[0]
        )
    if origin is typing.Union or origin is types.UnionType:
        return all(_model_holds(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin is list:
        (item,) = typing.get_args(annotation)
        return isinstance(item, type) and issubclass(item, BaseModel)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def string_maps(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of a model class whose values are objects of strings (localised texts).

    Their keys and values are strings and nothing nests in them.
    """
    found = _STRING_MAPS.get(cls)
    if found is None:
        found = _STRING_MAPS[cls] = frozenset(
            name for name, info in cls.model_fields.items() if _is_string_map(info.annotation)
        )
    return found


#: :func:`string_maps` by class, as far as asked.
_STRING_MAPS: dict[type[BaseModel], frozenset[str]] = {}


def _is_string_map(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_string_map(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return len(args) == 1 and _is_string_map(args[0])
    if origin is dict:
        return all(_is_string(a) for a in typing.get_args(annotation))
    return False


def _is_string(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_string(typing.get_args(annotation)[0])
    return isinstance(annotation, type) and issubclass(annotation, str)


def fixed_depth(cls: type[BaseModel]) -> int:
    """How deeply the JSON of a model's declared fields can nest (the object itself is 1).

    Free-form values (``Any`` values, extension fields) are not counted:
    they nest as deeply as their writer likes. A model that holds
    itself, however deep, answers a depth over any limit.
    """
    found = _DEPTHS.get(cls)
    if found is None:
        _DEPTHS[cls] = _UNBOUNDED  # a model met again inside itself
        found = _DEPTHS[cls] = 1 + max(
            (_type_depth(info.annotation) for info in cls.model_fields.values()), default=0
        )
    return found


#: :func:`fixed_depth` by class, as far as asked.
_DEPTHS: dict[type[BaseModel], int] = {}
#: The depth answered for a model that holds itself.
_UNBOUNDED = 1 << 20


def _type_depth(annotation: Any) -> int:
    """:func:`fixed_depth` of a field's type: 0 for scalars and free-form values."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_depth(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return max((_type_depth(a) for a in typing.get_args(annotation)), default=0)
    if origin in (list, tuple, set, frozenset, dict):
        return 1 + max(
            (_type_depth(a) for a in typing.get_args(annotation) if a is not ...), default=0
        )
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return fixed_depth(annotation)
    return 0


def iter_path(
    value: Any, pattern: tuple[str, ...], prefix: Path = ()
) -> Iterator[tuple[Path, Any]]:
    """The values at a path pattern (``"*"`` = every list item) with their concrete paths.

    ``value`` may be plain JSON data or a model (whose unset optional fields,
    ``None``, are skipped as if absent), so a model need not be dumped first.
    """
    if not pattern:
        yield prefix, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from iter_path(item, rest, (*prefix, i))
    elif isinstance(value, dict):
        if head in value:
            yield from iter_path(value[head], rest, (*prefix, head))
    elif isinstance(value, BaseModel):
        found = getattr(value, head, None)  # a field or an extension field
        if found is not None:
            yield from iter_path(found, rest, (*prefix, head))


def iter_objects(
    value: Any, pattern: tuple[str, ...] | list[str], prefix: Path = ()
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The objects (dicts) at a path pattern, with their concrete paths."""
    for path, found in iter_path(value, tuple(pattern), prefix):
        if isinstance(found, dict):
            yield path, found


def code_values(raw: dict[str, Any]) -> Iterator[tuple[Path, str, str]]:
    """Every code in a raw entity: (path, code list, value)."""
    type_name = raw.get("type")
    if not isinstance(type_name, str) or type_name not in ENTITY_TYPES:
        return
    for pattern, list_name in code_fields(type_name):
        for path, value in iter_path(raw, pattern):
            if isinstance(value, str):
                yield path, list_name, value


def _may_hold(annotation: Any, *, text: bool) -> bool:
    """Whether a field's values can contain an object (``text``: a string or an object key).

    An object is a model or a dict. Numbers, booleans, dates, times and ``None`` hold neither; strings,
    string enums and literals of strings hold text only; containers and
    unions hold what any of their arguments holds; anything else (a model,
    a dict, ``Any``) may hold both.
    """
    if annotation is None or annotation in (int, float, bool, type(None)):
        return False
    if annotation is str:
        return text
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return text and any(isinstance(a, str) for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _may_hold(typing.get_args(annotation)[0], text=text)
    if origin in (list, tuple, set, frozenset, typing.Union) or (
        origin is not None and getattr(origin, "__name__", "") == "UnionType"
    ):
        return any(_may_hold(a, text=text) for a in typing.get_args(annotation) if a is not ...)
    if isinstance(annotation, type):
        if issubclass(annotation, str):  # string enums and other str subclasses
            return text
        if issubclass(annotation, (int, float, dt.date, dt.time)):  # int enums, dates
            return False
    return True


#: :func:`text_fields` by class, as far as asked.
_TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class whose values may contain a string or an object key.

    Numbers, booleans, dates, times and lists of those (a polygon's
    coordinates) are left out: a walk looking for text need not visit them.
    """
    found = _TEXT_FIELDS.get(cls)
    if found is None:
        found = _TEXT_FIELDS[cls] = tuple(
            name for name, info in cls.model_fields.items() if _may_hold(info.annotation, text=True)
        )
    return found


#: :func:`object_fields` by class, as far as asked.
_OBJECT_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def object_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of a model class whose values may contain JSON objects (models or dicts).

    Fields of scalars, codes, dates and lists of those are left out. Used to
    skip the walk into a record when none of these fields is set.
    """
    found = _OBJECT_FIELDS.get(cls)
    if found is None:
        found = _OBJECT_FIELDS[cls] = frozenset(
            name
            for name, info in cls.model_fields.items()
            if _may_hold(info.annotation, text=False)
        )
    return found
