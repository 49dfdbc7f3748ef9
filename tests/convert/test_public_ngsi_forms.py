"""NGSI-LD as brokers really answer: system attributes, concise objects, multi-attributes.

Orion-LD, Scorpio and Stellio answer ``GET /ngsi-ld/v1/entities?options=sysAttrs``
with ``createdAt`` and ``modifiedAt`` beside the attributes, and
``format=concise`` with a Property that has sub-attributes as
``{"value": ..., "unitCode": ...}`` (no ``type``). Both were misread: every
attribute of the entity became a whole object (four CV120 errors and no
Observation value), or the concise reading was lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from smartstd.interchange import convert, export
from smartstd.standard._base import TIMESTAMP_PATTERN

CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"


def _write(tmp_path: Path, entities: list[dict[str, Any]], name: str = "e.jsonld") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(entities), encoding="utf-8")
    return path


def _measurement(**attrs: Any) -> dict[str, Any]:
    return {"id": "urn:ngsi-ld:DeviceMeasurement:m1", "type": "DeviceMeasurement", **attrs}


def test_normalized_entity_with_system_attributes_is_read_as_normalized(tmp_path: Path) -> None:
    ent = _measurement(
        createdAt="2024-01-01T00:00:00Z",
        modifiedAt="2024-01-02T00:00:00Z",
        refDevice={"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
        dateObserved={
            "type": "Property",
            "value": {"@type": "DateTime", "@value": "2024-03-05T08:05:00Z"},
        },
        controlledProperty={"type": "Property", "value": "temperature"},
        numValue={"type": "Property", "value": 20.5, "unitCode": "CEL"},
        **{"@context": CORE},
    )
    conv = convert(_write(tmp_path, [ent]), "ngsi-ld")
    assert [i.code for i in conv.issues] == []
    (rec,) = conv.records
    assert (rec["device_id"], rec["observed_at"], rec["property"]) == (
        "d1",
        "2024-03-05T08:05:00Z",
        "temperature",
    )
    assert (rec["value"], rec["unit"]) == (20.5, "Cel")
    # the broker's own times are kept, never lost and never taken for readings
    assert rec["fiware:createdAt"] == "2024-01-01T00:00:00Z"
    assert rec["fiware:modifiedAt"] == "2024-01-02T00:00:00Z"


def test_concise_property_with_sub_attributes(tmp_path: Path) -> None:
    ent = _measurement(
        refDevice={"object": "urn:ngsi-ld:Device:d1", "observedAt": "2024-03-05T08:00:00Z"},
        dateObserved="2024-03-05T08:05:00Z",
        controlledProperty="temperature",
        numValue={"value": 20.5, "unitCode": "CEL", "observedAt": "2024-03-05T08:05:00Z"},
        **{"@context": [CORE]},
    )
    conv = convert(_write(tmp_path, [ent]), "ngsi-ld")
    assert [i.code for i in conv.issues] == []
    (rec,) = conv.records
    assert (rec["device_id"], rec["value"], rec["unit"]) == ("d1", 20.5, "Cel")
    assert "fiware:numValue" not in rec
    # the sub-attributes that have no place are said, with their values
    dropped = {(x.name, x.value) for x in conv.dropped}
    assert ("numValue (observedAt)", '{"observedAt": "2024-03-05T08:05:00Z"}') in dropped
    assert ("refDevice (observedAt)", '{"observedAt": "2024-03-05T08:00:00Z"}') in dropped


def test_newer_attribute_types_normalized_and_concise(tmp_path: Path) -> None:
    """VocabProperty, ListProperty (NGSI-LD 1.8) are attributes too, in both forms."""
    normalized = {
        "id": "urn:ngsi-ld:Building:b1",
        "type": "Building",
        "name": {"type": "LanguageProperty", "languageMap": {"zh-CN": "一号楼", "en": "Block 1"}},
        "category": {"type": "VocabProperty", "vocab": "residential"},
        "floorsAboveGround": {"type": "Property", "value": 9},
        "alias": {"type": "ListProperty", "valueList": ["A", "B"]},
        "@context": CORE,
    }
    concise = {
        "id": "urn:ngsi-ld:Building:b2",
        "type": "Building",
        "name": {"languageMap": {"zh-CN": "二号楼"}},
        "category": {"vocab": "residential"},
        "floorsAboveGround": {"value": 9},
        "alias": {"valueList": ["C"]},
        "@context": CORE,
    }
    conv = convert(_write(tmp_path, [normalized, concise]), "ngsi-ld", community_id="c1")
    one, two = conv.records
    assert one["name"] == {"zh-CN": "一号楼", "en": "Block 1"} and two["name"] == {
        "zh-CN": "二号楼"
    }
    assert one["category"] == two["category"] == "residential"
    assert one["floors_above"] == two["floors_above"] == 9
    assert (one["fiware:alias"], two["fiware:alias"]) == (["A", "B"], ["C"])


def test_further_instances_of_a_multi_attribute_are_dropped_with_their_values(
    tmp_path: Path,
) -> None:
    ent = {
        "id": "urn:ngsi-ld:Building:b1",
        "type": "Building",
        "floorsAboveGround": [
            {"type": "Property", "value": 9, "datasetId": "urn:ngsi-ld:Dataset:survey"},
            {"type": "Property", "value": 10, "datasetId": "urn:ngsi-ld:Dataset:permit"},
        ],
        "@context": CORE,
    }
    conv = convert(_write(tmp_path, [ent]), "ngsi-ld", community_id="c1")
    assert conv.records[0]["floors_above"] == 9
    (further,) = [x for x in conv.dropped if "further instance" in x.reason]
    assert "urn:ngsi-ld:Dataset:permit" in further.value and '"value": 10' in further.value


def test_export_writes_a_time_without_offset_as_the_time_read(tmp_path: Path) -> None:
    """The source's ``2016-03-15T11:00:00`` is no NGSI DateTime; the time read (+08:00) goes out."""
    ent = _measurement(
        refDevice={"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
        dateObserved={"type": "Property", "value": "2016-03-15T11:00:00"},
        controlledProperty={"type": "Property", "value": "temperature"},
        numValue={"type": "Property", "value": 12.2},
        **{"@context": CORE},
    )
    records = convert(_write(tmp_path, [ent]), "ngsi-ld").records
    assert records[0]["observed_at"] == "2016-03-15T11:00:00+08:00"
    (out,) = json.loads(export(records, "ngsi-ld", key_values=True))
    assert out["dateObserved"] == "2016-03-15T11:00:00+08:00" and re.match(
        TIMESTAMP_PATTERN, out["dateObserved"]
    )
    again = convert(_write(tmp_path, [out], "again.jsonld"), "ngsi-ld").records
    assert again[0]["observed_at"] == records[0]["observed_at"]


def test_ngsi_v2_simple_location_formats(tmp_path: Path) -> None:
    """Orion's ``geo:point`` is ``"latitude, longitude"`` text; it was kept as text, no location."""
    entities = [
        {
            "id": "Building:1",
            "type": "Building",
            "name": {"type": "Text", "value": "一号楼"},
            "location": {"type": "geo:point", "value": "23.1, 113.3", "metadata": {}},
        },
        {
            "id": "Building:2",
            "type": "Building",
            "location": {
                "type": "geo:polygon",
                "value": ["23.1,113.3", "23.1,113.4", "23.2,113.4", "23.1,113.3"],
            },
        },
        {  # not lat, lon: kept as written, never a wrong point
            "id": "Building:3",
            "type": "Building",
            "location": {"type": "geo:point", "value": "113.3, 23.1, 5"},
        },
    ]
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(entities, ensure_ascii=False), encoding="utf-8")
    one, two, three = convert(path, "ngsi-v2", community_id="c1").records
    assert one["location"] == {"type": "Point", "coordinates": [113.3, 23.1]}
    assert two["footprint"]["coordinates"][0][:2] == [[113.3, 23.1], [113.4, 23.1]]
    assert "location" not in three and three["fiware:location"] == "113.3, 23.1, 5"


def test_json_ld_graph_and_ngsi_ld_geojson_answers(tmp_path: Path) -> None:
    """``{"@context", "@graph"}`` and ``Accept: application/geo+json`` answers hold entities too.

    Both were one "entity" without id or type (CV201), nothing converted.
    """
    building = {"id": "urn:ngsi-ld:Building:b1", "type": "Building"}
    name = {"type": "Property", "value": "一号楼"}
    graph = tmp_path / "graph.jsonld"
    graph.write_text(
        json.dumps({"@context": CORE, "@graph": [{**building, "name": name}]}), encoding="utf-8"
    )
    conv = convert(graph, "ngsi-ld", community_id="c1")
    assert [r["name"] for r in conv.records] == [{"zh-CN": "一号楼"}] and conv.issues == []
    assert conv.source_map()[0]["source"] == "graph.jsonld#/@graph/0"
    point = {"type": "Point", "coordinates": [113.3, 23.1]}
    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": building["id"],
                "geometry": point,
                "properties": {
                    "type": "Building",
                    "name": name,
                    "location": {"type": "GeoProperty", "value": point},
                },
            },
            {"type": "Feature", "id": "urn:ngsi-ld:Building:b2", "geometry": None},
        ],
        "@context": CORE,
    }
    geo = tmp_path / "answer.geojson"
    geo.write_text(json.dumps(features), encoding="utf-8")
    conv = convert(geo, "ngsi-ld", community_id="c1")
    (rec,) = conv.records
    assert (rec["id"], rec["name"], rec["location"]) == ("b1", {"zh-CN": "一号楼"}, point)
    (said,) = conv.issues
    assert (said.code, said.source) == ("CV103", "answer.geojson#/features/1")
    assert "缺少 properties" in said.message("zh-CN")


def test_a_temporal_answer_becomes_one_reading_per_instant(tmp_path: Path) -> None:
    """``GET /ngsi-ld/v1/temporal/entities``: each attribute a list of instances in time.

    On the old code the first instance became an Observation and the others
    were dropped (a day of readings became one).
    """
    measurement = _measurement(
        refDevice={"type": "Relationship", "object": "urn:ngsi-ld:Device:d1"},
        controlledProperty={"type": "Property", "value": "temperature"},
        numValue=[
            {"type": "Property", "value": 20.5, "observedAt": "2024-03-05T08:00:00Z"},
            {"type": "Property", "value": 21.0, "observedAt": "2024-03-05T09:00:00Z"},
            {"type": "Property", "value": 22.5, "observedAt": "2024-03-05T10:00:00Z"},
        ],
        **{"@context": CORE},
    )
    air = {  # options=temporalValues: [value, time] pairs
        "id": "urn:ngsi-ld:AirQualityObserved:aq1",
        "type": "AirQualityObserved",
        "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:aq1"},
        "no2": {
            "type": "Property",
            "values": [[41, "2024-03-05T08:00:00Z"], [45, "2024-03-05T09:00:00Z"]],
        },
        "@context": CORE,
    }
    conv = convert(_write(tmp_path, [measurement, air]), "ngsi-ld")
    recs = conv.records
    assert [(r["observed_at"][11:16], r["property"], r["value"]) for r in recs] == [
        ("08:00", "temperature", 20.5),
        ("09:00", "temperature", 21.0),
        ("10:00", "temperature", 22.5),
        ("08:00", "no2", 41),
        ("09:00", "no2", 45),
    ]
    assert len({r["id"] for r in recs}) == 5 and recs[0]["id"] == "m1:20240305T080000Z"
    said = [(i.code, i.source, i.params["count"]) for i in conv.issues if i.code == "CV131"]
    assert said == [("CV131", "e.jsonld#/0", 3), ("CV131", "e.jsonld#/1", 2)]
    assert "3 个时间点" in conv.issues[0].message("zh-CN")
    assert not [x for x in conv.dropped if "further instance" in x.reason]
