"""GeoJSON (RFC 7946) features <-> SCDS records: the places a district keeps in GIS files.

Reading takes a FeatureCollection, a single Feature, or a sequence of
features (RFC 8142 text sequences, or one feature per line: ``.geojsonl``,
``.geojsons``). Each Feature becomes one record:

* its entity type is ``--type``, else ``properties.type`` when it names an
  entity type, else the file's name (``buildings.geojson``);
* its geometry goes to the type's geometry field (:func:`geometry_fields`):
  a Point to ``location`` (a Community's ``centroid``), a Polygon or
  MultiPolygon to ``boundary`` or ``footprint``;
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

Writing (:func:`to_geojson`) does the reverse: one Feature per record that
has a geometry, its main geometry field as the geometry and its other fields
as properties under the keys the reader takes back.

GeoJSON 转换：要素集合、单个要素或要素序列与标准记录互转；坐标逐一检查，问题以 JSON 指针定位到要素。
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from smartstd.interchange import values
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
    "to_geojson",
]

#: File name endings read as one feature per line (or RFC 8142 text sequences).
SEQUENCE_SUFFIXES = (".geojsonl", ".geojsons", ".geojsonseq", ".jsonl", ".ndjson")
#: The coordinate reference systems read as they are (EPSG code or name -> note).
ACCEPTED_CRS = {"4326": "WGS 84", "CRS84": "WGS 84 (lon, lat)", "4490": "CGCS2000"}

PREFIX = "geojson"
_WS = re.compile(r"[ \t\n\r]*")
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
#: A rough box around China (longitude, latitude) for the swapped-axes warning.
_CHINA_LON = (73.0, 136.0)
_CHINA_LAT = (3.0, 54.0)


# ----------------------------------------------------------------------------- the model


@cache
def geometry_fields(type_name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The geometry fields of an entity type and the GeoJSON types each holds.

    Areas (``boundary``, ``footprint``) come first: they are a Feature's
    geometry on export when set; a Point field (``location``,
    ``centroid``) otherwise. Empty for a type without geometry.
    """
    from smartstd.standard._base import MultiPolygon, Point, Polygon
    from smartstd.standard.dataset import ENTITY_TYPES

    kinds = {Point: "Point", Polygon: "Polygon", MultiPolygon: "MultiPolygon"}

    def held(tp: Any) -> list[str]:
        if tp in kinds:
            return [kinds[tp]]
        return [k for arg in get_args(tp) for k in held(arg)]

    out = []
    for name, info in ENTITY_TYPES[type_name].model_fields.items():
        types = tuple(dict.fromkeys(held(info.annotation)))
        if types:
            out.append((name, types))
    out.sort(key=lambda f: f[1] == ("Point",))
    return tuple(out)


def _target(type_name: str, geometry_type: str) -> str | None:
    for name, types in geometry_fields(type_name):
        if geometry_type in types:
            return name
    return None


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
        conv.issue("CV100", path.name, reason="not JSON this reader can take: nested too deeply")


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


def _decoder(st: _State) -> json.JSONDecoder:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                st.duplicates.append((key, out[key]))
            out[key] = value
        return out

    return json.JSONDecoder(object_pairs_hook=pairs)


def _char(text: str, i: int, what: str) -> str:
    if i >= len(text):
        raise json.JSONDecodeError(f"Expecting {what}", text, i)
    return text[i]


def _events(text: str, st: _State) -> Iterator[tuple[str, str, Any]]:
    """The top-level members of a GeoJSON object, each feature of ``features`` alone.

    Yields ``("member", key, value)`` and ``("feature", index, value)``, or
    one ``("top", "", value)`` when the text is not an object. Raises
    ``json.JSONDecodeError`` where the text stops being JSON.
    """
    dec = _decoder(st)
    raw = dec.raw_decode
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if _char(text, i, "value") != "{":
        value, i = raw(text, i)
        if _WS.match(text, i).end() != len(text):  # type: ignore[union-attr]
            raise json.JSONDecodeError("Extra data", text, _WS.match(text, i).end())  # type: ignore[union-attr]
        yield "top", "", value
        return
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    seen: set[str] = set()
    if _char(text, i, "property name enclosed in double quotes") == "}":
        i += 1
    else:
        while True:
            if _char(text, i, "property name enclosed in double quotes") != '"':
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, i
                )
            key, i = raw(text, i)
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            if _char(text, i, "':' delimiter") != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, i)
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            if key in seen:
                st.duplicates.append((key, "(a member of the document)"))
            seen.add(key)
            if key == "features" and _char(text, i, "value") == "[":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                n = 0
                if _char(text, i, "value") == "]":
                    i += 1
                else:
                    while True:
                        value, i = raw(text, i)
                        yield "feature", str(n), value
                        n += 1
                        i = _WS.match(text, i).end()  # type: ignore[union-attr]
                        c = _char(text, i, "',' delimiter")
                        if c == "]":
                            i += 1
                            break
                        if c != ",":
                            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
                        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            else:
                value, i = raw(text, i)
                yield "member", key, value
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            c = _char(text, i, "',' delimiter")
            if c == "}":
                i += 1
                break
            if c != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    end = _WS.match(text, i).end()  # type: ignore[union-attr]
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)


def _read_document(conv: Conversion, text: str, st: _State) -> None:
    name = st.name
    members: dict[str, Any] = {}
    features = False
    limit = conv.options.limits.max_records
    mark = _Mark(conv)
    for kind, key, value in _events(text, st):
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
            conv.issue(
                "CV101",
                f"{name}#/features/{key}",
                what="the number of features",
                size=f"> {limit}",
                limit=limit,
                option="--max-records",
            )
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
                    f"{name}#/{_esc(key)}",
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
    dec = _decoder(st)
    for lineno, raw in _texts(path):
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
            conv.issue("CV100", place, reason="nested too deeply")
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
                conv.issue(
                    "CV101",
                    where,
                    what="the number of features",
                    size=f"> {limit}",
                    limit=limit,
                    option="--max-records",
                )
                st.stopped = True
                return
            _feature(conv, st, feat, where)


def _texts(path: Path) -> Iterator[tuple[int, bytes]]:
    """Each text of a sequence and the line it starts on: split on RS if any, else on lines."""
    with path.open("rb") as fh:
        lineno = 0
        pending = b""
        start = 1
        rs = False
        for line in fh:
            lineno += 1
            if not rs and b"\x1e" in line:
                rs = True
            if not rs:
                yield lineno, line
                continue
            parts = line.split(b"\x1e")
            pending += parts[0]
            for part in parts[1:]:
                if pending.strip():
                    yield start, pending
                pending, start = part, lineno
        if pending.strip():
            yield start, pending


def _duplicate_members(conv: Conversion, st: _State, place: str) -> None:
    for key, first in st.duplicates:
        conv.issue("CV162", place, key=key)
        conv.drop(place, key, "given twice; the last value was read", first)
    st.duplicates.clear()


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


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
        return type_of_sheet(given)
    named = props.get("type")
    if isinstance(named, str):
        hit = type_of_sheet(named)
        if hit is not None:
            return hit
    return st.file_type


def _feature(conv: Conversion, st: _State, obj: Any, place: str) -> None:
    """One Feature -> one draft (or issues saying why not)."""
    dup_place = place
    if st.duplicates:
        _duplicate_members(conv, st, dup_place)
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
            d.keep(key, value, f"{place}/{_esc(key)}")
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
        d.issue("CV120", "/id", where, value=_preview(raw), expected="an id (a string or a number)")
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


def _preview(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _finite(value: Any) -> bool:
    """Whether a JSON value holds no NaN or infinity (walked without recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float):
            if not math.isfinite(v):
                return False
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
    return True


def _properties(
    conv: Conversion, d: Draft, props: dict[str, Any], base: str, used: set[str]
) -> None:
    type_name = d.type
    cols = columns_for(type_name)
    index = _header_index(cols)
    fields = _fields(type_name)
    for key, value in props.items():
        if value is None or key in used:
            continue
        place = f"{base}/{_esc(key)}"
        if key == "type" and isinstance(value, str) and type_of_sheet(value) == type_name:
            continue
        if not _finite(value):
            d.issue(
                "CV120",
                "",
                place,
                value=_preview(value),
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
        col = _match(key, index)
        if col is not None:
            _column(conv, d, col, key, value, place)
            continue
        name = fields.get(_norm(key))
        if name is not None:
            _whole(conv, d, name, key, value, place)
            continue
        if not d.keep(key, value, place):  # the drop is listed; say which column was meant
            d.issue(
                "CV112",
                "",
                place,
                column=key,
                suggestion=values.suggest(key, [c.key for c in cols]),
            )


def _taken(conv: Conversion, d: Draft, name: str, key: str, value: Any, place: str) -> bool:
    """Whether the feature's geometry already gave ``name`` (then the property is dropped)."""
    if name in d.record and d.fields.get("/" + name, "").endswith("/geometry"):
        conv.drop(place, key, f"the feature's geometry already gives {name}", value, d)
        return True
    return False


def _column(conv: Conversion, d: Draft, col: Column, key: str, value: Any, place: str) -> None:
    if _taken(conv, d, col.path[0], key, value, place):
        return
    if col.kind == "json" and isinstance(value, dict) and "coordinates" in value:
        _geometry(conv, d, value, place, col.path[0])
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
            value=_preview(value),
            expected=f"a single value ({col.kind})",
        )
        conv.drop(place, key, "a list or object where one value belongs", value, d)
        return
    elif isinstance(value, (dict, list)):
        _put(d, col.path, value, place)
        return
    _cell(conv, d, col, value, place)


def _whole(conv: Conversion, d: Draft, name: str, key: str, value: Any, place: str) -> None:
    """A property named after a field with no column of its own: the whole value."""
    if _taken(conv, d, name, key, value, place):
        return
    if any(name == f for f, _ in geometry_fields(d.type)) and isinstance(value, dict):
        _geometry(conv, d, value, place, name)
        return
    if isinstance(value, str) and _is_localized(d.type, name):
        d.set(name, {conv.options.language: value.strip()}, place)
        return
    d.set(name, value, place)


# ----------------------------------------------------------------------------- geometry


@dataclass
class _Findings:
    """Coordinate findings of one geometry: the first of each kind, and how many."""

    broken: list[tuple[str, str]] = field(default_factory=list)
    kinds: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, code: str, where: str, **params: Any) -> None:
        slot = self.kinds.setdefault(code, [where, params, 0])
        slot[2] += 1

    def has(self, *codes: str) -> bool:
        return any(c in self.kinds for c in codes)


def _pos_text(pos: list[Any]) -> str:
    return "[" + ", ".join(str(x) for x in pos[:3]) + "]"


def _position(pos: Any, where: str, out: _Findings) -> bool:
    """Check one position; one that is not 2 or 3 finite numbers makes the geometry unusable."""
    if (
        not isinstance(pos, list)
        or not 2 <= len(pos) <= 3
        or any(isinstance(x, bool) or not isinstance(x, (int, float)) for x in pos)
        or not all(math.isfinite(x) for x in pos)
    ):
        out.broken.append((where, _preview(pos)))
        return False
    lon, lat = float(pos[0]), float(pos[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        out.add("CV155", where, position=_pos_text(pos))
    if _CHINA_LAT[0] <= lon <= _CHINA_LAT[1] and _CHINA_LON[0] <= lat <= _CHINA_LON[1]:
        out.add("CV156", where, position=_pos_text(pos), swapped=f"[{pos[1]}, {pos[0]}]")
    return True


def _ring(ring: Any, where: str, out: _Findings) -> bool:
    if not isinstance(ring, list):
        out.broken.append((where, _preview(ring)))
        return False
    if not all(_position(p, f"{where}/{i}", out) for i, p in enumerate(ring)):
        return False
    if len(ring) < 4:
        out.add("CV158", where, count=len(ring))
    elif list(ring[0]) != list(ring[-1]):
        out.add(
            "CV157", f"{where}/{len(ring) - 1}", first=_pos_text(ring[0]), last=_pos_text(ring[-1])
        )
    return True


def _polygon(rings: Any, where: str, out: _Findings) -> bool:
    if not isinstance(rings, list) or not rings:
        out.broken.append((where, _preview(rings)))
        return False
    return all(_ring(r, f"{where}/{i}", out) for i, r in enumerate(rings))


def _coordinates(gtype: str, coords: Any, where: str, out: _Findings) -> bool:
    if gtype == "Point":
        return _position(coords, where, out)
    if gtype == "Polygon":
        return _polygon(coords, where, out)
    if not isinstance(coords, list) or not coords:
        out.broken.append((where, _preview(coords)))
        return False
    return all(_polygon(p, f"{where}/{i}", out) for i, p in enumerate(coords))


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
    if target is None or gtype not in accepted.get(target, ()):
        can = "; ".join(f"{f}: {'/'.join(t)}" for f, t in accepted.items()) or "-"
        d.issue("CV153", "", place, geometry=gtype, type=d.type, accepted=can)
        conv.drop(place, "geometry", f"a {gtype} cannot go into a {d.type}", geom, d)
        return
    out = _Findings()
    ptr = "/" + target
    if not _coordinates(gtype, geom.get("coordinates"), f"{place}/coordinates", out):
        where, value = out.broken[0]
        d.issue("CV154", ptr, where, value=value)
        conv.drop(place, target, "the coordinates cannot be read", geom, d)
        return
    clean: dict[str, Any] = {"type": gtype, "coordinates": geom["coordinates"]}
    for key, value in geom.items():
        if key == "bbox" and isinstance(value, list) and _finite(value):
            clean["bbox"] = value
        elif key not in ("type", "coordinates"):
            reason = "a member of the geometry with no place in the standard"
            conv.drop(f"{place}/{_esc(key)}", key, reason, value, d)
    _put(d, (target,), clean, place)
    for code, (where, params, count) in out.kinds.items():
        d.issue(code, ptr, where, n=count, **params)
    if gtype != "Point" and not out.has("CV155", "CV157", "CV158"):
        _validity(d, clean, ptr, place)


def _validity(d: Draft, geom: dict[str, Any], ptr: str, place: str) -> None:
    """A polygon that crosses itself (shapely, when installed): a warning."""
    try:
        import shapely
        from shapely.geometry import shape
    except ModuleNotFoundError:  # pragma: no cover - shapely is in the convert extra
        return
    try:
        reason = shapely.is_valid_reason(shape(geom))
    except Exception:  # shapely refuses what it cannot build; the check reports the shape
        return
    if reason != "Valid Geometry":
        d.issue("CV159", ptr, f"{place}/coordinates", reason=str(reason))


# ----------------------------------------------------------------------------- writing


def _flat(type_name: str, name: str, value: Any) -> dict[str, Any] | None:
    """A field as properties under column keys (``name.zh-CN``), or ``None`` to write it whole."""
    cols = {c.path: c for c in columns_for(type_name) if c.path[0] == name}
    if not isinstance(value, dict) or not cols:
        return None
    if any(c.kind in ("lon", "lat") for c in cols.values()):
        coords = value.get("coordinates")
        if (
            set(value) != {"type", "coordinates"}
            or not isinstance(coords, list)
            or len(coords) != 2
        ):
            return None
        return {f"{name}.longitude": coords[0], f"{name}.latitude": coords[1]}
    out: dict[str, Any] = {}
    for key, v in value.items():
        col = cols.get((name, key))
        if col is None or isinstance(v, (dict, list)) or v is None:
            return None
        out[col.key] = v
    return out


def _main_geometry(rec: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    from smartstd.standard.dataset import ENTITY_TYPES

    type_name = rec.get("type")
    if not isinstance(type_name, str) or type_name not in ENTITY_TYPES:
        return None
    for name, _types in geometry_fields(type_name):
        geo = rec.get(name)
        if isinstance(geo, dict) and "coordinates" in geo:
            return name, geo
    return None


def to_feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """One record as a GeoJSON Feature, or ``None`` when it has no geometry."""
    main = _main_geometry(rec)
    if main is None or "id" not in rec:
        return None
    name, geo = main
    type_name = str(rec["type"])
    props: dict[str, Any] = {"type": type_name}
    for key, value in rec.items():
        if key in ("id", "type", name):
            continue
        flat = _flat(type_name, key, value)
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
