"""FIWARE Smart Data Models <-> SCDS: buildings, devices, alerts, issues and measurements.

The source types: Building, Device (and Camera), Alert, IssueReporting (and
service_requests) and DeviceMeasurement.

Reading: an NGSI entity of a known type becomes an SCDS record. Attributes
the model maps (``floorsAboveGround`` -> ``floors_above``) land in fields;
codes come through the crosswalk (marked ``crosswalk`` in
``provenance.imputed``) and the source value stays beside them under the
source's own name (``fiware:category``); every other attribute is kept as an
extension field (``fiware:streamURL``), or, when it already carries an SCDS
field's name (what :func:`to_ngsi` writes), as that field. A Relationship
becomes a reference (``refBuilding`` -> ``building_id``) that SC202 resolves.
A DeviceMeasurement becomes an Observation (``refDevice`` -> ``device_id``,
``dateObserved`` -> ``observed_at``, ``numValue``/``textValue`` -> ``value``).
Entities of the standard's own types (``Community``, ``Organization`` ...)
pass field for field.

Writing is the reverse; source values kept as extension fields win, so
FIWARE -> SCDS -> NGSI-LD -> SCDS gives back the same records.

FIWARE 智慧数据模型与标准之间的转换：映射字段、经对照表转换代码（记为推定），
其余属性以来源名称保留为扩展字段。
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values
from smartstd.interchange.ngsi import Attr, NgsiEntity, plain_id, write_entity

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = ["SOURCE_TYPES", "from_ngsi", "to_ngsi"]

_PREFIX = "fiware"


@dataclass(frozen=True)
class _Model:
    scds: str
    read: Callable[[Conversion, Draft, NgsiEntity, set[str]], None]
    write: Callable[[dict[str, Any], Crosswalk, dict[str, Any]], str]
    #: attribute names that are the source model's own (never read as SCDS fields)
    own: frozenset[str]
    #: SCDS fields the writer maps (not written again under their own name)
    mapped: frozenset[str]
    #: attributes the writer makes Relationships, and the entity type each points to
    links: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))


def _fields(type_name: str) -> Mapping[str, Any]:
    from smartstd.standard.dataset import ENTITY_TYPES

    return _fields_of(ENTITY_TYPES[type_name])


def _refs(type_name: str) -> Mapping[str, str]:
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


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _code(
    conv: Conversion, d: Draft, ent: NgsiEntity, field: str, table: str, attr: str, value: Any
) -> bool:
    """Set ``field`` from a source value through a crosswalk table; mark it."""
    if value is None or value == [] or (isinstance(value, (dict, list)) and not _first(value)):
        return False
    raw = str(_first(value))
    hit = conv.crosswalk.table(table).lookup(raw, _PREFIX)
    place = f"{ent.place}/{attr}"
    d.set(field, hit.code, place)
    d.mark(field, "crosswalk", f"{attr} {raw!r} via {table}", place)
    if ":" in hit.code and hit.how == "namespaced":
        conv.prefixes.add(_PREFIX)
    if not hit.exact:
        d.issue("CV300", field, value=raw, table=table, code=hit.code)
    return True


def _time(
    conv: Conversion, d: Draft, ent: NgsiEntity, field: str, attr: str, used: set[str]
) -> None:
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


def _take(
    d: Draft,
    ent: NgsiEntity,
    attr: str,
    field: str,
    used: set[str],
    convert: Callable[[Any], Any] | None = None,
) -> None:
    a = ent.attrs.get(attr)
    if a is None or a.value is None:
        return
    d.set(field, a.value if convert is None else convert(a.value), f"{ent.place}/{attr}")
    used.add(attr)


def _geo(d: Draft, ent: NgsiEntity, used: set[str], polygon_field: str | None) -> None:
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


def _name(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str], required: bool) -> None:
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


# ----------------------------------------------------------------------------- Building


def _read_building(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    if "category" in ent.attrs:
        _code(
            conv,
            d,
            ent,
            "category",
            "fiware.building_category",
            "category",
            ent.attrs["category"].value,
        )
    _geo(d, ent, used, "footprint" if "footprint" in _fields("Building") else None)
    _name(conv, d, ent, used, required=True)
    _take(d, ent, "floorsAboveGround", "floors_above", used)
    _take(d, ent, "floorsBelowGround", "floors_below", used)
    addr = ent.attrs.get("address")
    if (
        addr is not None
        and isinstance(addr.value, dict)
        and "postal_address" in _fields("Building")
    ):
        pa = _postal(addr.value)
        if pa:
            d.set("postal_address", pa, f"{ent.place}/address")


def _postal(src: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, field in (
        ("addressRegion", "province"),
        ("addressLocality", "city"),
        ("district", "district"),
        ("streetAddress", "road"),
        ("streetNr", "number"),
    ):
        v = src.get(key)
        if isinstance(v, str) and v.strip():
            out[field] = v.strip()
    pc = src.get("postalCode")
    if isinstance(pc, str) and re.fullmatch(r"[0-9]{6}", pc):
        out["postal_code"] = pc
    return out


def _write_building(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    out["category"] = [
        cw.table("fiware.building_category").source_value(rec.get("category", "other"))
    ]
    loc, foot = rec.get("location"), rec.get("footprint")
    if loc is not None:
        out["location"] = loc
        if foot is not None:
            out["footprint"] = foot
    elif foot is not None:
        out["location"] = foot
    _write_name(rec, out)
    for field, attr in (
        ("floors_above", "floorsAboveGround"),
        ("floors_below", "floorsBelowGround"),
    ):
        if field in rec:
            out[attr] = rec[field]
    pa = rec.get("postal_address")
    pa = pa if isinstance(pa, dict) else {}
    addr: dict[str, str] = {}
    for field, key in (
        ("province", "addressRegion"),
        ("city", "addressLocality"),
        ("district", "district"),
        ("road", "streetAddress"),
        ("number", "streetNr"),
        ("postal_code", "postalCode"),
    ):
        if field in pa:
            addr[key] = pa[field]
    if not addr and isinstance(rec.get("address"), dict) and rec["address"]:
        addr["streetAddress"] = next(iter(rec["address"].values()))
    out["address"] = addr
    return "Building"


def _write_name(rec: dict[str, Any], out: dict[str, Any]) -> None:
    name = rec.get("name")
    if isinstance(name, dict) and name:
        out["name"] = name  # a LanguageProperty in NGSI-LD; one language's text in the other forms


# ----------------------------------------------------------------------------- Device


def _read_device(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    cw = conv.crosswalk.table("fiware.device_kind")
    candidates: list[tuple[str, Any]] = []
    if ent.type != "Device":
        candidates.append(("type", ent.type))
    for attr in ("cameraUsage", "controlledProperty", "deviceCategory"):
        a = ent.attrs.get(attr)
        if a is not None:
            items = a.value if isinstance(a.value, list) else [a.value]
            candidates.extend((attr, v) for v in items if isinstance(v, str))
    if "kind" not in ent.attrs:
        exact = next(((a, v) for a, v in candidates if cw.lookup(v, _PREFIX).exact), None)
        pick = exact or (candidates[0] if candidates else None)
        if pick is not None:
            _code(conv, d, ent, "kind", "fiware.device_kind", pick[0], pick[1])
        else:
            d.issue("CV124", "kind", field="kind")
    if "status" not in ent.attrs:
        state = ent.attrs.get("deviceState")
        on = ent.attrs.get("on")
        if state is not None and isinstance(state.value, str):
            _code(conv, d, ent, "status", "fiware.device_status", "deviceState", state.value)
        elif on is not None and isinstance(on.value, bool):
            _code(conv, d, ent, "status", "fiware.device_status", "on", "on" if on.value else "off")
        elif conv.crosswalk.default("fiware.device_status"):
            d.impute(
                "status",
                conv.crosswalk.default("fiware.device_status"),
                "default",
                "the source says nothing of the device's state",
            )
    _geo(d, ent, used, None)
    _time(
        conv,
        d,
        ent,
        "installed_at",
        "dateInstalled" if "dateInstalled" in ent.attrs else "dateFirstUsed",
        used,
    )
    _time(conv, d, ent, "last_seen_at", "dateLastValueReported", used)
    if "captures_personal_data" not in ent.attrs and d.record.get("kind") in (
        "cctv_camera",
        "face_recognition_gate",
    ):
        d.impute(
            "captures_personal_data",
            True,
            "derived",
            "a camera or face gate captures images of people",
        )


#: What a device of each kind senses, in the words of Smart Data Models' controlledProperty.
_PROPERTY = {
    "smoke_detector": "smoke",
    "gas_detector": "gasConsumption",
    "water_leak": "waterLevel",
    "elevator_monitor": "motion",
    "hydrant_pressure": "pressure",
    "parking_sensor": "occupancy",
    "air_quality": "airPollution",
    "smart_meter": "electricityConsumption",
    "access_control": "gateOpening",
    "face_recognition_gate": "gateOpening",
    "cctv_camera": "motion",
    "emergency_button": "motion",
}


def _write_device(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    kind = rec.get("kind", "")
    kind = kind if isinstance(kind, str) else ""
    type_name = str(rec.get(f"{_PREFIX}:type", "Device"))
    if type_name == "Camera":
        if "status" in rec:
            out["on"] = rec["status"] == "active"
    else:
        out["deviceCategory"] = [cw.table("fiware.device_kind").source_value(kind)]
        out["controlledProperty"] = [_PROPERTY.get(kind, "motion")]
        if "status" in rec:
            out["deviceState"] = cw.table("fiware.device_status").source_value(rec["status"])
    if "location" in rec:
        out["location"] = rec["location"]
    if "installed_at" in rec:
        out["dateInstalled"] = rec["installed_at"]
    if "last_seen_at" in rec:
        out["dateLastValueReported"] = rec["last_seen_at"]
    return type_name


# ----------------------------------------------------------------------------- Alert


def _read_alert(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    table = conv.crosswalk.table("fiware.alert_category")
    sub, cat = ent.attrs.get("subCategory"), ent.attrs.get("category")
    if sub is not None and isinstance(sub.value, str) and table.lookup(sub.value, _PREFIX).exact:
        _code(conv, d, ent, "category", "fiware.alert_category", "subCategory", sub.value)
    elif cat is not None:
        _code(conv, d, ent, "category", "fiware.alert_category", "category", cat.value)
    else:
        d.issue("CV124", "category", field="category")
    sev = ent.attrs.get("severity")
    if sev is not None:
        _code(conv, d, ent, "severity", "fiware.alert_severity", "severity", sev.value)
    else:
        d.issue("CV124", "severity", field="severity")
    _time(conv, d, ent, "detected_at", "dateIssued", used)
    _geo(d, ent, used, None)
    _take(d, ent, "description", "description", used)
    if "status" not in ent.attrs and conv.crosswalk.default("fiware.alert_status"):
        d.impute(
            "status",
            conv.crosswalk.default("fiware.alert_status"),
            "default",
            "the source has no handling status",
        )


def _write_alert(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    cat = rec.get("category", "")
    out["category"] = cw.table("fiware.alert_category").source_value(cat)
    if "severity" in rec:
        out["severity"] = cw.table("fiware.alert_severity").source_value(rec["severity"])
    if "detected_at" in rec:
        out["dateIssued"] = rec["detected_at"]
    if "location" in rec:
        out["location"] = rec["location"]
    if "description" in rec:
        out["description"] = rec["description"]
    out["alertSource"] = rec.get("device_id") or rec.get("community_id") or rec.get("id")
    return "Alert"


# ----------------------------------------------------------------------------- IssueReporting


def _read_issue(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    if ent.type == "service_requests":
        from smartstd.interchange.open311 import read_request_fields

        fields = {k: a.value for k, a in ent.attrs.items()}
        loc = fields.pop("location", None)
        if isinstance(loc, dict) and loc.get("type") == "Point":
            fields["long"], fields["lat"] = loc["coordinates"][0], loc["coordinates"][1]
            used.add("location")
        if "address_string" in fields:
            fields["address"] = fields.pop("address_string")
        taken = read_request_fields(conv, d, fields, ent.place, _PREFIX, skip_id=True)
        if "address" in taken:
            taken.add("address_string")
        used.update(taken)
        return
    if "category" in ent.attrs:
        _code(
            conv,
            d,
            ent,
            "category",
            "fiware.request_category",
            "category",
            ent.attrs["category"].value,
        )
    else:
        d.issue("CV124", "category", field="category")
    if "status" not in ent.attrs:
        st = ent.attrs.get("resolutionStatus")
        if st is not None:
            _code(conv, d, ent, "status", "fiware.request_status", "resolutionStatus", st.value)
        else:
            d.issue("CV124", "status", field="status")
    _time(
        conv,
        d,
        ent,
        "submitted_at",
        "observationDateTime" if "observationDateTime" in ent.attrs else "dateCreated",
        used,
    )
    _take(d, ent, "comments", "description", used)
    media = ent.attrs.get("mediaURL")
    if media is not None and isinstance(media.value, str) and re.match(r"^https?://", media.value):
        d.set("media_urls", [media.value], f"{ent.place}/mediaURL")
        used.add("mediaURL")
    loc = ent.attrs.get("location")
    if loc is not None and isinstance(loc.value, dict) and loc.value.get("type") == "Point":
        d.set("location", {"geometry": loc.value}, f"{ent.place}/location")
        used.add("location")
    _request_defaults(conv, d, ent)


def _request_defaults(conv: Conversion, d: Draft, ent: NgsiEntity) -> None:
    channel = conv.crosswalk.default(f"{_PREFIX}.request_channel")
    if "channel" not in ent.attrs and channel:
        d.impute("channel", channel, "default", "the source does not say how the request came in")
    fields = _fields("ServiceRequest")
    if (
        "history" in fields
        and "history" not in ent.attrs
        and d.record.get("status") not in (None, "submitted")
        and "events" not in ent.attrs
    ):
        d.impute("history", "partial", "derived", "the source holds no event history")


def _write_issue(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    if rec.get(f"{_PREFIX}:type") == "service_requests":
        from smartstd.interchange.open311 import write_request_fields

        fields = write_request_fields(rec, cw, _PREFIX)
        lat, lon = fields.pop("lat", None), fields.pop("long", None)
        if lat is not None and lon is not None:
            out["location"] = {"type": "Point", "coordinates": [lon, lat]}
        if "address" in fields:
            out["address_string"] = fields.pop("address")
        out.update(fields)
        return "service_requests"
    out["category"] = cw.table("fiware.request_category").source_value(rec.get("category", ""))
    if "status" in rec:
        out["resolutionStatus"] = cw.table("fiware.request_status").source_value(rec["status"])
    if "submitted_at" in rec:
        out["observationDateTime"] = rec["submitted_at"]
    if "description" in rec:
        out["comments"] = rec["description"]
    media = rec.get("media_urls")
    if isinstance(media, list) and media:
        out["mediaURL"] = media[0]
    loc = rec.get("location")
    geom = loc.get("geometry") if isinstance(loc, dict) else None
    if geom is not None:
        out["location"] = geom
    return "IssueReporting"


# ----------------------------------------------------------------------------- DeviceMeasurement

#: The source types whose entities become Devices: a measurement's ``refDevice``
#: loses their URN head, as their own ids do, so SC202 finds the device.
_DEVICE_SOURCES = ("Device", "Camera")
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_UNIT_MAX = 32


def _device_ref(value: str) -> str:
    for type_name in _DEVICE_SOURCES:
        plain = plain_id(value, type_name)
        if plain != value:
            return plain
    return value


@lru_cache(maxsize=4096)  # a platform measures few properties, a great many times
def _property_name(text: str) -> str:
    """``airPollution`` -> ``air_pollution``, ``PM2.5`` -> ``pm2_5`` (``""`` if nothing is left)."""
    if _PROPERTY_NAME.match(text):
        return text
    token = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text.strip()).lower()
    return re.sub(r"[^a-z0-9_]+", "_", token).strip("_")[:64]


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _read_measurement(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    attrs = ent.attrs
    if "device_id" not in d.record:
        ref = attrs.get("refDevice")
        if ref is None or ref.value in (None, ""):
            d.issue("CV126", "device_id", attr="refDevice", field="device_id")
        elif isinstance(ref.value, str):
            d.set("device_id", _device_ref(ref.value), f"{ent.place}/refDevice")
            used.add("refDevice")
        else:
            d.issue(
                "CV120",
                "device_id",
                f"{ent.place}/refDevice",
                value=_text(ref.value),
                expected="the id of one device (refDevice), e.g. urn:ngsi-ld:Device:dev-001",
            )
    if "observed_at" not in d.record:
        when = attrs.get("dateObserved")
        if when is None or when.value in (None, ""):
            d.issue("CV126", "observed_at", attr="dateObserved", field="observed_at")
        else:
            _time(conv, d, ent, "observed_at", "dateObserved", used)
    if "property" not in d.record:
        _measured_property(d, ent, used)
    if "value" not in d.record:
        _measured_value(d, ent, used)
    unit = attrs.get("unit")
    if "unit" not in d.record and unit is not None and unit.value not in (None, ""):
        if isinstance(unit.value, str) and len(unit.value) <= _UNIT_MAX:
            d.set("unit", unit.value, f"{ent.place}/unit")
            used.add("unit")
        else:
            d.issue(
                "CV120",
                "unit",
                f"{ent.place}/unit",
                value=_text(unit.value),
                expected=f"a unit code of at most {_UNIT_MAX} characters (e.g. Cel, %, kW.h)",
            )
    outlier = attrs.get("outlier")
    if "quality" not in d.record and outlier is not None and outlier.value is True:
        d.impute(
            "quality",
            "suspect",
            "derived",
            "outlier is true: the source marks the value for special processing",
            f"{ent.place}/outlier",
        )


def _measured_property(d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    a = ent.attrs.get("controlledProperty")
    if a is None or a.value in (None, "", []):
        d.issue("CV126", "property", attr="controlledProperty", field="property")
        return
    place = f"{ent.place}/controlledProperty"
    one = a.value[0] if isinstance(a.value, list) and len(a.value) == 1 else a.value
    name = _property_name(one) if isinstance(one, str) else ""
    if not _PROPERTY_NAME.match(name):
        d.issue(
            "CV120",
            "property",
            place,
            value=_text(a.value),
            expected="one property name (letters, digits and _, e.g. relative_humidity)",
        )
        return
    d.set("property", name, place)
    if name == a.value:
        used.add("controlledProperty")
    else:  # the source's spelling stays beside it (fiware:controlledProperty)
        d.mark("property", "derived", f"controlledProperty {a.value!r} written as {name}", place)


def _measured_value(d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    num, text = ent.attrs.get("numValue"), ent.attrs.get("textValue")
    if num is not None and num.value is not None:
        place = f"{ent.place}/numValue"
        if _finite(num.value):
            d.set("value", num.value, place)
            used.add("numValue")
            return
        try:
            read = values.number(num.value, integer=False)
        except ValueError:
            read = math.nan
        if isinstance(num.value, str) and math.isfinite(read):
            d.set("value", read, place)  # the text stays beside it (fiware:numValue)
            d.mark("value", "derived", f"numValue {num.value!r} is text; read as {read}", place)
            return
        d.issue("CV120", "value", place, value=_text(num.value), expected="a number (numValue)")
    if text is not None and isinstance(text.value, str) and text.value:
        d.set("value", text.value, f"{ent.place}/textValue")
        used.add("textValue")


def _write_measurement(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    for field_name, attr in (
        ("device_id", "refDevice"),
        ("observed_at", "dateObserved"),
        ("property", "controlledProperty"),
        ("unit", "unit"),
    ):
        if field_name in rec:
            out[attr] = rec[field_name]
    value = rec.get("value")
    if isinstance(value, bool):  # DeviceMeasurement has no boolean value: its text
        out["textValue"] = "true" if value else "false"
    elif isinstance(value, (int, float)):
        out["numValue"] = value
    elif isinstance(value, str):
        out["textValue"] = value
    # quality travels under its own name (outlier, read into it, stays fiware:outlier)
    return "DeviceMeasurement"


_MODELS: dict[str, _Model] = {
    "Building": _Model(
        "Building",
        _read_building,
        _write_building,
        frozenset(
            {
                "category",
                "location",
                "name",
                "address",
                "floorsAboveGround",
                "floorsBelowGround",
                "description",
            }
        ),
        frozenset(
            {
                "category",
                "location",
                "footprint",
                "name",
                "floors_above",
                "floors_below",
                "postal_address",
            }
        ),
    ),
    "Device": _Model(
        "Device",
        _read_device,
        _write_device,
        frozenset(
            {
                "location",
                "name",
                "description",
                "deviceState",
                "deviceCategory",
                "controlledProperty",
                "dateInstalled",
                "dateFirstUsed",
                "dateLastValueReported",
                "on",
            }
        ),
        frozenset({"kind", "status", "location", "installed_at", "last_seen_at"}),
    ),
    "Alert": _Model(
        "Alert",
        _read_alert,
        _write_alert,
        frozenset(
            {
                "category",
                "subCategory",
                "severity",
                "dateIssued",
                "location",
                "description",
                "alertSource",
                "name",
            }
        ),
        frozenset({"category", "severity", "detected_at", "location", "description"}),
    ),
    "IssueReporting": _Model(
        "ServiceRequest",
        _read_issue,
        _write_issue,
        frozenset(
            {
                "category",
                "resolutionStatus",
                "observationDateTime",
                "comments",
                "mediaURL",
                "location",
                "description",
                "name",
                "title",
            }
        ),
        frozenset({"category", "status", "submitted_at", "description", "media_urls", "location"}),
    ),
}
_OPEN311_OWN = frozenset(
    {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address_string",
        "address_id",
        "zipcode",
        "media_url",
        "location",
        "jurisdiction_id",
        "attributes",
        "email",
        "first_name",
        "last_name",
        "phone",
        "device_id",
        "account_id",
    }
)
_MODELS["Camera"] = _MODELS["Device"]
_MODELS["DeviceMeasurement"] = _Model(
    "Observation",
    _read_measurement,
    _write_measurement,
    frozenset(
        {
            "refDevice",
            "dateObserved",
            "controlledProperty",
            "numValue",
            "textValue",
            "unit",
            "outlier",
        }
    ),
    frozenset({"device_id", "observed_at", "property", "value", "unit"}),
    MappingProxyType({"refDevice": "Device"}),
)
_MODELS["service_requests"] = _Model(
    "ServiceRequest",
    _read_issue,
    _write_issue,
    _OPEN311_OWN,
    frozenset(
        {"category", "status", "submitted_at", "description", "media_urls", "location", "due_at"}
    ),
)

#: Source types that are the only one of their SCDS type (what export writes by default):
#: their name is not kept as ``fiware:type``.
_SOLE_SOURCES = frozenset({"IssueReporting", "DeviceMeasurement"})

#: The source types read, and the SCDS type each becomes.
SOURCE_TYPES: dict[str, str] = {k: m.scds for k, m in _MODELS.items()}


# ----------------------------------------------------------------------------- reading


def from_ngsi(conv: Conversion, ent: NgsiEntity) -> None:
    """Convert one NGSI entity into a draft of the conversion (or report why not)."""
    from smartstd.standard.dataset import ENTITY_TYPES

    model = _MODELS.get(ent.type)
    if model is None and ent.type not in ENTITY_TYPES:
        conv.issue(
            "CV200",
            ent.place,
            source_type=ent.type,
            known=", ".join(sorted({*_MODELS, *ENTITY_TYPES})),
        )
        conv.drop(ent.place, ent.id, f"entity type {ent.type!r} cannot be converted")
        return
    scds = model.scds if model else ent.type
    d = conv.draft(scds, ent.place, _PREFIX)
    d.set("id", plain_id(ent.id, ent.type), ent.place)
    if model is not None and ent.type != model.scds and ent.type not in _SOLE_SOURCES:
        d.keep("type", ent.type)
    fields = _fields(scds)
    refs = _refs(scds)
    used: set[str] = set()
    own = model.own if model else frozenset()
    # fields the source already names (what to_ngsi writes) come first
    for name, a in ent.attrs.items():
        if name in own or (name not in fields and name != "provenance") or name in ("id", "type"):
            continue
        d.set(name, _plain(a, name in refs), f"{ent.place}/{name}")
        used.add(name)
    if model is not None:
        model.read(conv, d, ent, used)
    for name, a in ent.attrs.items():
        if name not in used:
            target = _ref_field(name, a, fields)
            if target is not None and target not in d.record:
                d.set(target, plain_id(str(a.value)), f"{ent.place}/{name}")
            else:
                d.keep(name, _plain(a, False), f"{ent.place}/{name}")
        if a.extra or a.more:  # metadata has no place, whether the value landed or was kept
            _extra(conv, d, ent, name, a)


def _ref_field(name: str, a: Attr, fields: Mapping[str, Any]) -> str | None:
    """``refBuilding`` (a Relationship) -> ``building_id`` when the type has that field."""
    if a.kind != "relationship" or not isinstance(a.value, str) or not name.startswith("ref"):
        return None
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name[3:]).lower() + "_id"
    return snake if snake in fields else None


def _plain(a: Attr, is_ref: bool) -> Any:
    if a.kind == "relationship" and isinstance(a.value, str):
        return plain_id(a.value)
    return a.value


def _extra(conv: Conversion, d: Draft, ent: NgsiEntity, name: str, a: Attr) -> None:
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
            None,
            d,
        )


# ----------------------------------------------------------------------------- writing


def to_ngsi(rec: dict[str, Any], crosswalk: Crosswalk, form: str) -> dict[str, Any]:
    """One SCDS record as an NGSI entity in ``form``.

    ``form`` is one of :func:`~smartstd.interchange.ngsi.write_entity`'s.
    """
    scds = str(rec["type"])
    source = {
        "Device": "Device",
        "Building": "Building",
        "Alert": "Alert",
        "ServiceRequest": "IssueReporting",
        "Observation": "DeviceMeasurement",
    }.get(scds)
    out: dict[str, Any] = {}
    model = _MODELS.get(source) if source else None
    type_name = scds
    if model is not None:
        type_name = model.write(rec, crosswalk, out)
        model = _MODELS[type_name]
    refs = _refs(scds)
    own = model.own if model else frozenset()
    mapped = model.mapped if model else frozenset()
    for key, value in rec.items():
        if key in ("id", "type") or key == f"{_PREFIX}:type":
            continue
        if key.startswith(f"{_PREFIX}:"):
            out[key[len(_PREFIX) + 1 :]] = value
        elif key not in mapped and key not in own:
            out[key] = value
    rels = {k: refs[k] for k in refs if k in out}
    if model is not None:
        rels.update((k, t) for k, t in model.links.items() if k in out)
    return write_entity(type_name, str(rec["id"]), out, rels, form)
