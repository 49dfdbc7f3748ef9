"""What the Smart Data Models converters share: the model record and the attribute readers.

A :class:`Model` says how one source type becomes an SCDS type and back; the
helpers set a field from an attribute, through a crosswalk (:func:`set_code`),
as a time (:func:`set_time`), as it is (:func:`take`), and mark what they
guessed. Used by :mod:`~smartstd.interchange.fiware` and
:mod:`~smartstd.interchange._measurement`.

智慧数据模型转换器的公共部分：模型描述与属性读取辅助函数。
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values
from smartstd.interchange.ngsi import Attr, NgsiEntity, plain_id

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = [
    "PREFIX",
    "Model",
    "drop_metadata",
    "first",
    "set_code",
    "set_geo",
    "set_name",
    "set_time",
    "take",
    "type_fields",
    "type_refs",
]

PREFIX = "fiware"


@dataclass(frozen=True)
class Model:
    """How one source type becomes an SCDS type (``read``) and back (``write``)."""

    scds: str
    read: Callable[[Conversion, Draft, NgsiEntity, set[str]], None]
    write: Callable[[dict[str, Any], Crosswalk, dict[str, Any]], str]
    #: attribute names that are the source model's own (never read as SCDS fields)
    own: frozenset[str]
    #: SCDS fields the writer maps (not written again under their own name)
    mapped: frozenset[str]
    #: attributes the writer makes Relationships, and the entity type each points to
    links: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))


def type_fields(type_name: str) -> Mapping[str, Any]:
    """The fields of an SCDS entity type, by name."""
    from smartstd.standard.dataset import ENTITY_TYPES

    return _fields_of(ENTITY_TYPES[type_name])


def type_refs(type_name: str) -> Mapping[str, str]:
    """The top-level reference fields of an SCDS entity type and the type each points to."""
    from smartstd.standard.dataset import ENTITY_TYPES

    return _refs_of(ENTITY_TYPES[type_name])


# per model class, not per name: the classes a name stands for may change, a class does not
@cache
def _fields_of(cls: Any) -> Mapping[str, Any]:
    return MappingProxyType(dict(cls.model_fields))


@cache
def _refs_of(cls: Any) -> Mapping[str, str]:
    return MappingProxyType({r.path[0]: r.types[0] for r in cls.__references__ if len(r.path) == 1})


# ----------------------------------------------------------------------------- helpers


def first(value: Any) -> Any:
    """The first item of a non-empty list, else the value itself."""
    return value[0] if isinstance(value, list) and value else value


def set_code(
    conv: Conversion, d: Draft, ent: NgsiEntity, field: str, table: str, attr: str, value: Any
) -> bool:
    """Set ``field`` from a source value through a crosswalk table; mark it."""
    if value is None or value == [] or (isinstance(value, (dict, list)) and not first(value)):
        return False
    raw = str(first(value))
    hit = conv.crosswalk.table(table).lookup(raw, PREFIX)
    place = f"{ent.place}/{attr}"
    d.set(field, hit.code, place)
    d.mark(field, "crosswalk", f"{attr} {raw!r} via {table}", place)
    if ":" in hit.code and hit.how == "namespaced":
        conv.prefixes.add(PREFIX)
    if not hit.exact:
        d.issue("CV300", field, value=raw, table=table, code=hit.code)
    return True


def set_time(
    conv: Conversion, d: Draft, ent: NgsiEntity, field: str, attr: str, used: set[str]
) -> None:
    """Set ``field`` from the time in ``attr``; one without offset gets the crosswalk's."""
    a = ent.attrs.get(attr)
    if a is None or a.value is None:
        return
    place = f"{ent.place}/{attr}"
    try:
        out, how = values.timestamp(a.value, conv.crosswalk.timezone)
    except ValueError as exc:
        d.issue("CV120", field, place, value=str(a.value), expected=str(exc))
        return
    d.set(field, out, place)
    if how is None:
        used.add(attr)
    else:
        d.mark(
            field,
            "default",
            f"{attr} {a.value!r} has no offset; {conv.crosswalk.timezone} assumed",
            place,
        )


def take(
    d: Draft,
    ent: NgsiEntity,
    attr: str,
    field: str,
    used: set[str],
    convert: Callable[[Any], Any] | None = None,
) -> None:
    """Set ``field`` from ``attr`` as it is (or converted), and count the attribute used."""
    a = ent.attrs.get(attr)
    if a is None or a.value is None:
        return
    d.set(field, a.value if convert is None else convert(a.value), f"{ent.place}/{attr}")
    used.add(attr)


def set_geo(d: Draft, ent: NgsiEntity, used: set[str], polygon_field: str | None) -> None:
    """Set ``location`` from a Point (or ``polygon_field`` from a polygon)."""
    a = ent.attrs.get("location")
    if a is None or not isinstance(a.value, dict):
        return
    kind = a.value.get("type")
    if kind == "Point":
        d.set("location", a.value, f"{ent.place}/location")
        used.add("location")
    elif polygon_field and kind in ("Polygon", "MultiPolygon"):
        d.set(polygon_field, a.value, f"{ent.place}/location")
        used.add("location")


def set_name(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str], required: bool) -> None:
    """Set ``name`` from a text or a language map (the id stands in when ``required``)."""
    a = ent.attrs.get("name")
    lang = conv.options.language
    if a is not None and a.kind == "language" and isinstance(a.value, dict):
        d.set("name", a.value, f"{ent.place}/name")
        used.add("name")
    elif a is not None and isinstance(a.value, str) and a.value:
        d.set("name", {lang: a.value}, f"{ent.place}/name")
        used.add("name")
    elif required:
        d.impute(
            "name", {lang: plain_id(ent.id)}, "default", "no name in the source; the id stands in"
        )


def drop_metadata(conv: Conversion, d: Draft, ent: NgsiEntity, name: str, a: Attr) -> None:
    """Report an attribute's metadata, sub-attributes and further instances dropped."""
    if a.extra:
        conv.drop(
            f"{ent.place}/{name}",
            f"{name} ({', '.join(sorted(a.extra))})",
            "metadata and sub-attributes have no place in the standard",
            a.extra,
            d,
        )
    if a.more:
        conv.drop(
            f"{ent.place}/{name}",
            name,
            f"{a.more} further instance(s) of a multi-attribute",
            a.others or None,
            d,
        )
