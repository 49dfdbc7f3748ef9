"""Public data from other systems, as they publish it (see data/SOURCE.md).

Each sample converts without a crash, every value lands in a field, in an
extension field, or in the report's ``dropped`` list with an issue.
"""

from __future__ import annotations

import json
from pathlib import Path

from smartstd.interchange import convert

DATA = Path(__file__).parent / "data"


def _kept(rec: dict[str, object], prefix: str) -> dict[str, object]:
    return {k: v for k, v in rec.items() if k.startswith(prefix + ":")}


def test_boston_open311_requests() -> None:
    conv = convert(DATA / "open311" / "boston-requests.json", "open311-json", community_id="c1")
    recs = conv.records
    assert [r["id"] for r in recs] == ["101003172420", "101003157572", "101003172188"]
    # the offset is kept as given: nothing is assumed
    assert recs[0]["submitted_at"] == "2020-01-17T16:58:06-05:00"
    assert not any(i.code == "CV123" for i in conv.issues)
    assert recs[0]["media_urls"] == [
        "https://311.boston.gov/media/boston/report/photos/5e222de375052c479c6faee8/report.jpg"
    ]
    assert recs[0]["location"]["geometry"]["coordinates"] == [-71.06198762635442, 42.3086163890619]
    assert "description" not in recs[0] and recs[1]["description"] == "Blocking intersection"
    assert recs[1]["status"] == "closed" and recs[0]["status"] == "submitted"
    assert _kept(recs[1], "open311")["open311:status_notes"].startswith("Case Resolved.")
    # Boston's service codes are not in the default crosswalk: said per request, never silent
    assert [i.code for i in conv.issues] == ["CV300"] * 3
    assert conv.dropped == []


def test_an_open311_media_url_list_of_objects(tmp_path: Path) -> None:
    """Boston's newer (Salesforce) API answers media_url as a list of objects with url, id, tags."""
    src = tmp_path / "requests.json"
    media = [{"id": "a0i1", "url": "https://example.org/photo.png", "tags": ["Create"]}]
    src.write_text(
        json.dumps([{"service_request_id": "200012223", "status": "open", "media_url": media}]),
        encoding="utf-8",
    )
    (rec,) = convert(src, "open311-json", community_id="c1").records
    assert rec["media_urls"] == ["https://example.org/photo.png"]
    assert rec["open311:media_url"] == media  # the ids and tags stay too


def test_an_open311_post_response_with_only_an_id() -> None:
    conv = convert(
        DATA / "open311" / "fixmystreet-post-response.xml", "open311-xml", community_id="c1"
    )
    (rec,) = conv.records
    assert rec["id"] == "248"
    missing = sorted(i.params["field"] for i in conv.issues if i.code == "CV124")
    assert missing == ["category", "status"]
    assert {i.source for i in conv.issues} == {"fixmystreet-post-response.xml:1"}


def test_ngsi_ld_key_values_with_expanded_names() -> None:
    """A broker's answer with no context: names, the type and the category are full IRIs."""
    conv = convert(
        DATA / "ngsi-ld" / "fiware-tutorial-buildings-expanded.jsonld", "ngsi-ld", community_id="c1"
    )
    recs = conv.records
    assert [(r["type"], r["id"]) for r in recs] == [
        ("Building", "store001"),
        ("Building", "store002"),
    ]
    # the category IRI is read by its term (it was CV300 and "other")
    assert [r["category"] for r in recs] == ["commercial", "commercial"]
    assert not any(i.code == "CV300" for i in conv.issues)
    # the address's expanded keys are read too (postal_address was missing)
    assert recs[1]["postal_address"] == {
        "province": "Berlin",
        "city": "Kreuzberg",
        "road": "Friedrichstraße 44",
    }
    assert recs[0]["fiware:category"] == "https://uri.fiware.org/ns/data-models#commercial"
    assert recs[0]["name"] == {"zh-CN": "Bösebrücke Einkauf"}
    assert conv.dropped == []


def test_ngsi_ld_normalized_with_a_sub_property() -> None:
    conv = convert(
        DATA / "ngsi-ld" / "fiware-tutorial-store001.jsonld", "ngsi-ld", community_id="c1"
    )
    (rec,) = conv.records
    assert rec["category"] == "commercial" and rec["postal_address"]["city"] == "Prenzlauer Berg"
    assert [(x.name, x.source) for x in conv.dropped] == [
        ("address (verified)", "fiware-tutorial-store001.jsonld#/address")
    ]


def test_ngsi_ld_of_a_type_the_standard_has_not() -> None:
    conv = convert(
        DATA / "ngsi-ld" / "fiware-tutorial-shelf-expanded.jsonld", "ngsi-ld", community_id="c1"
    )
    assert conv.records == []
    (issue,) = conv.issues
    assert issue.code == "CV200" and "'Shelf'" in issue.message()  # the type's IRI compacted
    assert [x.name for x in conv.dropped] == ["urn:ngsi-ld:Shelf:unit001"]


def test_ngsi_ld_context_as_string_list_object_or_none(tmp_path: Path) -> None:
    """The @context of an entity is never fetched, whatever its form."""
    base = json.loads((DATA / "ngsi-ld" / "fiware-tutorial-store001.jsonld").read_text("utf-8"))
    contexts = [
        "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld",
        ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"],
        {"schema": "https://schema.org/", "name": "schema:name"},
        None,
    ]
    for n, ctx in enumerate(contexts):
        ent = {k: v for k, v in base.items() if k != "@context"}
        if ctx is not None:
            ent["@context"] = ctx
        src = tmp_path / f"e{n}.jsonld"
        src.write_text(json.dumps(ent), encoding="utf-8")
        (rec,) = convert(src, "ngsi-ld", community_id="c1").records
        assert (rec["id"], rec["category"]) == ("store001", "commercial"), ctx


def test_geojson_as_datav_geoatlas_writes_it(tmp_path: Path) -> None:
    """DataV GeoAtlas (Aliyun) writes each area as a MultiPolygon, with adcode, center, parent ..."""
    ring = [[113.30, 22.90], [113.45, 22.90], [113.45, 23.05], [113.30, 23.05], [113.30, 22.90]]
    islet = [[113.50, 22.80], [113.55, 22.80], [113.55, 22.85], [113.50, 22.85], [113.50, 22.80]]
    props = {
        "adcode": 440113,
        "name": "番禺区",
        "center": [113.364619, 22.938582],
        "centroid": [113.389576, 22.967217],
        "childrenNum": 0,
        "level": "district",
        "parent": {"adcode": 440100},
        "subFeatureIndex": 10,
        "acroutes": [100000, 440000, 440100],
    }
    feats = [
        {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring]]},
        },
        {
            "type": "Feature",
            "properties": {**props, "name": "有岛的区"},
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring], [islet]]},
        },
    ]
    src = tmp_path / "communities.geojson"
    src.write_text(
        json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False), "utf-8"
    )
    conv = convert(src, "geojson")
    one, two = conv.records
    # a MultiPolygon of one polygon is that Polygon (it was CV153, the boundary dropped)
    assert one["boundary"] == {"type": "Polygon", "coordinates": [ring]}
    assert {"field": "/boundary", "method": "derived"}.items() <= one["provenance"]["imputed"][
        -1
    ].items()
    assert one["centroid"] == [113.389576, 22.967217] and one["geojson:adcode"] == 440113
    assert one["geojson:parent"] == {"adcode": 440100}
    # two polygons cannot be one boundary: said and listed, as before
    assert "boundary" not in two
    assert ("CV153", "communities.geojson#/features/1/geometry") in {
        (i.code, i.source) for i in conv.issues
    }
    assert [x.source for x in conv.dropped] == ["communities.geojson#/features/1/geometry"]


def test_open311_as_servers_vary(tmp_path: Path) -> None:
    """A number id, a token before the id, OPEN in capitals, offsets +08 and +0800, Z."""
    reqs = [
        {
            "service_request_id": 638344,
            "status": "open",
            "requested_datetime": "2010-04-14T06:37:38Z",
        },
        {"token": "12345", "status": "OPEN", "requested_datetime": "2026-05-01T09:30:00+0800"},
        {
            "service_request_id": "x1",
            "status": "Closed",
            "requested_datetime": "2026-05-01T09:30:00.5+08",
        },
        {"service_request_id": None, "status": "open"},
    ]
    src = tmp_path / "requests.json"
    src.write_text(json.dumps({"service_requests": reqs}), encoding="utf-8")
    conv = convert(src, "open311-json", community_id="c1")
    recs = conv.records
    assert [r.get("id") for r in recs] == ["638344", "token-12345", "x1", None]
    assert [r["status"] for r in recs] == ["submitted", "submitted", "closed", "submitted"]
    assert [r.get("submitted_at") for r in recs] == [
        "2010-04-14T06:37:38Z",
        "2026-05-01T09:30:00+08:00",
        "2026-05-01T09:30:00.5+08:00",
        None,
    ]
    assert recs[1]["open311:token"] == "12345"  # the token stays beside the id made from it
    made = [i for i in recs[1]["provenance"]["imputed"] if i["field"] == "/id"]
    assert [i["method"] for i in made] == ["derived"]
    said = {(i.code, i.source, i.params.get("field")) for i in conv.issues}
    assert ("CV124", "requests.json#/3", "service_request_id") in said  # no id, no token
    assert not any(i.code in ("CV120", "CV300") and "status" in i.source for i in conv.issues)
