"""SCDS records -> GeoJSON: one Feature per record that has a geometry.

The geometry is the record's area (``boundary``, ``footprint``) when it has
one, else its point (:func:`~smartstd.interchange.geojson.geometry_fields`);
the other fields become properties under the keys
:func:`~smartstd.interchange.geojson.read_geojson` takes back (column keys
such as ``name.zh-CN`` and ``location.longitude``, else the field's name
with its whole value), so converting the file back gives the same records.

记录导出为 GeoJSON：每条有几何的记录一个要素，其他字段按读取时的键写作属性。
"""

from __future__ import annotations

import json
from typing import Any

from smartstd.interchange.columns import columns_for
from smartstd.interchange.geojson import geometry_fields

__all__ = ["to_feature", "to_geojson"]


def _flat(type_name: str, path: tuple[str, ...], value: Any) -> dict[str, Any] | None:
    """A field as properties under column keys (``name.zh-CN``), or ``None`` to write it whole."""
    cols = {c.path: c for c in columns_for(type_name) if c.path[: len(path)] == path}
    if not isinstance(value, dict) or not cols:
        return None
    point = cols.get(path)
    if point is not None and point.kind in ("lon", "lat"):
        coords = value.get("coordinates")
        if (
            set(value) != {"type", "coordinates"}
            or not isinstance(coords, list)
            or len(coords) != 2
        ):
            return None
        key = ".".join(path)
        return {f"{key}.longitude": coords[0], f"{key}.latitude": coords[1]}
    out: dict[str, Any] = {}
    for key, v in value.items():
        sub = (*path, key)
        if isinstance(v, dict):
            flat = _flat(type_name, sub, v)
            if flat is None:
                return None
            out.update(flat)
            continue
        col = cols.get(sub)
        if col is None or isinstance(v, list) or v is None:
            return None
        out[col.key] = v
    return out


def _main_geometry(rec: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    from smartstd.standard.dataset import ENTITY_TYPES

    type_name = rec.get("type")
    if not isinstance(type_name, str) or type_name not in ENTITY_TYPES:
        return None
    for name, _types in geometry_fields(type_name):
        path = tuple(name.split("."))
        geo: Any = rec
        for part in path:
            geo = geo.get(part) if isinstance(geo, dict) else None
        if isinstance(geo, dict) and "coordinates" in geo:
            return path, geo
    return None


def to_feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """One record as a GeoJSON Feature, or ``None`` when it has no geometry."""
    main = _main_geometry(rec)
    if main is None or "id" not in rec:
        return None
    path, geo = main
    type_name = str(rec["type"])
    props: dict[str, Any] = {"type": type_name}
    for key, value in rec.items():
        if key in ("id", "type") or (key,) == path:
            continue
        if key == path[0] and isinstance(value, dict):  # the rest of a request's location
            value = {k: v for k, v in value.items() if k != path[1]}
            if not value:
                continue
        flat = _flat(type_name, (key,), value)
        if flat is None:
            props[key] = value
        else:
            props.update(flat)
    return {"type": "Feature", "id": rec["id"], "geometry": geo, "properties": props}


def to_geojson(records: list[dict[str, Any]]) -> str:
    """The records that have a geometry, as a FeatureCollection (one feature a line)."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    feats = [f for f in (to_feature(r) for r in records if isinstance(r, dict)) if f is not None]
    body = ",\n".join(dumps(f) for f in feats)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if body else "") + "]}\n"
