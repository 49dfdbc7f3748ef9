"""Integers too large for a float (JSON allows them) are findings in every reader, never a crash.

``1`` followed by 400 zeros is valid JSON; Python reads it as an integer that
no float can hold, so ``math.isfinite`` and ``float()`` raise on it. A reading,
a coordinate or a count written so must get the finding a NaN would get,
with a message that stays short, and must not be taken for something else
(an NGSI file with one used to be reported as holding over a million
entities, CV101).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from convertdata import DATA

from smartstd.interchange import Conversion, convert
from smartstd.interchange.values import finite_number, preview

HUGE = 10**400


def _codes(conv: Conversion) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for issue in conv.issues:
        out.setdefault(issue.code, []).append(issue)
    return out


def test_finite_number_and_preview() -> None:
    assert finite_number(1) and finite_number(2.5) and finite_number(2**63)
    for value in (HUGE, -HUGE, float("nan"), float("inf"), True, "1", None):
        assert not finite_number(value)
    assert len(preview(HUGE)) == 60 and preview(HUGE).endswith("...")
    assert preview("短") == "短"


def test_an_observed_reading_too_large_is_cv127_not_a_limit(tmp_path: Path) -> None:
    entity = json.loads((DATA / "sdm" / "AirQualityObserved" / "example.json").read_text("utf-8"))
    entity["NO2"] = HUGE
    path = tmp_path / "air.json"
    path.write_text(json.dumps(entity), "utf-8")
    conv = convert(path, "ngsi-v2", community_id="comm-1")
    codes = _codes(conv)
    assert "CV101" not in codes
    (issue,) = [i for i in codes["CV127"] if i.source.endswith("/NO2")]
    assert len(str(issue.params["value"])) <= 60
    properties = {r["property"] for r in conv.records if r["type"] == "Observation"}
    assert "no2" not in properties and properties  # the other readings are kept
    for record in conv.records:
        json.dumps(record, allow_nan=False)


def test_a_device_measurement_too_large_is_no_value(tmp_path: Path) -> None:
    entity = json.loads((DATA / "sdm" / "DeviceMeasurement" / "example.json").read_text("utf-8"))
    entity["numValue"] = HUGE
    path = tmp_path / "m.json"
    path.write_text(json.dumps(entity), "utf-8")
    conv = convert(path, "ngsi-v2")
    assert "CV101" not in _codes(conv)
    assert all(r.get("value") != HUGE for r in conv.records)


def test_a_geojson_position_too_large_is_a_bad_position(tmp_path: Path) -> None:
    feature = {
        "type": "Feature",
        "id": "b-1",
        "geometry": {"type": "Point", "coordinates": [HUGE, 23.0]},
        "properties": {"type": "Building", "name.zh-CN": "一号楼"},
    }
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    conv = convert(path, "geojson", community_id="comm-1")
    (issue,) = _codes(conv)["CV154"]
    assert issue.source.endswith("#/features/0/geometry/coordinates")
    assert all("location" not in r for r in conv.records)


def test_an_open311_location_too_large_is_cv120(tmp_path: Path) -> None:
    requests = json.loads((DATA / "open311" / "requests.json").read_text("utf-8"))
    requests[0]["lat"] = HUGE
    path = tmp_path / "requests.json"
    path.write_text(json.dumps(requests), "utf-8")
    conv = convert(path, "open311-json", community_id="comm-1")
    (issue,) = [i for i in _codes(conv).get("CV120", []) if i.source.endswith("/lat")]
    assert issue.source.startswith("requests.json#/0")
    assert "geometry" not in (conv.records[0].get("location") or {})


def test_a_csv_longitude_too_large_is_a_cell_issue(tmp_path: Path) -> None:
    path = tmp_path / "buildings.csv"
    path.write_text(
        "id,name.zh-CN,community_id,location.longitude,location.latitude\n"
        f"b-1,一号楼,comm-1,{HUGE},23.0\n"
        "b-2,二号楼,comm-1,113.3,23.0\n",
        "utf-8",
    )
    conv = convert(path, "csv", entity_type="Building")
    assert [i.source for i in conv.issues if i.code == "CV120"] == ["buildings!D2"]
    by_id = {r["id"]: r for r in conv.records}
    assert by_id["b-2"]["location"]["coordinates"] == [113.3, 23.0]
    assert by_id["b-1"]["location"]["coordinates"] == [str(HUGE), 23.0]  # kept for the check


def test_a_longitude_that_is_no_number_stays_in_its_place(tmp_path: Path) -> None:
    # it used to replace the whole point with its text, and the latitude after it crashed
    path = tmp_path / "buildings.csv"
    path.write_text(
        "id,name.zh-CN,community_id,location.longitude,location.latitude\n"
        "b-1,一号楼,comm-1,东经113度,23.0\n",
        "utf-8",
    )
    conv = convert(path, "csv", entity_type="Building")
    assert [i.source for i in conv.issues if i.code == "CV120"] == ["buildings!D2"]
    (record,) = conv.records
    assert record["location"] == {"type": "Point", "coordinates": ["东经113度", 23.0]}


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_no_output_holds_nan_or_infinity(tmp_path: Path) -> None:
    csv_path = tmp_path / "communities.csv"
    csv_path.write_text(
        "id,name.zh-CN,area_km2,boundary\nc-1,一社区,1e400,-1e400\nc-2,二社区,2.5,[1e999]\n",
        "utf-8",
    )
    conv = convert(csv_path, "csv", community_id="comm-1")
    bad = {(i.source, i.params["value"]) for i in conv.issues if i.code == "CV120"}
    assert bad == {
        ("communities!C2", "1e400"),
        ("communities!D2", "-Infinity"),
        ("communities!D3", "Infinity"),
    }
    by_id = {r["id"]: r for r in conv.records}
    assert by_id["c-1"]["area_km2"] == "1e400" and by_id["c-1"]["boundary"] == "-Infinity"
    assert by_id["c-2"]["boundary"] == ["Infinity"] and by_id["c-2"]["area_km2"] == 2.5
    for line in conv.iter_ndjson():
        _strict(line)
    # an NGSI attribute the standard has no field for, kept as an extension field
    entity = json.loads((DATA / "sdm" / "Building" / "example.json").read_text("utf-8"))
    entity["floorsAboveGround"] = float("inf")
    entity["vendorScore"] = float("nan")
    ngsi_path = tmp_path / "building.json"
    ngsi_path.write_text(json.dumps(entity), "utf-8")  # Python writes Infinity and NaN
    conv = convert(ngsi_path, "ngsi-v2", community_id="comm-1")
    for line in conv.iter_ndjson():
        _strict(line)
    values_said = {i.params.get("value") for i in conv.issues if i.code == "CV120"}
    assert {"Infinity", "NaN"} <= values_said


def test_export_refuses_nan_and_infinity_saying_where(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main
    from smartstd.errors import UsageError
    from smartstd.interchange import export

    dataset = json.loads(
        (Path(__file__).parents[2] / "examples/guangzhou-panyu/dataset.json").read_text("utf-8")
    )
    dataset["entities"] = dataset["entities"][:5]
    dataset["entities"][2]["x:score"] = [1, float("-inf")]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(dataset), "utf-8")  # Python writes -Infinity
    for target in ("ngsi-ld", "ngsi-v2", "open311", "geojson"):
        with pytest.raises(UsageError) as info:
            export(path, target)
        assert info.value.key == "export_not_finite", target
        assert info.value.params["pointer"] == "/x:score/1" and info.value.params["index"] == 3
    out = tmp_path / "out.json"
    en = CliRunner().invoke(
        main, ["export", str(path), "--to", "ngsi-ld", "-o", str(out), "--lang", "en"]
    )
    assert en.exit_code == 2
    assert "entity 3 (" in en.stderr and "holds -Infinity at /x:score/1" in en.stderr
    zh = CliRunner().invoke(
        main, ["export", str(path), "--to", "ngsi-ld", "-o", str(out), "--lang", "zh-CN"]
    )
    assert zh.exit_code == 2 and "JSON 不能表示它" in zh.stderr
    assert not out.exists()
