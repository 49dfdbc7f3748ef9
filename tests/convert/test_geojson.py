"""GeoJSON in and out: features become records, every finding names its feature by JSON Pointer."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from convertdata import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.cli import main
from smartstd.errors import UsageError
from smartstd.interchange import Conversion, ConvertLimits, convert, export
from smartstd.interchange.geojson import geometry_fields

GEO = DATA / "geojson"
EXAMPLE = Path(__file__).parents[2] / "examples" / "guangzhou-panyu" / "dataset.json"
SQUARE = [[[113.3125, 22.9940], [113.3181, 22.9940], [113.3181, 22.9987], [113.3125, 22.9940]]]


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _issues(conv: Conversion, code: str) -> list[Any]:
    return [i for i in conv.issues if i.code == code]


def _feature(fid: Any, geometry: Any, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def _write(path: Path, features: list[Any], **members: Any) -> Path:
    doc = {"type": "FeatureCollection", **members, "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _building(fid: Any, geometry: Any, **props: Any) -> dict[str, Any]:
    base = {"name.zh-CN": f"楼栋 {fid}", "community_id": "comm-rx"}
    return _feature(fid, geometry, **{**base, **props})


def _get(rec: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        rec = rec.get(part) if isinstance(rec, dict) else None  # type: ignore[assignment]
    return rec


def _serialisable(conv: Conversion) -> None:
    json.dumps(conv.records, allow_nan=False)
    json.dumps(conv.report("zh-CN"), allow_nan=False, ensure_ascii=False)


# ----------------------------------------------------------------------------- good files


def test_the_geometry_fields_of_each_place_type() -> None:
    assert geometry_fields("Community") == (("boundary", ("Polygon",)), ("centroid", ("Point",)))
    assert geometry_fields("Grid") == (("boundary", ("Polygon",)),)
    assert geometry_fields("Building") == (
        ("footprint", ("Polygon", "MultiPolygon")),
        ("location", ("Point",)),
    )
    assert geometry_fields("Facility")[0] == ("footprint", ("Polygon", "MultiPolygon"))
    assert geometry_fields("Device") == (("location", ("Point",)),)
    assert geometry_fields("Alert") == (("location", ("Point",)),)
    assert geometry_fields("ServiceRequest") == (("location.geometry", ("Point",)),)
    assert geometry_fields("Resident") == ()


def test_buildings_map_like_a_spreadsheet_row() -> None:
    conv = convert(GEO / "buildings.geojson", "geojson")
    by_id = {r["id"]: r for r in conv.records}
    assert [r["type"] for r in conv.records] == ["Community", "Building", "Building", "Building"]
    comm = by_id["comm-rx"]
    assert comm["name"] == {"zh-CN": "榕溪社区"}  # a plain 名称 is the source language's name
    assert comm["boundary"]["type"] == "Polygon"
    b1 = by_id["bldg-rx-01"]
    assert b1["footprint"]["type"] == "Polygon"
    assert b1["location"] == {"type": "Point", "coordinates": [113.31409, 22.996911]}
    assert b1["category"] == "residential"  # by its Chinese label
    assert b1["floors_above"] == 9  # by its Chinese title 地上层数
    assert b1["floors_below"] == 1  # "1" read as a whole number
    assert b1["address"] == {"zh-CN": "广州市番禺区钟村街迎宾路榕溪花园1栋"}
    b2 = by_id["2"]  # a number id, as a CSV cell's
    assert b2["footprint"]["type"] == "MultiPolygon"
    assert b2["geojson:note"] == "两栋相连"  # unknown property kept as an extension field
    assert "楼长" not in json.dumps(b2, ensure_ascii=False)
    b4 = by_id["bldg-rx-04"]
    assert b4["location"]["type"] == "Point"  # a Point goes to location
    assert b4["name"] == {"zh-CN": "榕溪花园 4 栋", "en": "Rongxi Garden Building 4"}
    assert b4["gz:plaque_no"] == "ZC-0104"
    assert conv.envelope["extensions"]["geojson"] == "https://www.rfc-editor.org/rfc/rfc7946"
    # nothing lost silently: the Chinese property that cannot be an extension field
    (loss,) = conv.dropped
    assert (loss.name, loss.source) == ("楼长", "buildings.geojson#/features/2/properties/楼长")
    (cv163,) = _issues(conv, "CV163")
    assert cv163.params["prop"] == "楼长"
    assert cv163.source == "buildings.geojson#/features/2/properties/楼长"
    (cv125,) = _issues(conv, "CV125")
    assert cv125.source == "buildings.geojson#/features/1/properties/category"
    assert conv.errors == 0
    smap = {m["id"]: m for m in conv.source_map()}
    assert smap["2"]["source"] == "buildings.geojson#/features/2"
    assert smap["2"]["fields"]["/id"] == "buildings.geojson#/features/2/id"
    assert smap["2"]["fields"]["/footprint"] == "buildings.geojson#/features/2/geometry"
    assert smap["bldg-rx-01"]["fields"]["/location"] == (
        "buildings.geojson#/features/1/properties/location.latitude"
    )
    assert all(r["provenance"]["source_system"] == "geojson" for r in conv.records)


def test_a_collection_with_crs84_and_a_community_centroid() -> None:
    conv = convert(GEO / "communities.geojson", "geojson")
    (comm,) = conv.records
    assert comm["centroid"] == {"type": "Point", "coordinates": [113.315354, 22.996382]}
    assert comm["division_code"] == "440113"  # by its Chinese title 行政区划代码
    assert comm["tier"] == "growing"
    assert comm["name"] == {"zh-CN": "榕溪社区", "en": "Rongxi Community"}
    assert not _issues(conv, "CV160") and not _issues(conv, "CV161")


def test_one_feature_a_line() -> None:
    conv = convert(GEO / "facilities.geojsonl", "geojson")
    assert [r["id"] for r in conv.records] == ["comm-rx", "fac-rx-01", "fac-rx-02", "dev-rx-001"]
    comm, f1, f2, dev = conv.records
    assert comm["centroid"]["type"] == "Point"  # a Community's Point is its centroid
    assert f1["barrier_free"] is True and f1["capacity"] == 200
    assert f2["kind"] == "elderly_canteen"  # 设施类型: 长者饭堂
    assert f2["location"]["coordinates"] == [113.315867, 22.996344, 12.5]  # a 3D position
    assert dev["location"]["type"] == "Point"
    (cv125,) = _issues(conv, "CV125")
    assert cv125.source == "facilities.geojsonl:3#/properties/设施类型"


@pytest.mark.parametrize(
    "name", ["communities.geojson", "buildings.geojson", "facilities.geojsonl"]
)
def test_the_good_files_pass_the_check_at_l2(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.ndjson"
    report = tmp_path / "report.json"
    code, text = _run(
        "convert",
        str(GEO / name),
        "--from",
        "geojson",
        "-o",
        str(out),
        "--publisher-id",
        "org-zc",
        "--check",
        "--level",
        "L2",
        "--report",
        str(report),
        "--lang",
        "en",
    )
    assert code == 0, text
    rep = json.loads(report.read_text(encoding="utf-8"))
    assert rep["check"]["level"] == "L2"
    assert [f for f in rep["check"]["findings"] if f["severity"] == "error"] == []


def test_check_findings_point_back_at_the_feature(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "buildings.geojson",
        [_building("b1", {"type": "Point", "coordinates": [113.31, 22.99]}, floors_above=900)],
    )
    report = tmp_path / "r.json"
    code, _ = _run(
        "convert",
        str(src),
        "--from",
        "geojson",
        "-o",
        str(tmp_path / "o.ndjson"),
        "--check",
        "--report",
        str(report),
    )
    assert code == 1
    findings = json.loads(report.read_text(encoding="utf-8"))["check"]["findings"]
    floors = [f for f in findings if f["output"]["pointer"].endswith("/floors_above")]
    assert floors[0]["source"] == "buildings.geojson#/features/0/properties/floors_above"


# ----------------------------------------------------------------------------- export and round trip


def test_the_example_round_trips_through_geojson(tmp_path: Path) -> None:
    places = tmp_path / "places.geojson"
    code, text = _run("export", str(EXAMPLE), "--to", "geojson", "-o", str(places))
    assert code == 0, text
    doc = json.loads(places.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    original = json.loads(EXAMPLE.read_text(encoding="utf-8"))["entities"]
    placed = [r for r in original if any(_get(r, f) for f, _ in geometry_fields(r["type"]))]
    assert len(doc["features"]) == len(placed) > 200
    kinds = {f["properties"]["type"] for f in doc["features"]}
    assert kinds == {
        "Community",
        "Grid",
        "Building",
        "Facility",
        "Device",
        "Alert",
        "ServiceRequest",
    }
    first = doc["features"][0]
    assert first["geometry"]["type"] == "Polygon" and first["properties"]["type"] == "Community"
    assert first["properties"]["name.zh-CN"] == "榕溪社区"
    assert "centroid.longitude" in first["properties"]  # the other geometry, as columns
    conv = convert(places, "geojson")
    assert conv.issues == [] and conv.dropped == []
    by_id = {r["id"]: r for r in original}
    for rec in conv.records:
        back = dict(rec)
        if "provenance" not in by_id[rec["id"]]:
            assert back.pop("provenance") == {"source_system": "geojson"}
        assert back == by_id[rec["id"]]


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


@pytest.mark.parametrize(
    "type_name", ["Community", "Grid", "Building", "Facility", "Device", "Alert", "ServiceRequest"]
)
def test_any_placed_record_round_trips(type_name: str) -> None:
    """Export then convert gives the record back (a null field reads as an absent one)."""
    from smartstd.interchange._geojson_write import to_feature
    from smartstd.testing.strategies import entity

    @settings(max_examples=25, deadline=None)
    @given(entity(type_name))
    def round_trip(rec: dict[str, Any]) -> None:
        if to_feature(rec) is None:
            return
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "x.geojson"
            src.write_text(export([rec], "geojson"), encoding="utf-8")
            conv = convert(src, "geojson")
        assert conv.dropped == [] and conv.errors == 0
        (back,) = conv.records
        prov = back.pop("provenance")
        if "source_system" not in (rec.get("provenance") or {}):
            del prov["source_system"]
        if prov:
            back["provenance"] = prov
        assert _without_nulls(back) == _without_nulls(rec)

    round_trip()


def test_export_from_python_skips_records_without_geometry() -> None:
    records = [
        {"id": "b1", "type": "Building", "name": {"zh-CN": "一栋", "yue": "一座"}},
        {"id": "a1", "type": "Alert", "location": {"type": "Point", "coordinates": [113.3, 23.0]}},
        {"id": "r1", "type": "Resident"},
        {"type": "Building"},
    ]
    doc = json.loads(export(records, "geojson"))
    (feat,) = doc["features"]
    assert feat == {
        "type": "Feature",
        "id": "a1",
        "geometry": {"type": "Point", "coordinates": [113.3, 23.0]},
        "properties": {"type": "Alert"},
    }
    empty = json.loads(export([], "geojson"))
    assert empty == {"type": "FeatureCollection", "features": []}


def test_a_field_with_a_language_without_a_column_is_written_whole(tmp_path: Path) -> None:
    rec = {
        "id": "b1",
        "type": "Building",
        "community_id": "c1",
        "name": {"zh-CN": "一栋", "yue": "一座"},
        "location": {"type": "Point", "coordinates": [113.3, 23.0, 8.0]},
    }
    doc = json.loads(export([rec], "geojson"))
    assert doc["features"][0]["properties"]["name"] == {"zh-CN": "一栋", "yue": "一座"}
    src = tmp_path / "x.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    conv = convert(src, "geojson")
    back = conv.records[0]
    back.pop("provenance")
    assert back == rec


# ----------------------------------------------------------------------------- geometry findings


def test_geometry_a_type_cannot_hold(tmp_path: Path) -> None:
    line = {"type": "LineString", "coordinates": [[113.31, 22.99], [113.32, 22.99]]}
    # two polygons: one is taken as a Polygon (test_public_samples, DataV)
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]}
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    src = _write(
        tmp_path / "mixed.geojson",
        [
            _building("b1", line, type="Building"),
            _feature("c1", multi, type="Community", division_code="440113", name="社区"),
            _feature("g1", point, type="Grid", code="G1", community_id="c1"),
            _feature("r1", point, type="Resident"),
        ],
    )
    conv = convert(src, "geojson")
    found = {(i.source, i.params["geometry"], i.params["type"]) for i in _issues(conv, "CV153")}
    assert found == {
        ("mixed.geojson#/features/0/geometry", "LineString", "Building"),
        ("mixed.geojson#/features/1/geometry", "MultiPolygon", "Community"),
        ("mixed.geojson#/features/2/geometry", "Point", "Grid"),
        ("mixed.geojson#/features/3/geometry", "Point", "Resident"),
    }
    assert len(conv.records) == 4
    assert not any("location" in r or "boundary" in r for r in conv.records)
    assert {x.source for x in conv.dropped} >= {x[0] for x in found}
    msg = _issues(conv, "CV153")[0].message("zh-CN")
    assert "Building 无法容纳 LineString" in msg


def test_an_unclosed_ring_is_reported_at_its_last_position(tmp_path: Path) -> None:
    good = [[[113.3125, 22.994], [113.3181, 22.994], [113.3181, 22.9987], [113.3125, 22.994]]]
    feats = [_building(f"b{i}", {"type": "Polygon", "coordinates": good}) for i in range(12)]
    open_ring = [[[113.3125, 22.994], [113.3181, 22.994], [113.3181, 22.9987], [113.31, 22.99]]]
    feats.append(_building("b12", {"type": "Polygon", "coordinates": open_ring}))
    conv = convert(_write(tmp_path / "buildings.geojson", feats), "geojson")
    (cv157,) = _issues(conv, "CV157")
    assert cv157.source == "buildings.geojson#/features/12/geometry/coordinates/0/3"
    assert (cv157.entity, cv157.pointer) == (12, "/footprint")
    assert cv157.severity.value == "error"
    assert conv.records[12]["footprint"]["coordinates"] == open_ring  # reported, not closed


def test_positions_that_cannot_be_read(tmp_path: Path) -> None:
    text = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                _building("b0", {"type": "Point", "coordinates": ["113.31", 22.99]}),
                _building("b1", {"type": "Point", "coordinates": [113.31]}),
                _building("b2", {"type": "Point", "coordinates": "NAN_HERE"}),
                _building("b3", {"type": "Polygon", "coordinates": [[[113.3, 22.9], True]]}),
                _building("b4", {"type": "Point", "coordinates": [113.3, 22.9, 1, 2]}),
                _building("b5", {"type": "Polygon", "coordinates": []}),
            ],
        }
    ).replace('"NAN_HERE"', "[NaN, 22.99]")
    src = tmp_path / "buildings.geojson"
    src.write_text(text, encoding="utf-8")
    conv = convert(src, "geojson")
    got = {i.source: i.params["value"] for i in _issues(conv, "CV154")}
    base = "buildings.geojson#/features/"
    assert got == {
        base + "0/geometry/coordinates": '["113.31", 22.99]',
        base + "1/geometry/coordinates": "[113.31]",
        base + "2/geometry/coordinates": "[NaN, 22.99]",
        base + "3/geometry/coordinates/0/1": "true",
        base + "4/geometry/coordinates": "[113.3, 22.9, 1, 2]",
        base + "5/geometry/coordinates": "[]",
    }
    assert not any("location" in r or "footprint" in r for r in conv.records)
    _serialisable(conv)


def test_out_of_range_and_swapped_positions(tmp_path: Path) -> None:
    swapped = [[[22.994, 113.3125], [22.994, 113.3181], [22.9987, 113.3181], [22.994, 113.3125]]]
    src = _write(
        tmp_path / "buildings.geojson",
        [
            _building("b0", {"type": "Point", "coordinates": [200.0, 22.99]}),
            _building("b1", {"type": "Polygon", "coordinates": swapped}),
            _building("b2", {"type": "Point", "coordinates": [40.5, 80.2]}),  # in range, swapped
        ],
    )
    conv = convert(src, "geojson")
    r155 = {i.source: i for i in _issues(conv, "CV155")}
    assert set(r155) == {
        "buildings.geojson#/features/0/geometry/coordinates",
        "buildings.geojson#/features/1/geometry/coordinates/0/0",
    }
    assert r155["buildings.geojson#/features/1/geometry/coordinates/0/0"].params["n"] == 4
    r156 = {i.source: i for i in _issues(conv, "CV156")}
    assert set(r156) == {
        "buildings.geojson#/features/1/geometry/coordinates/0/0",
        "buildings.geojson#/features/2/geometry/coordinates",
    }
    swap = r156["buildings.geojson#/features/1/geometry/coordinates/0/0"]
    assert swap.severity.value == "warning"
    assert "[113.3125, 22.994]" in swap.message("en")
    assert "纬度在前" in swap.message("zh-CN")


def test_short_rings_and_a_polygon_that_crosses_itself(tmp_path: Path) -> None:
    short = [[[113.3, 22.9], [113.4, 22.9], [113.3, 22.9]]]
    bowtie = [[[113.30, 22.90], [113.31, 22.91], [113.31, 22.90], [113.30, 22.91], [113.30, 22.90]]]
    src = _write(
        tmp_path / "buildings.geojson",
        [
            _building("b0", {"type": "Polygon", "coordinates": short}),
            _building("b1", {"type": "Polygon", "coordinates": bowtie}),
        ],
    )
    conv = convert(src, "geojson")
    (short_ring,) = _issues(conv, "CV158")
    assert short_ring.source == "buildings.geojson#/features/0/geometry/coordinates/0"
    (cross,) = _issues(conv, "CV159")
    assert cross.severity.value == "warning" and "Self-intersection" in cross.params["reason"]
    assert cross.source == "buildings.geojson#/features/1/geometry/coordinates"


def test_a_large_polygon_within_the_limits(tmp_path: Path) -> None:
    import math

    n = 100_000
    ring = [
        [
            113.31 + 0.01 * math.cos(2 * math.pi * i / n),
            22.99 + 0.01 * math.sin(2 * math.pi * i / n),
        ]
        for i in range(n)
    ]
    ring.append(ring[0])
    src = _write(
        tmp_path / "communities.geojson",
        [
            _feature(
                "c1",
                {"type": "Polygon", "coordinates": [ring]},
                name="大社区",
                division_code="440113",
            )
        ],
    )
    conv = convert(src, "geojson")
    assert conv.issues == []
    assert len(conv.records[0]["boundary"]["coordinates"][0]) == n + 1


# ----------------------------------------------------------------------------- CRS


def test_a_projected_crs_stops_the_conversion_wherever_it_is(tmp_path: Path) -> None:
    feats = [_building("b1", {"type": "Point", "coordinates": [12614000.0, 2631000.0]})]
    for name, doc in (
        (
            "before.geojson",
            {"type": "FeatureCollection", "crs": _crs("EPSG:3857"), "features": feats},
        ),
        (
            "after.geojson",
            {"type": "FeatureCollection", "features": feats, "crs": _crs("EPSG:4547")},
        ),
    ):
        src = tmp_path / name
        src.write_text(json.dumps(doc), encoding="utf-8")
        conv = convert(src, "geojson", entity_type="Building")
        assert conv.records == [] and conv.read == 0
        (cv160,) = conv.issues
        assert cv160.code == "CV160" and cv160.source == f"{name}#/crs"
        assert "ogr2ogr -t_srs EPSG:4326" in cv160.message("zh-CN")


def _crs(name: str) -> dict[str, Any]:
    return {"type": "name", "properties": {"name": name}}


def test_cgcs2000_is_read_as_wgs84_with_a_note(tmp_path: Path) -> None:
    feats = [_building("b1", {"type": "Point", "coordinates": [113.31, 22.99]})]
    src = _write(tmp_path / "buildings.geojson", feats, crs=_crs("urn:ogc:def:crs:EPSG::4490"))
    conv = convert(src, "geojson")
    (cv161,) = conv.issues
    assert cv161.code == "CV161" and cv161.severity.value == "info"
    assert conv.records[0]["location"]["coordinates"] == [113.31, 22.99]
    src = _write(tmp_path / "b2.geojson", feats, crs=_crs("EPSG:4326"))
    assert convert(src, "geojson", entity_type="Building").issues == []


# ----------------------------------------------------------------------------- features and ids


def test_odd_features(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    feats: list[Any] = [
        1,
        "feature",
        None,
        [],
        {"type": "Point", "coordinates": [113.31, 22.99]},
        {"type": "Feature", "id": "b5", "geometry": None, "properties": None},
        {"type": "Feature", "id": "b6", "geometry": point, "properties": [1, 2]},
        {"type": "Feature", "geometry": point, "properties": {"name.zh-CN": "无编号"}},
        {"type": "Feature", "geometry": point, "properties": {"id": "b8", "name.zh-CN": "八"}},
        {"type": "Feature", "id": "b5", "geometry": point, "properties": {"name.zh-CN": "重"}},
        {"type": "Feature", "id": True, "geometry": point, "properties": {}},
        {"type": "Feature", "id": "urn:ngsi-ld:Building:b11", "geometry": point, "title": "x"},
        {"type": "Feature", "id": 12.0, "geometry": point, "bbox": [1, 2, 3, 4]},
    ]
    conv = convert(_write(tmp_path / "buildings.geojson", feats), "geojson", community_id="c1")
    base = "buildings.geojson#/features/"
    shapes = {i.source: i.params["reason"] for i in _issues(conv, "CV103")}
    assert shapes == {
        base + "0": "a JSON int, not an object",
        base + "1": "a JSON str, not an object",
        base + "2": "null, not an object",
        base + "3": "a JSON array, not an object",
        base + "4": 'type is "Point", not Feature (a bare geometry: wrap it in a Feature)',
        base + "6/properties": "a JSON list",
    }
    ids = [r["id"] for r in conv.records]
    assert ids == ["b5", "b6", "buildings-8", "b8", "b5", "buildings-11", "b11", "12"]
    (no_id, no_id_2) = _issues(conv, "CV151")
    assert (no_id.source, no_id.params["id"]) == (base + "7", "buildings-8")
    assert no_id_2.params["id"] == "buildings-11"
    assert conv.records[2]["provenance"]["imputed"][0]["method"] == "derived"
    (dup,) = _issues(conv, "CV152")
    assert (dup.source, dup.params["first"]) == (base + "9/id", base + "5")
    (bad_id,) = _issues(conv, "CV120")
    assert bad_id.source == base + "10/id"
    assert "location" not in conv.records[0]  # geometry null: a record without a place
    assert conv.records[6]["geojson:title"] == "x"  # a foreign member, kept
    names = {x.name for x in conv.dropped}
    assert {"feature", "properties", "bbox", "id"} <= names
    _serialisable(conv)


def test_duplicate_keys_keep_the_last_and_list_the_first(tmp_path: Path) -> None:
    src = tmp_path / "buildings.geojson"
    src.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","id":"b1","geometry":null,'
        '"properties":{"name.zh-CN":"一","name.zh-CN":"二","community_id":"c1"}}]}',
        encoding="utf-8",
    )
    conv = convert(src, "geojson")
    assert conv.records[0]["name"] == {"zh-CN": "二"}
    (cv162,) = _issues(conv, "CV162")
    assert cv162.source == "buildings.geojson#/features/0" and cv162.params["key"] == "name.zh-CN"
    assert [(x.name, x.value) for x in conv.dropped] == [("name.zh-CN", "一")]


def test_the_entity_type_comes_from_type_then_properties_then_the_name(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    feats = [
        _feature("x1", point, type="Facility"),
        _feature("x2", point, type="设施"),
        _feature("x3", point, type="residential"),
        _feature("x4", point),
    ]
    conv = convert(_write(tmp_path / "things.geojson", feats), "geojson")
    assert [r["type"] for r in conv.records] == ["Facility", "Facility"]
    missing = _issues(conv, "CV150")
    assert [i.source for i in missing] == [
        "things.geojson#/features/2",
        "things.geojson#/features/3",
    ]
    assert "things.geojson" in missing[0].message("zh-CN")
    conv = convert(tmp_path / "things.geojson", "geojson", entity_type="Device")
    assert [r["type"] for r in conv.records] == ["Device"] * 4
    assert conv.records[2]["geojson:type"] == "residential"  # not a type: kept
    assert conv.records[0]["geojson:type"] == "Facility"  # --type wins; the other kept
    with pytest.raises(UsageError):
        convert(tmp_path / "things.geojson", "geojson", entity_type="Nope")


def test_properties_given_twice_or_not_json_numbers(tmp_path: Path) -> None:
    src = tmp_path / "buildings.geojson"
    src.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","id":"b1",'
        '"geometry":{"type":"Point","coordinates":[113.31,22.99]},'
        '"properties":{"name.zh-CN":"一","community_id":"c1","location.longitude":1,'
        '"floors_above":Infinity,"elevator_count":[1,2],"built_year":"去年"}}]}',
        encoding="utf-8",
    )
    conv = convert(src, "geojson")
    rec = conv.records[0]
    assert rec["location"]["coordinates"] == [113.31, 22.99]
    assert "floors_above" not in rec and "elevator_count" not in rec
    assert rec["built_year"] == "去年"  # kept as it was, like a bad cell, and reported
    base = "buildings.geojson#/features/0/properties/"
    assert {i.source for i in _issues(conv, "CV120")} == {
        base + "floors_above",
        base + "elevator_count",
        base + "built_year",
    }
    assert {x.source for x in conv.dropped} == {
        base + "location.longitude",
        base + "floors_above",
        base + "elevator_count",
    }
    _serialisable(conv)


def test_a_request_on_the_map(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.3162, 22.9946]}
    other = {"type": "Point", "coordinates": [1.0, 2.0]}
    req = _feature(
        "req-1",
        point,
        type="ServiceRequest",
        location={"building_id": "b1", "geometry": other},
        category="repair",
    )
    conv = convert(_write(tmp_path / "requests.geojson", [req]), "geojson")
    rec = conv.records[0]
    assert rec["location"] == {"geometry": point, "building_id": "b1"}
    (loss,) = conv.dropped
    assert loss.source == "requests.geojson#/features/0/properties/location/geometry"
    smap = conv.source_map()[0]["fields"]
    assert smap["/location/geometry"] == "requests.geojson#/features/0/geometry"
    assert smap["/location/building_id"] == "requests.geojson#/features/0/properties/location"


# ----------------------------------------------------------------------------- files


def test_rfc8142_text_sequences(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    a = json.dumps(_building("b1", point), ensure_ascii=False)
    b = json.dumps(_building("b2", point), ensure_ascii=False, indent=2)  # over several lines
    src = tmp_path / "buildings.geojsons"
    src.write_text(f"\x1e{a}\n\x1e{b}\n\x1e{{broken\n", encoding="utf-8")
    conv = convert(src, "geojson")
    assert [r["id"] for r in conv.records] == ["b1", "b2"]
    assert conv.source_map()[1]["source"] == "buildings.geojsons:2#"
    (bad,) = _issues(conv, "CV100")
    assert bad.source.startswith("buildings.geojsons:") and "not JSON" in bad.params["reason"]


def test_features_one_a_line_in_a_geojson_file(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    lines = [json.dumps(_building(f"b{i}", point)) for i in range(3)]
    src = tmp_path / "buildings.geojson"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    conv = convert(src, "geojson")
    assert [r["id"] for r in conv.records] == ["b0", "b1", "b2"] and conv.issues == []


def test_a_single_feature_and_a_bom(tmp_path: Path) -> None:
    src = tmp_path / "facilities.geojson"
    feat = _feature(
        "f1",
        {"type": "Point", "coordinates": [113.31, 22.99]},
        kind="clinic",
        name="卫生站",
        community_id="c1",
    )
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps(feat, ensure_ascii=False).encode())
    conv = convert(src, "geojson")
    assert conv.records[0]["name"] == {"zh-CN": "卫生站"}
    assert conv.source_map()[0]["source"] == "facilities.geojson#"
    assert conv.issues == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"type": "FeatureCollection", "features": [\xff]}', "not UTF-8 at byte 43 (line 1)"),
        (b"buildings,name\n1,x\n", "not JSON: Expecting value"),
        (b'{"type": "FeatureCollection", "features": [{"type": "Feature"}', "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"", "not JSON"),
    ],
)
def test_files_that_are_not_geojson(tmp_path: Path, content: bytes, reason: str) -> None:
    src = tmp_path / "buildings.geojson"
    src.write_bytes(content)
    conv = convert(src, "geojson")
    assert conv.records == []
    (issue,) = conv.issues
    assert issue.code == "CV100" and reason in issue.params["reason"], issue


def test_not_geojson_at_the_top(tmp_path: Path) -> None:
    src = tmp_path / "buildings.geojson"
    src.write_text("[1, 2]", encoding="utf-8")
    (issue,) = convert(src, "geojson").issues
    assert (issue.code, issue.params["reason"]) == ("CV103", "a JSON array, not an object")
    src.write_text(json.dumps({"type": "Polygon", "coordinates": SQUARE}), encoding="utf-8")
    (issue,) = convert(src, "geojson").issues
    assert "wrap it in a Feature" in issue.params["reason"]


def test_limits(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [113.31, 22.99]}
    src = _write(tmp_path / "buildings.geojson", [_building(f"b{i}", point) for i in range(5)])
    conv = convert(src, "geojson", limits=ConvertLimits(max_records=3))
    assert len(conv.records) == 3
    (cv101,) = _issues(conv, "CV101")
    assert cv101.source == "buildings.geojson#/features/3"
    conv = convert(src, "geojson", limits=ConvertLimits(max_bytes=100))
    assert conv.records == [] and conv.issues[0].code == "CV101"
    seq = tmp_path / "buildings.geojsonl"
    seq.write_text("\n".join(json.dumps(_building(f"b{i}", point)) for i in range(5)), "utf-8")
    conv = convert(seq, "geojson", limits=ConvertLimits(max_records=2))
    assert len(conv.records) == 2 and _issues(conv, "CV101")[0].source == "buildings.geojsonl:3#"


# ----------------------------------------------------------------------------- CLI


def test_cli_in_chinese_and_english(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "buildings.geojson",
        [_building("b1", {"type": "LineString", "coordinates": [[113.3, 22.9], [113.4, 22.9]]})],
    )
    out = tmp_path / "o.ndjson"
    code, text = _run("convert", str(src), "--from", "geojson", "-o", str(out), "--lang", "zh-CN")
    assert code == 1
    assert (
        "buildings.geojson#/features/0/geometry: error CV153 Building 无法容纳 LineString" in text
    )
    code, text = _run("convert", str(src), "--from", "geojson", "-o", str(out), "--lang", "en")
    assert code == 1 and "A LineString cannot go into a Building" in text
    assert "read 1, wrote 1" in text
    code, text = _run("convert", str(src), "--from", "geojson", "-o", str(out), "--type", "Nope")
    assert code == 2 and "Nope" in text


# ----------------------------------------------------------------------------- anything


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_geometry = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Point", "Polygon", "MultiPolygon", "LineString", "Nope"]),
        "coordinates": _json,
    }
)
_props = st.dictionaries(
    st.sampled_from(
        [
            "type",
            "id",
            "name",
            "名称",
            "name.zh-CN",
            "category",
            "floors_above",
            "location",
            "footprint",
            "location.longitude",
            "gz:x",
            "备注",
            "provenance",
            "community_id",
        ]
    ),
    _json | st.sampled_from(["Building", "Community", "Grid", "Facility"]),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        _json,
        st.fixed_dictionaries(
            {
                "type": st.just("Feature"),
                "id": _json,
                "geometry": st.one_of(st.none(), _geometry, _json),
                "properties": st.one_of(_props, _json),
            }
        ),
    )
)
def test_any_feature_converts_without_raising(feature: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "buildings.geojson"
        src.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
        conv = convert(src, "geojson", community_id="c1")
        _serialisable(conv)
        export(conv.records, "geojson")
