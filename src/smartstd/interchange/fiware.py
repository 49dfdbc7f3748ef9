"""FIWARE Smart Data Models <-> SCDS: buildings, devices, alerts, issues and measurements.

The source types: Building, Device (and Camera), Alert, IssueReporting (and
service_requests), DeviceMeasurement, and the multi-reading "*Observed" models
(AirQualityObserved, WeatherObserved ...: one Observation per reading, see
:mod:`~smartstd.interchange._observed`).

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

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from smartstd.interchange._measurement import MEASUREMENT
from smartstd.interchange._observed import OBSERVED, read_observed
from smartstd.interchange._sdm import (
    PREFIX,
    Model,
    drop_metadata,
    set_code,
    set_geo,
    set_name,
    set_time,
    take,
    type_fields,
    type_refs,
)
from smartstd.interchange.ngsi import Attr, NgsiEntity, plain_id, write_entity

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = ["SOURCE_TYPES", "from_ngsi", "to_ngsi"]

# ----------------------------------------------------------------------------- Building


def _read_building(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    if "category" in ent.attrs:
        set_code(
            conv,
            d,
            ent,
            "category",
            "fiware.building_category",
            "category",
            ent.attrs["category"].value,
        )
    set_geo(d, ent, used, "footprint" if "footprint" in type_fields("Building") else None)
    set_name(conv, d, ent, used, required=True)
    take(d, ent, "floorsAboveGround", "floors_above", used)
    take(d, ent, "floorsBelowGround", "floors_below", used)
    addr = ent.attrs.get("address")
    if (
        addr is not None
        and isinstance(addr.value, dict)
        and "postal_address" in type_fields("Building")
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
        exact = next(((a, v) for a, v in candidates if cw.lookup(v, PREFIX).exact), None)
        pick = exact or (candidates[0] if candidates else None)
        if pick is not None:
            set_code(conv, d, ent, "kind", "fiware.device_kind", pick[0], pick[1])
        else:
            d.issue("CV124", "kind", field="kind")
    if "status" not in ent.attrs:
        state = ent.attrs.get("deviceState")
        on = ent.attrs.get("on")
        if state is not None and isinstance(state.value, str):
            set_code(conv, d, ent, "status", "fiware.device_status", "deviceState", state.value)
        elif on is not None and isinstance(on.value, bool):
            set_code(
                conv, d, ent, "status", "fiware.device_status", "on", "on" if on.value else "off"
            )
        elif conv.crosswalk.default("fiware.device_status"):
            d.impute(
                "status",
                conv.crosswalk.default("fiware.device_status"),
                "default",
                "the source says nothing of the device's state",
            )
    set_geo(d, ent, used, None)
    set_time(
        conv,
        d,
        ent,
        "installed_at",
        "dateInstalled" if "dateInstalled" in ent.attrs else "dateFirstUsed",
        used,
    )
    set_time(conv, d, ent, "last_seen_at", "dateLastValueReported", used)
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
    type_name = str(rec.get(f"{PREFIX}:type", "Device"))
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
    if sub is not None and isinstance(sub.value, str) and table.lookup(sub.value, PREFIX).exact:
        set_code(conv, d, ent, "category", "fiware.alert_category", "subCategory", sub.value)
    elif cat is not None:
        set_code(conv, d, ent, "category", "fiware.alert_category", "category", cat.value)
    else:
        d.issue("CV124", "category", field="category")
    sev = ent.attrs.get("severity")
    if sev is not None:
        set_code(conv, d, ent, "severity", "fiware.alert_severity", "severity", sev.value)
    else:
        d.issue("CV124", "severity", field="severity")
    set_time(conv, d, ent, "detected_at", "dateIssued", used)
    set_geo(d, ent, used, None)
    take(d, ent, "description", "description", used)
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
        taken = read_request_fields(conv, d, fields, ent.place, PREFIX, skip_id=True)
        if "address" in taken:
            taken.add("address_string")
        used.update(taken)
        return
    if "category" in ent.attrs:
        set_code(
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
            set_code(conv, d, ent, "status", "fiware.request_status", "resolutionStatus", st.value)
        else:
            d.issue("CV124", "status", field="status")
    set_time(
        conv,
        d,
        ent,
        "submitted_at",
        "observationDateTime" if "observationDateTime" in ent.attrs else "dateCreated",
        used,
    )
    take(d, ent, "comments", "description", used)
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
    channel = conv.crosswalk.default(f"{PREFIX}.request_channel")
    if "channel" not in ent.attrs and channel:
        d.impute("channel", channel, "default", "the source does not say how the request came in")
    fields = type_fields("ServiceRequest")
    if (
        "history" in fields
        and "history" not in ent.attrs
        and d.record.get("status") not in (None, "submitted")
        and "events" not in ent.attrs
    ):
        d.impute("history", "partial", "derived", "the source holds no event history")


def _write_issue(rec: dict[str, Any], cw: Crosswalk, out: dict[str, Any]) -> str:
    if rec.get(f"{PREFIX}:type") == "service_requests":
        from smartstd.interchange.open311 import write_request_fields

        fields = write_request_fields(rec, cw, PREFIX)
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


_MODELS: dict[str, Model] = {
    "Building": Model(
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
    "Device": Model(
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
    "Alert": Model(
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
    "IssueReporting": Model(
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
_MODELS["DeviceMeasurement"] = MEASUREMENT
_MODELS["service_requests"] = Model(
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
SOURCE_TYPES: dict[str, str] = {
    **{k: m.scds for k, m in _MODELS.items()},
    **dict.fromkeys(OBSERVED, "Observation"),
}


# ----------------------------------------------------------------------------- reading


def from_ngsi(conv: Conversion, ent: NgsiEntity) -> None:
    """Convert one NGSI entity into a draft of the conversion (or report why not)."""
    from smartstd.standard.dataset import ENTITY_TYPES

    if ent.type in OBSERVED:  # many readings in one entity: one Observation each
        read_observed(conv, ent)
        return
    model = _MODELS.get(ent.type)
    if model is None and ent.type not in ENTITY_TYPES:
        conv.issue(
            "CV200",
            ent.place,
            source_type=ent.type,
            known=", ".join(sorted({*_MODELS, *OBSERVED, *ENTITY_TYPES})),
        )
        conv.drop(ent.place, ent.id, f"entity type {ent.type!r} cannot be converted")
        return
    scds = model.scds if model else ent.type
    d = conv.draft(scds, ent.place, PREFIX)
    d.set("id", plain_id(ent.id, ent.type), ent.place)
    if model is not None and ent.type != model.scds and ent.type not in _SOLE_SOURCES:
        d.keep("type", ent.type)
    fields = type_fields(scds)
    refs = type_refs(scds)
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
            drop_metadata(conv, d, ent, name, a)


def _ref_field(name: str, a: Attr, fields: Mapping[str, Any]) -> str | None:
    """``refBuilding`` (a Relationship) -> ``building_id`` when the type has that field."""
    if a.kind != "relationship" or not isinstance(a.value, str) or not name.startswith("ref"):
        return None
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name[3:]).lower() + "_id"
    return snake if snake in fields else None


def _unwritable_time(written: Any, kept: Any) -> bool:
    """A kept source time the model replaced by an RFC 3339 one (``2016-03-15T11:00:00``).

    NGSI's ``DateTime`` is RFC 3339 (upstream schemas say ``format: date-time``):
    a source time without an offset is not written back over the time read.
    """
    from smartstd.interchange.values import is_timestamp

    return is_timestamp(written) and not is_timestamp(kept)


def _plain(a: Attr, is_ref: bool) -> Any:
    if a.kind == "relationship" and isinstance(a.value, str):
        return plain_id(a.value)
    return a.value


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
    refs = type_refs(scds)
    own = model.own if model else frozenset()
    mapped = model.mapped if model else frozenset()
    for key, value in rec.items():
        if key in ("id", "type") or key == f"{PREFIX}:type":
            continue
        if key.startswith(f"{PREFIX}:"):
            name = key[len(PREFIX) + 1 :]
            if name in own and name in out and _unwritable_time(out[name], value):
                continue  # the source wrote no offset: the time read (with one) goes out
            out[name] = value
        elif key not in mapped and key not in own:
            out[key] = value
    rels = {k: refs[k] for k in refs if k in out}
    if model is not None:
        rels.update((k, t) for k, t in model.links.items() if k in out)
    return write_entity(type_name, str(rec["id"]), out, rels, form)
