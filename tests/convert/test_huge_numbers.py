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
