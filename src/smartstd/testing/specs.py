"""What each field of the standard's models accepts, read from the models (for the strategies).

:func:`field_specs` turns a model's fields (annotations, patterns, bounds,
lengths, code lists, nested models, unions) into :class:`FieldSpec` records
that :mod:`smartstd.testing.strategies` generates values from, and that the
schema/model agreement tests compare with the published JSON Schemas.

由模型字段推导出的取值规格，供生成策略与一致性测试使用。
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import WithJsonSchema
from pydantic.fields import FieldInfo

from smartstd.errors import UnsupportedTypeError
from smartstd.standard._base import (
    DATE_PATTERN,
    LANG_TAG_PATTERN,
    TIMESTAMP_PATTERN,
    ClosedRings,
    SCDSModel,
)
from smartstd.standard.codes import CODE_LISTS

__all__ = ["FieldSpec", "Kind", "TypeSpec", "field_specs", "required_alternatives"]

#: What a value of a field is, as far as generation (and mutation) is concerned.
Kind = Literal[
    "any",
    "boolean",
    "code",
    "date",
    "dict",
    "integer",
    "json",
    "list",
    "literal",
    "localized_text",
    "model",
    "number",
    "string",
    "timestamp",
    "union",
]

_NONE_TYPE = type(None)


@dataclasses.dataclass(frozen=True)
class TypeSpec:
    """What a field (or an item of a list, a member of a union) accepts.

    Attributes:
        kind: the kind of value.
        nullable: whether ``null`` is allowed.
        pattern: a regular expression a string must match (for a
            ``localized_text``: that its language tags must match).
        min_length: the minimum length of a string or list (items), or the
            minimum number of entries of a dict.
        max_length: the maximum length of a string or list.
        ge: inclusive lower bound of a number.
        gt: exclusive lower bound of a number.
        le: inclusive upper bound of a number.
        lt: exclusive upper bound of a number.
        values: the allowed values of a ``literal``.
        code_list: the name of the code list of a ``code``.
        closed: whether that code list is closed.
        model: the nested model of a ``model``.
        items: the item spec of a ``list``; the key and value specs of a
            ``dict``; the member specs of a ``union``.
        json_schema: the JSON Schema that defines a ``json`` value (a type
            whose JSON Schema is given explicitly, such as a GeoJSON position).
        closed_rings: for a list of linear rings, whether each ring must end
            where it starts.
    """

    kind: Kind
    nullable: bool = False
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    values: tuple[Any, ...] = ()
    code_list: str | None = None
    closed: bool = False
    model: type[SCDSModel] | None = None
    items: tuple[TypeSpec, ...] = ()
    json_schema: Mapping[str, Any] | None = None
    closed_rings: bool = False


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """A field of a model, as it appears in a JSON document.

    Attributes:
        name: the key in the JSON object.
        attribute: the Python attribute name on the model.
        required: whether the key must be present (per the published schema).
        type: what the field accepts.
    """

    name: str
    attribute: str
    required: bool
    type: TypeSpec


# --------------------------------------------------------------------------- introspection


def _flatten_metadata(items: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, FieldInfo):
            out.extend(item.metadata)
        else:
            out.append(item)
    return out


def _bound(meta: Sequence[Any], name: str, pick: Any) -> Any:
    found = [getattr(m, name) for m in meta if getattr(m, name, None) is not None]
    return pick(found) if found else None


def _pattern(meta: Sequence[Any]) -> str | None:
    for m in meta:
        pattern = getattr(m, "pattern", None)
        if pattern is not None:
            return pattern if isinstance(pattern, str) else str(pattern.pattern)
    return None


def _from_json_schema_spec(schema: Mapping[str, Any] | None) -> TypeSpec:
    if schema is None:
        return TypeSpec("any")
    name = schema.get("x-codelist")
    if isinstance(name, str) and name in CODE_LISTS:
        return TypeSpec("code", code_list=name, closed=CODE_LISTS[name].closed)
    fmt, pattern = schema.get("format"), schema.get("pattern")
    if fmt == "date-time" or pattern == TIMESTAMP_PATTERN:
        return TypeSpec("timestamp", pattern=pattern)
    if fmt == "date" or pattern == DATE_PATTERN:
        return TypeSpec("date", pattern=pattern)
    names = schema.get("propertyNames")
    if (
        schema.get("type") == "object"
        and isinstance(names, Mapping)
        and names.get("pattern") == LANG_TAG_PATTERN
    ):
        return TypeSpec(
            "localized_text", pattern=LANG_TAG_PATTERN, min_length=schema.get("minProperties")
        )
    return TypeSpec("json", json_schema=schema)


def _type_spec(tp: Any, meta: Sequence[Any] = ()) -> TypeSpec:
    """The :class:`TypeSpec` of an annotation and its pydantic metadata."""
    metadata = list(meta)
    while get_origin(tp) is Annotated:
        base, *extra = get_args(tp)
        metadata.extend(_flatten_metadata(extra))
        tp = base

    override = next((m for m in reversed(metadata) if isinstance(m, WithJsonSchema)), None)
    if override is not None:
        return _from_json_schema_spec(override.json_schema)

    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = get_args(tp)
        members = [a for a in args if a is not _NONE_TYPE]
        nullable = len(members) < len(args)
        if len(members) == 1:
            spec = _type_spec(members[0], metadata)
            return dataclasses.replace(spec, nullable=spec.nullable or nullable)
        return TypeSpec(
            "union", nullable=nullable, items=tuple(_type_spec(m, metadata) for m in members)
        )
    if origin is Literal:
        return TypeSpec("literal", values=get_args(tp))
    if origin is list:
        (item,) = get_args(tp) or (Any,)
        return TypeSpec(
            "list",
            items=(_type_spec(item),),
            min_length=_bound(metadata, "min_length", max),
            max_length=_bound(metadata, "max_length", min),
            closed_rings=any(isinstance(m, ClosedRings) for m in metadata),
        )
    if origin is dict:
        key, value = get_args(tp) or (str, Any)
        return TypeSpec(
            "dict",
            items=(_type_spec(key), _type_spec(value)),
            min_length=_bound(metadata, "min_length", max),
            max_length=_bound(metadata, "max_length", min),
        )
    if tp is Any:
        return TypeSpec("any")
    if isinstance(tp, type) and issubclass(tp, SCDSModel):
        return TypeSpec("model", model=tp)
    if tp is bool:
        return TypeSpec("boolean")
    if tp is int or tp is float:
        return TypeSpec(
            "integer" if tp is int else "number",
            ge=_bound(metadata, "ge", max),
            gt=_bound(metadata, "gt", max),
            le=_bound(metadata, "le", min),
            lt=_bound(metadata, "lt", min),
        )
    if tp is str:
        return TypeSpec(
            "string",
            pattern=_pattern(metadata),
            min_length=_bound(metadata, "min_length", max),
            max_length=_bound(metadata, "max_length", min),
        )
    if tp is dt.datetime:
        return TypeSpec("timestamp")
    if tp is dt.date:
        return TypeSpec("date")
    raise UnsupportedTypeError(key="cannot_generate_type", tp=tp)


@functools.cache
def _model_schema(model: type[SCDSModel]) -> Mapping[str, Any]:
    schema: dict[str, Any] = model.model_json_schema()
    return schema


@functools.cache
def field_specs(model: type[SCDSModel]) -> tuple[FieldSpec, ...]:
    """The fields of a model, read from ``model_fields`` and their metadata.

    A field is required if pydantic requires it or if the model's JSON Schema
    lists it as required (an entity's ``type`` has a Python default but must
    be written out).

    Args:
        model: an :class:`~smartstd.standard.SCDSModel` subclass.

    Returns:
        One :class:`FieldSpec` per field, in declaration order.
    """
    required = set(_model_schema(model).get("required", ()))
    out = []
    for attribute, info in model.model_fields.items():
        name = info.alias or attribute
        out.append(
            FieldSpec(
                name=name,
                attribute=attribute,
                required=info.is_required() or name in required,
                type=_type_spec(info.annotation, info.metadata),
            )
        )
    return tuple(out)


@functools.cache
def required_alternatives(model: type[SCDSModel]) -> tuple[tuple[str, ...], ...]:
    """The "one of these must be present" rules of a model, from its JSON Schema.

    A model whose schema has a top-level ``anyOf`` of ``required`` lists (a
    ServiceProfile needs ``household_id`` or ``resident_id``) yields one tuple
    of field names per alternative; other models yield ``()``.

    Args:
        model: an :class:`~smartstd.standard.SCDSModel` subclass.

    Returns:
        The alternatives, each a tuple of fields that must all be present and
        not null.
    """
    alternatives = _model_schema(model).get("anyOf", ())
    return tuple(
        tuple(alt["required"])
        for alt in alternatives
        if isinstance(alt, Mapping) and "required" in alt
    )
