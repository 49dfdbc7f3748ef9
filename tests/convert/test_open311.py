from __future__ import annotations

import json
from pathlib import Path

import pytest
from convertdata import OPEN311

from smartstd.interchange import convert, export, services_crosswalk
from smartstd.interchange.crosswalk import load_crosswalk
from smartstd.interchange.open311 import REQUEST_FIELDS


def _xml_requests(text: str) -> list[dict[str, str]]:
    from smartstd.interchange._xml import parse

    root = parse(text.encode("utf-8"))
    return [{el.tag: el.text for el in req.children} for req in root.children]


def _same(a: object, b: object) -> bool:
    try:
        return float(a) == float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(a) == str(b)


@pytest.mark.parametrize("name", ["requests.json", "requests.xml"])
def test_open311_to_scds_to_open311_keeps_every_spec_field(name: str, tmp_path: Path) -> None:
    fmt = "open311-xml" if name.endswith(".xml") else "open311-json"
    conv = convert(OPEN311 / name, fmt, community_id="c1")
    assert conv.errors == 0 and conv.lossless
    out = tmp_path / "scds.json"
    conv.write(out)
    if fmt == "open311-json":
        original = json.loads((OPEN311 / name).read_text(encoding="utf-8"))
        back = json.loads(export(out, "open311"))
    else:
        original = _xml_requests((OPEN311 / name).read_text(encoding="utf-8"))
        back = _xml_requests(export(out, "open311", xml=True))
    assert len(back) == len(original)
    for src, got in zip(original, back, strict=True):
        for field in REQUEST_FIELDS:
            if src.get(field) in (None, ""):
                continue
            assert field in got, field
            assert _same(src[field], got[field]), (field, src[field], got[field])


def test_open311_fields_land_in_fields_or_under_their_own_names() -> None:
    rec = convert(OPEN311 / "requests.xml", "open311-xml", community_id="c1").records[0]
    assert rec["id"] == "638344"
    assert rec["category"] == "repair"
    assert rec["status"] == "closed"
    assert rec["submitted_at"] == "2010-04-14T06:37:38-08:00"
    assert rec["location"]["geometry"]["coordinates"] == [-122.4651145, 37.762221815]
    assert rec["open311:status_notes"] == "Duplicate request."
    assert rec["open311:zipcode"] == "94122"
    imputed = {i["field"]: i["method"] for i in rec["provenance"]["imputed"]}
    assert imputed == {
        "/status": "crosswalk",
        "/category": "crosswalk",
        "/channel": "default",
        "/community_id": "default",
        **({"/history": "derived"} if "history" in rec else {}),
    }


def test_scds_to_open311_keeps_what_open311_has_no_field_for(tmp_path: Path) -> None:
    rec = {
        "type": "ServiceRequest",
        "id": "r1",
        "community_id": "c1",
        "category": "repair",
        "channel": "wechat",
        "submitted_at": "2026-05-01T09:00:00+08:00",
        "status": "resolved",
        "requester_id": "res-1",
        "satisfaction": 4,
        "events": [{"at": "2026-05-01T09:00:00+08:00", "status": "submitted"}],
        "response": {"text": "已修复", "at": "2026-05-02T09:00:00+08:00"},
    }
    out = json.loads(export([rec], "open311"))[0]
    assert out["status"] == "closed" and out["status_notes"] == "已修复"
    ext = out["extended_attributes"]
    assert (
        ext["events"] == rec["events"] and ext["satisfaction"] == 4 and ext["channel"] == "wechat"
    )
    src = tmp_path / "back.json"
    src.write_text(json.dumps([out]), encoding="utf-8")
    back = convert(src, "open311-json").records[0]
    for key in (
        "category",
        "channel",
        "status",
        "requester_id",
        "satisfaction",
        "events",
        "response",
        "community_id",
    ):
        assert back[key] == rec[key], key


def test_xml_with_an_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        "<service_requests><request><service_request_id>&lol2;</service_request_id></request></service_requests>\n",
        encoding="utf-8",
    )
    conv = convert(bomb, "open311-xml")
    assert [(i.code, i.source) for i in conv.issues] == [("CV102", "bomb.xml:2")]
    assert conv.records == []
    external = tmp_path / "ext.xml"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://example.org/x.dtd"><r/>', encoding="utf-8"
    )
    assert [i.code for i in convert(external, "open311-xml").issues] == ["CV102"]


def test_broken_xml_and_json_say_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<service_requests><request></service_requests>", encoding="utf-8")
    conv = convert(bad, "open311-xml")
    assert [i.code for i in conv.issues] == ["CV100"] and "line 1" in conv.issues[0].message()
    worse = tmp_path / "bad.json"
    worse.write_text('[{"service_request_id": 1,}]', encoding="utf-8")
    conv = convert(worse, "open311-json")
    assert [i.code for i in conv.issues] == ["CV100"] and "line 1, column" in conv.issues[
        0
    ].message()


def test_a_service_list_becomes_a_crosswalk(tmp_path: Path) -> None:
    text, guessed = services_crosswalk(OPEN311 / "services.xml")
    path = tmp_path / "cw.yaml"
    path.write_text(text, encoding="utf-8")
    cw = load_crosswalk(path)
    assert cw.table("open311.service_code").map == {"001": "environment", "002": "repair"}
    assert guessed == []
    assert "Cans left out 24x7" in text
