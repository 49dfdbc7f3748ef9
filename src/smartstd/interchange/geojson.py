"""GeoJSON (RFC 7946) features <-> SCDS records: the places a district keeps in GIS files.

Reading takes a FeatureCollection, a single Feature, or a sequence of
features (RFC 8142 text sequences, or one feature per line: ``.geojsonl``,
``.geojsons``). Each Feature becomes one record:

* its entity type is ``--type``, else ``properties.type`` when it names an
  entity type, else the file's name (``buildings.geojson``);
* its geometry goes to the type's geometry field (:func:`geometry_fields`):
  a Point to ``location`` (a Community's ``centroid``, a request's
  ``location.geometry``), a Polygon or MultiPolygon to ``boundary`` or
  ``footprint``;
* its ``id`` (a string or a number) is the record's id, else
  ``properties.id``;
* its properties are read like the cells of a spreadsheet row
  (:mod:`~smartstd.interchange.columns`): field keys (``name.zh-CN``) or
  titles in either language, each value by its column's kind, codes by code
  or label; a property named after a field that has no column (``name``,
  ``footprint``, ``provenance``) takes the whole value; any other property
  is kept as an extension field (``geojson:楼长`` cannot be one, so it is
  listed as dropped).

Coordinates are checked on the way in and every finding names the feature
by JSON Pointer (``buildings.geojson#/features/12/geometry/coordinates/0/3``):
positions that are not two or three finite numbers, out of range, that look
like latitude first, rings that do not close, polygons that cross
themselves (with shapely, when installed). A legacy ``crs`` member may name
WGS84 (EPSG:4326, CRS84) or CGCS2000 (EPSG:4490); any other CRS stops the
conversion and says to reproject first.

The text is decoded one feature at a time (a FeatureCollection's members
are scanned, each feature decoded alone), so the parsed file never sits
in memory beside the records made of it.

Writing (``_geojson_write``) does the reverse: one Feature per record that
has a geometry, its main geometry field as the geometry and its other
fields as properties under the keys the reader takes back. The file is
scanned by ``_geojson_text`` and the coordinates checked by
``_geojson_geometry``.

GeoJSON 转换：要素集合、单个要素或要素序列与标准记录互转；坐标逐一检查，问题以 JSON 指针定位到要素。
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from smartstd.interchange import values
from smartstd.interchange._geojson_geometry import Findings, check, validity
from smartstd.interchange._geojson_text import decoder, escape, events, finite, texts
from smartstd.interchange.columns import Column, columns_for, sheet_name
from smartstd.interchange.spreadsheet import (
    _cell,
    _header_index,
    _match,
    _norm,
    _put,
    _size_ok,
    _text,
    type_of_sheet,
)

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft

__all__ = [
    "ACCEPTED_CRS",
    "SEQUENCE_SUFFIXES",
    "geometry_fields",
    "read_geojson",
]

#: File name endings read as one feature per line (or RFC 8142 text sequences).
SEQUENCE_SUFFIXES = (".geojsonl", ".geojsons", ".geojsonseq", ".jsonl", ".ndjson")
#: The coordinate reference systems read as they are (EPSG code or name -> note).
ACCEPTED_CRS = {"4326": "WGS 84", "CRS84": "WGS 84 (lon, lat)", "4490": "CGCS2000"}

PREFIX = "geojson"
_EXT = re.compile(r"^[a-z][a-z0-9]{0,15}:[A-Za-z][A-Za-z0-9_]{0,63}$")
_EPSG = re.compile(r"EPSG\D{0,8}(\d{4,6})\s*$", re.IGNORECASE)
_CRS84 = re.compile(r"CRS:?84\s*$", re.IGNORECASE)
_FEATURE_MEMBERS = frozenset({"type", "id", "geometry", "properties", "bbox"})
_COLLECTION_MEMBERS = frozenset({"type", "features", "crs", "bbox", "name"})
_GEOMETRIES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


# ----------------------------------------------------------------------------- the model


@cache
def geometry_fields(type_name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The geometry fields of an entity type and the GeoJSON types each holds.

    A field is named by its dotted path (``location.geometry`` of a
    ServiceRequest). Areas (``boundary``, ``footprint``) come first: they
    are a Feature's geometry on export when set; a Point field
    (``location``, ``centroid``) otherwise. Empty for a type without geometry.
    """
    from pydantic import BaseModel

    from smartstd.standard._base import MultiPolygon, Point, Polygon
    from smartstd.standard.dataset import ENTITY_TYPES

    kinds = {Point: "Point", Polygon: "Polygon", MultiPolygon: "MultiPolygon"}

    def held(tp: Any) -> list[str]:
        if tp in kinds:
            return [kinds[tp]]
        return [k for arg in get_args(tp) for k in held(arg)]

    def models(tp: Any) -> list[type[BaseModel]]:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return [tp]
        return [m for arg in get_args(tp) for m in models(arg)]

    out = []
    for name, info in ENTITY_TYPES[type_name].model_fields.items():
        types = tuple(dict.fromkeys(held(info.annotation)))
        if types:
            out.append((name, types))
            continue
        for sub in models(info.annotation):  # one level down: a request's location
            for inner, sub_info in sub.model_fields.items():
                types = tuple(dict.fromkeys(held(sub_info.annotation)))
                if types:
                    out.append((f"{name}.{inner}", types))
    out.sort(key=lambda f: f[1] == ("Point",))
    return tuple(out)


def _one_polygon(
    geom: dict[str, Any], accepted: dict[str, tuple[str, ...]], target: str | None
) -> dict[str, Any] | None:
    """A MultiPolygon of exactly one polygon as that Polygon, when only a Polygon fits."""
    coords = geom.get("coordinates")
    if geom.get("type") != "MultiPolygon" or not isinstance(coords, list) or len(coords) != 1:
        return None
    if target is not None and "MultiPolygon" in accepted.get(target, ()):
        return None
    if not any("Polygon" in types for types in accepted.values()):
        return None
    return {**geom, "type": "Polygon", "coordinates": coords[0]}


def _target(type_name: str, geometry_type: str) -> str | None:
    for name, types in geometry_fields(type_name):
        if geometry_type in types:
            return name
    return None


@lru_cache(maxsize=4096)
def _resolve(type_name: str, key: str) -> Column | str | None:
    """What a property names: a column, a field without one (its name), or nothing."""
    col = _match(key, _index(type_name))
    if col is not None:
        return col
    return _fields(type_name).get(_norm(key))


@lru_cache(maxsize=1024)
def _type_of(name: str) -> str | None:
    return type_of_sheet(name)


@cache
def _index(type_name: str) -> dict[str, Column]:
    return _header_index(columns_for(type_name), {})


def _aliased(conv: Conversion, type_name: str, key: str) -> Column | None:
    """The column the crosswalk's ``columns`` name for a property (社区名称 -> name.zh-CN)."""
    aliases = conv.crosswalk.columns.get(type_name)
    if not aliases:
        return None
    want = _norm(key)
    field = next((k for h, k in aliases.items() if _norm(h) == want), None)
    return next((c for c in columns_for(type_name) if c.key == field), None)


@cache
def _fields(type_name: str) -> dict[str, str]:
    """Top-level field names, and their titles in both languages, -> the field."""
    from smartstd.standard.dataset import ENTITY_TYPES

    props = ENTITY_TYPES[type_name].model_json_schema().get("properties", {})
    out: dict[str, str] = {}
    for name, prop in props.items():
        if name == "type":
            continue
        out[_norm(name)] = name
        i18n = prop.get("x-i18n") or {}
        for lang in ("zh-CN", "en"):
            title = (i18n.get(lang) or {}).get("title")
            if title:
                out.setdefault(_norm(title), name)
    return out


@cache
def _is_localized(type_name: str, name: str) -> bool:
    return any(c.path[:1] == (name,) and len(c.path) == 2 for c in columns_for(type_name)) and all(
        c.kind == "text" for c in columns_for(type_name) if c.path[:1] == (name,)
    )


# ----------------------------------------------------------------------------- reading


@dataclass
class _State:
    """What the reader of one file keeps between features."""

    name: str
    file_type: str | None
    ids: dict[str, str] = field(default_factory=dict)
    duplicates: list[tuple[str, Any]] = field(default_factory=list)
    stopped: bool = False
    crs_seen: bool = False


def read_geojson(conv: Conversion, path: Path) -> None:
    """Read a GeoJSON file (collection, feature or feature sequence) into drafts."""
    from smartstd.errors import UsageError

    if not _size_ok(conv, path):
        return
    given = conv.options.entity_type
    if given is not None and type_of_sheet(given) is None:
        from smartstd.standard.dataset import ENTITY_TYPES

        raise UsageError(key="template_unknown_types", types=given, known=", ".join(ENTITY_TYPES))
    stem = path.name
    for suffix in (".geojson", ".geojsonl", ".geojsons", ".geojsonseq", ".json", ".geo"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    st = _State(path.name, type_of_sheet(stem))
    with path.open("rb") as fh:
        head = fh.read(4096)
    sequence = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"\x1e"
    if sequence or path.suffix.lower() in SEQUENCE_SUFFIXES:
        _read_sequence(conv, path, st)
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        conv.issue("CV100", path.name, reason=_not_utf8(data, exc))
        return
    mark = _Mark(conv)
    try:
        _read_document(conv, text, st)
    except json.JSONDecodeError as exc:
        mark.rollback(st)
        if exc.msg == "Extra data":  # one feature per line in a .geojson file
            _read_sequence(conv, path, st)
            return
        conv.issue("CV100", f"{path.name}:{exc.lineno}:{exc.colno}", reason=f"not JSON: {exc.msg}")
    except RecursionError:
        mark.rollback(st)
        from smartstd.interchange._json import too_deep

        conv.issue("CV100", path.name, reason=too_deep(text, path.name))


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    return f"not UTF-8 at byte {exc.start} (line {line}); save it as UTF-8, as RFC 7946 asks"


class _Mark:
    """Where a conversion stood, to undo what a file that turns out unreadable added."""

    def __init__(self, conv: Conversion) -> None:
        self.conv = conv
        self.sizes = (len(conv.drafts), len(conv.issues), len(conv.guessed), len(conv.dropped))
        self.read = conv.read

    def rollback(self, st: _State) -> None:
        c = self.conv
        drafts, issues, guessed, dropped = self.sizes
        del c.drafts[drafts:], c.issues[issues:], c.guessed[guessed:], c.dropped[dropped:]
        c.read = self.read
        st.ids.clear()
        st.duplicates.clear()


def _read_document(conv: Conversion, text: str, st: _State) -> None:
    name = st.name
    members: dict[str, Any] = {}
    features = False
    limit = conv.options.limits.max_records
    mark = _Mark(conv)
    for kind, key, value in events(text, st.duplicates):
        if kind == "top":
            what = "a JSON array" if isinstance(value, list) else f"a JSON {type(value).__name__}"
            conv.issue(
                "CV103",
                f"{name}#",
                expected="GeoJSON (a FeatureCollection or a Feature)",
                reason=f"{what}, not an object",
            )
            return
        if kind == "member":
            if key == "crs" and not _crs(conv, value, f"{name}#/crs", st, mark):
                st.stopped = True
                return
            members[key] = value
            continue
        features = True
        if st.stopped:
            continue
        conv.read += 1
        if conv.read > limit:
            conv.too_many(f"{name}#/features/{key}", "the number of features", f"> {limit}")
            st.stopped = True
            continue
        _feature(conv, st, value, f"{name}#/features/{key}")
    _duplicate_members(conv, st, f"{name}#")
    kind_of = members.get("type")
    if features:
        if kind_of != "FeatureCollection":
            conv.issue(
                "CV103",
                f"{name}#/type",
                expected="a GeoJSON FeatureCollection",
                reason=f"type is {json.dumps(kind_of)} (its features were read)",
            )
        for key in members:
            if key not in _COLLECTION_MEMBERS:
                conv.drop(
                    f"{name}#/{escape(key)}",
                    key,
                    "a member of the collection, not of a feature",
                    members[key],
                )
        return
    if kind_of == "Feature":
        conv.read += 1
        _feature(conv, st, members, f"{name}#")
        return
    reason = f"type is {json.dumps(kind_of, ensure_ascii=False)}"
    if kind_of in _GEOMETRIES:
        reason += ": a bare geometry; wrap it in a Feature with an id and properties"
    conv.issue(
        "CV103", f"{name}#", expected="a GeoJSON FeatureCollection or Feature", reason=reason
    )


def _read_sequence(conv: Conversion, path: Path, st: _State) -> None:
    """One feature (or collection) per line, or RFC 8142 record-separated texts."""
    limit = conv.options.limits.max_records
    dec = decoder(st.duplicates)
    for lineno, raw in texts(path):
        if st.stopped:
            return
        place = f"{st.name}:{lineno}"
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            conv.issue(
                "CV100",
                place,
                reason=f"not UTF-8 at byte {exc.start} of the line; GeoJSON is UTF-8 (RFC 7946)",
            )
            conv.drop(place, "feature", "not UTF-8")
            continue
        text = text.strip(" \t\r\n\x1e")
        if not text:
            continue
        try:
            obj, end = dec.raw_decode(text)
            if end != len(text):
                raise json.JSONDecodeError("Extra data", text, end)
        except json.JSONDecodeError as exc:
            conv.issue("CV100", f"{place}:{exc.colno}", reason=f"not JSON: {exc.msg}")
            conv.drop(place, "feature", f"not JSON: {exc.msg}", text)
            continue
        except RecursionError:
            from smartstd.interchange._json import too_deep

            conv.issue("CV100", place, reason=too_deep(text, st.name, lineno - 1))
            conv.drop(place, "feature", "nested too deeply")
            continue
        feats: list[tuple[str, Any]] = [(f"{place}#", obj)]
        if isinstance(obj, dict) and obj.get("type") == "FeatureCollection":
            if "crs" in obj and not _crs(conv, obj["crs"], f"{place}#/crs", st):
                st.stopped = True
                return
            got = obj.get("features")
            feats = [
                (f"{place}#/features/{i}", f)
                for i, f in enumerate(got if isinstance(got, list) else [])
            ]
            _duplicate_members(conv, st, f"{place}#")
        for where, feat in feats:
            conv.read += 1
            if conv.read > limit:
                conv.too_many(where, "the number of features", f"> {limit}")
                st.stopped = True
                return
            _feature(conv, st, feat, where)


def _duplicate_members(conv: Conversion, st: _State, place: str) -> None:
    for key, first in st.duplicates:
        conv.issue("CV162", place, key=key)
        conv.drop(place, key, "given twice; the last value was read", first)
    st.duplicates.clear()


def _crs(conv: Conversion, value: Any, place: str, st: _State, before: _Mark | None = None) -> bool:
    """Whether a legacy ``crs`` member names a system read as it is (say so if CGCS2000).

    When it does not, what the file gave so far is undone (``before``) and
    the issue says to reproject.
    """
    name = value
    if isinstance(value, dict):
        props = value.get("properties")
        name = props.get("name") if isinstance(props, dict) else None
        if name is None and isinstance(props, dict):
            name = props.get("href")
    text = str(name) if name is not None else json.dumps(value, ensure_ascii=False)
    m = _EPSG.search(text)
    code = m.group(1) if m else ("CRS84" if _CRS84.search(text) else None)
    if code not in ACCEPTED_CRS:
        if before is not None:
            before.rollback(st)
        conv.issue("CV160", place, crs=text[:120])
        return False
    if code == "4490" and not st.crs_seen:
        conv.issue("CV161", place, crs=text[:120])
    st.crs_seen = True
    return True


def _entity_type(conv: Conversion, st: _State, props: dict[str, Any]) -> str | None:
    given = conv.options.entity_type
    if given:
        return _type_of(given)
    named = props.get("type")
    if isinstance(named, str):
        hit = _type_of(named)
        if hit is not None:
            return hit
    return st.file_type


def _feature(conv: Conversion, st: _State, obj: Any, place: str) -> None:
    """One Feature -> one draft (or issues saying why not)."""
    if st.duplicates:  # keys given twice in this feature (seen while it was decoded)
        _duplicate_members(conv, st, place)
    if not isinstance(obj, dict):
        what = "a JSON array" if isinstance(obj, list) else f"a JSON {type(obj).__name__}"
        if obj is None:
            what = "null"
        conv.issue("CV103", place, expected="a GeoJSON Feature", reason=f"{what}, not an object")
        conv.drop(place, "feature", "not an object", obj)
        return
    if obj.get("type") != "Feature":
        got = json.dumps(obj.get("type"), ensure_ascii=False)
        reason = f"type is {got}, not Feature"
        if obj.get("type") in _GEOMETRIES:
            reason += " (a bare geometry: wrap it in a Feature)"
        conv.issue("CV103", place, expected="a GeoJSON Feature", reason=reason)
        conv.drop(place, "feature", reason, obj)
        return
    props = obj.get("properties")
    if props is None:
        props = {}
    elif not isinstance(props, dict):
        conv.issue(
            "CV103",
            f"{place}/properties",
            expected="GeoJSON properties (an object or null)",
            reason=f"a JSON {type(props).__name__}",
        )
        conv.drop(f"{place}/properties", "properties", "not an object", props)
        props = {}
    type_name = _entity_type(conv, st, props)
    if type_name is None:
        conv.issue(
            "CV150",
            place,
            file=st.name,
            example=sheet_name("Building").lower() + ".geojson",
        )
        conv.drop(place, "feature", "no entity type", obj.get("id"))
        return
    d = conv.draft(type_name, place, PREFIX)
    used = _id(conv, st, d, obj, props, place)
    if "crs" in obj and not _crs(conv, obj["crs"], f"{place}/crs", st):
        conv.drop(f"{place}/geometry", "geometry", "its CRS is not WGS84", obj.get("geometry"), d)
    else:
        _geometry(conv, d, obj.get("geometry"), f"{place}/geometry", None)
    for key, value in obj.items():
        if key not in _FEATURE_MEMBERS and key != "crs":
            d.keep(key, value, f"{place}/{escape(key)}")
        elif key == "bbox" and value is not None:
            conv.drop(
                f"{place}/bbox",
                "bbox",
                "a feature's bounding box (it follows from the geometry)",
                value,
                d,
            )
    _properties(conv, d, props, f"{place}/properties", used)
    for c in columns_for(type_name):
        if c.required and c.path[0] not in d.record and c.path[0] != "community_id":
            d.issue("CV124", f"/{c.path[0]}", place, field=c.key)


def _normal_id(value: Any, type_name: str) -> str | None:
    from smartstd.interchange.ngsi import plain_id

    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    text = value.strip() if isinstance(value, str) else _text(value)
    return plain_id(text, type_name) or None


def _id(
    conv: Conversion, st: _State, d: Draft, obj: dict[str, Any], props: dict[str, Any], place: str
) -> set[str]:
    """Set the record's id; return the properties it used."""
    used: set[str] = set()
    where = f"{place}/id"
    raw = obj.get("id")
    if raw is None and props.get("id") is not None:
        raw, where = props["id"], f"{place}/properties/id"
        used.add("id")
    got = _normal_id(raw, d.type) if raw is not None else None
    if raw is not None and got is None:
        d.issue(
            "CV120",
            "/id",
            where,
            value=values.preview(raw),
            expected="an id (a string or a number)",
        )
        conv.drop(where, "id", "not an id", raw, d)
    if got is None:
        got = f"{sheet_name(d.type).lower()}-{conv.read}"
        d.impute(
            "id",
            got,
            "derived",
            "no id in the feature; made from the type and the feature's number",
            place,
        )
        d.issue("CV151", "/id", place, id=got)
    else:
        d.set("id", got, where)
    first = st.ids.get(got)
    if first is not None:
        d.issue("CV152", "/id", where, id=got, first=first)
    else:
        st.ids[got] = place
    if "id" in props and "id" not in used:
        other = _normal_id(props["id"], d.type)
        if other == got:
            used.add("id")
    return used


def _properties(
    conv: Conversion, d: Draft, props: dict[str, Any], base: str, used: set[str]
) -> None:
    type_name = d.type
    for key, value in props.items():
        if value is None or key in used:
            continue
        place = f"{base}/{escape(key)}"
        if key == "type" and isinstance(value, str) and _type_of(value) == type_name:
            continue
        if not finite(value):
            d.issue(
                "CV120",
                "",
                place,
                value=values.preview(value),
                expected="a finite number (NaN and infinity are not JSON numbers)",
            )
            conv.drop(place, key, "NaN or infinity", value, d)
            continue
        if key in ("id", "type"):
            d.keep(key, value, place)
            continue
        if _EXT.match(key):
            d.set(key, value, place)
            continue
        target = _resolve(type_name, key) or _aliased(conv, type_name, key)
        if isinstance(target, Column):
            _column(conv, d, target, key, value, place)
        elif target is not None:
            _whole(conv, d, target, key, value, place)
        elif not d.keep(key, value, place):  # the drop is listed; say which column was meant
            hint = values.suggest(key, [c.key for c in columns_for(type_name)])
            d.issue("CV163", "", place, prop=key, suggestion=hint)


def _taken(
    conv: Conversion, d: Draft, path: tuple[str, ...], key: str, value: Any, place: str
) -> bool:
    """Whether the feature's geometry already gave ``path`` (then the property is dropped).

    A property that names a field holding the geometry (``location`` of a
    request) is not taken: its other parts are merged (:func:`_whole`).
    """
    ptr = "/" + "/".join(path)
    geometry = d.place + "/geometry"
    for field_ptr, source in d.fields.items():
        if source == geometry and (ptr == field_ptr or ptr.startswith(field_ptr + "/")):
            conv.drop(place, key, f"the feature's geometry already gives {field_ptr}", value, d)
            return True
    return False


def _column(conv: Conversion, d: Draft, col: Column, key: str, value: Any, place: str) -> None:
    if _taken(conv, d, col.path, key, value, place):
        return
    if col.kind == "json" and isinstance(value, dict) and "coordinates" in value:
        _geometry(conv, d, value, place, ".".join(col.path))
        return
    if (
        isinstance(value, list)
        and col.kind in ("list", "codes")
        and all(isinstance(v, str) for v in value)
    ):
        value = "；".join(value) if value else ""
        if not value:
            _put(d, col.path, [], place)
            return
    elif isinstance(value, (dict, list)) and col.kind != "json":
        d.issue(
            "CV120",
            "/" + "/".join(col.path),
            place,
            value=values.preview(value),
            expected=f"a single value ({col.kind})",
        )
        conv.drop(place, key, "a list or object where one value belongs", value, d)
        return
    elif isinstance(value, (dict, list)) or (col.kind == "text" and isinstance(value, str)):
        _put(d, col.path, value, place)  # a JSON string is exact: not trimmed like a cell
        return
    _cell(conv, d, col, value, place)


def _whole(conv: Conversion, d: Draft, name: str, key: str, value: Any, place: str) -> None:
    """A property named after a field with no column of its own: the whole value."""
    if _taken(conv, d, (name,), key, value, place):
        return
    if any(name == f for f, _ in geometry_fields(d.type)) and isinstance(value, dict):
        _geometry(conv, d, value, place, name)
        return
    if isinstance(value, str) and _is_localized(d.type, name):
        d.set(name, {conv.options.language: value}, place)
        return
    have = d.record.get(name)
    if isinstance(have, dict) and isinstance(value, dict):  # beside the feature's geometry
        for sub, v in value.items():
            if sub in have:
                conv.drop(f"{place}/{escape(sub)}", f"{key}.{sub}", "given by the geometry", v, d)
            else:
                have[sub] = v
                d.fields[f"/{name}/{sub}"] = place
        return
    d.set(name, value, place)


# ----------------------------------------------------------------------------- geometry


def _geometry(conv: Conversion, d: Draft, geom: Any, place: str, name: str | None) -> None:
    """Check a geometry and put it in the record's field for its type (``name`` if given)."""
    if geom is None:
        return
    if not isinstance(geom, dict):
        what = f"a JSON {type(geom).__name__}, not an object"
        d.issue("CV103", "", place, expected="a GeoJSON geometry", reason=what)
        conv.drop(place, "geometry", "not an object", geom, d)
        return
    gtype = str(geom.get("type"))
    accepted = dict(geometry_fields(d.type))
    target = _target(d.type, gtype) if name is None else name
    single = _one_polygon(geom, accepted, target)
    if single is not None:  # DataV GeoAtlas and others write every area as a MultiPolygon
        geom, gtype = single, "Polygon"
        target = _target(d.type, gtype) if name is None else name
    if target is None or gtype not in accepted.get(target, ()):
        can = "; ".join(f"{f}: {'/'.join(t)}" for f, t in accepted.items()) or "-"
        d.issue("CV153", "", place, geometry=gtype, type=d.type, accepted=can)
        conv.drop(place, "geometry", f"a {gtype} cannot go into a {d.type}", geom, d)
        return
    out = Findings()
    path = tuple(target.split("."))
    ptr = "/" + "/".join(path)
    if not check(gtype, geom.get("coordinates"), f"{place}/coordinates", out):
        where, value = out.broken[0]
        d.issue("CV154", ptr, where, value=value)
        conv.drop(place, target, "the coordinates cannot be read", geom, d)
        return
    clean: dict[str, Any] = {"type": gtype, "coordinates": geom["coordinates"]}
    for key, value in geom.items():
        if key in ("type", "coordinates") or value is None:
            continue
        if (key == "bbox" and isinstance(value, list) and finite(value)) or _EXT.match(key):
            clean[key] = value  # a bounding box, or an extension field of the geometry
        else:
            reason = "a member of the geometry with no place in the standard"
            conv.drop(f"{place}/{escape(key)}", key, reason, value, d)
    _put(d, path, clean, place)
    if single is not None:
        d.mark(ptr, "derived", "a MultiPolygon of one polygon, taken as that Polygon", place)
    for code, (where, params, count) in out.kinds.items():
        d.issue(code, ptr, where, n=count, **params)
    if gtype != "Point" and not out.has("CV155", "CV157", "CV158"):
        why = validity(clean)
        if why is not None:
            d.issue("CV159", ptr, f"{place}/coordinates", reason=why)
