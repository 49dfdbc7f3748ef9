"""NGSI wire forms: NGSI-v2 (keyValues, normalized) and NGSI-LD (normalized, concise).

Reading turns each entity, whatever its form, into an :class:`NgsiEntity`:
its id, its type and its attributes as :class:`Attr` (a plain value, and
whether it is a Relationship or a geometry, with any metadata or
sub-attributes apart). Writing does the reverse for one form. Expanded
NGSI-LD terms (full IRIs) are compacted with the ``@context`` shipped with
the package (``smartstd/data/ngsi-ld/context.jsonld``); no context is ever
fetched.

NGSI 报文格式的读写：NGSI-v2（键值、规范化）与 NGSI-LD；@context 随包发布，从不联网获取。
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from smartstd.interchange import _json

__all__ = [
    "CONTEXT_URL",
    "CORE_CONTEXT_URL",
    "Attr",
    "NgsiEntity",
    "TooManyRecords",
    "context",
    "iter_entities",
    "ld_id",
    "plain_id",
    "split_temporal",
    "write_entity",
]

#: The NGSI-LD core context (named in output, never fetched).
CORE_CONTEXT_URL = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"
#: The context shipped with smartstd (named in output; its text is package data).
CONTEXT_URL = "https://smartstd.org/ns/scds/context.jsonld"

_URN = re.compile(r"^urn:ngsi-ld:([^:]+):(.+)$")
_LD_TYPES = frozenset(
    {
        "Property",
        "Relationship",
        "GeoProperty",
        "LanguageProperty",
        "VocabProperty",
        "ListProperty",
        "ListRelationship",
        "JsonProperty",
    }
)
_GEO_TYPES = frozenset(
    {"Point", "Polygon", "MultiPolygon", "LineString", "MultiPoint", "MultiLineString"}
)
#: What an NGSI-LD broker writes beside the attributes (``options=sysAttrs``), never one of them.
_ENTITY_MEMBERS = frozenset({"createdAt", "modifiedAt", "deletedAt", "scope"})
#: The member holding an attribute's value in each NGSI-LD attribute type, normalized or concise.
_VALUE_MEMBERS = (
    ("object", "relationship"),
    ("objectList", "relationship"),
    ("languageMap", "language"),
    ("value", "property"),
    ("vocab", "property"),
    ("valueList", "property"),
    ("json", "property"),
)


@dataclass(slots=True)
class Attr:
    """One attribute, whatever its wire form.

    Attributes:
        value: the plain value (a Relationship's target id as written).
        kind: ``"property"``, ``"relationship"``, ``"geo"`` or ``"language"``.
        extra: metadata (v2) or sub-attributes (LD) that have no place in SCDS.
        more: further instances of a multi-attribute (LD ``datasetId``).
        others: those further instances, as written (so that what is dropped is said whole).
    """

    value: Any
    kind: str = "property"
    extra: dict[str, Any] = field(default_factory=dict)
    more: int = 0
    others: list[Any] = field(default_factory=list)


@dataclass
class NgsiEntity:
    """An entity read from NGSI: id, type, attributes, form and where it was."""

    id: str
    type: str
    attrs: dict[str, Attr]
    form: str
    place: str


@cache
def context() -> dict[str, Any]:
    """The shipped NGSI-LD ``@context`` document."""
    text = resources.files("smartstd.data").joinpath("ngsi-ld/context.jsonld").read_text("utf-8")
    doc: dict[str, Any] = json.loads(text)
    return doc


@cache
def _compact_map() -> dict[str, str]:
    ctx = context()["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    out: dict[str, str] = {}
    for term, iri in ctx.items():
        if isinstance(iri, dict):
            iri = iri.get("@id", "")
        if not isinstance(iri, str) or term in prefixes:
            continue
        pre, _, local = iri.partition(":")
        full = prefixes[pre] + local if pre in prefixes else iri
        out[full] = term
    return out


def compact(name: str) -> str:
    """The short term of an expanded NGSI-LD attribute name (unchanged if not an IRI)."""
    if "://" not in name:
        return name
    term = _compact_map().get(name)
    if term is not None:
        return term
    return re.split(r"[#/]", name.rstrip("/#"))[-1]


def plain_id(value: str, type_name: str | None = None) -> str:
    """An NGSI-LD URN without its ``urn:ngsi-ld:Type:`` head (other ids unchanged)."""
    m = _URN.match(value)
    if m and (type_name is None or m.group(1) == type_name):
        return m.group(2)
    return value


def ld_id(value: str, type_name: str) -> str:
    """The NGSI-LD id of an entity: a URN (``urn:ngsi-ld:Type:id``) unless it is one already."""
    return value if value.startswith("urn:") else f"urn:ngsi-ld:{type_name}:{value}"


def _is_geo(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    kind = value.get("type")
    if kind == "GeometryCollection":
        return isinstance(value.get("geometries"), list)
    return kind in _GEO_TYPES and "coordinates" in value


def _ld_attr(raw: Any) -> Attr:
    more, others = 0, []
    if isinstance(raw, list):
        more, others, raw = len(raw) - 1, raw[1:], raw[0]
    kind = raw.get("type")
    member = next((m for m, _ in _VALUE_MEMBERS if m in raw), "value")
    if kind in ("Relationship", "ListRelationship") or (
        kind is None and member in ("object", "objectList")
    ):
        member = "objectList" if "objectList" in raw and "object" not in raw else "object"
        attr = Attr(raw.get(member), "relationship")
    elif kind == "LanguageProperty" or (kind is None and member == "languageMap"):
        member = "languageMap"
        attr = Attr(raw.get(member), "language")
    else:
        value = raw.get(member)
        if isinstance(value, dict) and "@value" in value:  # a JSON-LD typed value
            value = value["@value"]
        value = _terms(value)
        attr = Attr(value, "geo" if kind == "GeoProperty" or _is_geo(value) else "property")
    rest = {compact(k): v for k, v in raw.items() if k not in ("type", member)}
    attr.extra, attr.more, attr.others = rest, more, others
    return attr


def _is_concise_attr(v: Any) -> bool:
    """An NGSI-LD concise attribute written as an object: its value under a member, or typed."""
    if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        v = v[0]  # a multi-attribute: one object per datasetId
    if not isinstance(v, dict) or _is_geo(v):
        return False
    return v.get("type") in _LD_TYPES or any(m in v for m, _ in _VALUE_MEMBERS)


def _v2_attr(raw: dict[str, Any]) -> Attr:
    kind = raw.get("type")
    value = raw.get("value")
    meta = raw.get("metadata") or {}
    if kind == "Relationship":
        return Attr(value, "relationship", dict(meta))
    if kind in _V2_SIMPLE_GEO:
        geometry = _simple_geo(str(kind), value)
        if geometry is not None:
            return Attr(geometry, "geo", dict(meta))
    return Attr(value, "geo" if kind == "geo:json" or _is_geo(value) else "property", dict(meta))


#: NGSI-v2's simple location formats and the GeoJSON geometry each stands for.
_V2_SIMPLE_GEO = {"geo:point": "Point", "geo:line": "LineString", "geo:polygon": "Polygon"}


def _simple_geo(kind: str, value: Any) -> dict[str, Any] | None:
    """A ``geo:point`` (``"40.41, -3.70"``, latitude first), ``geo:line`` or ``geo:polygon``.

    As GeoJSON (longitude first); ``None`` when the value is not written so
    (then it is kept as written).
    """
    texts = [value] if kind == "geo:point" else value
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        return None
    positions = []
    for text in texts:
        parts = text.split(",")
        if len(parts) != 2:
            return None
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        positions.append([lon, lat])
    if kind == "geo:point":
        return {"type": "Point", "coordinates": positions[0]}
    if kind == "geo:line":
        return {"type": "LineString", "coordinates": positions}
    return {"type": "Polygon", "coordinates": [positions]}


def _terms(value: Any) -> Any:
    """An object's expanded keys (``https://schema.org/streetAddress``) as short terms."""
    if isinstance(value, dict) and any("://" in k for k in value):
        return {compact(k): v for k, v in value.items()}
    return value


def _plain_attr(raw: Any) -> Attr:
    raw = _terms(raw)
    if not isinstance(raw, dict):
        return Attr(raw)
    if len(raw) == 1:
        if "object" in raw:
            return Attr(raw["object"], "relationship")
        if "languageMap" in raw:
            return Attr(raw["languageMap"], "language")
    return Attr(raw, "geo" if _is_geo(raw) else "property")


def parse_entity(raw: dict[str, Any], place: str) -> NgsiEntity | str:
    """One entity from its JSON object, or what is missing (``"id"``, ``"type"``)."""
    missing = [k for k in ("id", "type") if not isinstance(raw.get(k), str) or not raw.get(k)]
    if missing:
        return " and ".join(missing)
    ld = "@context" in raw or str(raw["id"]).startswith("urn:ngsi-ld:")
    body = {compact(k): v for k, v in raw.items() if k not in ("id", "type", "@context")}
    # a broker's createdAt, modifiedAt and scope sit beside the attributes: they are no
    # attribute and do not decide the form (with them, a normalized entity read as concise)
    members = {k for k in body if k in _ENTITY_MEMBERS} if ld else set()
    values = [v for k, v in body.items() if k not in members]
    if ld and values and all(_is_ld_attr(v) for v in values):
        form = "ngsi-ld"
        attrs = {k: Attr(v) if k in members else _ld_attr(v) for k, v in body.items()}
    elif values and all(isinstance(v, dict) and "value" in v and "type" in v for v in values):
        form, attrs = "ngsi-v2-normalized", {k: _v2_attr(v) for k, v in body.items()}
    elif ld:  # concise: a plain value, or an object with its value under a member
        form = "ngsi-ld-concise"
        attrs = {
            k: _ld_attr(v) if k not in members and _is_concise_attr(v) else _plain_attr(v)
            for k, v in body.items()
        }
    else:
        form, attrs = "ngsi-v2-keyvalues", {k: _plain_attr(v) for k, v in body.items()}
    return NgsiEntity(str(raw["id"]), compact(str(raw["type"])), attrs, form, place)


def split_temporal(raw: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """A temporal entity (``GET /temporal/entities``) as one entity per instant, and its attributes.

    In the NGSI-LD temporal representation each attribute is a list of
    instances with their ``observedAt`` (or, with ``options=temporalValues``,
    ``{"type": "Property", "values": [[value, time], ...]}``). Each instant
    becomes an entity holding the instances of that time and the attributes
    that do not vary; its id is the entity's with the instant
    (``...:m1:20240305T080000Z``). An entity that is not temporal comes back
    alone, with no attribute named.
    """
    temporal: dict[str, list[dict[str, Any]]] = {}
    for name, value in raw.items():
        instances = _instances(value)
        if instances is not None:
            temporal[name] = instances
    if not temporal:
        return [raw], []
    times = sorted({i["observedAt"] for insts in temporal.values() for i in insts})
    fixed = {k: v for k, v in raw.items() if k not in temporal}
    out = []
    for t in times:
        ent = dict(fixed)
        for name, insts in temporal.items():
            at = next((i for i in insts if i["observedAt"] == t), None)
            if at is not None:
                ent[name] = at
        ent["id"] = f"{raw.get('id')}:{re.sub(r'[^0-9A-Za-z.]', '', t)}"
        out.append(ent)
    return out, sorted(temporal)


def _instances(value: Any) -> list[dict[str, Any]] | None:
    """An attribute's temporal instances (two or more, each with its time), or ``None``."""
    if isinstance(value, dict) and isinstance(value.get("values"), list):  # temporalValues
        pairs = value["values"]
        if not all(isinstance(p, list) and len(p) == 2 and isinstance(p[1], str) for p in pairs):
            return None
        kind = {"type": value.get("type", "Property")}
        value = [{**kind, "value": v, "observedAt": t} for v, t in pairs]
    if not isinstance(value, list) or len(value) < 2:
        return None
    if not all(
        isinstance(i, dict) and isinstance(i.get("observedAt"), str) and "datasetId" not in i
        for i in value
    ):
        return None
    return value


def _is_ld_attr(v: Any) -> bool:
    if isinstance(v, list) and v:
        v = v[0]
    return isinstance(v, dict) and v.get("type") in _LD_TYPES


class TooManyRecords(Exception):
    """More entities than ``max_records``; ``args[0]`` is how many were counted."""


def iter_entities(
    path: Path, data: bytes, max_records: int
) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """Each entity object of a JSON (object, array, ``{"entities": [...]}``) or NDJSON file.

    Yields ``(place, object or None, problem)``; ``problem`` says why an item
    is not an object. Raises ``ValueError`` (with line and column) when the
    file does not parse, and :class:`TooManyRecords` past ``max_records``.
    """
    name = path.name
    text = data.decode("utf-8-sig")
    stripped = text.lstrip()
    if path.suffix.lower() in (".ndjson", ".jsonl"):
        n = 0
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            n += 1
            if n > max_records:
                raise TooManyRecords(n)
            obj = _json.loads(line, name, lineno - 1)
            yield from _items(obj, f"{name}:{lineno}")
        return
    if stripped.startswith("["):
        # decoded one entity at a time, twice: first counted (and checked for syntax)
        # with nothing kept, so that too many entities or broken JSON convert nothing
        # and memory holds one entity, not the whole array, whatever its length
        for n, _item in _json.items(text, name):
            if n >= max_records:
                raise TooManyRecords(n + 1)
        for i, item in _json.items(text, name):
            yield from _items(item, f"{name}#/{i}")
        return
    doc = _json.loads(text, name)
    del stripped
    key = ""
    if isinstance(doc, dict):
        key = next(
            (k for k in ("entities", "@graph", "features") if isinstance(doc.get(k), list)), ""
        )
    if key == "features" and doc.get("type") == "FeatureCollection":
        yield from _features(doc, name, max_records)
        return
    if key:  # {"entities": [...]}, a JSON-LD {"@context": ..., "@graph": [...]}
        context = doc.get("@context")
        doc = doc[key]
        if context is not None:  # the document's context is each entity's
            doc = [{**e, "@context": context} if isinstance(e, dict) else e for e in doc]
    if isinstance(doc, list):
        if len(doc) > max_records:
            raise TooManyRecords(len(doc))
        prefix = f"{name}#/{key}/" if key else f"{name}#/"
        for i, item in enumerate(doc):
            yield from _items(item, f"{prefix}{i}")
    else:
        yield from _items(doc, f"{name}#")


def _features(
    doc: dict[str, Any], name: str, max_records: int
) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """The entities of an NGSI-LD GeoJSON answer (``Accept: application/geo+json``).

    Each Feature's ``properties`` hold the entity's type and attributes (the
    geometry repeats one of them), its ``id`` the entity's id.
    """
    features = doc["features"]
    if len(features) > max_records:
        raise TooManyRecords(len(features))
    context = doc.get("@context")
    for i, feat in enumerate(features):
        place = f"{name}#/features/{i}"
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            yield place, None, "no properties"
            continue
        entity: dict[str, Any] = {"id": feat.get("id"), **props}
        if context is not None or "@context" in feat:
            entity["@context"] = feat.get("@context", context)
        yield place, entity, ""


def _items(obj: Any, place: str) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    if isinstance(obj, dict):
        yield place, obj, ""
    else:
        yield place, None, f"a JSON {type(obj).__name__}, not an object"


def write_entity(
    type_name: str,
    entity_id: str,
    attrs: Mapping[str, Any],
    relationships: Mapping[str, str],
    form: str,
) -> dict[str, Any]:
    """One entity in ``form``: ``ngsi-ld``, ``ngsi-ld-concise``, ``ngsi-v2``, ``ngsi-v2-keyvalues``.

    ``relationships`` names the attributes that are Relationships and the
    entity type each points to.
    """
    if form == "ngsi-ld":
        out: dict[str, Any] = {"id": ld_id(entity_id, type_name), "type": type_name}
        for name, value in attrs.items():
            if name in relationships and isinstance(value, str):
                out[name] = {"type": "Relationship", "object": ld_id(value, relationships[name])}
            elif _is_geo(value):
                out[name] = {"type": "GeoProperty", "value": value}
            elif (
                name == "name"
                and isinstance(value, dict)
                and value
                and all(isinstance(v, str) for v in value.values())
            ):
                out[name] = {"type": "LanguageProperty", "languageMap": value}
            else:
                out[name] = {"type": "Property", "value": value}
        out["@context"] = [CONTEXT_URL, CORE_CONTEXT_URL]
        return out
    label = attrs.get("name")
    if isinstance(label, dict) and label and all(isinstance(v, str) for v in label.values()):
        attrs = {**attrs, "name": label.get("zh-CN") or next(iter(label.values()))}
    if form == "ngsi-ld-concise":
        out = {"id": ld_id(entity_id, type_name), "type": type_name}
        for name, value in attrs.items():
            if name in relationships and isinstance(value, str):
                out[name] = {"object": ld_id(value, relationships[name])}
            else:
                out[name] = value
        out["@context"] = [CONTEXT_URL, CORE_CONTEXT_URL]
        return out
    if form == "ngsi-v2":
        out = {"id": entity_id, "type": type_name}
        for name, value in attrs.items():
            out[name] = {
                "type": _v2_type(name, value, relationships),
                "value": value,
                "metadata": {},
            }
        return out
    return {"id": entity_id, "type": type_name, **attrs}


def _v2_type(name: str, value: Any, relationships: Mapping[str, str]) -> str:
    if name in relationships and isinstance(value, str):
        return "Relationship"
    if _is_geo(value):
        return "geo:json"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, (int, float)):
        return "Number"
    if isinstance(value, str):
        return "DateTime" if re.match(r"^\d{4}-\d\d-\d\dT", value) else "Text"
    if isinstance(value, list):
        return "StructuredValue"
    return "StructuredValue"
