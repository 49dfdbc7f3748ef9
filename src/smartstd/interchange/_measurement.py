"""Smart Data Models DeviceMeasurement <-> SCDS Observation: one reading of one device.

``refDevice`` -> ``device_id`` (a reference SC202 resolves), ``dateObserved``
(else the value's NGSI-LD ``observedAt`` or NGSI-v2 ``TimeInstant``) ->
``observed_at``, ``controlledProperty`` -> ``property`` (respelled in lower
case with ``_``), ``numValue`` or else ``textValue`` -> ``value``, ``unit`` ->
``unit`` (a UN/CEFACT code through the unit table to UCUM, ``CEL`` ->
``Cel``), ``outlier: true`` -> ``quality: suspect``. A value the reader had to
respell or read keeps its source beside it (``fiware:controlledProperty``);
a missing required attribute is ``CV126``, an unreadable one ``CV120``.
``property`` is not a code list of the standard, so no crosswalk table
applies; units go through :mod:`~smartstd.interchange._units`.

设备读数（DeviceMeasurement）与标准观测（Observation）之间的转换。
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values
from smartstd.interchange._sdm import Model, set_time
from smartstd.interchange._units import UNIT_MAX, read_unit, write_unit
from smartstd.interchange.ngsi import Attr, NgsiEntity, plain_id

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = ["MEASUREMENT", "device_ref", "property_name"]

#: The source types whose entities become Devices: a measurement's ``refDevice``
#: loses their URN head, as their own ids do, so SC202 finds the device.
_DEVICE_SOURCES = ("Device", "Camera")
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def device_ref(value: str) -> str:
    for type_name in _DEVICE_SOURCES:
        plain = plain_id(value, type_name)
        if plain != value:
            return plain
    return value


@lru_cache(maxsize=4096)  # a platform measures few properties, a great many times
def property_name(text: str) -> str:
    """``airPollution`` -> ``air_pollution``, ``PM2.5`` -> ``pm2_5`` (``""`` if nothing is left)."""
    if _PROPERTY_NAME.match(text):
        return text
    token = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text.strip()).lower()
    return re.sub(r"[^a-z0-9_]+", "_", token).strip("_")[:64]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _read_measurement(conv: Conversion, d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    attrs = ent.attrs
    if "device_id" not in d.record:
        ref = attrs.get("refDevice")
        if ref is None or ref.value in (None, ""):
            d.issue("CV126", "device_id", attr="refDevice", field="device_id")
        elif isinstance(ref.value, str):
            d.set("device_id", device_ref(ref.value), f"{ent.place}/refDevice")
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
        if when is not None and when.value not in (None, ""):
            set_time(conv, d, ent, "observed_at", "dateObserved", used)
        elif not _time_of_value(conv, d, ent):
            d.issue("CV126", "observed_at", attr="dateObserved", field="observed_at")
    if "property" not in d.record:
        _measured_property(d, ent, used)
    if "value" not in d.record:
        _measured_value(d, ent, used)
    unit = attrs.get("unit")
    if "unit" not in d.record and unit is not None and unit.value not in (None, ""):
        if isinstance(unit.value, str) and len(unit.value) <= UNIT_MAX:
            _read_unit(conv, d, ent, unit.value, used)
        else:
            d.issue(
                "CV120",
                "unit",
                f"{ent.place}/unit",
                value=_text(unit.value),
                expected=f"a unit code of at most {UNIT_MAX} characters (e.g. Cel, %, kW.h)",
            )
    if "unit" not in d.record:
        _unit_of_value(conv, d, ent)
    outlier = attrs.get("outlier")
    if "quality" not in d.record and outlier is not None and outlier.value is True:
        d.impute(
            "quality",
            "suspect",
            "derived",
            "outlier is true: the source marks the value for special processing",
            f"{ent.place}/outlier",
        )


def _read_unit(conv: Conversion, d: Draft, ent: NgsiEntity, code: str, used: set[str]) -> None:
    """``unit`` through the unit table; a translated code stays beside it (``fiware:unit``)."""
    place = f"{ent.place}/unit"
    hit = read_unit(code, conv.crosswalk)
    d.set("unit", hit.unit, place)
    if hit.how == "map":
        d.mark("unit", "crosswalk", f"unit {code!r} via the unit table", place)
        other = ent.attrs.get("unitCode")  # what export writes beside unit, from *Observed
        if other is not None and other.value == code:
            used.add("unit")
        return
    used.add("unit")
    if hit.how == "unknown":
        d.issue("CV128", "unit", place, code=code)


def _unit_of_value(conv: Conversion, d: Draft, ent: NgsiEntity) -> None:
    """``unit`` from ``numValue``'s own NGSI-LD ``unitCode`` (or NGSI-v2 metadata), if any."""
    num = ent.attrs.get("numValue")
    raw = num.extra.get("unitCode") if num is not None else None
    code = raw.get("value") if isinstance(raw, dict) else raw
    if num is None or not isinstance(code, str) or not code or len(code) > UNIT_MAX:
        return  # (anything else stays in the extra, reported dropped)
    place = f"{ent.place}/numValue/unitCode"
    hit = read_unit(code, conv.crosswalk)
    d.set("unit", hit.unit, place)
    num.extra = {k: v for k, v in num.extra.items() if k != "unitCode"}
    if hit.how == "map":
        d.mark("unit", "crosswalk", f"unitCode {code!r} via the unit table", place)
        d.keep("unitCode", code, place)
    elif hit.how == "unknown":
        d.issue("CV128", "unit", place, code=code)


def _time_of_value(conv: Conversion, d: Draft, ent: NgsiEntity) -> bool:
    """``observed_at`` from the value's own time, when there is no ``dateObserved``.

    NGSI-LD says when a Property was observed in its ``observedAt``; FIWARE's
    IoT Agents write NGSI-v2 ``TimeInstant`` metadata. Taken, it is no longer
    reported dropped (unless it had no offset: then it stays listed, beside
    the imputed time). Returns whether there was one.
    """
    for attr in ("numValue", "textValue"):
        a = ent.attrs.get(attr)
        if a is not None and a.extra and own_time(conv, d, ent, attr, a):
            return True
    return False


def own_time(conv: Conversion, d: Draft, ent: NgsiEntity, name: str, a: Attr) -> bool:
    """``observed_at`` from the attribute's own ``observedAt``/``TimeInstant``; whether it had one.

    Taken with an offset, the time is no longer among the attribute's
    metadata (so not reported dropped); without one, it stays there, beside
    the imputed time. An unreadable time is CV120 (and counts as had).
    """
    for key in ("observedAt", "TimeInstant"):
        raw = a.extra.get(key)
        if isinstance(raw, dict):  # NGSI-v2 metadata: {"type": "DateTime", "value": ...}
            raw = raw.get("value")
        if not isinstance(raw, str) or not raw:
            continue
        place = f"{ent.place}/{name}/{key}"
        try:
            out, how = values.timestamp(raw, conv.crosswalk.timezone)
        except ValueError as exc:
            d.issue("CV120", "observed_at", place, value=raw, expected=str(exc))
            return True
        d.set("observed_at", out, place)
        if how is None:
            a.extra = {k: v for k, v in a.extra.items() if k != key}
        else:
            tz = conv.crosswalk.timezone
            d.mark("observed_at", "default", f"{key} {raw!r} has no offset; {tz} assumed", place)
        return True
    return False


def _measured_property(d: Draft, ent: NgsiEntity, used: set[str]) -> None:
    a = ent.attrs.get("controlledProperty")
    if a is None or a.value in (None, "", []):
        d.issue("CV126", "property", attr="controlledProperty", field="property")
        return
    place = f"{ent.place}/controlledProperty"
    one = a.value[0] if isinstance(a.value, list) and len(a.value) == 1 else a.value
    name = property_name(one) if isinstance(one, str) else ""
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
        if values.finite_number(num.value):
            d.set("value", num.value, place)
            used.add("numValue")
            return
        try:
            read = values.number(num.value, integer=False)
        except ValueError:
            read = math.nan
        if isinstance(num.value, str) and values.finite_number(read):
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
    ):
        if field_name in rec:
            out[attr] = rec[field_name]
    unit = rec.get("unit")
    if isinstance(unit, str):  # back to UN/CEFACT (a source code kept as fiware:unit wins)
        out["unit"] = write_unit(unit, cw)
    value = rec.get("value")
    if isinstance(value, bool):  # DeviceMeasurement has no boolean value: its text
        out["textValue"] = "true" if value else "false"
    elif isinstance(value, (int, float)):
        out["numValue"] = value
    elif isinstance(value, str):
        out["textValue"] = value
    # quality travels under its own name (outlier, read into it, stays fiware:outlier)
    return "DeviceMeasurement"


#: DeviceMeasurement -> Observation, and back.
MEASUREMENT = Model(
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
