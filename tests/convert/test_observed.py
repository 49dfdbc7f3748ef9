"""Environmental observations: Smart Data Models "*Observed" entities -> SCDS Observations.

The upstream examples of AirQualityObserved, WaterQualityObserved,
NoiseLevelObserved and WeatherObserved, in all four forms, each reading one
Observation; planted bad inputs; units through the UN/CEFACT -> UCUM table.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from convertdata import SDM, key_values_of_ld, sdm_validator

import smartstd
from smartstd.interchange import convert, export
from smartstd.interchange._observed import OBSERVED, observation_id, safe_id
from smartstd.interchange._units import is_ucum, read_unit, unit_table, write_unit
from smartstd.interchange.crosswalk import load_crosswalk
from smartstd.interchange.issue import Issue

MODELS = tuple(OBSERVED)
FORMS = ("example.json", "example-normalized.json", "example.jsonld", "example-normalized.jsonld")
OK_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"

#: What upstream's examples give beyond plain readings, by (model, form): the
#: NGSI-v2 normalized examples write some numbers as booleans (0.0 as false).
_WATER_BOOLEANS = (
    "TKN As Ba Cr Cr-III Cr-VI Cu fluoride Hg THC Ni Pb Se Sn sulphite Zn".split()  # noqa: SIM905
)
EXPECTED_ISSUES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("AirQualityObserved", "example-normalized.json"): [("CV127", "precipitation")],
    ("WaterQualityObserved", "example-normalized.json"): [("CV127", a) for a in _WATER_BOOLEANS],
    # "LX" is no UN/CEFACT code (lux is LUX): kept as it is, and said so
    ("IndoorEnvironmentObserved", "example-normalized.json"): [("CV128", "unitCode")],
}
#: ... and what cannot be kept: names an extension field cannot take, whose value was no reading
EXPECTED_DROPS: dict[tuple[str, str], list[str]] = {
    ("WaterQualityObserved", "example-normalized.json"): ["Cr-III", "Cr-VI"],
}


def _fmt(name: str) -> str:
    return "ngsi-ld" if name.endswith(".jsonld") else "ngsi-v2"


def _raw_value(attr: Any) -> Any:
    """An attribute's plain value in any of the four forms (as the test reads it, not the code)."""
    if isinstance(attr, dict) and "value" in attr and "type" in attr:
        value = attr["value"]
        return value["@value"] if isinstance(value, dict) and "@value" in value else value
    return attr


def _readings(source: dict[str, Any]) -> dict[str, float]:
    """The numeric attributes of a source entity that are readings of its model."""
    spec = OBSERVED[source["type"]]
    out = {}
    for name, attr in source.items():
        value = _raw_value(attr)
        if name in ("id", "type", "@context") or name in spec.not_readings:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = value
    return out


def _write(tmp_path: Path, entities: Any, name: str = "bad.json") -> Path:
    src = tmp_path / name
    src.write_text(json.dumps(entities, ensure_ascii=False), encoding="utf-8")
    return src


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("model", MODELS)
def test_every_upstream_example_becomes_one_observation_per_reading(model: str, form: str) -> None:
    path = SDM / model / form
    source = json.loads(path.read_text(encoding="utf-8"))
    conv = convert(path, _fmt(form))
    assert [(i.code, i.source.rsplit("/", 1)[1]) for i in conv.issues] == EXPECTED_ISSUES.get(
        (model, form), []
    )
    assert [x.name for x in conv.dropped] == EXPECTED_DROPS.get((model, form), [])
    readings = _readings(source)
    assert len(readings) >= 4
    plain = source["id"].removeprefix(f"urn:ngsi-ld:{model}:")
    by_id = {r["id"]: r for r in conv.records}
    assert len(by_id) == len(conv.records) == len(readings)
    for name, value in readings.items():
        rec = by_id[observation_id(plain, name)]
        assert rec["type"] == "Observation" and rec["value"] == value
        assert rec["property"] == (OBSERVED[model].names.get(name) or rec["property"])
        assert rec["observed_at"] and rec["device_id"]
        assert rec["fiware:type"] == model
        assert rec["provenance"]["source_id"] == source["id"]
        if rec["property"] != name:  # the source's name is what a DeviceMeasurement calls it
            assert rec["fiware:controlledProperty"] == name
        assert conv.source_map()[conv.records.index(rec)]["fields"]["/value"] == f"{form}#/{name}"
    for rec in conv.records:  # the station's place travels with every reading
        assert rec["fiware:location"]["type"] in ("Point", "LineString")


@pytest.mark.parametrize("form", FORMS)
def test_the_same_entity_in_every_form_gives_the_same_ids_devices_and_times(form: str) -> None:
    recs = convert(SDM / "WeatherObserved" / form, _fmt(form)).records
    assert {r["device_id"] for r in recs} == {"device-0A3478"}
    assert {r["observed_at"] for r in recs} == {"2016-11-30T07:00:00.00Z"}
    temp = next(r for r in recs if r["property"] == "temperature")
    assert temp["value"] == 3.3 and "provenance" in temp
    assert not any(i["field"] == "/device_id" for i in temp["provenance"].get("imputed", []))


def test_properties_are_named_as_the_standard_wants() -> None:
    recs = convert(SDM / "WaterQualityObserved" / "example.json", "ngsi-v2").records
    names = {
        r["fiware:controlledProperty"]: r["property"]
        for r in recs
        if "fiware:controlledProperty" in r
    }
    assert names["pH"] == "ph" and names["NO3"] == "no3" and names["N-TOT"] == "n_tot"
    assert names["anionic-surfactants"] == "anionic_surfactants" and names["Cr-VI"] == "cr_vi"
    ids = {r["id"] for r in recs}
    assert "waterqualityobserved:Sevilla:D1-Cr-VI" in ids
    noise = convert(SDM / "NoiseLevelObserved" / "example.json", "ngsi-v2").records
    assert {r["property"] for r in noise} == {"las", "laeq", "laeq_d", "lamax"}
    assert {r["id"] for r in noise} >= {
        "Vitoria-NoiseLevelObserved-2016-12-28T11:00:00_2016-12-28T12:00:00-LAeq_d"
    }
    # what an id cannot hold is written "-", and a hash keeps respelled ids apart
    assert re.fullmatch(r"1-no2-[0-9a-f]{8}", observation_id("空气 站/1", "no2"))
    assert observation_id("空气 站/1", "no2") != observation_id("水站/1", "no2")
    assert re.fullmatch(r"aq-1-Cr-VI-[0-9a-f]{8}", observation_id("aq 1", "Cr-VI"))


def test_a_missing_device_and_time_are_derived_and_said_so() -> None:
    air = convert(SDM / "AirQualityObserved" / "example-normalized.jsonld", "ngsi-ld").records[0]
    assert air["device_id"] == "28079004-Pza.deEspanya"  # the station stands in
    assert air["fiware:refPointOfInterest"] == "28079004-Pza.deEspanya"
    assert air["observed_at"] == "2016-03-15T11:00:00+08:00"  # no offset: the crosswalk's
    assert air["fiware:dateObserved"] == "2016-03-15T11:00:00"
    methods = {i["field"]: i["method"] for i in air["provenance"]["imputed"]}
    assert methods["/device_id"] == "derived" and methods["/observed_at"] == "default"
    noise = convert(SDM / "NoiseLevelObserved" / "example.jsonld", "ngsi-ld").records[0]
    assert (
        noise["device_id"] == "Vitoria-NoiseLevelObserved-2016-12-28T11:00:00_2016-12-28T12:00:00"
    )
    assert noise["observed_at"] == "2016-12-28T12:00:00.00Z"  # the end of the period
    assert noise["fiware:dateObservedFrom"] == "2016-12-28T11:00:00.00Z"
    notes = {i["field"]: i["note"] for i in noise["provenance"]["imputed"]}
    assert "dateObservedTo" in notes["/observed_at"] and "stands in" in notes["/device_id"]


def test_units_come_through_the_table_and_the_code_stays() -> None:
    recs = convert(SDM / "AirQualityObserved" / "example-normalized.jsonld", "ngsi-ld").records
    by_prop = {r["property"]: r for r in recs}
    no2, co = by_prop["no2"], by_prop["co"]
    assert (no2["unit"], no2["fiware:unitCode"]) == ("ug/m3", "GQ")
    assert (co["unit"], co["fiware:unitCode"]) == ("mg/m3", "GP")
    assert {"field": "/unit", "method": "crosswalk"}.items() <= next(
        i for i in no2["provenance"]["imputed"] if i["field"] == "/unit"
    ).items()
    assert "unit" not in by_prop["temperature"]  # upstream gives it none
    v2 = {
        r["property"]: r
        for r in convert(SDM / "AirQualityObserved" / "example-normalized.json", "ngsi-v2").records
    }
    assert (v2["no2"]["unit"], v2["no2"]["fiware:unitCode"]) == ("ug/m3", "GQ")
    # WaterQualityObserved names units in its measurand list
    water = convert(SDM / "WaterQualityObserved" / "example.json", "ngsi-v2").records
    no3 = next(r for r in water if r["property"] == "no3")
    assert (no3["unit"], no3["fiware:unitCode"]) == ("mg/L", "M1")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("model", MODELS)
def test_the_check_accepts_them_and_asks_only_for_the_devices(
    model: str, form: str, tmp_path: Path
) -> None:
    conv = convert(SDM / model / form, _fmt(form), publisher_id="o1")
    out = tmp_path / "out.ndjson"
    conv.write(out)
    report = smartstd.check([str(out)], level="L2")
    found = sorted((f.code, f.entity_id, f.pointer) for f in report.findings)
    assert found == sorted(("SC202", r["id"], "/device_id") for r in conv.records)
    assert conv.locate(report.findings[0]) is not None


def _devices_and_community(ids: set[str], seen: str) -> list[dict[str, Any]]:
    community = {
        "id": "c1",
        "type": "Community",
        "name": {"zh-CN": "测试社区", "en": "Test community"},
        "division_code": "440113",
    }
    return [community] + [
        {
            "id": dev,
            "type": "Device",
            "community_id": "c1",
            "kind": "air_quality",
            "status": "active",
            "location": {"type": "Point", "coordinates": [113.3, 23.0]},
            "last_seen_at": seen,
        }
        for dev in sorted(ids)
    ]


@pytest.mark.parametrize("model", MODELS)
def test_with_their_devices_present_they_pass_at_l2(model: str, tmp_path: Path) -> None:
    conv = convert(SDM / model / "example-normalized.jsonld", "ngsi-ld", publisher_id="o1")
    out = tmp_path / "out.json"
    doc = conv.dataset()
    doc["entities"] += _devices_and_community(
        {r["device_id"] for r in conv.records}, doc["generated_at"]
    )
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = smartstd.check([str(out)], level="L2")
    assert [(f.code, f.entity_id) for f in report.findings] == []
    assert report.level.value == "L2"


# ----------------------------------------------------------------------------- bad input


def _air(**attrs: Any) -> dict[str, Any]:
    ent: dict[str, Any] = {
        "id": "urn:ngsi-ld:AirQualityObserved:aq-1",
        "type": "AirQualityObserved",
        "dateObserved": {"type": "Property", "value": "2026-06-23T10:00:00+08:00"},
        "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:aq-dev-1"},
        "no2": {"type": "Property", "value": 41.5, "unitCode": "GQ"},
        "pm10": {"type": "Property", "value": 58, "unitCode": "GQ"},
        "@context": [],
    }
    for key, value in attrs.items():
        if value is None:
            ent.pop(key)
        else:
            ent[key] = value
    return ent


def _both(issue: Issue) -> tuple[str, str]:
    en, zh = issue.message("en"), issue.message("zh-CN")
    assert en and zh and en != zh and not re.search(r"\{[a-z_]+\}", en + zh)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    return en, zh


def test_a_missing_date_observed_is_one_finding(tmp_path: Path) -> None:
    conv = convert(_write(tmp_path, [_air(dateObserved=None)], "bad.jsonld"), "ngsi-ld")
    assert [(i.code, i.entity, i.pointer, i.source) for i in conv.issues] == [
        ("CV126", 0, "/observed_at", "bad.jsonld#/0")
    ]
    en, zh = _both(conv.issues[0])
    assert "dateObserved" in en and "dateObserved" in zh
    assert all("observed_at" not in r for r in conv.records) and len(conv.records) == 2


def test_a_bad_date_observed_is_a_finding(tmp_path: Path) -> None:
    bad = _air(dateObserved={"type": "Property", "value": "yesterday"})
    conv = convert(_write(tmp_path, [bad], "bad.jsonld"), "ngsi-ld")
    assert [(i.code, i.pointer, i.source) for i in conv.issues] == [
        ("CV120", "/observed_at", "bad.jsonld#/0/dateObserved")
    ]
    _both(conv.issues[0])
    assert all(r["fiware:dateObserved"] == "yesterday" for r in conv.records)


@pytest.mark.parametrize("value", ["high", True, [1, 2], {"v": 3}])
def test_a_reading_that_is_no_number_is_a_finding_and_is_kept(value: Any, tmp_path: Path) -> None:
    conv = convert(
        _write(tmp_path, [_air(no2={"type": "Property", "value": value})], "bad.jsonld"), "ngsi-ld"
    )
    assert [(i.code, i.source) for i in conv.issues] == [("CV127", "bad.jsonld#/0/no2")]
    en, zh = _both(conv.issues[0])
    assert "no2" in en and "no2" in zh
    assert [r["property"] for r in conv.records] == ["pm10"]
    assert conv.records[0]["fiware:no2"] == value and conv.lossless


def test_a_reading_written_as_text_is_read_and_said_so(tmp_path: Path) -> None:
    conv = convert(
        _write(tmp_path, [_air(no2={"type": "Property", "value": "41.5"})], "t.jsonld"), "ngsi-ld"
    )
    no2 = conv.records[0]
    assert (no2["value"], no2["fiware:no2"]) == (41.5, "41.5") and conv.issues == []
    assert {"field": "/value", "method": "derived"}.items() <= no2["provenance"]["imputed"][
        0
    ].items()


def test_nan_and_infinity_are_findings_and_reported_dropped(tmp_path: Path) -> None:
    src = tmp_path / "nan.json"
    # JSON has no NaN, but Python's json (and many exporters) write it
    src.write_text(
        '[{"id": "aq-1", "type": "AirQualityObserved", "dateObserved": "2026-06-23T10:00:00Z",'
        ' "refDevice": "aq-dev-1", "no2": NaN, "o3": Infinity, "pm10": 58}]',
        encoding="utf-8",
    )
    conv = convert(src, "ngsi-v2")
    assert [(i.code, i.source) for i in conv.issues] == [
        ("CV127", "nan.json#/0/no2"),
        ("CV127", "nan.json#/0/o3"),
    ]
    assert [r["property"] for r in conv.records] == ["pm10"]
    assert "fiware:no2" not in conv.records[0]
    assert [(x.source, x.value) for x in conv.dropped] == [
        ("nan.json#/0/no2", "nan"),
        ("nan.json#/0/o3", "inf"),
    ]
    text = conv.to_json()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text)


def test_an_unknown_unit_is_kept_with_an_informational_finding(tmp_path: Path) -> None:
    bad = _air(no2={"type": "Property", "value": 41.5, "unitCode": "XQZ"})
    conv = convert(_write(tmp_path, [bad], "bad.jsonld"), "ngsi-ld")
    assert [(i.code, i.severity.value, i.pointer, i.source) for i in conv.issues] == [
        ("CV128", "info", "/unit", "bad.jsonld#/0/no2/unitCode")
    ]
    en, zh = _both(conv.issues[0])
    assert "XQZ" in en and "XQZ" in zh
    no2 = conv.records[0]
    assert no2["unit"] == "XQZ" and "fiware:unitCode" not in no2
    # a unit already in UCUM is taken as it is, without a finding
    ok = _air(no2={"type": "Property", "value": 41.5, "unitCode": "ug/m3"})
    conv = convert(_write(tmp_path, [ok], "ok.jsonld"), "ngsi-ld")
    assert conv.issues == [] and conv.records[0]["unit"] == "ug/m3"
    assert "fiware:unitCode" not in conv.records[0]


def test_a_district_crosswalk_adds_its_own_units(tmp_path: Path) -> None:
    cw = tmp_path / "cw.yaml"
    cw.write_text("crosswalk: 1\nname: mine\ntables: {}\nunits:\n  XQZ: mg/m3\n", encoding="utf-8")
    bad = _air(no2={"type": "Property", "value": 41.5, "unitCode": "XQZ"})
    conv = convert(_write(tmp_path, [bad], "bad.jsonld"), "ngsi-ld", crosswalk=cw)
    assert conv.issues == []
    assert (conv.records[0]["unit"], conv.records[0]["fiware:unitCode"]) == ("mg/m3", "XQZ")
    assert write_unit("mg/m3", load_crosswalk(cw)) == "XQZ"


def test_an_entity_without_a_reading_is_a_finding(tmp_path: Path) -> None:
    conv = convert(_write(tmp_path, [_air(no2=None, pm10=None)], "bad.jsonld"), "ngsi-ld")
    assert [(i.code, i.source) for i in conv.issues] == [("CV129", "bad.jsonld#/0")]
    _both(conv.issues[0])
    assert conv.records == [] and [x.name for x in conv.dropped] == [
        "urn:ngsi-ld:AirQualityObserved:aq-1"
    ]


@pytest.mark.parametrize(
    "attrs",
    [
        {"refDevice": {"type": "Relationship", "object": 12}},
        {
            "refDevice": {
                "type": "Property",
                "value": ["urn:ngsi-ld:Device:a", "urn:ngsi-ld:Device:b"],
            }
        },
        {"refDevice": {"type": "Property", "value": []}},
        {"dateObserved": {"type": "Property", "value": 20260623}},
        {"no2": [{"type": "Property", "value": 1}, {"type": "Property", "value": 2}]},
        {"no2": {"type": "Property", "value": 1, "unitCode": 7, "observedAt": "x"}},
        {"no2": {"type": "Property", "value": 1, "unitCode": "x" * 50}},
        {"location": {"type": "GeoProperty", "value": "nowhere"}},
        {"measurand": {"type": "Property", "value": [None, 3, "a,b"]}},
        {"id": "urn:ngsi-ld:AirQualityObserved:" + "x" * 300},
        {"id": "urn:ngsi-ld:AirQualityObserved:空气 站/1"},
        {"2ndSensor": {"type": "Property", "value": 5}},
    ],
)
def test_hostile_entities_never_crash(attrs: dict[str, Any], tmp_path: Path) -> None:
    conv = convert(_write(tmp_path, [_air(**attrs)], "h.jsonld"), "ngsi-ld", publisher_id="o1")
    for rec in conv.records:
        assert rec["type"] == "Observation"
        assert len(rec["id"]) <= 128
        assert re.match(OK_ID, rec["id"]), rec["id"]
        assert re.match(r"^[a-z][a-z0-9_]{0,63}$", rec["property"])
        assert isinstance(rec["value"], (int, float)) and math.isfinite(rec["value"])
    for issue in conv.issues:
        _both(issue)
    json.loads(conv.to_json())


def test_long_ids_stay_stable_and_distinct() -> None:
    base = "x" * 200
    a, b = observation_id(base, "no2"), observation_id(base, "pm10")
    assert a != b and len(a) <= 128 and len(b) <= 128
    assert a == observation_id(base, "no2") and a.endswith("-no2")
    assert observation_id(base + "y", "no2") != a
    assert len(safe_id(base)) == 128 and safe_id(base) != safe_id(base + "y")
    assert safe_id("aq-1") == "aq-1" and safe_id("-aq 1-").startswith("aq-1-")


def test_a_refdevice_that_names_no_device_is_a_finding(tmp_path: Path) -> None:
    bad = _air(refDevice={"type": "Relationship", "object": 12})
    conv = convert(_write(tmp_path, [bad], "bad.jsonld"), "ngsi-ld")
    assert [(i.code, i.entity, i.pointer, i.source) for i in conv.issues] == [
        ("CV120", 0, "/device_id", "bad.jsonld#/0/refDevice")
    ]
    _both(conv.issues[0])
    rec = conv.records[0]
    assert rec["device_id"] == "aq-1" and rec["fiware:refDevice"] == 12  # kept, and said so
    # a very long entity id that stands in for the device is still an id
    long = _air(id="urn:ngsi-ld:AirQualityObserved:" + "x" * 300, refDevice=None)
    recs = convert(_write(tmp_path, [long], "long.jsonld"), "ngsi-ld").records
    assert {len(r["device_id"]) for r in recs} == {128} and re.match(OK_ID, recs[0]["device_id"])


# ----------------------------------------------------------------------------- export


@pytest.mark.parametrize("model", MODELS)
def test_export_writes_device_measurements_that_validate_upstream(model: str) -> None:
    records = convert(SDM / model / "example-normalized.jsonld", "ngsi-ld").records
    validator = sdm_validator("DeviceMeasurement")
    for form, key_values in (("ngsi-ld", False), ("ngsi-v2", True)):
        out = json.loads(export(records, form, key_values=key_values))
        assert {e["type"] for e in out} == {"DeviceMeasurement"}
        for ent in out:
            body = key_values_of_ld(ent) if form == "ngsi-ld" else ent
            errors = [e.message for e in validator.iter_errors(body)]
            assert errors == [], (form, ent["id"], errors)


def test_exported_units_go_back_to_their_codes_and_come_back(tmp_path: Path) -> None:
    first = convert(SDM / "AirQualityObserved" / "example-normalized.jsonld", "ngsi-ld").records
    ld = json.loads(export(first, "ngsi-ld"))
    no2 = next(e for e in ld if e["id"].endswith("-no2"))
    assert no2["unit"] == {"type": "Property", "value": "GQ"}
    assert no2["controlledProperty"]["value"] == "no2" or no2["controlledProperty"]["value"] == [
        "no2"
    ]
    again = convert(_write(tmp_path, ld, "again.jsonld"), "ngsi-ld")
    assert again.issues == [] and again.lossless
    back = {r["id"]: r for r in again.records}
    for rec in first:
        b = back[rec["id"]]
        for key in ("device_id", "observed_at", "property", "value", "unit", "fiware:unitCode"):
            assert b.get(key) == rec.get(key), (rec["id"], key)
        assert "fiware:unit" not in b  # the code travelled once, as unitCode


# ----------------------------------------------------------------------------- the tables


def test_the_unit_table_is_ucum_on_the_right_and_reads_both_ways() -> None:
    table = unit_table()
    assert len(table) >= 50
    assert {table[c] for c in ("GQ", "CEL", "2N", "P1", "MTS", "A97", "KEL", "MMT", "C34")} == {
        "ug/m3",
        "Cel",
        "dB",
        "%",
        "m/s",
        "hPa",
        "K",
        "mm",
        "mol",
    }
    assert len(set(table.values())) == len(table)  # one code per unit: export is unambiguous
    for code, ucum in table.items():
        assert is_ucum(ucum) and len(ucum) <= 32, code
        assert read_unit(code).unit == ucum and write_unit(ucum) == code
        assert read_unit(ucum).how == "ucum"
    for unit in ("%/m", "kbit/s", "MPa", "kW.h", "10*3/L", "{count}", "[ppm]", "uS/cm"):
        assert is_ucum(unit), unit
    for bad in ("UDT0000016", "NTU", "GQ", "abc", "", "x" * 40):
        assert not is_ucum(bad), bad


def _schema_properties(model: str) -> dict[str, Any]:
    schema = json.loads((SDM / model / "schema.json").read_text(encoding="utf-8"))
    props: dict[str, Any] = {}
    for part in [schema, *schema.get("allOf", [])]:
        props.update(part.get("properties", {}))
    if model == "WeatherObserved":  # Weather-Commons, by $ref
        commons = json.loads((SDM / "weather-schema.json").read_text(encoding="utf-8"))
        props.update(commons["definitions"]["Weather-Commons"]["properties"])
    return props


def _numeric(prop: dict[str, Any]) -> bool:
    kinds = [prop.get("type")] + [
        p.get("type") for p in prop.get("oneOf", []) + prop.get("anyOf", [])
    ]
    return any(k in ("number", "integer") for k in kinds)


@pytest.mark.parametrize("model", MODELS)
def test_the_readings_are_the_upstream_schemas_numbers(model: str) -> None:
    props = _schema_properties(model)
    numeric = {name for name, p in props.items() if _numeric(p)}
    spec = OBSERVED[model]
    assert spec.readings <= numeric, spec.readings - numeric
    assert numeric <= spec.readings | spec.not_readings, numeric - spec.readings - spec.not_readings


# ----------------------------------------------------------------------------- DeviceMeasurement units


def _measurement(**attrs: Any) -> dict[str, Any]:
    return {
        "id": "urn:ngsi-ld:DeviceMeasurement:m1",
        "type": "DeviceMeasurement",
        "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
        "dateObserved": {"type": "Property", "value": "2026-06-23T10:00:00+08:00"},
        "controlledProperty": {"type": "Property", "value": "temperature"},
        "numValue": {"type": "Property", "value": 21.5},
        "@context": [],
        **attrs,
    }


def test_a_device_measurement_unit_is_translated_and_goes_back(tmp_path: Path) -> None:
    src = _write(tmp_path, [_measurement(unit={"type": "Property", "value": "CEL"})], "m.jsonld")
    conv = convert(src, "ngsi-ld")
    rec = conv.records[0]
    assert (rec["unit"], rec["fiware:unit"]) == ("Cel", "CEL") and conv.issues == []
    assert [(i["field"], i["method"]) for i in rec["provenance"]["imputed"]] == [
        ("/unit", "crosswalk")
    ]
    out = json.loads(export(conv.records, "ngsi-ld"))[0]
    assert out["unit"] == {"type": "Property", "value": "CEL"}
    again = convert(_write(tmp_path, [out], "again.jsonld"), "ngsi-ld").records[0]
    assert {k: v for k, v in again.items() if k != "provenance"} == {
        k: v for k, v in rec.items() if k != "provenance"
    }


@pytest.mark.parametrize("form", ["ngsi-ld", "ngsi-v2"])
def test_a_device_measurement_unit_code_on_its_value_is_read(form: str, tmp_path: Path) -> None:
    if form == "ngsi-ld":
        ent = _measurement(numValue={"type": "Property", "value": 41.5, "unitCode": "GQ"})
    else:
        ent = {
            "id": "m1",
            "type": "DeviceMeasurement",
            "refDevice": {"type": "Relationship", "value": "d1"},
            "dateObserved": {"type": "DateTime", "value": "2026-06-23T10:00:00+08:00"},
            "controlledProperty": {"type": "Text", "value": "no2"},
            "numValue": {
                "type": "Number",
                "value": 41.5,
                "metadata": {"unitCode": {"value": "GQ"}},
            },
        }
    conv = convert(_write(tmp_path, [ent], "m.json"), form)
    rec = conv.records[0]
    assert (rec["unit"], rec["fiware:unitCode"]) == ("ug/m3", "GQ")
    assert conv.issues == [] and conv.lossless  # the unitCode is no longer reported dropped


def test_each_reading_may_say_when_it_was_observed(tmp_path: Path) -> None:
    no_date = _air(
        dateObserved=None,
        no2={"type": "Property", "value": 41.5, "observedAt": "2026-06-23T10:05:00Z"},
        pm10={"type": "Property", "value": 58, "observedAt": "2026-06-23T10:10:00Z"},
    )
    conv = convert(_write(tmp_path, [no_date], "t.jsonld"), "ngsi-ld")
    assert {r["property"]: r["observed_at"] for r in conv.records} == {
        "no2": "2026-06-23T10:05:00Z",
        "pm10": "2026-06-23T10:10:00Z",
    }
    assert conv.issues == [] and conv.lossless


def test_the_cli_converts_and_reports_in_both_languages(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    src = _write(tmp_path, [_air(no2={"type": "Property", "value": "high"})], "bad.jsonld")
    out, report = tmp_path / "o.ndjson", tmp_path / "r.json"
    for lang, words in (("zh-CN", "不是有限数值"), ("en", "is not a finite number")):
        argv = ["convert", str(src), "--from", "ngsi-ld", "-o", str(out), "--lang", lang]
        argv += ["--report", str(report)]
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 0, result.output
        issues = json.loads(report.read_text(encoding="utf-8"))["issues"]
        assert [(i["code"], i["source"]) for i in issues] == [("CV127", "bad.jsonld#/0/no2")]
        assert words in issues[0]["message"]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["property"] for x in lines[1:]] == ["pm10"]


def test_a_period_observed_gives_its_end() -> None:
    room = convert(SDM / "IndoorEnvironmentObserved" / "example.jsonld", "ngsi-ld").records[0]
    assert room["observed_at"] == "2016-03-15T12:00:00+08:00"
    assert room["fiware:dateObserved"] == "2016-03-15T11:00:00/2016-03-15T12:00:00"
    note = next(i for i in room["provenance"]["imputed"] if i["field"] == "/observed_at")
    assert note["method"] == "derived" and "period" in note["note"]
    # dateObservedTo, with its offset, is preferred to the end of a period without one
    lane = convert(SDM / "TrafficFlowObserved" / "example.json", "ngsi-v2").records
    assert {r["observed_at"] for r in lane} == {"2016-12-07T11:15:00Z"}
    assert {r["property"] for r in lane} == {
        "intensity",
        "occupancy",
        "average_vehicle_speed",
        "average_vehicle_length",
        "average_headway_time",
    }
    assert {r["fiware:laneId"] for r in lane} == {1}  # a lane's number is no reading
