"""IoT measurements: Smart Data Models DeviceMeasurement <-> SCDS Observation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from convertdata import SDM, key_values_of_ld, sdm_validator

import smartstd
from smartstd.interchange import convert, export
from smartstd.interchange._units import write_unit

HERE = SDM / "DeviceMeasurement"
FORMS = ("example.json", "example-normalized.json", "example.jsonld", "example-normalized.jsonld")
EXAMPLE = Path(__file__).parents[2] / "examples" / "guangzhou-panyu" / "dataset.json"


def _fmt(name: str) -> str:
    return "ngsi-ld" if name.endswith((".jsonld", ".ld.json")) else "ngsi-v2"


def _write(tmp_path: Path, entities: list[dict[str, Any]], name: str = "m.json") -> Path:
    src = tmp_path / name
    src.write_text(json.dumps(entities, ensure_ascii=False), encoding="utf-8")
    return src


@pytest.mark.parametrize("form", FORMS)
def test_every_public_example_becomes_an_observation(form: str) -> None:
    conv = convert(HERE / form, _fmt(form))
    # upstream's unit is no UN/CEFACT code: kept as it is, and said so
    assert [(i.code, i.pointer, i.severity.value) for i in conv.issues] == [
        ("CV128", "/unit", "info")
    ]
    assert conv.lossless
    rec = conv.records[0]
    assert {k: rec[k] for k in ("type", "id", "device_id", "observed_at", "property")} == {
        "type": "Observation",
        "id": "urn:ngsi-ld:MEASUREMENT:id:PMZY:77452386",
        "device_id": "urn:ngsi-ld:MEASUREMENT:refDevice:ZMHH:32871158",
        "observed_at": "2021-09-03T07:33:18Z",
        "property": "humidity",
    }
    assert (rec["value"], rec["unit"], rec["quality"]) == (55.2, "UDT0000016", "suspect")
    # every other attribute is kept under the source's name, the source type is not
    assert rec["fiware:measurementType"] == "FillingLevelSensor"
    assert rec["fiware:outlier"] is True and rec["fiware:textValue"] == ""
    assert rec["fiware:location"]["type"] == "Point"
    assert "fiware:type" not in rec and "fiware:refDevice" not in rec
    imputed = rec["provenance"]["imputed"]
    assert [(i["field"], i["method"]) for i in imputed] == [("/quality", "derived")]
    assert [(g.pointer, g.method) for g in conv.guessed if g.entity == 0] == [
        ("/quality", "derived")
    ]
    assert conv.source_map()[0]["fields"]["/device_id"] == f"{form}#/refDevice"


@pytest.mark.parametrize("form", FORMS)
def test_the_check_accepts_them_and_asks_only_for_the_device(form: str, tmp_path: Path) -> None:
    conv = convert(HERE / form, _fmt(form), publisher_id="o1")
    out = tmp_path / "out.ndjson"
    conv.write(out)
    report = smartstd.check([str(out)])
    assert [f.code for f in report.findings if f.code.startswith("SC1")] == []
    sc202 = [f for f in report.findings if f.code == "SC202"]
    assert [(f.entity_id, f.pointer) for f in sc202] == [
        ("urn:ngsi-ld:MEASUREMENT:id:PMZY:77452386", "/device_id")
    ]
    assert conv.locate(sc202[0]) == f"{form}#/refDevice"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("target", "key_values"), [("ngsi-ld", False), ("ngsi-v2", False)])
def test_public_examples_round_trip(
    form: str, target: str, key_values: bool, tmp_path: Path
) -> None:
    first = convert(HERE / form, _fmt(form)).records
    again = tmp_path / ("again.jsonld" if target == "ngsi-ld" else "again.json")
    again.write_text(export(first, target, key_values=key_values), encoding="utf-8")
    second = convert(again, target)
    assert [i.code for i in second.issues] == ["CV128"] and second.lossless  # UDT0000016
    assert second.records == first


def test_the_export_names_the_device_as_a_relationship() -> None:
    records = convert(HERE / "example.json", "ngsi-v2").records
    ld = json.loads(export(records, "ngsi-ld"))[0]
    assert ld["type"] == "DeviceMeasurement"
    assert ld["refDevice"] == {
        "type": "Relationship",
        "object": "urn:ngsi-ld:MEASUREMENT:refDevice:ZMHH:32871158",
    }
    assert ld["numValue"] == {"type": "Property", "value": 55.2}
    v2 = json.loads(export(records, "ngsi-v2"))[0]
    assert v2["refDevice"]["type"] == "Relationship"
    assert v2["numValue"]["type"] == "Number"


def _example_observations() -> list[dict[str, Any]]:
    """The example dataset's observations: three of each property and kind of value."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for ent in doc["entities"]:
        if ent.get("type") != "Observation":
            continue
        key = (ent["property"], type(ent.get("value")).__name__)
        seen[key] += 1
        if seen[key] <= 3:
            out.append(ent)
    return out


@pytest.mark.parametrize(
    ("target", "key_values"),
    [("ngsi-v2", True), ("ngsi-v2", False), ("ngsi-ld", False), ("ngsi-ld", True)],
)
def test_example_dataset_observations_validate_against_the_upstream_schema(
    target: str, key_values: bool
) -> None:
    records = _example_observations()
    kinds = {type(r.get("value")).__name__ for r in records}
    assert kinds == {"float", "int", "bool", "str", "NoneType"}
    validator = sdm_validator("DeviceMeasurement")
    out = json.loads(export(records, target, key_values=key_values))
    assert len(out) == len(records)
    for rec, ent in zip(records, out, strict=True):
        if target == "ngsi-ld":
            body = key_values_of_ld(ent)
            assert body["refDevice"] == f"urn:ngsi-ld:Device:{rec['device_id']}"
        elif key_values:
            body = ent
            assert body["refDevice"] == rec["device_id"]
        else:  # NGSI-v2 normalized: the schema describes the attributes' values
            body = {k: (v["value"] if isinstance(v, dict) else v) for k, v in ent.items()}
            assert ent["refDevice"]["type"] == "Relationship"
        assert [e.message for e in validator.iter_errors(body)] == []
        assert body["type"] == "DeviceMeasurement"
        assert body["dateObserved"] == rec["observed_at"]
        assert body["controlledProperty"] == rec["property"]
        value = rec.get("value")
        if isinstance(value, bool):
            assert body["textValue"] == str(value).lower() and "numValue" not in body
        elif isinstance(value, (int, float)):
            assert body["numValue"] == value and "textValue" not in body
        elif value is None:
            assert "numValue" not in body and "textValue" not in body


def test_example_dataset_observations_come_back_the_same(tmp_path: Path) -> None:
    records = _example_observations()
    ld = _write(tmp_path, json.loads(export(records, "ngsi-ld")), "obs.jsonld")
    conv = convert(ld, "ngsi-ld")
    assert conv.issues == [] and conv.lossless
    back = [{k: v for k, v in r.items() if k != "provenance"} for r in conv.records]
    # DeviceMeasurement has no boolean value: true and false travel as text
    expected = [
        {**r, "value": str(r["value"]).lower()} if isinstance(r.get("value"), bool) else r
        for r in records
    ]
    # a unit goes out as its UN/CEFACT code (% -> P1, m/s -> MTS) and comes back
    # in UCUM, the code it travelled as kept beside it
    for r in expected:
        code = write_unit(r["unit"]) if "unit" in r else None
        if code is not None and code != r["unit"]:
            r["fiware:unit"] = code
    assert back == expected
    assert {r.get("fiware:unit") for r in back} >= {"P1", "MTS", "GQ", "CEL", "KWH"}


def test_a_measurement_finds_its_device(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            {
                "id": "urn:ngsi-ld:Device:d1",
                "type": "Device",
                "controlledProperty": {"type": "Property", "value": ["smoke"]},
                "@context": [],
            },
            {
                "id": "urn:ngsi-ld:DeviceMeasurement:m1",
                "type": "DeviceMeasurement",
                "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
                "dateObserved": {"type": "Property", "value": "2026-06-23T19:28:48+08:00"},
                "controlledProperty": {"type": "Property", "value": "smokeDensity"},
                "numValue": {"type": "Property", "value": 0.015},
                "@context": [],
            },
            {
                "id": "urn:ngsi-ld:DeviceMeasurement:m2",
                "type": "DeviceMeasurement",
                "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:gone"},
                "dateObserved": {"type": "Property", "value": "2026-06-23T19:30:00+08:00"},
                "controlledProperty": {"type": "Property", "value": "smoke_density"},
                "numValue": {"type": "Property", "value": 0.02},
                "@context": [],
            },
        ],
        "iot.jsonld",
    )
    conv = convert(src, "ngsi-ld", community_id="c1")
    m1, m2 = conv.records[1], conv.records[2]
    assert (m1["id"], m1["device_id"], m2["device_id"]) == ("m1", "d1", "gone")
    # a name respelled for the standard is a guess, and the source spelling stays
    assert m1["property"] == "smoke_density"
    assert m1["fiware:controlledProperty"] == "smokeDensity"
    assert {"field": "/property", "method": "derived"}.items() <= m1["provenance"]["imputed"][
        0
    ].items()
    assert m2["property"] == "smoke_density" and "fiware:controlledProperty" not in m2
    out = tmp_path / "out.ndjson"
    conv.write(out)
    report = smartstd.check([str(out)], select=["SC202"])
    found = [f for f in report.findings if f.pointer == "/device_id"]  # (c1 is not in the file)
    assert [f.entity_id for f in found] == ["m2"]
    assert conv.locate(found[0]) == "iot.jsonld#/2/refDevice"


def test_a_time_without_offset_gets_the_crosswalks_and_says_so(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            {
                "id": "m1",
                "type": "DeviceMeasurement",
                "refDevice": "dev-1",
                "dateObserved": "2026-06-23T19:28:48",
                "controlledProperty": "temperature",
                "numValue": 21.5,
                "unit": "Cel",
            }
        ],
    )
    conv = convert(src, "ngsi-v2")
    rec = conv.records[0]
    assert rec["observed_at"] == "2026-06-23T19:28:48+08:00"
    assert rec["fiware:dateObserved"] == "2026-06-23T19:28:48"
    assert [(i["field"], i["method"]) for i in rec["provenance"]["imputed"]] == [
        ("/observed_at", "default")
    ]
    assert (rec["value"], rec["unit"]) == (21.5, "Cel")
    assert conv.issues == [] and conv.lossless


def test_text_values_and_numbers_written_as_text(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            {
                "id": "m1",
                "type": "DeviceMeasurement",
                "refDevice": "d",
                "dateObserved": "2026-06-23T19:28:48Z",
                "controlledProperty": "elevatorStatus",
                "textValue": "running",
            },
            {
                "id": "m2",
                "type": "DeviceMeasurement",
                "refDevice": "d",
                "dateObserved": "2026-06-23T19:28:48Z",
                "controlledProperty": "pressure",
                "numValue": "0.35",
            },
        ],
    )
    conv = convert(src, "ngsi-v2")
    m1, m2 = conv.records
    assert (m1["property"], m1["value"]) == ("elevator_status", "running")
    assert m2["value"] == 0.35 and m2["fiware:numValue"] == "0.35"
    assert m2["provenance"]["imputed"][0]["field"] == "/value"
    assert conv.issues == []


@pytest.mark.parametrize(
    ("drop", "attr", "field"),
    [
        ("refDevice", "refDevice", "device_id"),
        ("dateObserved", "dateObserved", "observed_at"),
        ("controlledProperty", "controlledProperty", "property"),
    ],
)
def test_a_missing_required_attribute_is_named_in_both_languages(
    drop: str, attr: str, field: str, tmp_path: Path
) -> None:
    ent = {
        "id": "m1",
        "type": "DeviceMeasurement",
        "refDevice": "d",
        "dateObserved": "2026-06-23T19:28:48Z",
        "controlledProperty": "pressure",
        "numValue": 0.3,
    }
    del ent[drop]
    conv = convert(_write(tmp_path, [ent], "bad.json"), "ngsi-v2")
    assert [(i.code, i.pointer, i.source) for i in conv.issues] == [
        ("CV126", f"/{field}", "bad.json#/0")
    ]
    issue = conv.issues[0]
    assert attr in issue.message("en") and field in issue.message("en")
    assert attr in issue.message("zh-CN") and "必填字段" in issue.message("zh-CN")
    assert field not in conv.records[0]
    assert conv.report("zh-CN")["issues"][0]["name"] == "missing-source-value"


@pytest.mark.parametrize(
    ("attr", "value", "field", "expected"),
    [
        ("numValue", "abc", "value", "a number (numValue)"),
        ("numValue", {"v": 1}, "value", "a number (numValue)"),
        ("numValue", True, "value", "a number (numValue)"),
        ("refDevice", ["a", "b"], "device_id", "the id of one device"),
        ("controlledProperty", "温度", "property", "one property name"),
        ("dateObserved", "yesterday", "observed_at", "a date and time"),
        ("unit", "x" * 40, "unit", "at most 32 characters"),
    ],
)
def test_a_bad_value_is_a_finding_and_stays_in_the_record(
    attr: str, value: Any, field: str, expected: str, tmp_path: Path
) -> None:
    ent = {
        "id": "m1",
        "type": "DeviceMeasurement",
        "refDevice": "d",
        "dateObserved": "2026-06-23T19:28:48Z",
        "controlledProperty": "pressure",
        "numValue": 0.3,
        "unit": "MPa",
        attr: value,
    }
    conv = convert(_write(tmp_path, [ent], "bad.json"), "ngsi-v2")
    assert [(i.code, i.pointer, i.source) for i in conv.issues] == [
        ("CV120", f"/{field}", f"bad.json#/0/{attr}")
    ]
    assert expected in conv.issues[0].message("en")
    assert "不是" in conv.issues[0].message("zh-CN")
    rec = conv.records[0]
    assert field not in rec
    assert rec[f"fiware:{attr}"] == value  # nothing lost: the source value is kept
    assert conv.lossless


def test_metadata_on_a_mapped_attribute_is_reported_dropped(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            {
                "id": "urn:ngsi-ld:DeviceMeasurement:m1",
                "type": "DeviceMeasurement",
                "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
                "dateObserved": {"type": "Property", "value": "2026-06-23T19:28:48Z"},
                "controlledProperty": {"type": "Property", "value": "pressure"},
                "numValue": {
                    "type": "Property",
                    "value": 0.3,
                    "observedAt": "2026-06-23T19:28:48Z",
                },
                "@context": [],
            }
        ],
        "m.jsonld",
    )
    conv = convert(src, "ngsi-ld")
    assert conv.records[0]["value"] == 0.3
    assert [(x.source, x.name) for x in conv.dropped] == [
        ("m.jsonld#/0/numValue", "numValue (observedAt)")
    ]


def test_the_cli_converts_and_exports_measurements(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    out, back = tmp_path / "m.ndjson", tmp_path / "m.json"
    run = CliRunner().invoke(
        main,
        ["convert", str(HERE / "example.jsonld"), "--from", "ngsi-ld", "-o", str(out), "-q"],
    )
    assert run.exit_code == 0, run.output
    run = CliRunner().invoke(
        main, ["export", str(out), "--to", "ngsi-v2", "--key-values", "-o", str(back)]
    )
    assert run.exit_code == 0, run.output
    ent = json.loads(back.read_text(encoding="utf-8"))[0]
    assert ent["type"] == "DeviceMeasurement" and ent["numValue"] == 55.2
    assert [e.message for e in sdm_validator("DeviceMeasurement").iter_errors(ent)] == []


@pytest.mark.parametrize("fmt", ["ngsi-ld", "ngsi-v2"])
def test_without_date_observed_the_values_own_time_is_taken(fmt: str, tmp_path: Path) -> None:
    if fmt == "ngsi-ld":
        ent: dict[str, Any] = {
            "id": "urn:ngsi-ld:DeviceMeasurement:m1",
            "type": "DeviceMeasurement",
            "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
            "controlledProperty": {"type": "Property", "value": "pressure"},
            "numValue": {"type": "Property", "value": 0.3, "observedAt": "2026-06-23T11:28:48Z"},
            "@context": [],
        }
        where = "m.json#/0/numValue/observedAt"
    else:  # what a FIWARE IoT Agent writes
        ent = {
            "id": "m1",
            "type": "DeviceMeasurement",
            "refDevice": {"type": "Relationship", "value": "d1", "metadata": {}},
            "controlledProperty": {"type": "Text", "value": "pressure", "metadata": {}},
            "numValue": {
                "type": "Number",
                "value": 0.3,
                "metadata": {"TimeInstant": {"type": "DateTime", "value": "2026-06-23T11:28:48Z"}},
            },
        }
        where = "m.json#/0/numValue/TimeInstant"
    conv = convert(_write(tmp_path, [ent]), fmt)
    rec = conv.records[0]
    assert rec["observed_at"] == "2026-06-23T11:28:48Z"
    assert conv.source_map()[0]["fields"]["/observed_at"] == where
    assert conv.issues == [] and conv.lossless  # the time landed: nothing was dropped
    again = _write(tmp_path, json.loads(export(conv.records, fmt)), "again.json")
    assert convert(again, fmt).records == conv.records


def test_a_value_time_without_offset_is_imputed_and_still_listed(tmp_path: Path) -> None:
    ent = {
        "id": "urn:ngsi-ld:DeviceMeasurement:m1",
        "type": "DeviceMeasurement",
        "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
        "controlledProperty": {"type": "Property", "value": "pressure"},
        "numValue": {"type": "Property", "value": 0.3, "observedAt": "2026-06-23T19:28:48"},
        "@context": [],
    }
    conv = convert(_write(tmp_path, [ent]), "ngsi-ld")
    rec = conv.records[0]
    assert rec["observed_at"] == "2026-06-23T19:28:48+08:00"
    assert rec["provenance"]["imputed"][0]["field"] == "/observed_at"
    assert [x.name for x in conv.dropped] == ["numValue (observedAt)"]
