"""Smart Data Models "*Observed" entities -> SCDS Observations, one per reading.

An AirQualityObserved, WaterQualityObserved, NoiseLevelObserved,
IndoorEnvironmentObserved, TrafficFlowObserved or WeatherObserved entity
carries many readings at once (``no2``, ``pm10``, ``temperature``, ``LAeq``,
``intensity`` ...). Each numeric reading becomes one Observation:

* ``id``: ``<source id>-<attribute>`` (the source id without its
  ``urn:ngsi-ld:<Type>:`` head, characters an id cannot hold written as
  ``-``); the source id itself is ``provenance.source_id``;
* ``device_id``: ``refDevice``; else the station, ``refPointOfInterest``;
  else the source entity itself (both marked ``derived``: the Observation
  model names a device and nothing else);
* ``observed_at``: ``dateObserved``; else the end of the period,
  ``dateObservedTo`` or the end of a ``dateObserved`` period
  (``.../2016-12-07T11:15:00``), marked ``derived``; else the reading's own
  NGSI-LD ``observedAt`` or NGSI-v2 ``TimeInstant``;
* ``property``: the attribute's name in lower case with ``_``
  (``relativeHumidity`` -> ``relative_humidity``; the source name stays as
  ``fiware:controlledProperty``, what a DeviceMeasurement calls it);
* ``unit``: the reading's ``unitCode`` (NGSI-LD sub-property, NGSI-v2
  metadata, or the entity's ``measurand`` list) through the unit table
  (:mod:`~smartstd.interchange._units`); the code stays as ``fiware:unitCode``.

Every other attribute (``location``, ``address``, ``airQualityLevel`` ...) is
kept on every Observation of the entity as ``fiware:<name>``. A reading that
is not a number is ``CV127`` (kept as ``fiware:<name>``, or dropped when it is
NaN or infinite), an unknown unit code ``CV128``, an entity with no reading
``CV129``.

“*Observed” 多属性观测实体转换为标准观测：每个数值读数一条观测记录。
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values
from smartstd.interchange._measurement import device_ref, own_time, property_name
from smartstd.interchange._sdm import PREFIX, drop_metadata
from smartstd.interchange._units import UNIT_MAX, read_unit
from smartstd.interchange.ngsi import Attr, NgsiEntity, plain_id

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft

__all__ = ["OBSERVED", "Observed", "observation_id", "read_observed", "safe_id"]

_ID_SAFE = re.compile(r"[^A-Za-z0-9._:-]+")
_ID_MAX = 128
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_EXT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")  # what Draft.keep takes

#: Attributes of every Smart Data Model that describe, not measure (GSMA and Location commons).
_COMMON = frozenset(
    {
        "address",
        "alternateName",
        "areaServed",
        "dataProvider",
        "dateCreated",
        "dateModified",
        "description",
        "location",
        "name",
        "owner",
        "seeAlso",
        "source",
        "refDevice",
        "refPointOfInterest",
        "refWeatherObserved",
        "dateObserved",
        "dateObservedFrom",
        "dateObservedTo",
        "measurand",
    }
)


@dataclass(frozen=True)
class Observed:
    """What of one "*Observed" model is a reading.

    Attributes:
        readings: the model's numeric properties that are readings, from the
            upstream ``schema.json``; a value that is not a number is ``CV127``.
        not_readings: the numeric properties that are not (a reliability, a
            forecast, the site's geometry): kept as ``fiware:<name>``.
        names: a property name when lower case and ``_`` would read badly.

    Any other attribute with a number is a reading too (a vendor's own).
    """

    readings: frozenset[str]
    not_readings: frozenset[str] = frozenset()
    names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


_AIR = frozenset(
    [
        "airQualityIndex",
        "as",
        "c6h6",
        "cd",
        "co",
        "co2",
        "ni",
        "no",
        "no2",
        "nox",
        "o3",
        "pm10",
        "pm25",
        "pb",
        "precipitation",
        "relativeHumidity",
        "sh2",
        "so2",
        "volatileOrganicCompoundsTotal",
        "temperature",
        "windDirection",
        "windSpeed",
        "pm1",
        "pm4",
        "tpc",
        "tsp",
        "pressure",
        "charge",
    ]
)
_WATER = frozenset(
    [
        "temperature",
        "bod",
        "cod",
        "conductivity",
        "conductance",
        "tss",
        "tds",
        "turbidity",
        "salinity",
        "pH",
        "orp",
        "O2",
        "Chla",
        "PE",
        "PC",
        "NH4",
        "NH3",
        "Cl-",
        "NO3",
        "PO4",
        "escherichiaColi",
        "enterococci",
        "flow",
        "alkalinity",
        "TKN",
        "NO2",
        "N-TOT",
        "P-TOT",
        "P-PO4",
        "Al",
        "As",
        "B",
        "Ba",
        "Cd",
        "Cr",
        "Cr-III",
        "Cr-VI",
        "Cu",
        "Fe",
        "fluoride",
        "Hg",
        "THC",
        "Ni",
        "TO",
        "Pb",
        "Se",
        "Sn",
        "sulphate",
        "sulphite",
        "anionic-surfactants",
        "cationic-surfactants",
        "non-ionic-surfactants",
        "total-surfactants",
        "Zn",
        "concentration",
    ]
)
_WEATHER = frozenset(
    [
        "precipitation",
        "solarRadiation",
        "directIrradiation",
        "diffuseIrradiation",
        "dewPoint",
        "streamGauge",
        "snowHeight",
        "uVIndexMax",
        "airQualityIndex",
        "temperature",
        "feelsLikeTemperature",
        "relativeHumidity",
        "windDirection",
        "windSpeed",
        "gustSpeed",
        "atmosphericPressure",
        "illuminance",
        "pressureTendency",
        "visibility",
    ]
)

#: The "*Observed" source types read, and what of each is a reading.
OBSERVED: Mapping[str, Observed] = MappingProxyType(
    {
        "AirQualityObserved": Observed(_AIR, frozenset({"reliability"})),
        "WaterQualityObserved": Observed(
            _WATER, names=MappingProxyType({"pH": "ph", "Cl-": "cl", "Chla": "chla"})
        ),
        "NoiseLevelObserved": Observed(
            frozenset({"LAS", "LAeq", "LAeq_d", "LAmax"}),
            frozenset({"heightAverage", "distanceAverage", "sonometerClass", "obstacles"}),
        ),
        "IndoorEnvironmentObserved": Observed(
            frozenset(
                {
                    "peopleCount",
                    "temperature",
                    "relativeHumidity",
                    "atmosphericPressure",
                    "illuminance",
                    "co2",
                }
            ),
            frozenset({"sensorHeight"}),
        ),
        "TrafficFlowObserved": Observed(
            frozenset(
                {
                    "intensity",
                    "occupancy",
                    "averageVehicleSpeed",
                    "averageVehicleLength",
                    "averageGapDistance",
                    "averageHeadwayTime",
                }
            ),
            frozenset({"laneId"}),
        ),
        "WeatherObserved": Observed(
            _WEATHER,
            frozenset(
                {
                    "airTemperatureForecast",
                    "precipitationForecast",
                    "relativeHumidityForecast",
                    "airQualityIndexForecast",
                }
            ),
            MappingProxyType({"uVIndexMax": "uv_index_max"}),
        ),
    }
)


def _plain(a: Attr) -> Any:
    if a.kind == "relationship" and isinstance(a.value, str):
        return plain_id(a.value)
    return a.value


def safe_id(whole: str, tail: str = "") -> str:
    """``whole`` as an SCDS id: what an id cannot hold as ``-``, then a hash of the whole.

    The hash (of the text as it was) keeps two respelled or shortened ids
    apart; an id that needs no respelling stays as it is. A long one keeps
    ``tail`` (the attribute) after the hash, so it still says what it measures.
    """
    text = _ID_SAFE.sub("-", whole).strip("-.")
    text = re.sub(r"^[^A-Za-z0-9]+", "", text) or "x"
    digest = hashlib.sha256(whole.encode("utf-8")).hexdigest()[:12]
    if text == whole and len(text) <= _ID_MAX:
        return text
    if len(text) <= _ID_MAX - 9:  # respelled: a hash keeps 空气站/1 and 水站/1 apart
        return f"{text}-{digest[:8]}"
    end = _ID_SAFE.sub("-", tail).strip("-.")[:40]
    suffix = f"-{digest}" + (f"-{end}" if end else "")
    return text[: _ID_MAX - len(suffix)].rstrip("-.") + suffix


def observation_id(base: str, attr: str) -> str:
    """``<base>-<attr>`` as an SCDS id (see :func:`safe_id`)."""
    return safe_id(f"{base}-{attr}", attr)


@dataclass
class _Common:
    """What every Observation of one entity shares."""

    device: tuple[str, str, str] | None = None  # value, source place, derivation note ("" if none)
    device_issue: tuple[str, str] | None = None  # a refDevice that names no device: place, value
    time: tuple[str, str, str, str] | None = None  # value, source place, method and note of a mark
    time_issue: tuple[str, str, str] | None = None  # an unreadable time: place, value, expected
    shared: dict[str, Attr] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # attribute -> code, from measurand
    used: set[str] = field(default_factory=set)


def _device(ent: NgsiEntity, c: _Common) -> None:
    ref = ent.attrs.get("refDevice")
    if ref is not None:
        items = ref.value if isinstance(ref.value, list) else [ref.value]
        ids = [v for v in items if isinstance(v, str) and v]
        if ids:
            note = "" if len(items) == 1 else f"refDevice names {len(items)} devices; the first"
            c.device = (device_ref(ids[0]), f"{ent.place}/refDevice", note)
            if not note:
                c.used.add("refDevice")
            return
        if ref.value not in (None, "", []):
            c.device_issue = (f"{ent.place}/refDevice", _text(ref.value))
    poi = ent.attrs.get("refPointOfInterest")
    if poi is not None and isinstance(poi.value, str) and poi.value:
        c.device = (
            plain_id(poi.value, "PointOfInterest"),
            f"{ent.place}/refPointOfInterest",
            "no refDevice: the station (refPointOfInterest) stands in for the device",
        )
        return
    c.device = (
        safe_id(plain_id(ent.id, ent.type)),
        ent.place,
        f"no refDevice: the {ent.type} entity stands in for the device",
    )


def _time(conv: Conversion, ent: NgsiEntity, c: _Common) -> None:
    """The time every Observation of the entity shares.

    ``dateObserved``, else ``dateObservedTo``, else the end of a
    ``dateObserved`` period (``2016-12-07T11:10:00/2016-12-07T11:15:00``).
    """
    tz = conv.crosswalk.timezone
    date, to = ent.attrs.get("dateObserved"), ent.attrs.get("dateObservedTo")
    tries: list[tuple[str, Any, str]] = []
    if date is not None and date.value not in (None, ""):
        tries.append(("dateObserved", date.value, ""))
    if to is not None and to.value not in (None, ""):
        note = "the end of the period observed (dateObservedTo)"
        tries.append(("dateObservedTo", to.value, note))
    if date is not None and isinstance(date.value, str) and date.value.count("/") == 1:
        note = f"dateObserved {date.value!r} is a period: its end taken"
        tries.append(("dateObserved", date.value.split("/")[1].strip(), note))
    failed: tuple[str, str, str] | None = None
    for attr, raw, note in tries:
        place = f"{ent.place}/{attr}"
        try:
            out, how = values.timestamp(raw, tz)
        except ValueError as exc:
            failed = failed or (place, _text(raw), str(exc))
            continue
        notes = [note] if note else []
        if how is not None:
            notes.append(f"{attr} {raw!r} has no offset; {tz} assumed")
        if not notes:
            c.used.add(attr)
        method = "derived" if note else "default" if notes else ""
        c.time = (out, place, method, "; ".join(notes))
        return
    c.time_issue = failed


def _measurand(ent: NgsiEntity, c: _Common) -> None:
    """``measurand``: ``"NO3, 0.01, M1, Concentration of Nitrates"`` names a reading's unit."""
    a = ent.attrs.get("measurand")
    items = a.value if a is not None and isinstance(a.value, list) else []
    for item in items:
        parts = [p.strip() for p in item.split(",")] if isinstance(item, str) else []
        if len(parts) >= 3 and parts[0] and parts[2]:
            c.units.setdefault(parts[0], parts[2])


def _unit_code(a: Attr) -> tuple[str, Any] | None:
    raw = a.extra.get("unitCode")
    if isinstance(raw, dict):  # NGSI-v2 metadata: {"type": "Text", "value": "GQ"}
        raw = raw.get("value")
    return None if raw is None else ("unitCode", raw)


def read_observed(conv: Conversion, ent: NgsiEntity) -> None:
    """Convert one "*Observed" entity into Observations (or report why none)."""
    spec = OBSERVED[ent.type]
    c = _Common()
    readings: list[tuple[str, Attr]] = []
    for name, a in ent.attrs.items():
        is_reading = name in spec.readings or (
            name not in spec.not_readings
            and name not in _COMMON
            and a.kind == "property"
            and isinstance(a.value, (int, float))
            and not isinstance(a.value, bool)
        )
        if not is_reading:
            c.shared[name] = a
        elif a.value is None:
            c.shared[name] = a  # no reading this time: kept as it is (null)
        elif values.finite_number(a.value) or _number_text(a.value) is not None:
            readings.append((name, a))
        elif isinstance(a.value, float):  # NaN or infinite: JSON cannot hold it
            conv.issue("CV127", f"{ent.place}/{name}", attr=name, value=str(a.value))  # nan, inf
            conv.drop(f"{ent.place}/{name}", name, "not a finite number", str(a.value))
        else:
            conv.issue("CV127", f"{ent.place}/{name}", attr=name, value=values.preview(a.value))
            c.shared[name] = a
    if not readings:
        conv.issue("CV129", ent.place, source_type=ent.type)
        conv.drop(ent.place, ent.id, f"the {ent.type} entity holds no numeric reading")
        return
    _device(ent, c)
    _time(conv, ent, c)
    _measurand(ent, c)
    drafts = [_reading(conv, ent, spec, c, name, a) for name, a in readings]
    first = drafts[0]
    # one issue per entity (its first Observation), not one per reading
    if c.device_issue is not None:
        first.issue(
            "CV120",
            "device_id",
            c.device_issue[0],
            value=c.device_issue[1],
            expected="the id of a device (refDevice), e.g. urn:ngsi-ld:Device:aq-001",
        )
    if c.time_issue is not None:
        place, value, expected = c.time_issue
        first.issue("CV120", "observed_at", place, value=value, expected=expected)
    else:
        untimed = next((d for d in drafts if "observed_at" not in d.record), None)
        if untimed is not None:
            untimed.issue(
                "CV126", "observed_at", ent.place, attr="dateObserved", field="observed_at"
            )
    for name, a in c.shared.items():  # reported once, with the first Observation
        if name not in c.used and not _EXT_NAME.match(name):
            conv.drop(
                f"{ent.place}/{name}",
                name,
                "the name cannot be an extension field (letters, digits and _ only)",
                a.value,
                first,
            )
        drop_metadata(conv, first, ent, name, a)


def _number_text(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return values.real(value)
    except ValueError:
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _reading(
    conv: Conversion, ent: NgsiEntity, spec: Observed, c: _Common, name: str, a: Attr
) -> Draft:
    place = f"{ent.place}/{name}"
    d = conv.draft("Observation", place, PREFIX)
    d.set("id", observation_id(plain_id(ent.id, ent.type), name), ent.place)
    if c.device is not None:
        dev, dev_place, note = c.device
        d.set("device_id", dev, dev_place)
        if note:
            d.mark("device_id", "derived", note, dev_place)
    if c.time is not None:
        when, when_place, method, note = c.time
        d.set("observed_at", when, when_place)
        if method:
            d.mark("observed_at", method, note, when_place)
    elif c.time_issue is None:
        own_time(conv, d, ent, name, a)
    prop = spec.names.get(name) or property_name(name)
    if not _PROPERTY_NAME.match(prop):
        prop = property_name(f"p_{prop}")  # a name that starts with a digit
    d.set("property", prop, place)
    if prop != name:
        d.keep("controlledProperty", name, place)
    if values.finite_number(a.value):
        d.set("value", a.value, place)
    else:
        read = _number_text(a.value)
        d.set("value", read, place)
        d.mark("value", "derived", f"{name} {a.value!r} is text; read as {read}", place)
        d.keep(name, a.value, place)
    _unit(conv, d, ent, c, name, a)
    d.keep("type", ent.type)
    for other, sa in c.shared.items():
        if other not in c.used and _EXT_NAME.match(other):
            d.keep(other, _plain(sa), f"{ent.place}/{other}")
    if len(ent.id) <= 256:
        d.set("provenance", {"source_id": ent.id})
    else:
        d.keep("id", ent.id, ent.place)
    rest = {k: v for k, v in a.extra.items() if k != "unitCode"}
    if rest:
        conv.drop(
            place,
            f"{name} ({', '.join(sorted(rest))})",
            "metadata and sub-attributes have no place in the standard",
            rest,
            d,
        )
    if a.more:
        conv.drop(
            place, name, f"{a.more} further instance(s) of a multi-attribute", a.others or None, d
        )
    return d


def _unit(conv: Conversion, d: Draft, ent: NgsiEntity, c: _Common, name: str, a: Attr) -> None:
    found = _unit_code(a)
    key, place = "unitCode", f"{ent.place}/{name}/unitCode"
    if found is None and name in c.units:
        found, place = ("unitCode", c.units[name]), f"{ent.place}/measurand"
    if found is None:
        return
    code = found[1]
    if not isinstance(code, str) or not code or len(code) > UNIT_MAX:
        d.issue(
            "CV120",
            "unit",
            place,
            value=_text(code),
            expected=f"a unit code of at most {UNIT_MAX} characters (e.g. GQ, CEL, P1)",
        )
        d.keep(key, code, place)
        return
    hit = read_unit(code, conv.crosswalk)
    d.set("unit", hit.unit, place)
    if hit.how == "map":
        d.mark("unit", "crosswalk", f"unitCode {code!r} via the unit table", place)
        d.keep(key, code, place)
    elif hit.how == "unknown":
        d.issue("CV128", "unit", place, code=code)
